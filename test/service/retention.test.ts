// Retention (src/service/retention.ts), the job the Node server runs hourly
// and the Worker on its cron trigger: what a visitor left — turns, questions
// (open ones too), contacts, feedback, sent mails — goes after RETENTION_DAYS;
// staff answers and mail not yet sent stay; expired staff sessions always go.
import { afterEach, describe, expect, it } from 'vitest';
import { applyRetention, type RetentionLog } from '../../src/service/retention.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = 1_800_000_000_000;
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close?.();
});

/** A store with one visitor's traces `ageDays` old, and what it holds now. */
async function visitorFrom(store: ReturnType<typeof openSqliteStore>, tag: string, ageDays: number) {
  const at = NOW - ageDays * DAY;
  const conversationId = `conv-${tag}`;
  await store.recordTurn({ conversationId, question: `What is OMA? (${tag})`, answer: 'An SDO.', escalated: false, confidence: 1 }, undefined, at);
  const open = (
    await store.recordTurn({ conversationId, question: `Who is the CEO? (${tag})`, answer: 'passing on', escalated: true, confidence: 0 }, undefined, at)
  ).escalationId!;
  const forwarded = (
    await store.recordTurn({ conversationId, question: `What are the fees? (${tag})`, answer: 'passing on', escalated: true, confidence: 0 }, undefined, at)
  ).escalationId!;
  await store.forwardEscalation(forwarded, { email: `${tag}@example.com` }, { to: 'helpdesk@example.org', subject: `sent ${tag}`, text: 't' }, at);
  const mail = (await store.listOutbox()).find((m) => m.subject === `sent ${tag}`)!;
  await store.markMailSent(mail.id, at);
  const unsent = (
    await store.recordTurn({ conversationId, question: `Where is the office? (${tag})`, answer: 'passing on', escalated: true, confidence: 0 }, undefined, at)
  ).escalationId!;
  await store.forwardEscalation(unsent, { email: `${tag}-2@example.com` }, { to: 'helpdesk@example.org', subject: `unsent ${tag}`, text: 't' }, at);
  await store.recordFeedback({ conversationId, helpful: false, comment: `meh ${tag}` }, at);
  return { conversationId, open, forwarded };
}

const count = (store: ReturnType<typeof openSqliteStore>, table: string) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function setup() {
  const store = openSqliteStore(':memory:');
  stores.push(store);
  const logs: Parameters<RetentionLog>[] = [];
  return { store, logs, log: ((...args) => logs.push(args)) as RetentionLog };
}

describe('applyRetention', () => {
  it('deletes what visitors left longer ago than the retention period and keeps the rest', async () => {
    const { store, log, logs } = setup();
    const old = await visitorFrom(store, 'old', 91);
    const recent = await visitorFrom(store, 'recent', 89);
    const staff = await store.addStaffAnswer({ question: 'Who is the CEO?', answer: 'The General Manager.' }, NOW - 400 * DAY);

    const deleted = await applyRetention(store, 90, log, NOW);

    expect(await store.transcript(old.conversationId)).toEqual([]);
    expect(await store.conversation(old.conversationId)).toBeUndefined();
    expect(await store.getEscalation(old.open)).toBeUndefined();
    expect(await store.getEscalation(old.forwarded)).toBeUndefined();
    expect(store.db.prepare('SELECT email FROM contacts').all()).toEqual([{ email: 'recent@example.com' }, { email: 'recent-2@example.com' }]);
    expect((await store.listFeedback()).map((f) => f.comment)).toEqual(['meh recent']);
    // A sent mail is a copy of personal data; one still to be sent is the
    // helpdesk's only copy of a visitor's request, so it waits.
    expect((await store.listOutbox()).map((m) => m.subject).sort()).toEqual(['sent recent', 'unsent old', 'unsent recent']);
    expect(await store.transcript(recent.conversationId)).toHaveLength(4);
    expect(await store.getEscalation(recent.forwarded)).toMatchObject({ contact: { email: 'recent@example.com' } });
    expect((await store.listStaffAnswers()).map((a) => a.id)).toEqual([staff.id]);

    // old: 4 turns, 1 conversation, 1 feedback, 1 sent mail, 2 contacts, 3 escalations
    expect(deleted).toBe(12);
    expect(logs).toEqual([['info', 'retention purge', { retentionDays: 90, deleted: 12 }]]);
  });

  it('says nothing when there was nothing to delete', async () => {
    const { store, log, logs } = setup();
    await visitorFrom(store, 'recent', 1);
    expect(await applyRetention(store, 90, log, NOW)).toBe(0);
    expect(logs).toEqual([]);
  });

  it('with 0 days keeps everything, but still ends expired staff sessions', async () => {
    const { store, log } = setup();
    await visitorFrom(store, 'ancient', 3000);
    await store.createSession('a'.repeat(64), NOW - 1, NOW - DAY);
    await store.createSession('b'.repeat(64), NOW + DAY, NOW - DAY);
    const before = ['turns', 'escalations', 'contacts', 'feedback', 'outbox'].map((t) => count(store, t));
    expect(await applyRetention(store, 0, log, NOW)).toBe(1);
    expect(['turns', 'escalations', 'contacts', 'feedback', 'outbox'].map((t) => count(store, t))).toEqual(before);
    expect(await store.sessionActive('b'.repeat(64), NOW)).toBe(true);
    expect(count(store, 'staff_sessions')).toBe(1);
  });

  it('counts the retention period in whole days from now', async () => {
    const { store, log } = setup();
    const edge = await visitorFrom(store, 'edge', 7);
    store.db.prepare('UPDATE turns SET created_at = ? WHERE conversation_id = ?').run(NOW - 7 * DAY + 1, edge.conversationId);
    await applyRetention(store, 7, log, NOW);
    expect(await store.transcript(edge.conversationId)).toHaveLength(4);
    store.db.prepare('UPDATE turns SET created_at = ? WHERE conversation_id = ?').run(NOW - 7 * DAY - 1, edge.conversationId);
    await applyRetention(store, 7, log, NOW);
    expect(await store.transcript(edge.conversationId)).toEqual([]);
  });

  it('never throws: a failed run is logged (addresses redacted) and the next one tries again', async () => {
    const { store, log, logs } = setup();
    const purge = store.purge.bind(store);
    store.purge = async () => {
      throw new Error('disk I/O error while deleting ann@example.com');
    };
    expect(await applyRetention(store, 90, log, NOW)).toBe(0);
    expect(logs).toEqual([['error', 'retention purge failed', { error: 'Error: disk I/O error while deleting <address>' }]]);
    store.purge = purge;
    await visitorFrom(store, 'old', 100);
    expect(await applyRetention(store, 90, log, NOW)).toBeGreaterThan(0);
  });
});
