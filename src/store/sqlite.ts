// SQLite adapter (Node, better-sqlite3 12): the default durable store.
//
// Durability: WAL journal with synchronous=NORMAL by default. In WAL mode a
// commit is in the WAL file (the OS page cache) before the call returns, so
// every write answered with 2xx survives a crash or kill of the process (the
// SIGKILL test in test/store/sqlite.test.ts shows it). What NORMAL gives up
// is the last commits on a power loss or kernel crash; FULL (SQLITE_SYNCHRONOUS
// =FULL) fsyncs each commit and closes that gap too, but measured 2.96 ms per
// chat turn against 0.25 ms here, and better-sqlite3 blocks the event loop
// for that time, so it caps the whole server near 300 turns/s.
// busy_timeout lets a second process (e.g. `npm run export-answers`) wait for
// the lock instead of failing.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TurnMemory } from '../engine/conversation.js';
import { migrate } from './migrate-node.js';
import { toEscalation, toFeedback, toMail, toStaffAnswer, type Row } from './rows.js';
import type {
  Contact, NewMail, NewStaffAnswer, StaffAnswer, Stats, Store, TranscriptTurn,
} from './types.js';

export interface SqliteStoreOptions {
  /** Folder of numbered .sql migrations. Default: the repository's migrations/. */
  migrationsDir?: string;
  /** SQLite synchronous mode. Default NORMAL (see above); FULL also survives power loss. */
  synchronous?: 'NORMAL' | 'FULL';
}

function defaultMigrationsDir(): string {
  // From src/store (tsx, vitest) the folder is two levels up; from the
  // bundled dist/server.js it is next to the working directory.
  const here = fileURLToPath(new URL('../../migrations/', import.meta.url));
  return existsSync(here) ? here : resolve('migrations');
}

// Row mapping is shared with the D1 adapter (same schema): see rows.ts.

/** Open (creating folder, file and schema as needed) the store at `path`; ':memory:' for a throwaway one. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store & { db: Database.Database } {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db, options.migrationsDir ?? defaultMigrationsDir());

  const q = {
    lastMemory: db.prepare('SELECT memory FROM conversations WHERE id = ?'),
    upsertConversation: db.prepare(`INSERT INTO conversations (id, created_at, updated_at, memory) VALUES (@id, @now, @now, @memory)
      ON CONFLICT (id) DO UPDATE SET updated_at = @now, memory = coalesce(@memory, memory)`),
    insertTurn: db.prepare(`INSERT INTO turns (conversation_id, question, answer, escalated, confidence, staff_answer_id, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    insertEscalation: db.prepare(`INSERT INTO escalations (id, conversation_id, question, status, created_at) VALUES (?, ?, ?, 'open', ?)`),
    transcript: db.prepare('SELECT question, answer, escalated, created_at FROM turns WHERE conversation_id = ? ORDER BY id'),
    escalation: db.prepare('SELECT e.*, c.email, c.name, c.message FROM escalations e LEFT JOIN contacts c ON c.escalation_id = e.id WHERE e.id = ?'),
    escalationsAll: db.prepare('SELECT e.*, c.email, c.name, c.message FROM escalations e LEFT JOIN contacts c ON c.escalation_id = e.id ORDER BY e.created_at DESC, e.rowid DESC'),
    escalationsBy: db.prepare('SELECT e.*, c.email, c.name, c.message FROM escalations e LEFT JOIN contacts c ON c.escalation_id = e.id WHERE e.status = ? ORDER BY e.created_at DESC, e.rowid DESC'),
    upsertContact: db.prepare(`INSERT INTO contacts (escalation_id, email, name, message, created_at) VALUES (@id, @email, @name, @message, @now)
      ON CONFLICT (escalation_id) DO UPDATE SET email = @email, name = @name, message = @message, created_at = @now`),
    forward: db.prepare(`UPDATE escalations SET status = CASE WHEN status = 'resolved' THEN status ELSE 'forwarded' END, forwarded_at = ? WHERE id = ?`),
    enqueue: db.prepare(`INSERT INTO outbox (escalation_id, to_address, reply_to_address, reply_to_name, subject, body, status, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`),
    resolve: db.prepare(`UPDATE escalations SET status = 'resolved', resolved_at = ?, staff_answer_id = coalesce(?, staff_answer_id) WHERE id = ?`),
    staffAnswers: db.prepare('SELECT * FROM staff_answers ORDER BY id'),
    staffAnswer: db.prepare('SELECT * FROM staff_answers WHERE id = ?'),
    insertStaffAnswer: db.prepare('INSERT INTO staff_answers (question, answer, source_url, escalation_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
    updateStaffAnswer: db.prepare('UPDATE staff_answers SET question = ?, answer = ?, source_url = ?, updated_at = ? WHERE id = ?'),
    deleteStaffAnswer: db.prepare('DELETE FROM staff_answers WHERE id = ?'),
    lastTurnRow: db.prepare('SELECT id, question, answer FROM turns WHERE conversation_id = ? ORDER BY id DESC LIMIT 1'),
    insertFeedback: db.prepare('INSERT INTO feedback (conversation_id, turn_id, question, answer, helpful, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    feedbackAll: db.prepare('SELECT * FROM feedback ORDER BY created_at DESC, id DESC'),
    feedbackBy: db.prepare('SELECT * FROM feedback WHERE helpful = ? ORDER BY created_at DESC, id DESC'),
    claim: db.prepare(`UPDATE outbox SET next_attempt_at = @until, attempts = attempts + 1
      WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit)
      RETURNING *`),
    sent: db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?`),
    failed: db.prepare(`UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'pending'`),
    outbox: db.prepare('SELECT * FROM outbox ORDER BY id DESC LIMIT ?'),
    counts: db.prepare('SELECT count(*) AS asked, coalesce(sum(escalated), 0) AS escalated FROM turns WHERE created_at >= ?'),
    top: db.prepare(`SELECT min(question) AS question, count(*) AS count FROM turns WHERE escalated = 1 AND created_at >= ?
      GROUP BY lower(trim(question)) ORDER BY count DESC, max(created_at) DESC LIMIT ?`),
  };

  const forwardTx = db.transaction((id: string, contact: Contact, mail: NewMail, now: number) => {
    if (!q.escalation.get(id)) return undefined;
    q.upsertContact.run({ id, email: contact.email, name: contact.name ?? null, message: contact.message ?? null, now });
    q.forward.run(now, id);
    q.enqueue.run(id, mail.to, mail.replyTo?.address ?? null, mail.replyTo?.name ?? null, mail.subject, mail.text, now, now);
    return toEscalation(q.escalation.get(id) as Row);
  });

  const resolveTx = db.transaction((ids: string[], answer: NewStaffAnswer | undefined, now: number) => {
    const [first] = ids;
    if (first === undefined || !q.escalation.get(first)) return undefined;
    let staffAnswer: StaffAnswer | undefined;
    if (answer) {
      const { lastInsertRowid } = q.insertStaffAnswer.run(answer.question, answer.answer, answer.sourceUrl ?? null, first, now, now);
      staffAnswer = toStaffAnswer(q.staffAnswer.get(lastInsertRowid) as Row);
    }
    const resolved = ids.filter((id) => q.resolve.run(now, staffAnswer?.id ?? null, id).changes > 0);
    return { resolved, staffAnswer };
  });

  const purgeTx = db.transaction((before: number) => {
    let deleted = 0;
    for (const sql of [
      'DELETE FROM turns WHERE created_at < ?',
      'DELETE FROM conversations WHERE updated_at < ?',
      'DELETE FROM feedback WHERE created_at < ?',
      "DELETE FROM outbox WHERE status = 'sent' AND created_at < ?",
      "DELETE FROM escalations WHERE status = 'resolved' AND created_at < ?",
    ]) deleted += db.prepare(sql).run(before).changes;
    return { deleted };
  });

  return {
    db,
    async lastTurn(id) {
      const row = q.lastMemory.get(id) as { memory: string | null } | undefined;
      return row?.memory ? (JSON.parse(row.memory) as TurnMemory) : undefined;
    },
    async recordTurn(turn) {
      const now = Date.now();
      return db.transaction(() => {
        q.upsertConversation.run({ id: turn.conversationId, now, memory: turn.memory ? JSON.stringify(turn.memory) : null });
        q.insertTurn.run(turn.conversationId, turn.question, turn.answer, turn.escalated ? 1 : 0, turn.confidence, turn.staffAnswerId ?? null, now);
        if (!turn.escalated) return {};
        const escalationId = crypto.randomUUID();
        q.insertEscalation.run(escalationId, turn.conversationId, turn.question, now);
        return { escalationId };
      })();
    },
    async transcript(id) {
      return (q.transcript.all(id) as Row[]).map((r): TranscriptTurn => ({
        question: r.question as string, answer: r.answer as string, escalated: r.escalated === 1, createdAt: r.created_at as number,
      }));
    },
    async getEscalation(id) {
      const row = q.escalation.get(id) as Row | undefined;
      return row ? toEscalation(row) : undefined;
    },
    async listEscalations(status) {
      return ((status ? q.escalationsBy.all(status) : q.escalationsAll.all()) as Row[]).map(toEscalation);
    },
    async forwardEscalation(id, contact, mail, now = Date.now()) {
      return forwardTx(id, contact, mail, now);
    },
    async resolveEscalations(ids, answer, now = Date.now()) {
      return resolveTx(ids, answer, now);
    },
    async listStaffAnswers() {
      return (q.staffAnswers.all() as Row[]).map(toStaffAnswer);
    },
    async addStaffAnswer(a, now = Date.now()) {
      const { lastInsertRowid } = q.insertStaffAnswer.run(a.question, a.answer, a.sourceUrl ?? null, null, now, now);
      return toStaffAnswer(q.staffAnswer.get(lastInsertRowid) as Row);
    },
    async updateStaffAnswer(id, change, now = Date.now()) {
      const row = q.staffAnswer.get(id) as Row | undefined;
      if (!row) return undefined;
      const cur = toStaffAnswer(row);
      const sourceUrl = 'sourceUrl' in change ? change.sourceUrl : cur.sourceUrl;
      q.updateStaffAnswer.run(change.question ?? cur.question, change.answer ?? cur.answer, sourceUrl ?? null, now, id);
      return toStaffAnswer(q.staffAnswer.get(id) as Row);
    },
    async removeStaffAnswer(id) {
      return q.deleteStaffAnswer.run(id).changes > 0;
    },
    async recordFeedback({ conversationId, helpful, comment }, now = Date.now()) {
      const turn = q.lastTurnRow.get(conversationId) as Row | undefined;
      if (!turn) return undefined;
      const { lastInsertRowid } = q.insertFeedback.run(conversationId, turn.id, turn.question, turn.answer, helpful ? 1 : 0, comment ?? null, now);
      return { id: Number(lastInsertRowid), conversationId, question: turn.question as string, answer: turn.answer as string, helpful, comment, createdAt: now };
    },
    async listFeedback(helpful) {
      return ((helpful === undefined ? q.feedbackAll.all() : q.feedbackBy.all(helpful ? 1 : 0)) as Row[]).map(toFeedback);
    },
    async claimMail(now, leaseMs, limit) {
      return (q.claim.all({ now, until: now + leaseMs, limit }) as Row[]).map(toMail).sort((a, b) => a.id - b.id);
    },
    async markMailSent(id, now = Date.now()) {
      q.sent.run(now, id);
    },
    async markMailFailed(id, error, retryAt) {
      q.failed.run(retryAt, error.slice(0, 500), id);
    },
    async listOutbox(limit = 100) {
      return (q.outbox.all(limit) as Row[]).map(toMail);
    },
    async stats(since, top = 5): Promise<Stats> {
      const c = q.counts.get(since) as { asked: number; escalated: number };
      const answered = c.asked - c.escalated;
      return {
        since, asked: c.asked, answered, escalated: c.escalated,
        answeredRate: c.asked ? answered / c.asked : 0,
        topUnanswered: (q.top.all(since, top) as { question: string; count: number }[]).map((r) => ({ question: r.question, count: r.count })),
      };
    },
    async purge(before) {
      return purgeTx(before);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
