// What visitors' picks teach, and what they cannot: N distinct clients
// picking one sentence for a wording make it a direct answer (LEARN_FROM_CHOICES);
// one client — or one IPv6 /64 — picking a wrong sentence a thousand times
// changes nothing anyone else sees; a staff rejection undoes a learned pair
// for good; learned wordings are never shown to visitors.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { clientBehindProxies } from '../../src/http/client.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { engineFor, SITE_KNOWLEDGE } from '../helpers/knowledge.js';
import { postJson } from '../http/app-fixture.js';

const TOKEN = 'ad9dfb3271258876e0c8a673855d12a5568a0deb3bca297b';
const QUESTION = 'Does OMA work on IoT?';
/** The choice of the three it offers that does not answer the question. */
const WRONG = /^Launched in 2018/;

type Reply = { answer: string; escalated: boolean; conversationId: string; choices?: { id: string; answer: string }[]; suggestions: string[] };

function boot(learnFromChoices = 3) {
  const store = openSqliteStore(':memory:');
  const app = createApp({
    engine: engineFor(SITE_KNOWLEDGE),
    store,
    log: () => {},
    // Behind one trusted proxy: X-Forwarded-For names the client.
    client: clientBehindProxies(
      1,
      () => '127.0.0.1',
      () => {},
    ),
    config: { adminToken: TOKEN, rateLimitPerMinute: 0, openQuestionsPerClient: 0, learnFromChoices, staffRefreshMs: 0 },
  });
  const chat = async (client: string, body: unknown) => (await (await app.request('/api/chat', postJson(body, { 'x-forwarded-for': client }))).json()) as Reply;
  /** Ask, and pick the choice matching `which` (the reply to the pick). */
  const askAndPick = async (client: string, which: RegExp) => {
    const r = await chat(client, { message: QUESTION });
    const choice = r.choices?.find((c) => which.test(c.answer));
    if (!choice) throw new Error(`no choice matching ${which} offered for "${QUESTION}"`);
    return chat(client, { conversationId: r.conversationId, choice: choice.id });
  };
  const admin = async (method: string, path: string) =>
    (await app.request(path, { method, headers: { authorization: `Bearer ${TOKEN}` } })).json() as Promise<Record<string, any>>;
  return { chat, askAndPick, admin, store };
}

describe('learning from picks', () => {
  it('the question gets choices to begin with, the wrong sentence among them', async () => {
    const { chat } = boot();
    const r = await chat('203.0.113.50', { message: QUESTION });
    expect(r.choices?.some((c) => WRONG.test(c.answer))).toBe(true);
  });

  it('one client picking a wrong sentence a thousand times changes nothing a second client sees', async () => {
    const { chat, askAndPick, admin } = boot();
    for (let i = 0; i < 1000; i++) await askAndPick('203.0.113.7', WRONG);
    const other = await chat('198.51.100.9', { message: QUESTION });
    expect(other.choices).toBeDefined();
    expect(other.escalated).toBe(false);
    const list = await admin('GET', '/api/admin/suggestions');
    expect(list.items).toMatchObject([{ status: 'open', clients: 1, quote: expect.stringMatching(WRONG) }]);
  }, 60_000);

  it('nor does one IPv6 /64 rotating its addresses', async () => {
    const { chat, askAndPick, admin } = boot();
    for (let i = 1; i <= 50; i++) await askAndPick(`2001:db8:1:2::${i.toString(16)}`, WRONG);
    expect((await chat('198.51.100.9', { message: QUESTION })).choices).toBeDefined();
    expect((await admin('GET', '/api/admin/suggestions')).items[0]).toMatchObject({ clients: 1, status: 'open' });
  });

  it('N distinct clients teach it; a staff rejection undoes it for good; the learned wording is never a chip', async () => {
    const { chat, askAndPick, admin } = boot(3);
    for (const client of ['203.0.113.1', '203.0.113.2']) await askAndPick(client, WRONG);
    expect((await chat('198.51.100.9', { message: QUESTION })).choices).toBeDefined();
    await askAndPick('203.0.113.3', WRONG);
    // Learned: the next visitor gets that sentence directly.
    const after = await chat('198.51.100.9', { message: QUESTION });
    expect(after.choices).toBeUndefined();
    expect(after.answer).toMatch(WRONG);
    // Never shown to another visitor: not a chip anywhere.
    const hello = await chat('198.51.100.9', { message: 'Hello!' });
    const related = await chat('198.51.100.9', { message: 'When was OMA SpecWorks launched?' });
    expect([...hello.suggestions, ...related.suggestions]).not.toContain(QUESTION);
    // Staff undo it.
    const [learned] = (await admin('GET', '/api/admin/suggestions?status=learned')).items;
    expect(learned).toMatchObject({ status: 'learned', clients: 3 });
    expect(await admin('POST', `/api/admin/suggestions/${learned.id}/reject`)).toMatchObject({ status: 'rejected' });
    const undone = await chat('198.51.100.9', { message: QUESTION });
    expect(undone.answer).not.toMatch(WRONG);
    // For good: more clients picking it again teach nothing.
    for (const client of ['203.0.113.4', '203.0.113.5', '203.0.113.6', '203.0.113.7']) {
      const r = await chat(client, { message: QUESTION });
      const wrong = r.choices?.find((c) => WRONG.test(c.answer));
      if (wrong) await chat(client, { conversationId: r.conversationId, choice: wrong.id });
    }
    const still = await chat('198.51.100.9', { message: QUESTION });
    expect(still.choices === undefined && WRONG.test(still.answer)).toBe(false);
    expect((await admin('GET', '/api/admin/suggestions?status=rejected')).items[0]).toMatchObject({ status: 'rejected' });
  });

  it('a wording with a link and an address is learned without them (nothing a visitor typed carries a link into what is taught)', async () => {
    const { chat, admin } = boot(3);
    const payload = `${QUESTION} ${'?'.repeat(200)} https://evil.example/win prize@evil.example`;
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      const r = await chat(client, { message: payload });
      const choice = r.choices?.find((c) => /working groups are active/.test(c.answer));
      if (!choice) throw new Error('no choice offered for the padded question');
      await chat(client, { conversationId: r.conversationId, choice: choice.id });
    }
    const [learned] = (await admin('GET', '/api/admin/suggestions?status=learned')).items;
    expect(learned.wording).toBe(`${QUESTION}?`);
    const answers = JSON.stringify(await admin('GET', '/api/admin/answers'));
    expect(answers).not.toMatch(/evil|https?:|@/);
  });

  it('LEARN_FROM_CHOICES=0: nothing is learned, staff accept by hand', async () => {
    const { chat, askAndPick, admin } = boot(0);
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']) await askAndPick(client, /working groups are active/);
    expect((await chat('198.51.100.9', { message: QUESTION })).choices).toBeDefined();
    const [open] = (await admin('GET', '/api/admin/suggestions')).items;
    expect(await admin('POST', `/api/admin/suggestions/${open.id}/accept`)).toMatchObject({ status: 'accepted' });
    const r = await chat('198.51.100.9', { message: QUESTION });
    expect(r.choices).toBeUndefined();
    expect(r.answer).toMatch(/working groups are active/);
  });

  it('the suggestions API refuses what it does not know, with a clear 4xx', async () => {
    const { admin } = boot();
    expect(await admin('POST', '/api/admin/suggestions/12345/accept')).toEqual({ error: 'No such suggestion' });
    expect(await admin('GET', '/api/admin/suggestions?status=maybe')).toEqual({ error: 'status must be open, accepted, rejected or learned' });
  });
});
