// The store, once, in SQL: the same statements run on Cloudflare D1 (Workers)
// and on SQLite (Node, through the small D1-shaped driver in sqlite.ts), over
// the schema in migrations/. Platform-neutral: no driver imports.
//
// D1 has no interactive transactions, only batches (one transaction, no reads
// in between). So each multi-step method is one batch whose later statements
// check their precondition in SQL (WHERE EXISTS …) instead of in JavaScript;
// that keeps every Store method one atomic step on both platforms.
import type { D1Database, D1PreparedStatement, D1Result } from './d1-types.js';
import { ESCALATION_SELECT, toCorrection, toEscalation, toFeedback, toLoggedTurn, toMail, toStaffAnswer, toTranscriptTurn, type Row } from './rows.js';
import { createSuggestionStore, voteStatements } from './suggestions.js';
import { ESCALATION_STATUSES, type EscalationCounts, type OfferedChoice, type OpenCap, type Stats, type Store, type TurnRecord } from './types.js';

/** D1 rejects `undefined` as a parameter; SQL wants NULL. */
const n = (v: unknown) => (v === undefined ? null : v);

const HOUR = 60 * 60 * 1000;

/**
 * One wording however it is spaced or cased, in SQL (as `wordingKey` in
 * src/service/taught.ts, ASCII case only): tabs and line breaks as spaces,
 * runs of up to 16 spaces as one (each pass halves a run), trimmed.
 */
const wordingKeySql = (column: string) =>
  `trim(${'replace('.repeat(4)}replace(replace(replace(lower(${column}), char(9), ' '), char(10), ' '), char(13), ' ')${", '  ', ' ')".repeat(4)})`;

/** Every edit of staff knowledge bumps this counter, in the same batch as the edit. */
const BUMP_VERSION = `INSERT INTO meta (key, value) VALUES ('staff-version', '1')
  ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`;

const randomHex = (bytes: number) => [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');

export function createSqlStore(db: D1Database, options: { close?: () => Promise<void>; erased?: () => Promise<void> } = {}): Store {
  const sql = (query: string, ...params: unknown[]): D1PreparedStatement => db.prepare(query).bind(...params.map(n));
  const all = async (query: string, ...params: unknown[]) => (await sql(query, ...params).all<Row>()).results;
  const first = (query: string, ...params: unknown[]) => sql(query, ...params).first<Row>();
  const changes = (r: D1Result<unknown> | undefined) => r?.meta.changes ?? 0;
  const exists = 'EXISTS (SELECT 1 FROM escalations WHERE id = ?1)';
  const order = 'ORDER BY e.created_at DESC, e.rowid DESC';
  const memoryJson = (turn: TurnRecord) => (turn.memory === undefined ? null : JSON.stringify(turn.memory));

  /** The staff log's filters, for its page (recentTurns) and its count (countTurns); `f` is the turn's latest feedback. */
  const turnsWhere = ({ maxConfidence, unhelpful, search }: { maxConfidence?: number; unhelpful?: boolean; search?: string }) => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (maxConfidence !== undefined) {
      // The questions the bot was unsure of: a direct answer below the
      // line, or choices offered (by definition short of a direct answer).
      // A pick's reply is not a question of its own: its offer stands for it.
      where.push('t.pick_of IS NULL AND t.follows IS NULL AND t.escalated = 0 AND (t.choices IS NOT NULL OR t.confidence < ?)');
      params.push(maxConfidence);
    }
    if (unhelpful) where.push('f.helpful = 0');
    if (search) {
      where.push("lower(t.question) LIKE ? ESCAPE '\\'");
      params.push(`%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    // Thumbs down: from the (few) latest feedback rows to their turns, one
    // pass over feedback; otherwise each listed turn looks its feedback up.
    const join = unhelpful
      ? 'JOIN (SELECT turn_id, helpful FROM feedback WHERE id IN (SELECT max(id) FROM feedback GROUP BY turn_id)) f ON f.turn_id = t.id'
      : '';
    return { join, where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  };
  const latestFeedback = 'LEFT JOIN feedback f ON f.turn_id = t.id AND f.id = (SELECT max(id) FROM feedback WHERE turn_id = t.id)';

  /** The staff inbox's filters (escalations `e`, contacts `c`): a status, and text in the question or the contact's address. */
  const escalationsWhere = (status: string | undefined, search: string | undefined) => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (status) {
      where.push('e.status = ?');
      params.push(status);
    }
    if (search?.trim()) {
      where.push("(lower(e.question) LIKE ? ESCAPE '\\' OR lower(c.email) LIKE ? ESCAPE '\\')");
      const like = `%${search
        .trim()
        .toLowerCase()
        .replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      params.push(like, like);
    }
    return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  };

  /** The turn's row; `when` (SQL, with its parameters) must hold for it to be written. */
  const insertTurn = (turn: TurnRecord, now: number, when: string, ...params: unknown[]) =>
    sql(
      `INSERT INTO turns (conversation_id, question, answer, escalated, confidence, staff_answer_id, choices, pick_of, follows, created_at)
      SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? ${when ? `WHERE ${when}` : ''}`,
      turn.conversationId,
      turn.question,
      turn.answer,
      turn.escalated ? 1 : 0,
      turn.confidence,
      turn.staffAnswerId,
      turn.choices ? JSON.stringify(turn.choices) : null,
      turn.pick?.turn,
      turn.follows,
      now,
      ...params,
    );

  /**
   * An open escalation for an escalated turn. The cap is checked in the
   * statement that inserts, so two requests at once cannot both slip under it.
   * It counts every escalation the client opened in the window, whatever
   * became of it: counting only open ones let a client leave an address on
   * one (forwarded) and ask again, without end.
   */
  const insertEscalation = (id: string, turn: TurnRecord, cap: OpenCap | undefined, now: number, when: string) => {
    const conditions = [
      ...(cap && turn.clientKey ? ['(SELECT count(*) FROM escalations WHERE client_key = ?6 AND created_at > ?7) < ?8'] : []),
      ...(when ? [when] : []),
    ];
    return sql(
      `INSERT INTO escalations (id, conversation_id, question, status, created_at, terms, client_key)
      SELECT ?1, ?2, ?3, 'open', ?4, ?5, ?6 ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`,
      id,
      turn.conversationId,
      turn.question,
      now,
      turn.terms,
      turn.clientKey,
      ...(cap && turn.clientKey ? [now - cap.windowMs, cap.max] : []),
    );
  };

  return {
    async conversation(conversationId) {
      const row = await first('SELECT memory FROM conversations WHERE id = ?', conversationId);
      if (!row) return undefined;
      return typeof row.memory === 'string' ? { memory: JSON.parse(row.memory) as unknown } : {};
    },

    async recordTurn(turn, cap, now = Date.now()) {
      const escalationId = turn.escalated ? crypto.randomUUID() : undefined;
      const results = await db.batch([
        sql(
          `INSERT INTO conversations (id, created_at, updated_at, memory) VALUES (?1, ?2, ?2, ?3)
          ON CONFLICT (id) DO UPDATE SET updated_at = ?2, memory = coalesce(?3, memory)`,
          turn.conversationId,
          now,
          memoryJson(turn),
        ),
        insertTurn(turn, now, ''),
        ...(escalationId ? [insertEscalation(escalationId, turn, cap, now, '')] : []),
      ]);
      return escalationId && changes(results[2]) > 0 ? { escalationId } : {};
    },

    async openOffer(conversationId) {
      const row = await first('SELECT id, question, confidence, choices, picked FROM turns WHERE conversation_id = ? ORDER BY id DESC LIMIT 1', conversationId);
      if (!row || typeof row.choices !== 'string' || row.picked !== null) return undefined;
      return {
        turn: row.id as number,
        question: row.question as string,
        confidence: row.confidence as number,
        choices: JSON.parse(row.choices) as OfferedChoice[],
      };
    },

    async recordPick(turn, cap, now = Date.now(), vote) {
      const escalationId = turn.escalated ? crypto.randomUUID() : undefined;
      // One batch, each statement going on only if the one before it changed
      // a row (SQLite's changes(): the last completed statement's count), so
      // two picks of one offer cannot both be answered: the reply is
      // recorded only while the offer is the conversation's last turn and
      // unpicked, and the reply itself then becomes the last turn.
      const open = `(SELECT max(id) FROM turns WHERE conversation_id = ?) = ? AND NOT EXISTS (SELECT 1 FROM turns WHERE id = ? AND picked IS NOT NULL)`;
      const results = await db.batch([
        insertTurn(turn, now, open, turn.conversationId, turn.pick.turn, turn.pick.turn),
        sql('UPDATE turns SET picked = ?, picked_at = ? WHERE id = ? AND picked IS NULL AND changes() = 1', turn.pick.choice, now, turn.pick.turn),
        sql('UPDATE conversations SET updated_at = ?, memory = coalesce(?, memory) WHERE id = ? AND changes() = 1', now, memoryJson(turn), turn.conversationId),
        ...(escalationId ? [insertEscalation(escalationId, turn, cap, now, 'changes() = 1')] : []),
        // The vote only for the pick this batch recorded (the offer marked at this instant with this choice).
        ...(vote
          ? voteStatements(sql, vote, now, {
              when: 'EXISTS (SELECT 1 FROM turns WHERE id = ? AND picked = ? AND picked_at = ?)',
              params: [turn.pick.turn, turn.pick.choice, now],
            })
          : []),
      ]);
      if (changes(results[0]) === 0) return undefined;
      return escalationId && changes(results[3]) > 0 ? { escalationId } : {};
    },

    async transcript(conversationId, last) {
      const rows =
        last === undefined
          ? await all('SELECT id, question, answer, escalated, created_at FROM turns WHERE conversation_id = ? ORDER BY id', conversationId)
          : (
              await all(
                'SELECT id, question, answer, escalated, created_at FROM turns WHERE conversation_id = ? ORDER BY id DESC LIMIT ?',
                conversationId,
                last,
              )
            ).reverse();
      return rows.map(toTranscriptTurn);
    },

    async getEscalation(id) {
      const row = await first(`${ESCALATION_SELECT} WHERE e.id = ?`, id);
      return row ? toEscalation(row) : undefined;
    },

    async listEscalations(status, page) {
      const limit = page ? `LIMIT ${Math.max(0, Math.floor(page.limit))} OFFSET ${Math.max(0, Math.floor(page.offset ?? 0))}` : '';
      const { where, params } = escalationsWhere(status, page?.search);
      return (await all(`${ESCALATION_SELECT} ${where} ${order} ${limit}`, ...params)).map(toEscalation);
    },

    async countEscalations(search) {
      // Without a search, from the status index alone; with one, the rows it finds (contacts joined for their address).
      const { where, params } = escalationsWhere(undefined, search);
      const rows = search
        ? await all(
            `SELECT e.status, count(*) AS count FROM escalations e LEFT JOIN contacts c ON c.escalation_id = e.id ${where} GROUP BY e.status`,
            ...params,
          )
        : await all('SELECT status, count(*) AS count FROM escalations GROUP BY status');
      const counts = Object.fromEntries(ESCALATION_STATUSES.map((s) => [s, 0])) as EscalationCounts;
      for (const r of rows) counts[r.status as keyof EscalationCounts] = Number(r.count);
      return counts;
    },

    async forwardEscalation(id, contact, mail, now = Date.now(), quietMs = HOUR) {
      // One helpdesk mail per escalation per quietMs, whatever the address
      // (or its case): a visitor alternating addresses must not make the
      // service mail the helpdesk on every request. A repeat updates the
      // contact and, while the helpdesk mail still waits in the outbox, that
      // mail too (so it names the latest address and no older one lingers);
      // a helpdesk mail never waits twice for one escalation. Order matters:
      // each statement sees the rows as the ones before it left them.
      const notResolved = `EXISTS (SELECT 1 FROM escalations WHERE id = ?1 AND status <> 'resolved')`;
      const waiting = `outbox.escalation_id = ?1 AND outbox.status = 'pending' AND outbox.forget_contact IS NULL`;
      const results = await db.batch<Row>([
        sql(
          `UPDATE outbox SET to_address = ?2, reply_to_address = ?3, reply_to_name = ?4, subject = ?5, body = ?6 WHERE ${waiting} AND ${notResolved}`,
          id,
          mail.to,
          mail.replyTo?.address,
          mail.replyTo?.name,
          mail.subject,
          mail.text,
        ),
        sql(
          `INSERT INTO outbox (escalation_id, to_address, reply_to_address, reply_to_name, subject, body, status, next_attempt_at, created_at)
          SELECT ?1, ?3, ?4, ?5, ?6, ?7, 'pending', ?8, ?8 WHERE ${notResolved}
            AND NOT EXISTS (SELECT 1 FROM contacts WHERE escalation_id = ?1 AND mailed_at > ?2)
            AND NOT EXISTS (SELECT 1 FROM outbox WHERE ${waiting})`,
          id,
          now - quietMs,
          mail.to,
          mail.replyTo?.address,
          mail.replyTo?.name,
          mail.subject,
          mail.text,
          now,
        ),
        sql(
          `INSERT INTO contacts (escalation_id, email, name, message, created_at, mailed_at) SELECT ?1, ?2, ?3, ?4, ?5, ?5 WHERE ${notResolved}
          ON CONFLICT (escalation_id) DO UPDATE SET email = ?2, name = ?3, message = ?4, created_at = ?5,
            mailed_at = CASE WHEN contacts.mailed_at > ?6 THEN contacts.mailed_at ELSE ?5 END`,
          id,
          contact.email,
          contact.name,
          contact.message,
          now,
          now - quietMs,
        ),
        sql(`UPDATE escalations SET status = 'forwarded', forwarded_at = ?2 WHERE id = ?1 AND status <> 'resolved'`, id, now),
        sql(`${ESCALATION_SELECT} WHERE e.id = ?`, id),
      ]);
      const row = results[4]?.results[0];
      if (!row) return { outcome: 'missing' };
      const escalation = toEscalation(row);
      if (escalation.status === 'resolved') return { outcome: 'resolved', escalation };
      return { outcome: 'forwarded', escalation, mailed: changes(results[1]) > 0 };
    },

    async resolveEscalations(ids, answer, replies = [], now = Date.now()) {
      const [firstId] = ids;
      if (firstId === undefined) return undefined;
      const statements: D1PreparedStatement[] = [];
      if (answer) {
        statements.push(
          sql(
            `INSERT INTO staff_answers (question, answer, source_url, escalation_id, created_at, updated_at, kind)
          SELECT ?2, ?3, ?4, ?1, ?5, ?5, ?6 WHERE ${exists} RETURNING *`,
            firstId,
            answer.question,
            answer.answer,
            answer.sourceUrl,
            now,
            answer.kind ?? 'answer',
          ),
        );
      }
      // The staff answer just inserted (if any) is the newest one for the first id.
      const link = answer ? '(SELECT max(id) FROM staff_answers WHERE escalation_id = ?1)' : 'NULL';
      for (const id of ids) {
        statements.push(
          sql(
            `UPDATE escalations SET status = 'resolved', resolved_at = ?3, staff_answer_id = coalesce(${link}, staff_answer_id)
          WHERE id = ?2 AND ${exists}`,
            firstId,
            id,
            now,
          ),
        );
      }
      const extra: D1PreparedStatement[] = [];
      if (answer) {
        for (const q of answer.questions ?? []) {
          extra.push(
            sql(
              `INSERT INTO staff_answer_questions (answer_id, question, created_at)
            SELECT (SELECT max(id) FROM staff_answers WHERE escalation_id = ?1), ?2, ?3 WHERE ${exists}`,
              firstId,
              q,
              now,
            ),
          );
        }
        extra.push(sql(BUMP_VERSION));
      }
      // Replies to visitors who left an address: queued only while the contact is there.
      for (const r of replies) {
        extra.push(
          sql(
            `INSERT INTO outbox (escalation_id, to_address, reply_to_address, reply_to_name, subject, body, status, next_attempt_at, created_at, forget_contact)
          SELECT ?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?7, ?1 WHERE EXISTS (SELECT 1 FROM contacts WHERE escalation_id = ?1)`,
            r.escalationId,
            r.mail.to,
            r.mail.replyTo?.address,
            r.mail.replyTo?.name,
            r.mail.subject,
            r.mail.text,
            now,
          ),
        );
      }
      const results = await db.batch<Row>([...statements, ...extra]);
      const inserted = answer ? results.shift()?.results[0] : undefined;
      const resolved = ids.filter((_, i) => changes(results[i]) > 0);
      if (!resolved.includes(firstId)) return undefined;
      return { resolved, ...(inserted ? { staffAnswer: toStaffAnswer(inserted, answer?.questions ?? []) } : {}) };
    },

    async listStaffAnswers() {
      const [rows, questions] = await db.batch<Row>([
        sql('SELECT * FROM staff_answers ORDER BY id'),
        sql('SELECT answer_id, question FROM staff_answer_questions ORDER BY id'),
      ]);
      const byAnswer = new Map<number, string[]>();
      for (const q of questions!.results) {
        const list = byAnswer.get(q.answer_id as number) ?? [];
        list.push(q.question as string);
        byAnswer.set(q.answer_id as number, list);
      }
      return rows!.results.map((r) => toStaffAnswer(r, byAnswer.get(r.id as number) ?? []));
    },

    async getStaffAnswer(id) {
      const [rows, questions] = await db.batch<Row>([
        sql('SELECT * FROM staff_answers WHERE id = ?', id),
        sql('SELECT question FROM staff_answer_questions WHERE answer_id = ? ORDER BY id', id),
      ]);
      const row = rows!.results[0];
      return row
        ? toStaffAnswer(
            row,
            questions!.results.map((q) => q.question as string),
          )
        : undefined;
    },

    async addStaffAnswer(a, now = Date.now()) {
      const statements = [
        sql(
          `INSERT INTO staff_answers (question, answer, source_url, escalation_id, created_at, updated_at, kind)
          VALUES (?1, ?2, ?3, NULL, ?4, ?4, ?5) RETURNING *`,
          a.question,
          a.answer,
          a.sourceUrl,
          now,
          a.kind ?? 'answer',
        ),
        ...(a.questions ?? []).map((q) =>
          sql(
            `INSERT INTO staff_answer_questions (answer_id, question, created_at)
          VALUES ((SELECT max(id) FROM staff_answers), ?, ?)`,
            q,
            now,
          ),
        ),
        sql(BUMP_VERSION),
      ];
      const [row] = await db.batch<Row>(statements);
      return toStaffAnswer(row!.results[0]!, a.questions ?? []);
    },

    async updateStaffAnswer(id, change, now = Date.now()) {
      // Fields not in `change` keep their value; an explicit `sourceUrl: undefined` clears the link.
      const [updated] = await db.batch<Row>([
        sql(
          `UPDATE staff_answers SET question = coalesce(?2, question), answer = coalesce(?3, answer),
          source_url = CASE WHEN ?4 THEN ?5 ELSE source_url END, updated_at = ?6 WHERE id = ?1 RETURNING id`,
          id,
          change.question,
          change.answer,
          'sourceUrl' in change ? 1 : 0,
          change.sourceUrl,
          now,
        ),
        sql(BUMP_VERSION),
      ]);
      return updated!.results.length ? this.getStaffAnswer(id) : undefined;
    },

    async addStaffQuestion(id, question, now = Date.now()) {
      const [inserted] = await db.batch([
        sql(
          `INSERT INTO staff_answer_questions (answer_id, question, created_at) SELECT ?1, ?2, ?3
          WHERE EXISTS (SELECT 1 FROM staff_answers WHERE id = ?1)`,
          id,
          question,
          now,
        ),
        sql(BUMP_VERSION),
      ]);
      return changes(inserted) > 0;
    },

    async removeStaffAnswer(id) {
      const results = await db.batch([
        sql('DELETE FROM staff_answer_questions WHERE answer_id = ?', id),
        sql('DELETE FROM staff_answers WHERE id = ?', id),
        sql(BUMP_VERSION),
      ]);
      return changes(results[1]) > 0;
    },

    async addCorrection({ question, wrong, escalate }, now = Date.now()) {
      const [row] = await db.batch<Row>([
        sql('INSERT INTO staff_corrections (question, wrong, escalate, created_at) VALUES (?, ?, ?, ?) RETURNING *', question, wrong, escalate ? 1 : 0, now),
        sql(BUMP_VERSION),
      ]);
      return toCorrection(row!.results[0]!);
    },

    async listCorrections() {
      return (await all('SELECT * FROM staff_corrections ORDER BY id')).map(toCorrection);
    },

    async removeCorrection(id) {
      const [deleted] = await db.batch([sql('DELETE FROM staff_corrections WHERE id = ?', id), sql(BUMP_VERSION)]);
      return changes(deleted) > 0;
    },

    async staffKnowledge() {
      const version = await this.staffVersion();
      const [answers, corrections] = await Promise.all([this.listStaffAnswers(), this.listCorrections()]);
      return { version, answers, corrections };
    },

    async staffVersion() {
      const row = await first(`SELECT value FROM meta WHERE key = 'staff-version'`);
      return (row?.value as string | undefined) ?? '0';
    },

    async getTurn(id) {
      const row = await first(
        `SELECT t.*, (SELECT helpful FROM feedback WHERE turn_id = t.id ORDER BY id DESC LIMIT 1) AS helpful FROM turns t WHERE t.id = ?`,
        id,
      );
      return row ? toLoggedTurn(row) : undefined;
    },

    async recentTurns({ limit, offset = 0, ...filter }) {
      const { join, where, params } = turnsWhere(filter);
      const rows = await all(
        `SELECT t.*, f.helpful FROM turns t ${join || latestFeedback} ${where} ORDER BY t.id DESC LIMIT ? OFFSET ?`,
        ...params,
        Math.max(0, Math.floor(limit)),
        Math.max(0, Math.floor(offset)),
      );
      return rows.map(toLoggedTurn);
    },

    async countTurns(filter) {
      // The feedback join only when the filter reads it: a plain count is one pass over the turns' index.
      const { join, where, params } = turnsWhere(filter);
      const row = await first(`SELECT count(*) AS n FROM turns t ${join} ${where}`, ...params);
      return Number(row?.n ?? 0);
    },

    async answeredPerDay(since) {
      // Questions only (a pick's reply is not one), each by the bot's reply to it.
      const rows = await all(
        `SELECT strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS day, count(*) AS asked,
          coalesce(sum(choices IS NULL AND escalated = 0), 0) AS answered,
          coalesce(sum(choices IS NOT NULL), 0) AS choices,
          coalesce(sum(choices IS NULL AND escalated = 1), 0) AS escalated
        FROM turns WHERE created_at >= ? AND pick_of IS NULL AND follows IS NULL GROUP BY day ORDER BY day`,
        since,
      );
      return rows.map((r) => ({
        day: r.day as string,
        asked: Number(r.asked),
        answered: Number(r.answered),
        choices: Number(r.choices),
        escalated: Number(r.escalated),
      }));
    },

    async frequentOpen(since, min) {
      // Bounded however many are open: among the newest 2 000 (the staff
      // page's grouping window, GROUP_WINDOW in src/admin/groups.ts), the
      // wordings of at most 300 characters (a question asked word for word,
      // not a flood of long text, whose keys would make the grouping slow).
      const rows = await all(
        `SELECT min(question) AS question, count(*) AS count, group_concat(id) AS ids
        FROM (SELECT id, question FROM escalations WHERE status = 'open' AND created_at >= ? ORDER BY created_at DESC LIMIT 2000)
        WHERE length(question) <= 300 GROUP BY ${wordingKeySql('question')} HAVING count(*) >= ? ORDER BY count DESC LIMIT 20`,
        since,
        min,
      );
      return rows.map((r) => ({ question: r.question as string, count: Number(r.count), ids: String(r.ids).split(',') }));
    },

    async recordFeedback({ conversationId, helpful, comment }, now = Date.now()) {
      // Copies the conversation's last turn in the same statement, so the
      // feedback is about the answer the visitor actually saw.
      const row = await first(
        `INSERT INTO feedback (conversation_id, turn_id, question, answer, helpful, comment, created_at)
        SELECT conversation_id, id, question, answer, ?2, ?3, ?4 FROM turns WHERE conversation_id = ?1 ORDER BY id DESC LIMIT 1
        RETURNING *`,
        conversationId,
        helpful ? 1 : 0,
        comment,
        now,
      );
      return row ? toFeedback(row) : undefined;
    },

    async listFeedback(helpful) {
      const by = 'ORDER BY created_at DESC, id DESC';
      const rows =
        helpful === undefined ? await all(`SELECT * FROM feedback ${by}`) : await all(`SELECT * FROM feedback WHERE helpful = ? ${by}`, helpful ? 1 : 0);
      return rows.map(toFeedback);
    },

    async claimMail(now, leaseMs, limit) {
      const rows = await all(
        `UPDATE outbox SET next_attempt_at = ?2, attempts = attempts + 1
        WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?3)
        RETURNING *`,
        now,
        now + leaseMs,
        limit,
      );
      return rows.map(toMail).sort((a, b) => a.id - b.id);
    },

    async markMailSent(id, now = Date.now()) {
      // A reply to a visitor: their address was kept only to send it. Once it
      // is delivered, every address the escalation ever had goes — from the
      // contact, and from the helpdesk mails, each of which names the
      // address it was written for (a visitor may have left several).
      const forgotten = `(SELECT forget_contact FROM outbox WHERE id = ?1 AND status = 'pending')`;
      const helpdeskMails = `escalation_id = ${forgotten} AND forget_contact IS NULL AND id <> ?1`;
      const results = await db.batch([
        sql(`UPDATE escalations SET replied_at = ?2 WHERE id = ${forgotten}`, id, now),
        // Delivered ones are kept for the record, without the visitor: "Name <address>", then the bare address.
        sql(
          `UPDATE outbox SET reply_to_address = NULL, reply_to_name = NULL,
          body = CASE WHEN reply_to_address IS NULL OR reply_to_address = '' THEN body
            ELSE replace(replace(body, coalesce(reply_to_name, '') || ' <' || reply_to_address || '>', '(address deleted)'), reply_to_address, '(address deleted)') END
          WHERE ${helpdeskMails} AND status = 'sent'`,
          id,
        ),
        // One still waiting is dropped, not scrubbed: the visitor has their
        // answer, so the helpdesk would only be asked to answer it again, by
        // replying to nobody — and sent after the reply, it would carry the
        // address out again.
        sql(`DELETE FROM outbox WHERE ${helpdeskMails} AND status = 'pending'`, id),
        sql(`DELETE FROM contacts WHERE escalation_id = ${forgotten}`, id),
        sql(
          `UPDATE outbox SET status = 'sent', sent_at = ?2, last_error = NULL, to_address = CASE WHEN forget_contact IS NULL THEN to_address ELSE '(deleted)' END,
          reply_to_address = CASE WHEN forget_contact IS NULL THEN reply_to_address ELSE NULL END WHERE id = ?1`,
          id,
          now,
        ),
      ]);
      // The deleted bytes must not outlive the rows in the database file (SQLite on Node: see sqlite.ts).
      if (changes(results[0]) > 0) await options.erased?.();
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
        sql(
          `INSERT INTO meta (key, value) VALUES ('site:origin', ?1)
          ON CONFLICT (key) DO UPDATE SET value = ?1 WHERE meta.value = ?2`,
          origin,
          movedFrom,
        ),
        sql(`SELECT value FROM meta WHERE key = 'site:origin'`),
      ]);
      return row!.results[0]!.value as string;
    },

    async stats(since, top = 5): Promise<Stats> {
      // One batch, so the counts and the top list see the same data. Counts
      // are of questions: a pick's reply (pick_of) is not one, nor the reply to a thumbs-down (follows); its offer
      // (the turn with choices) says what was picked. The top list is of
      // escalated turns, so a question whose choices were declined ('none',
      // escalated by the pick's reply) is there once too.
      const [counts, topRows] = await db.batch<Row>([
        sql(
          `SELECT count(*) AS asked,
            coalesce(sum(choices IS NOT NULL), 0) AS choices,
            coalesce(sum(choices IS NULL AND escalated = 1), 0) AS escalated,
            coalesce(sum(picked IS NOT NULL AND picked <> 'none'), 0) AS picked,
            coalesce(sum(picked = 'none'), 0) AS declined
          FROM turns WHERE created_at >= ? AND pick_of IS NULL AND follows IS NULL`,
          since,
        ),
        // Still unanswered: a turn asked before staff resolved (answered or
        // dismissed) a question of the same wording is settled; one asked
        // after it counts again. One pass over each table (the resolved
        // wordings grouped once, then joined), not a lookup per turn.
        sql(
          `WITH settled AS (SELECT lower(trim(question)) AS k, max(resolved_at) AS at FROM escalations WHERE status = 'resolved' GROUP BY k)
          SELECT min(t.question) AS question, count(*) AS count FROM turns t LEFT JOIN settled s ON s.k = lower(trim(t.question))
          WHERE t.escalated = 1 AND t.created_at >= ? AND (s.at IS NULL OR t.created_at > s.at)
          GROUP BY lower(trim(t.question)) ORDER BY count DESC, max(t.created_at) DESC LIMIT ?`,
          since,
          top,
        ),
      ]);
      const count = (name: string) => Number(counts?.results[0]?.[name] ?? 0);
      const [asked, choices, escalated, picked, declined] = [count('asked'), count('choices'), count('escalated'), count('picked'), count('declined')];
      const answered = asked - choices - escalated;
      return {
        since,
        asked,
        answered,
        choices,
        escalated,
        answeredRate: asked ? answered / asked : 0,
        picks: { picked, declined, unpicked: choices - picked - declined },
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
        // Visitors' votes (salted client hashes) go with the rest; a suggestion
        // staff never decided goes when nobody has picked it for that long.
        sql('DELETE FROM suggestion_votes WHERE created_at < ?', before),
        sql(`DELETE FROM suggestion_wordings WHERE suggestion_id IN (SELECT id FROM suggestions WHERE status = 'open' AND updated_at < ?)`, before),
        sql(`DELETE FROM suggestions WHERE status = 'open' AND updated_at < ?`, before),
      ]);
      return { deleted: results.reduce((sum, r) => sum + changes(r), 0) };
    },

    ...createSuggestionStore(db),
    ...(options.close ? { close: options.close } : {}),
  };
}
