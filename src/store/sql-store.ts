// The store, once, in SQL: the same statements run on Cloudflare D1 (Workers)
// and on SQLite (Node, through the small D1-shaped driver in sqlite.ts), over
// the schema in migrations/. Platform-neutral: no driver imports.
//
// D1 has no interactive transactions, only batches (one transaction, no reads
// in between). So each multi-step method is one batch whose later statements
// check their precondition in SQL (WHERE EXISTS …) instead of in JavaScript;
// that keeps every Store method one atomic step on both platforms.
import type { D1Database, D1PreparedStatement, D1Result } from './d1-types.js';
import { ESCALATION_SELECT, toEscalation, toFeedback, toMail, toStaffAnswer, toTranscriptTurn, type Row } from './rows.js';
import { ESCALATION_STATUSES, type EscalationCounts, type Stats, type Store } from './types.js';

/** D1 rejects `undefined` as a parameter; SQL wants NULL. */
const n = (v: unknown) => (v === undefined ? null : v);

const HOUR = 60 * 60 * 1000;

const randomHex = (bytes: number) => [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');

export function createSqlStore(db: D1Database, options: { close?: () => Promise<void> } = {}): Store {
  const sql = (query: string, ...params: unknown[]): D1PreparedStatement => db.prepare(query).bind(...params.map(n));
  const all = async (query: string, ...params: unknown[]) => (await sql(query, ...params).all<Row>()).results;
  const first = (query: string, ...params: unknown[]) => sql(query, ...params).first<Row>();
  const changes = (r: D1Result<unknown> | undefined) => r?.meta.changes ?? 0;
  const exists = 'EXISTS (SELECT 1 FROM escalations WHERE id = ?1)';
  const order = 'ORDER BY e.created_at DESC, e.rowid DESC';

  return {
    async conversation(conversationId) {
      const row = await first('SELECT memory FROM conversations WHERE id = ?', conversationId);
      if (!row) return undefined;
      return typeof row.memory === 'string' ? { memory: JSON.parse(row.memory) as unknown } : {};
    },

    async recordTurn(turn, cap, now = Date.now()) {
      const escalationId = turn.escalated ? crypto.randomUUID() : undefined;
      const statements = [
        sql(`INSERT INTO conversations (id, created_at, updated_at, memory) VALUES (?1, ?2, ?2, ?3)
          ON CONFLICT (id) DO UPDATE SET updated_at = ?2, memory = coalesce(?3, memory)`,
        turn.conversationId, now, turn.memory === undefined ? null : JSON.stringify(turn.memory)),
        sql(`INSERT INTO turns (conversation_id, question, answer, escalated, confidence, staff_answer_id, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)`,
        turn.conversationId, turn.question, turn.answer, turn.escalated ? 1 : 0, turn.confidence, turn.staffAnswerId, now),
      ];
      if (escalationId) {
        const insert = `INSERT INTO escalations (id, conversation_id, question, status, created_at, terms, client_key)`;
        const values = [escalationId, turn.conversationId, turn.question, now, turn.terms, turn.clientKey];
        // The cap is checked in the statement that inserts, so two requests
        // at once cannot both slip under it.
        statements.push(cap && turn.clientKey
          ? sql(`${insert} SELECT ?1, ?2, ?3, 'open', ?4, ?5, ?6
              WHERE (SELECT count(*) FROM escalations WHERE client_key = ?6 AND status = 'open' AND created_at > ?7) < ?8`,
          ...values, now - cap.windowMs, cap.max)
          : sql(`${insert} VALUES (?1, ?2, ?3, 'open', ?4, ?5, ?6)`, ...values));
      }
      const results = await db.batch(statements);
      return escalationId && changes(results[2]) > 0 ? { escalationId } : {};
    },

    async transcript(conversationId, last) {
      const rows = last === undefined
        ? await all('SELECT question, answer, escalated, created_at FROM turns WHERE conversation_id = ? ORDER BY id', conversationId)
        : (await all('SELECT question, answer, escalated, created_at FROM turns WHERE conversation_id = ? ORDER BY id DESC LIMIT ?', conversationId, last)).reverse();
      return rows.map(toTranscriptTurn);
    },

    async getEscalation(id) {
      const row = await first(`${ESCALATION_SELECT} WHERE e.id = ?`, id);
      return row ? toEscalation(row) : undefined;
    },

    async listEscalations(status, page) {
      const limit = page ? `LIMIT ${Math.max(0, Math.floor(page.limit))} OFFSET ${Math.max(0, Math.floor(page.offset ?? 0))}` : '';
      const rows = status ? await all(`${ESCALATION_SELECT} WHERE e.status = ? ${order} ${limit}`, status) : await all(`${ESCALATION_SELECT} ${order} ${limit}`);
      return rows.map(toEscalation);
    },

    async countEscalations() {
      const rows = await all('SELECT status, count(*) AS count FROM escalations GROUP BY status');
      const counts = Object.fromEntries(ESCALATION_STATUSES.map((s) => [s, 0])) as EscalationCounts;
      for (const r of rows) counts[r.status as keyof EscalationCounts] = Number(r.count);
      return counts;
    },

    async forwardEscalation(id, contact, mail, now = Date.now(), quietMs = HOUR) {
      // Order matters: the mail is queued only when the escalation is not
      // resolved and this address was not mailed about it within quietMs —
      // checked against the contact row as it was before this call.
      const notResolved = `EXISTS (SELECT 1 FROM escalations WHERE id = ?1 AND status <> 'resolved')`;
      const recentlyMailed = `EXISTS (SELECT 1 FROM contacts WHERE escalation_id = ?1 AND email = ?2 AND mailed_at > ?3)`;
      const results = await db.batch<Row>([
        sql(`INSERT INTO outbox (escalation_id, to_address, reply_to_address, reply_to_name, subject, body, status, next_attempt_at, created_at)
          SELECT ?1, ?4, ?5, ?6, ?7, ?8, 'pending', ?9, ?9 WHERE ${notResolved} AND NOT ${recentlyMailed}`,
        id, contact.email, now - quietMs, mail.to, mail.replyTo?.address, mail.replyTo?.name, mail.subject, mail.text, now),
        sql(`INSERT INTO contacts (escalation_id, email, name, message, created_at, mailed_at) SELECT ?1, ?2, ?3, ?4, ?5, ?5 WHERE ${notResolved}
          ON CONFLICT (escalation_id) DO UPDATE SET name = ?3, message = ?4, created_at = ?5,
            mailed_at = CASE WHEN contacts.email = ?2 AND contacts.mailed_at > ?6 THEN contacts.mailed_at ELSE ?5 END, email = ?2`,
        id, contact.email, contact.name, contact.message, now, now - quietMs),
        sql(`UPDATE escalations SET status = 'forwarded', forwarded_at = ?2 WHERE id = ?1 AND status <> 'resolved'`, id, now),
        sql(`${ESCALATION_SELECT} WHERE e.id = ?`, id),
      ]);
      const row = results[3]?.results[0];
      if (!row) return { outcome: 'missing' };
      const escalation = toEscalation(row);
      if (escalation.status === 'resolved') return { outcome: 'resolved', escalation };
      return { outcome: 'forwarded', escalation, mailed: changes(results[0]) > 0 };
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
      const resolved = ids.filter((_, i) => changes(results[i]) > 0);
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
      // `sourceUrl: undefined` clears the link.
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
      const by = 'ORDER BY created_at DESC, id DESC';
      const rows = helpful === undefined ? await all(`SELECT * FROM feedback ${by}`) : await all(`SELECT * FROM feedback WHERE helpful = ? ${by}`, helpful ? 1 : 0);
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

    async createSession(idHash, expiresAt, now = Date.now()) {
      await sql('INSERT INTO staff_sessions (id_hash, created_at, expires_at) VALUES (?, ?, ?)', idHash, now, expiresAt).run();
    },

    async sessionActive(idHash, now = Date.now()) {
      return (await first('SELECT 1 AS ok FROM staff_sessions WHERE id_hash = ? AND expires_at > ?', idHash, now)) !== null;
    },

    async endSession(idHash) {
      await sql('DELETE FROM staff_sessions WHERE id_hash = ?', idHash).run();
    },

    async secret(name) {
      // Made once; a second caller racing the first keeps the first value.
      const [, row] = await db.batch<Row>([
        sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', `secret:${name}`, randomHex(32)),
        sql('SELECT value FROM meta WHERE key = ?', `secret:${name}`),
      ]);
      return row!.results[0]!.value as string;
    },

    async claimSite(origin, movedFrom) {
      // One batch: two services starting at once against an empty database
      // cannot both record their own site. `= NULL` never holds, so without
      // movedFrom a recorded site is never replaced.
      const [, row] = await db.batch<Row>([
        sql(`INSERT INTO meta (key, value) VALUES ('site:origin', ?1)
          ON CONFLICT (key) DO UPDATE SET value = ?1 WHERE meta.value = ?2`, origin, movedFrom),
        sql(`SELECT value FROM meta WHERE key = 'site:origin'`),
      ]);
      return row!.results[0]!.value as string;
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

    async purge(before, now = Date.now()) {
      const results = await db.batch([
        sql('DELETE FROM turns WHERE created_at < ?', before),
        sql('DELETE FROM conversations WHERE updated_at < ?', before),
        sql('DELETE FROM feedback WHERE created_at < ?', before),
        sql(`DELETE FROM outbox WHERE status = 'sent' AND created_at < ?`, before),
        // Every status: an open question nobody answered in the retention
        // period is personal data like any other (its contact goes with it).
        sql('DELETE FROM contacts WHERE escalation_id IN (SELECT id FROM escalations WHERE created_at < ?)', before),
        sql('DELETE FROM escalations WHERE created_at < ?', before),
        sql('DELETE FROM staff_sessions WHERE expires_at <= ?', now),
      ]);
      return { deleted: results.reduce((sum, r) => sum + changes(r), 0) };
    },

    ...(options.close ? { close: options.close } : {}),
  };
}
