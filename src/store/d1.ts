// D1 store (Workers): the Store interface over Cloudflare D1, on the same
// schema (migrations/) and the same row mapping (rows.ts) as the SQLite
// adapter. Everything a request needs, conversation context included, is read
// from D1, never from isolate memory: consecutive requests of one visitor may
// land on different isolates or data centres.
//
// D1 has no interactive transactions, only batches (one transaction, no
// reads in between). So each multi-step method is written as a batch whose
// later statements check their precondition in SQL (WHERE EXISTS …) instead
// of in JavaScript; that keeps every Store method one atomic step.
import type { TurnMemory } from '../engine/conversation.js';
import type { D1Database, D1PreparedStatement } from './d1-types.js';
import { ESCALATION_SELECT, toEscalation, toFeedback, toMail, toStaffAnswer, toTranscriptTurn, type Row } from './rows.js';
import type { Stats, Store } from './types.js';

/** D1 rejects `undefined` as a parameter; SQL wants NULL. */
const n = (v: unknown) => (v === undefined ? null : v);

export function createD1Store(db: D1Database): Store {
  const sql = (query: string, ...params: unknown[]): D1PreparedStatement => db.prepare(query).bind(...params.map(n));
  const all = async (query: string, ...params: unknown[]) => (await sql(query, ...params).all<Row>()).results;
  const first = (query: string, ...params: unknown[]) => sql(query, ...params).first<Row>();
  const changes = (r: { meta: { changes?: number } }) => r.meta.changes ?? 0;
  const exists = 'EXISTS (SELECT 1 FROM escalations WHERE id = ?1)';

  return {
    async lastTurn(conversationId) {
      const row = await first('SELECT memory FROM conversations WHERE id = ?', conversationId);
      return typeof row?.memory === 'string' ? (JSON.parse(row.memory) as TurnMemory) : undefined;
    },

    async recordTurn(turn) {
      const now = Date.now();
      const escalationId = turn.escalated ? crypto.randomUUID() : undefined;
      const statements = [
        sql(`INSERT INTO conversations (id, created_at, updated_at, memory) VALUES (?1, ?2, ?2, ?3)
          ON CONFLICT (id) DO UPDATE SET updated_at = ?2, memory = coalesce(?3, memory)`,
        turn.conversationId, now, turn.memory ? JSON.stringify(turn.memory) : null),
        sql(`INSERT INTO turns (conversation_id, question, answer, escalated, confidence, staff_answer_id, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)`,
        turn.conversationId, turn.question, turn.answer, turn.escalated ? 1 : 0, turn.confidence, turn.staffAnswerId, now),
      ];
      if (escalationId) {
        statements.push(sql(`INSERT INTO escalations (id, conversation_id, question, status, created_at) VALUES (?, ?, ?, 'open', ?)`,
          escalationId, turn.conversationId, turn.question, now));
      }
      await db.batch(statements);
      return escalationId ? { escalationId } : {};
    },

    async transcript(conversationId) {
      return (await all('SELECT question, answer, escalated, created_at FROM turns WHERE conversation_id = ? ORDER BY id', conversationId)).map(toTranscriptTurn);
    },

    async getEscalation(id) {
      const row = await first(`${ESCALATION_SELECT} WHERE e.id = ?`, id);
      return row ? toEscalation(row) : undefined;
    },

    async listEscalations(status) {
      const order = 'ORDER BY e.created_at DESC, e.rowid DESC';
      const rows = status ? await all(`${ESCALATION_SELECT} WHERE e.status = ? ${order}`, status) : await all(`${ESCALATION_SELECT} ${order}`);
      return rows.map(toEscalation);
    },

    async forwardEscalation(id, contact, mail, now = Date.now()) {
      const results = await db.batch<Row>([
        sql(`INSERT INTO contacts (escalation_id, email, name, message, created_at) SELECT ?1, ?2, ?3, ?4, ?5 WHERE ${exists}
          ON CONFLICT (escalation_id) DO UPDATE SET email = ?2, name = ?3, message = ?4, created_at = ?5`,
        id, contact.email, contact.name, contact.message, now),
        sql(`UPDATE escalations SET status = CASE WHEN status = 'resolved' THEN status ELSE 'forwarded' END, forwarded_at = ?2 WHERE id = ?1`, id, now),
        sql(`INSERT INTO outbox (escalation_id, to_address, reply_to_address, reply_to_name, subject, body, status, next_attempt_at, created_at)
          SELECT ?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?7 WHERE ${exists}`,
        id, mail.to, mail.replyTo?.address, mail.replyTo?.name, mail.subject, mail.text, now),
        sql(`${ESCALATION_SELECT} WHERE e.id = ?`, id),
      ]);
      const row = results[3]?.results[0];
      return row ? toEscalation(row) : undefined;
    },

    async resolveEscalations(ids, answer, now = Date.now()) {
      const [firstId] = ids;
      if (firstId === undefined) return undefined;
      const statements: D1PreparedStatement[] = [];
      if (answer) {
        statements.push(sql(`INSERT INTO staff_answers (question, answer, source_url, escalation_id, created_at, updated_at)
          SELECT ?2, ?3, ?4, ?1, ?5, ?5 WHERE ${exists} RETURNING *`, firstId, answer.question, answer.answer, answer.sourceUrl, now));
      }
      // The staff answer just inserted (if any) is the newest one for the first id.
      const link = answer ? '(SELECT max(id) FROM staff_answers WHERE escalation_id = ?1)' : 'NULL';
      for (const id of ids) {
        statements.push(sql(`UPDATE escalations SET status = 'resolved', resolved_at = ?3, staff_answer_id = coalesce(${link}, staff_answer_id)
          WHERE id = ?2 AND ${exists}`, firstId, id, now));
      }
      const results = await db.batch<Row>(statements);
      const inserted = answer ? results.shift()?.results[0] : undefined;
      const resolved = ids.filter((_, i) => changes(results[i]!) > 0);
      if (!resolved.includes(firstId)) return undefined;
      return { resolved, ...(inserted ? { staffAnswer: toStaffAnswer(inserted) } : {}) };
    },

    async listStaffAnswers() {
      return (await all('SELECT * FROM staff_answers ORDER BY id')).map(toStaffAnswer);
    },

    async addStaffAnswer(a, now = Date.now()) {
      const row = await first(`INSERT INTO staff_answers (question, answer, source_url, escalation_id, created_at, updated_at)
        VALUES (?1, ?2, ?3, NULL, ?4, ?4) RETURNING *`, a.question, a.answer, a.sourceUrl, now);
      return toStaffAnswer(row!);
    },

    async updateStaffAnswer(id, change, now = Date.now()) {
      // One statement: fields not in `change` keep their value; an explicit
      // `sourceUrl: undefined` clears the link (as on SQLite).
      const row = await first(`UPDATE staff_answers SET question = coalesce(?2, question), answer = coalesce(?3, answer),
        source_url = CASE WHEN ?4 THEN ?5 ELSE source_url END, updated_at = ?6 WHERE id = ?1 RETURNING *`,
      id, change.question, change.answer, 'sourceUrl' in change ? 1 : 0, change.sourceUrl, now);
      return row ? toStaffAnswer(row) : undefined;
    },

    async removeStaffAnswer(id) {
      return changes(await sql('DELETE FROM staff_answers WHERE id = ?', id).run()) > 0;
    },

    async recordFeedback({ conversationId, helpful, comment }, now = Date.now()) {
      // Copies the conversation's last turn in the same statement, so the
      // feedback is about the answer the visitor actually saw.
      const row = await first(`INSERT INTO feedback (conversation_id, turn_id, question, answer, helpful, comment, created_at)
        SELECT conversation_id, id, question, answer, ?2, ?3, ?4 FROM turns WHERE conversation_id = ?1 ORDER BY id DESC LIMIT 1
        RETURNING *`, conversationId, helpful ? 1 : 0, comment, now);
      return row ? toFeedback(row) : undefined;
    },

    async listFeedback(helpful) {
      const order = 'ORDER BY created_at DESC, id DESC';
      const rows = helpful === undefined ? await all(`SELECT * FROM feedback ${order}`) : await all(`SELECT * FROM feedback WHERE helpful = ? ${order}`, helpful ? 1 : 0);
      return rows.map(toFeedback);
    },

    async claimMail(now, leaseMs, limit) {
      const rows = await all(`UPDATE outbox SET next_attempt_at = ?2, attempts = attempts + 1
        WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?3)
        RETURNING *`, now, now + leaseMs, limit);
      return rows.map(toMail).sort((a, b) => a.id - b.id);
    },

    async markMailSent(id, now = Date.now()) {
      await sql(`UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?`, now, id).run();
    },

    async markMailFailed(id, error, retryAt) {
      await sql(`UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'pending'`, retryAt, error.slice(0, 500), id).run();
    },

    async listOutbox(limit = 100) {
      return (await all('SELECT * FROM outbox ORDER BY id DESC LIMIT ?', limit)).map(toMail);
    },

    async stats(since, top = 5): Promise<Stats> {
      // One batch, so the counts and the top list see the same data.
      const [counts, topRows] = await db.batch<Row>([
        sql('SELECT count(*) AS asked, coalesce(sum(escalated), 0) AS escalated FROM turns WHERE created_at >= ?', since),
        sql(`SELECT min(question) AS question, count(*) AS count FROM turns WHERE escalated = 1 AND created_at >= ?
          GROUP BY lower(trim(question)) ORDER BY count DESC, max(created_at) DESC LIMIT ?`, since, top),
      ]);
      const asked = Number(counts?.results[0]?.asked ?? 0);
      const escalated = Number(counts?.results[0]?.escalated ?? 0);
      const answered = asked - escalated;
      return {
        since, asked, answered, escalated,
        answeredRate: asked ? answered / asked : 0,
        topUnanswered: (topRows?.results ?? []).map((r) => ({ question: r.question as string, count: Number(r.count) })),
      };
    },

    async purge(before) {
      const results = await db.batch([
        sql('DELETE FROM turns WHERE created_at < ?', before),
        sql('DELETE FROM conversations WHERE updated_at < ?', before),
        sql('DELETE FROM feedback WHERE created_at < ?', before),
        sql(`DELETE FROM outbox WHERE status = 'sent' AND created_at < ?`, before),
        sql(`DELETE FROM escalations WHERE status = 'resolved' AND created_at < ?`, before),
      ]);
      return { deleted: results.reduce((sum, r) => sum + changes(r), 0) };
    },
  };
}
