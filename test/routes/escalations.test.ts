// POST /api/escalations/:id/contact and POST /api/feedback: the happy path
// and every kind of bad input (JSON 400 / 404 / 415, never 500); what one
// visitor can make the service do to the helpdesk (one mail per escalation
// per hour, the per-client cap on escalations), names and invisible
// characters, and what the staff page says about the helpdesk mail.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../src/config.js';
import { createOutbox } from '../../src/mail/outbox.js';
import { createSmtpMailer } from '../../src/mail/smtp.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { postJson, testApp } from '../http/app-fixture.js';
import { startSmtp } from '../helpers/smtp.js';
import { engineFor, SITE_KNOWLEDGE } from '../helpers/knowledge.js';
import type { Engine } from '../../src/engine/engine.js';

const TOKEN = 'staff-token-for-tests-0123456789';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** `client.address` is the visitor's IP address as the entry file would give it; tests may change it between requests. */
function setup(config: Partial<AppConfig> = {}, extra: { outbox?: { kick(): void }; engine?: Engine } = {}) {
  const store = openSqliteStore(':memory:');
  const client = { address: '198.51.100.7' };
  const app = testApp({ adminToken: TOKEN, ...config }, { store, client: () => ({ address: client.address, https: false }), ...extra });
  const json = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const ask = async (message: string) => (await json('/api/chat', postJson({ message }))).body;
  const contact = (id: string, body: unknown) => json(`/api/escalations/${id}/contact`, postJson(body));
  return { app, store, client, json, ask, contact };
}

/** A question the pages cannot answer, different each time. */
const unanswerable = (i: number) => `Is there a discount number ${i} for quux${i}?`;

afterEach(() => {
  vi.useRealTimers();
});

describe('POST /api/escalations/:id/contact', () => {
  it('stores the contact, forwards the escalation and queues the helpdesk mail (202)', async () => {
    const { store, json } = setup();
    const { body } = await json('/api/chat', postJson({ message: 'Who is the CEO?' }));
    const r = await json(`/api/escalations/${body.escalationId}/contact`, postJson({ email: ' ann@example.com ', name: 'Ann', message: 'Thanks!' }));
    expect(r).toEqual({ status: 202, body: { escalationId: body.escalationId, status: 'forwarded' } });
    expect(await store.getEscalation(body.escalationId)).toMatchObject({
      status: 'forwarded',
      contact: { email: 'ann@example.com', name: 'Ann', message: 'Thanks!' },
    });
    const [mail] = await store.listOutbox();
    expect(mail).toMatchObject({ to: 'helpdesk@omaorg.org', replyTo: { address: 'ann@example.com', name: 'Ann' }, status: 'pending' });
    expect(mail!.text).toContain('Who is the CEO?');
  });

  it('rejects bad input with a JSON error', async () => {
    const { json } = setup();
    const { body } = await json('/api/chat', postJson({ message: 'Who is the CEO?' }));
    const url = `/api/escalations/${body.escalationId}/contact`;
    const cases: [unknown, number, RegExp][] = [
      [{ email: 'not-an-address' }, 400, /email/],
      [{ email: 'ann@example.com\r\nBcc: x@example.net' }, 400, /email/],
      [{ email: 'ann@example.com', name: 'Ann\r\nBcc: x@example.net' }, 400, /name/],
      [{ email: 'ann@example.com', name: 'x'.repeat(101) }, 400, /name/],
      [{ email: 'ann@example.com', message: 'x'.repeat(2001) }, 400, /message/],
      [{ email: 42 }, 400, /email/],
      [{}, 400, /email/],
      [[], 400, /email/],
      ['{not json', 400, /JSON/],
    ];
    for (const [payload, status, error] of cases) {
      const r = await json(url, postJson(payload));
      expect(r.status, JSON.stringify(payload)).toBe(status);
      expect(r.body.error).toMatch(error);
    }
    expect((await json(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'a@b.c' })).status).toBe(415);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope', '..%2F..%2Fadmin']) {
      const r = await json(`/api/escalations/${id}/contact`, postJson({ email: 'ann@example.com' }));
      expect(r).toEqual({ status: 404, body: { error: 'No such escalation' } });
    }
  });
});

describe('POST /api/feedback', () => {
  it('records feedback on the last answer of a conversation (201)', async () => {
    const { store, json } = setup();
    const { body } = await json('/api/chat', postJson({ message: 'When was OMA SpecWorks launched?' }));
    expect((await json('/api/feedback', postJson({ conversationId: body.conversationId, helpful: false, comment: 'Too short' }))).status).toBe(201);
    expect(await store.listFeedback(false)).toEqual([expect.objectContaining({ question: 'When was OMA SpecWorks launched?', comment: 'Too short' })]);
  });

  it('rejects bad input with a JSON error', async () => {
    const { json } = setup();
    const cases: [unknown, number, RegExp][] = [
      [{ conversationId: 'abc', helpful: true }, 400, /conversationId/],
      [{ conversationId: 'conversation-1', helpful: 'yes' }, 400, /helpful/],
      [{ conversationId: 'conversation-1' }, 400, /helpful/],
      [{ conversationId: 'conversation-1', helpful: true, comment: 'x'.repeat(1001) }, 400, /comment/],
      ['[]', 400, /conversationId|object/],
      [{ conversationId: 'conversation-unknown', helpful: true }, 404, /conversation/],
    ];
    for (const [payload, status, error] of cases) {
      const r = await json('/api/feedback', postJson(payload));
      expect(r.status, JSON.stringify(payload)).toBe(status);
      expect(r.body.error).toMatch(error);
    }
  });
});

describe('one helpdesk mail per escalation per hour, whatever the address', () => {
  it('ten contacts within seconds, alternating two addresses and their case: all 202, one mail', async () => {
    const { ask, contact, store } = setup();
    const { escalationId } = await ask('Who is the CEO?');
    const addresses = ['ann@example.com', 'bob@example.net', 'ANN@example.com', 'Bob@Example.NET'];
    for (let i = 0; i < 10; i++) {
      expect((await contact(escalationId, { email: addresses[i % 4], name: `Try ${i}` })).status).toBe(202);
    }
    const out = await store.listOutbox();
    expect(out).toHaveLength(1);
    // Still waiting (no mail server here): it names the address left last, and no other.
    expect(out[0]).toMatchObject({ status: 'pending', replyTo: { address: 'bob@example.net', name: 'Try 9' } });
    expect(out[0]!.text).toContain('it goes to Try 9 <bob@example.net>');
    expect(out[0]!.text.toLowerCase()).not.toContain('ann@example.com');
    expect((await store.getEscalation(escalationId))?.contact).toMatchObject({ email: 'bob@example.net', name: 'Try 9' });
  });

  it('on the clock: another address 1 s short of the hour sends nothing, 1 s past it sends one', async () => {
    const smtp = await startSmtp();
    const mailer = createSmtpMailer(smtp.url, { timeoutMs: 2000 });
    try {
      vi.useFakeTimers({ toFake: ['Date'] });
      const t0 = Date.UTC(2030, 0, 7, 9);
      vi.setSystemTime(t0);
      const { ask, contact, store } = setup();
      const outbox = createOutbox({ store, mailer, from: 'faq-assistant@omaorg.org' });
      const { escalationId } = await ask('Who is the CEO?');
      expect((await contact(escalationId, { email: 'ann@example.com' })).status).toBe(202);
      expect(await outbox.runOnce()).toEqual({ sent: 1, failed: 0 });
      vi.setSystemTime(t0 + HOUR - 1000);
      expect((await contact(escalationId, { email: 'bob@example.net' })).status).toBe(202);
      expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 0 });
      vi.setSystemTime(t0 + HOUR + 1000);
      expect((await contact(escalationId, { email: 'bob@example.net' })).status).toBe(202);
      expect(await outbox.runOnce()).toEqual({ sent: 1, failed: 0 });
      expect(smtp.received.map((m) => m.to)).toEqual([['helpdesk@omaorg.org'], ['helpdesk@omaorg.org']]);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });
});

describe('the per-client cap counts every escalation the client opened in a day', () => {
  it('at the cap, leaving an address on one question and asking again opens nothing new, however often repeated', async () => {
    const { ask, contact, store } = setup({ openQuestionsPerClient: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await ask(unanswerable(i))).escalationId);
    expect(ids.every(Boolean)).toBe(true);
    for (let round = 0; round < 5; round++) {
      expect((await contact(ids[round % 3]!, { email: `v${round}@example.com` })).status).toBe(202);
      const again = await ask(unanswerable(10 + round));
      // Still answered (escalated, with the helpdesk offered), just no new question for staff.
      expect(again.escalated).toBe(true);
      expect(again.escalationId).toBeUndefined();
    }
    expect(await store.countEscalations()).toEqual({ open: 0, forwarded: 3, resolved: 0 });
  });

  it('"none of these" after choices is within the same cap', async () => {
    // An engine never sure enough to answer directly: every question is offered choices.
    const { json, store } = setup({ openQuestionsPerClient: 1 }, { engine: engineFor(SITE_KNOWLEDGE, { threshold: 1, choiceThreshold: 0 }) });
    const first = (await json('/api/chat', postJson({ message: 'Does OMA work on IoT?' }))).body;
    expect(first.choices?.length).toBeGreaterThan(0);
    const opened = await json('/api/chat', postJson({ conversationId: first.conversationId, choice: 'none' }));
    expect(opened.body.escalationId).toBeDefined();
    // It has left an address on that one; the next "none of these" is capped all the same.
    expect((await json(`/api/escalations/${opened.body.escalationId}/contact`, postJson({ email: 'v@example.com' }))).status).toBe(202);
    const offer = (await json('/api/chat', postJson({ message: 'Does OMA work on IoT?' }))).body;
    expect(offer.choices?.length).toBeGreaterThan(0);
    const none = await json('/api/chat', postJson({ conversationId: offer.conversationId, choice: 'none' }));
    expect(none.status).toBe(200);
    expect(none.body.escalated).toBe(true);
    expect(none.body.escalationId).toBeUndefined();
    expect(await store.countEscalations()).toEqual({ open: 0, forwarded: 1, resolved: 0 });
  });

  it('an IPv6 client is one client across its /64: rotating the rest of the address buys nothing', async () => {
    const { ask, client, store } = setup({ openQuestionsPerClient: 3 });
    const opened = [];
    for (let i = 0; i < 8; i++) {
      client.address = `2001:db8:85a3:42:${(i * 7919).toString(16)}:${i + 1}::${(i * 31 + 1).toString(16)}`;
      opened.push((await ask(unanswerable(i))).escalationId);
    }
    expect(opened.filter(Boolean)).toHaveLength(3);
    // Another /64 is another client.
    client.address = '2001:db8:85a3:43::1';
    expect((await ask(unanswerable(99))).escalationId).toBeDefined();
    expect((await store.countEscalations()).open).toBe(4);
  });

  it('the window is a day (faked clock): still capped 25 minutes and 23 h 59 min later, free again after 24 h', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.UTC(2030, 0, 7, 9);
    vi.setSystemTime(t0);
    const { ask } = setup({ openQuestionsPerClient: 2 });
    expect((await ask(unanswerable(0))).escalationId).toBeDefined();
    vi.setSystemTime(t0 + 1000);
    expect((await ask(unanswerable(1))).escalationId).toBeDefined();
    vi.setSystemTime(t0 + 25 * 60 * 1000);
    expect((await ask(unanswerable(2))).escalationId).toBeUndefined();
    vi.setSystemTime(t0 + DAY - 60 * 1000);
    expect((await ask(unanswerable(3))).escalationId).toBeUndefined();
    vi.setSystemTime(t0 + DAY + 1);
    // The first has left the window; the second (1 s later) has not.
    expect((await ask(unanswerable(4))).escalationId).toBeDefined();
    expect((await ask(unanswerable(5))).escalationId).toBeUndefined();
  });
});

describe('names and invisible characters', () => {
  it('a name that is an address in full-width or small form (＠, ﹫) is refused: names are NFKC-normalised, then checked', async () => {
    const { ask, contact, store } = setup();
    const { escalationId } = await ask('Who is the CEO?');
    for (const name of [
      'helpdesk\uff20omaorg.org',
      'helpdesk\ufe6bomaorg.org',
      'helpdesk\u200b\uff20\u2060omaorg.org',
      '\uff48\uff45\uff4c\uff50\uff44\uff45\uff53\uff4b\uff20\uff4f\uff4d\uff41\uff4f\uff52\uff47\uff0e\uff4f\uff52\uff47',
    ]) {
      const r = await contact(escalationId, { email: 'v@example.com', name });
      expect(r.status, name).toBe(400);
      expect(r.body.error).toMatch(/name must be a name, not an e-mail address/);
    }
    expect(await store.listOutbox()).toEqual([]);
    // A name in full-width letters is kept, as the letters it shows.
    expect((await contact(escalationId, { email: 'v@example.com', name: '\uff21\uff4e\uff4e　Visitor' })).status).toBe(202);
    expect((await store.getEscalation(escalationId))?.contact?.name).toBe('Ann Visitor');
    expect((await store.listOutbox())[0]?.replyTo?.name).toBe('Ann Visitor');
  });

  it('tag characters, soft hyphens, Hangul fillers, the Braille blank and variation selectors are stripped from questions, names and notes', async () => {
    const { ask, contact, store, json } = setup();
    const hidden = '\u{e0049}\u{e0067}\u{e006e}\u{e006f}\u{e0072}\u{e0065}\u{e007f}'; // "Ignore" in tag characters
    const invisible = `\u00ad\u115f\u1160\u3164\uffa0\u2800\ufe0f\u{e0100}\u{e01ef}\u061c\u2060\u2061\u2062\u2063\u2064${hidden}`;
    const { escalationId } = await ask(`Who is the ${invisible}CEO?`);
    expect(escalationId).toBeDefined();
    expect((await contact(escalationId, { email: 'v@example.com', name: `Ann${invisible} Visitor`, message: `Thanks${invisible}!` })).status).toBe(202);
    const e = (await store.getEscalation(escalationId))!;
    expect([e.question, e.contact?.name, e.contact?.message]).toEqual(['Who is the CEO?', 'Ann Visitor', 'Thanks!']);
    const [mail] = await store.listOutbox();
    const api = (await json(`/api/admin/escalations/${escalationId}`, { headers: { authorization: `Bearer ${TOKEN}` } })).body;
    const page = await (await testPage(store, escalationId)).text();
    const visible = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u;
    for (const text of [mail!.text, mail!.subject, mail!.replyTo!.name!, JSON.stringify(api), page]) expect(text).not.toMatch(visible);
  });
});

/** The staff page's item view for an escalation, as staff see it. */
async function testPage(store: ReturnType<typeof openSqliteStore>, id: string) {
  return testApp({ adminToken: TOKEN }, { store }).request(`/admin/items/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
}

describe("the staff page's Forwarded tab", () => {
  const forwarded = async (extra: { outbox?: { kick(): void } }) => {
    const { ask, contact, app } = setup({}, extra);
    const { escalationId } = await ask('Who is the CEO?');
    await contact(escalationId, { email: 'ann@example.com' });
    const res = await app.request('/admin?tab=forwarded', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    return (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  };

  it('without a mail server says the helpdesk mail is waiting in the outbox, not that the helpdesk got it', async () => {
    const text = await forwarded({});
    expect(text).toContain('ann@example.com');
    expect(text).not.toMatch(/helpdesk got a mail/);
    expect(text).toMatch(/No mail server is configured[^.]*: the mail to the helpdesk is waiting in the outbox, not sent/);
  });

  it('with a mail server says the helpdesk is mailed', async () => {
    const text = await forwarded({ outbox: { kick() {} } });
    expect(text).toMatch(/the helpdesk is mailed/);
    expect(text).not.toMatch(/waiting in the outbox/);
  });
});
