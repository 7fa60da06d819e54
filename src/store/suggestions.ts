// Suggestions in SQL (migrations/0009_suggestions.sql): visitors' picks as
// labelled wordings, one vote per client, and staff's decisions on them. The
// same statements on D1 and SQLite; part of the store (sql-store.ts spreads
// these methods in, and recordPick adds a vote to its own batch).
import type { D1Database, D1PreparedStatement } from './d1-types.js';
import type { NewStaffAnswer, Suggestion, SuggestionStatus, SuggestionStore, Vote } from './types.js';

type Row = Record<string, unknown>;

/** Distinct wordings kept per suggestion. */
export const WORDINGS_KEPT = 10;
/** Suggestions still waiting for staff (or enough visitors), at most: past this, new ones are not recorded. */
export const OPEN_SUGGESTIONS_MAX = 50_000;

/**
 * The statements that record a vote, each going on only while `guard` (SQL
 * with its parameters) holds — so recordPick can add them to its batch for
 * the pick it actually recorded.
 */
export function voteStatements(
  sql: (query: string, ...params: unknown[]) => D1PreparedStatement,
  vote: Vote,
  now: number,
  guard: { when: string; params: unknown[] } = { when: '1', params: [] },
): D1PreparedStatement[] {
  const of = `SELECT id FROM suggestions WHERE wording_key = ? AND sentence = ?`;
  return [
    sql(
      `INSERT INTO suggestions (wording_key, sentence, wording, quote, url, created_at, updated_at)
      SELECT ?, ?, ?, ?, ?, ?, ? WHERE (${guard.when})
        AND ((SELECT count(*) FROM suggestions WHERE status = 'open') < ${OPEN_SUGGESTIONS_MAX}
          OR EXISTS (SELECT 1 FROM suggestions WHERE wording_key = ? AND sentence = ?))
      ON CONFLICT (wording_key, sentence) DO UPDATE SET updated_at = excluded.updated_at`,
      vote.wordingKey,
      vote.sentence,
      vote.wording,
      vote.quote,
      vote.url,
      now,
      now,
      ...guard.params,
      vote.wordingKey,
      vote.sentence,
    ),
    sql(
      `INSERT INTO suggestion_wordings (suggestion_id, wording)
      SELECT s.id, ? FROM suggestions s WHERE s.id = (${of}) AND (${guard.when})
        AND (SELECT count(*) FROM suggestion_wordings w WHERE w.suggestion_id = s.id) < ${WORDINGS_KEPT}
      ON CONFLICT DO NOTHING`,
      vote.wording,
      vote.wordingKey,
      vote.sentence,
      ...guard.params,
    ),
    sql(
      `INSERT INTO suggestion_votes (suggestion_id, client_key, verdict, created_at)
      SELECT (${of}), ?, ?, ? WHERE (${of}) IS NOT NULL AND (${guard.when})
      ON CONFLICT (suggestion_id, client_key) DO UPDATE SET verdict = excluded.verdict, created_at = excluded.created_at`,
      vote.wordingKey,
      vote.sentence,
      vote.clientKey,
      vote.verdict,
      now,
      vote.wordingKey,
      vote.sentence,
      ...guard.params,
    ),
  ];
}

const SELECT = `SELECT s.*,
  (SELECT count(*) FROM suggestion_votes v WHERE v.suggestion_id = s.id AND v.verdict = 1) AS clients,
  (SELECT count(*) FROM suggestion_votes v WHERE v.suggestion_id = s.id AND v.verdict = -1) AS against,
  (SELECT json_group_array(wording) FROM suggestion_wordings w WHERE w.suggestion_id = s.id) AS wordings
  FROM suggestions s`;

const opt = <T>(v: unknown) => (v === null || v === undefined ? undefined : (v as T));

function toSuggestion(r: Row): Suggestion {
  const wordings = typeof r.wordings === 'string' ? (JSON.parse(r.wordings) as string[]) : [];
  return {
    id: r.id as number,
    wordingKey: r.wording_key as string,
    sentence: r.sentence as string,
    wording: r.wording as string,
    wordings: wordings.length ? wordings : [r.wording as string],
    quote: r.quote as string,
    ...(opt<string>(r.url) ? { url: r.url as string } : {}),
    status: r.status as SuggestionStatus,
    clients: Number(r.clients),
    against: Number(r.against),
    ...(opt<number>(r.staff_answer_id) !== undefined ? { staffAnswerId: r.staff_answer_id as number } : {}),
    ...(opt<number>(r.correction_id) !== undefined ? { correctionId: r.correction_id as number } : {}),
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
  };
}

const BUMP_VERSION = `INSERT INTO meta (key, value) VALUES ('staff-version', '1')
  ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`;

export function createSuggestionStore(db: D1Database): SuggestionStore {
  const sql = (query: string, ...params: unknown[]) => db.prepare(query).bind(...params.map((v) => (v === undefined ? null : v)));
  const first = (query: string, ...params: unknown[]) => sql(query, ...params).first<Row>();

  return {
    async vote(v, now = Date.now()) {
      await db.batch(voteStatements(sql, v, now));
      const r = await first(`${SELECT} WHERE s.wording_key = ? AND s.sentence = ?`, v.wordingKey, v.sentence);
      return r ? toSuggestion(r) : undefined;
    },

    async suggestionFor(wordingKey, sentence) {
      const r = await first(`${SELECT} WHERE s.wording_key = ? AND s.sentence = ?`, wordingKey, sentence);
      return r ? toSuggestion(r) : undefined;
    },

    async getSuggestion(id) {
      const r = await first(`${SELECT} WHERE s.id = ?`, id);
      return r ? toSuggestion(r) : undefined;
    },

    async listSuggestions({ status, limit, offset = 0 }) {
      const where = status ? 'WHERE p.status = ?' : '';
      // The page is chosen on the vote count alone; wordings and the other
      // figures are read for its rows only (not for every suggestion: 5 000
      // open ones took 20–70 ms that way).
      const rows = (
        await sql(
          `${SELECT} JOIN (SELECT p.id, (SELECT count(*) FROM suggestion_votes v WHERE v.suggestion_id = p.id AND v.verdict = 1) AS n, p.updated_at AS at
            FROM suggestions p ${where} ORDER BY n DESC, at DESC, p.id DESC LIMIT ? OFFSET ?) page ON page.id = s.id
          ORDER BY page.n DESC, page.at DESC, s.id DESC`,
          ...(status ? [status] : []),
          Math.max(0, Math.floor(limit)),
          Math.max(0, Math.floor(offset)),
        ).all<Row>()
      ).results;
      return rows.map(toSuggestion);
    },

    async countSuggestions() {
      const rows = (await sql('SELECT status, count(*) AS n FROM suggestions GROUP BY status').all<Row>()).results;
      const counts: Record<SuggestionStatus, number> = { open: 0, accepted: 0, rejected: 0, learned: 0 };
      for (const r of rows) counts[r.status as SuggestionStatus] = Number(r.n);
      return counts;
    },

    async acceptSuggestion(id, answer: NewStaffAnswer, status, now = Date.now()) {
      // Only from 'open' (or, for staff, from 'learned': they confirm what
      // visitors taught). Each statement goes on only when the one before
      // changed a row (changes()), so two accepts at once teach one answer.
      const from = status === 'learned' ? `('open')` : `('open', 'learned')`;
      const results = await db.batch([
        sql(
          `INSERT INTO staff_answers (kind, question, answer, source_url, created_at, updated_at)
          SELECT 'quote', ?, ?, NULL, ?, ? WHERE EXISTS (SELECT 1 FROM suggestions WHERE id = ? AND status IN ${from} AND staff_answer_id IS NULL)`,
          answer.question,
          answer.answer,
          now,
          now,
          id,
        ),
        sql('UPDATE suggestions SET staff_answer_id = last_insert_rowid() WHERE id = ? AND staff_answer_id IS NULL AND changes() = 1', id),
        sql(
          `INSERT INTO staff_answer_questions (answer_id, question, created_at)
          SELECT s.staff_answer_id, w.wording, ? FROM suggestion_wordings w JOIN suggestions s ON s.id = w.suggestion_id
          WHERE s.id = ? AND w.wording <> ? AND changes() = 1`,
          now,
          id,
          answer.question,
        ),
        sql(`UPDATE suggestions SET status = ?, updated_at = ? WHERE id = ? AND status IN ${from}`, status, now, id),
        sql(BUMP_VERSION),
      ]);
      return (results[3]?.meta.changes ?? 0) > 0;
    },

    async rejectSuggestion(id, correction, now = Date.now()) {
      const s = await first('SELECT staff_answer_id FROM suggestions WHERE id = ?', id);
      if (!s) return false;
      const results = await db.batch([
        // What visitors (or staff) taught from it goes: a rejection stands for good.
        ...(typeof s.staff_answer_id === 'number' ? [sql('DELETE FROM staff_answers WHERE id = ?', s.staff_answer_id)] : []),
        sql(`INSERT INTO staff_corrections (question, wrong, escalate, created_at) VALUES (?, ?, 0, ?)`, correction.question, correction.wrong, now),
        sql(`UPDATE suggestions SET status = 'rejected', staff_answer_id = NULL, updated_at = ?, correction_id = last_insert_rowid() WHERE id = ?`, now, id),
        sql(BUMP_VERSION),
      ]);
      return (results[results.length - 2]?.meta.changes ?? 0) > 0;
    },
  };
}
