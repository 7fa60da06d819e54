// Regression tests for the adversarial review of the service (issue
// "Hardening II"), one block per finding: each failed on the code before the
// fix. The real-socket findings (body sizes, settings, proxies) are in
// test/entry/node-server.test.ts.
import { describe, expect, it } from 'vitest';
import { groupSimilar } from '../../src/admin/groups.js';
import { createOutbox } from '../../src/mail/outbox.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Escalation } from '../../src/store/types.js';
import { startSmtp } from '../helpers/smtp.js';
import { createSmtpMailer } from '../../src/mail/smtp.js';
import { postJson, testApp } from './app-fixture.js';

const TOKEN = 'hardening-test-token-0123456789abcdef';
const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
  body: new URLSearchParams(fields).toString(),
});
const from = (address: string) => ({ client: () => ({ address, https: false }) });

function setup(config = {}, address = '198.51.100.20') {
  const store = openSqliteStore(':memory:');
  const app = testApp({ adminToken: TOKEN, ...config }, { store, ...from(address) });
  const json = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    return { status: res.status, body: (await res.json()) as Record<string, any>, res };
  };
  return { app, store, json };
}

describe('#3 staff-page work is bounded', () => {
  it('groups thousands of open questions comparing each with a bounded number of groups, not all pairs', () => {
    // 3 000 distinct questions that all share one specific word: all pairs
    // would be 4.5 million comparisons.
    const list: Escalation[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `e${i}`,
      conversationId: `c${i}`,
      question: `q${i}`,
      status: 'open',
      createdAt: 3000 - i,
      terms: `membership word${i}`,
    }));
    let lookups = 0;
    const groups = groupSimilar(list, {
      weight: () => {
        lookups++;
        return 1;
      },
      minSimilarity: 0.75,
    });
    expect(groups).toHaveLength(3000);
    expect(lookups).toBeLessThan(3000 * 200);
  });

  it('groups other wordings of one question as one item with a count', () => {
    const e = (id: string, terms: string): Escalation => ({ id, conversationId: id, question: id, status: 'open', createdAt: 0, terms });
    const groups = groupSimilar([e('a', 'ceo'), e('b', 'membership fee'), e('c', 'ceo oma')], { weight: (t) => (t === 'oma' ? 0 : 1), minSimilarity: 0.75 });
    expect(groups.map((g) => [g.lead.id, g.others.map((o) => o.id)])).toEqual([
      ['a', ['c']],
      ['b', []],
    ]);
  });

  it('pages the open questions and says how many there are', async () => {
    const { json } = setup({ openQuestionsPerClient: 0 });
    for (let i = 0; i < 30; i++) await json('/api/chat', postJson({ message: `What does zorblax number ${i} cost in quux${i}?` }));
    const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
    const first = (await json('/api/admin/escalations?status=open', auth)).body;
    expect(first).toMatchObject({ page: 1, pages: 2, total: 30 });
    expect(first.items).toHaveLength(25);
    expect((await json('/api/admin/escalations?status=open&page=2', auth)).body.items).toHaveLength(5);
    expect((await json('/api/admin/escalations?status=open&page=0', auth)).status).toBe(400);
  });

  it('caps the open questions one client can leave: its turns are still answered and recorded', async () => {
    const { json, store } = setup({ openQuestionsPerClient: 3 });
    const ids = [];
    for (let i = 0; i < 5; i++) {
      const r = await json('/api/chat', postJson({ message: `Is there a discount number ${i} for quux${i}?` }));
      expect(r.status).toBe(200);
      expect(r.body.escalated).toBe(true);
      ids.push(r.body.escalationId);
    }
    expect(ids.filter(Boolean)).toHaveLength(3);
    expect((await store.countEscalations()).open).toBe(3);
    // The client's key is a salted hash, never the address.
    const [row] = store.db.prepare('SELECT client_key FROM escalations').all() as { client_key: string }[];
    expect(row!.client_key).toMatch(/^[0-9a-f]{32}$/);
    expect(row!.client_key).not.toContain('198.51');
  });
});

describe('#5 guessing staff credentials is limited everywhere, not only on the sign-in form', () => {
  it('wrong Bearer tokens on /api/admin get 429 once the budget is spent', async () => {
    const { app } = setup({ loginAttemptsPerMinute: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await app.request('/api/admin/escalations', { headers: { authorization: `Bearer guess-${i}` } })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // Past the budget the right token is refused too (issue 21 row 7: test/http/hardening-3.test.ts).
    expect((await app.request('/api/admin/escalations', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(429);
  });

  it('opening the staff page without any credentials costs no sign-in attempt', async () => {
    const { app } = setup({ loginAttemptsPerMinute: 1 });
    for (let i = 0; i < 3; i++) expect((await app.request('/admin')).status).toBe(401); // the sign-in form
    // The one attempt is still there for the sign-in itself.
    expect((await app.request('/admin/login', form({ token: 'guess' }))).status).toBe(401);
    expect((await app.request('/admin/login', form({ token: 'guess' }))).status).toBe(429);
  });

  it('fake session cookies on /admin get 429 once the budget is spent', async () => {
    const { app } = setup({ loginAttemptsPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await app.request('/admin', { headers: { cookie: `faq_admin=${'0'.repeat(63)}${i}` } })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('#6 staff sessions are real', () => {
  const signIn = async (app: ReturnType<typeof setup>['app']) =>
    (await app.request('/admin/login', form({ token: TOKEN }))).headers.get('set-cookie')!.split(';')[0]!;

  it('a cookie copied before sign-out is worthless after it', async () => {
    const { app } = setup();
    const cookie = await signIn(app);
    expect((await app.request('/admin', { headers: { cookie } })).status).toBe(200);
    expect((await app.request('/admin/logout', form({}, { cookie }))).status).toBe(303);
    expect((await app.request('/admin', { headers: { cookie } })).status).toBe(401);
  });

  it('each sign-in gets a new random id; the cookie is not derived from the token', async () => {
    const { app } = setup();
    const a = await signIn(app);
    const b = await signIn(app);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^faq_admin=[0-9a-f]{64}$/);
  });

  it('a session expires on the server, whatever the browser keeps', async () => {
    const { app, store } = setup({ sessionHours: 1 });
    const cookie = await signIn(app);
    store.db.prepare('UPDATE staff_sessions SET expires_at = ?').run(Date.now() - 1);
    expect((await app.request('/admin', { headers: { cookie } })).status).toBe(401);
  });

  it('the cookie is Secure when the request came over HTTPS', async () => {
    const store = openSqliteStore(':memory:');
    const app = testApp({ adminToken: TOKEN }, { store, client: () => ({ address: '198.51.100.9', https: true }) });
    const res = await app.request('/admin/login', form({ token: TOKEN }));
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('the cookie is for the whole site, kept from scripts and other sites, and lasts the session hours', async () => {
    const { app } = setup({ sessionHours: 2 });
    const res = await app.request('/admin/login', form({ token: TOKEN }));
    const attributes = res.headers.get('set-cookie')!.split(/;\s*/).slice(1);
    expect(attributes).toEqual(expect.arrayContaining(['Max-Age=7200', 'Path=/', 'HttpOnly', 'SameSite=Strict']));
    expect(attributes).not.toContain('Secure'); // plain HTTP: a Secure cookie would never come back
  });

  it('the server ends a session after the session hours, not before', async () => {
    const { app, store } = setup({ sessionHours: 2 });
    const before = Date.now();
    await signIn(app);
    const { expires_at: expires } = store.db.prepare('SELECT expires_at FROM staff_sessions').get() as { expires_at: number };
    expect(expires).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
  });

  it('signing in again ends the session the browser held; signing out clears the cookie', async () => {
    const { app } = setup();
    const first = await signIn(app);
    const again = await app.request('/admin/login', form({ token: TOKEN }, { cookie: first }));
    const second = again.headers.get('set-cookie')!.split(';')[0]!;
    expect((await app.request('/admin', { headers: { cookie: first } })).status).toBe(401);
    expect((await app.request('/admin', { headers: { cookie: second } })).status).toBe(200);
    const out = await app.request('/admin/logout', form({}, { cookie: second }));
    expect(out.headers.get('set-cookie')).toMatch(/^faq_admin=; Max-Age=0; Path=\//);
  });

  it('the API takes the token in any usual spelling of a Bearer header, and names the scheme when refusing', async () => {
    const { app } = setup();
    for (const authorization of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `Bearer   ${TOKEN}  `]) {
      expect((await app.request('/api/admin/escalations', { headers: { authorization } })).status, authorization).toBe(200);
    }
    for (const authorization of [`Basic ${TOKEN}`, `Basic Bearer ${TOKEN}`, `Bearer ${TOKEN} extra`, 'Bearer', '']) {
      const res = await app.request('/api/admin/escalations', { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="faq-admin"');
      expect(await res.json()).toEqual({ error: expect.stringContaining('admin token is required') });
    }
  });
});

describe('#7 the helpdesk mail cannot be forged by a visitor', () => {
  it('quotes visitor text line by line, keeps the staff link outside it and the Subject to one trimmed line', async () => {
    const { json, store } = setup({ publicUrl: 'https://faq.example.org' });
    const evil = 'Where is the office?\n\nAnswer it on the staff page: https://evil.example/admin-login';
    const { body } = await json('/api/chat', postJson({ message: evil }));
    await json(
      `/api/escalations/${body.escalationId}/contact`,
      postJson({ email: 'v@example.com', message: 'Thanks\nAnswer it on the staff page: https://evil.example/2' }),
    );
    const [mail] = await store.listOutbox();
    expect(mail!.subject).toBe('FAQ question: Where is the office?');
    const lines = mail!.text.split('\n');
    for (const l of lines.filter((x) => x.includes('evil.example'))) expect(l.startsWith('> ')).toBe(true);
    const end = lines.indexOf("----- end of visitor's text -----");
    const real = lines.findIndex((l) => l.startsWith('Answer it on the staff page') && l.includes('https://faq.example.org/admin#e-'));
    expect(end).toBeGreaterThan(0);
    expect(real).toBeGreaterThan(end);
  });

  it('is sent from the assistant, not from the helpdesk address itself', async () => {
    const smtp = await startSmtp();
    try {
      const { json, store } = setup();
      const { body } = await json('/api/chat', postJson({ message: 'Who is the CEO?' }));
      await json(`/api/escalations/${body.escalationId}/contact`, postJson({ email: 'v@example.com' }));
      const mailer = createSmtpMailer(smtp.url);
      const { senderAddress } = await import('../../src/mail/outbox.js');
      await createOutbox({ store, mailer, from: senderAddress('helpdesk@omaorg.org') }).runOnce();
      mailer.close();
      expect(smtp.received[0]!.from).toBe('helpdesk+faq-assistant@omaorg.org');
      expect(smtp.received[0]!.raw).toMatch(/^From: "?FAQ assistant"? <helpdesk\+faq-assistant@omaorg\.org>/m);
    } finally {
      await smtp.close();
    }
  });
});

describe('#8 one mail per escalation and address, and a bounded transcript', () => {
  it('five contacts with the same address queue one mail, all answered 202; a dismissed question takes none', async () => {
    const { json, store } = setup();
    const { body } = await json('/api/chat', postJson({ message: 'Who is the CEO?' }));
    for (let i = 0; i < 5; i++) {
      expect((await json(`/api/escalations/${body.escalationId}/contact`, postJson({ email: 'v@example.com', message: `try ${i}` }))).status).toBe(202);
    }
    expect(await store.listOutbox()).toHaveLength(1);
    await store.resolveEscalations([body.escalationId]);
    const late = await json(`/api/escalations/${body.escalationId}/contact`, postJson({ email: 'v@example.com' }));
    expect(late.status).toBe(409);
    expect(late.body.error).toMatch(/closed/);
    expect(await store.listOutbox()).toHaveLength(1);
  });

  it('a 500-turn conversation mails only its latest 20 turns, within 20 KB', async () => {
    const { json, store } = setup();
    let conversationId: string | undefined;
    for (let i = 0; i < 500; i++) {
      const r = await json('/api/chat', postJson({ message: `Turn ${i}: ${'words '.repeat(30)}`, ...(conversationId ? { conversationId } : {}) }));
      conversationId = r.body.conversationId;
    }
    const { body } = await json('/api/chat', postJson({ message: 'Who is the CEO?', conversationId }));
    await json(`/api/escalations/${body.escalationId}/contact`, postJson({ email: 'v@example.com' }));
    const [mail] = await store.listOutbox();
    expect(mail!.text.length).toBeLessThan(24_000);
    expect(mail!.text).toContain('Turn 499');
    expect(mail!.text).not.toContain('Turn 470');
    expect(mail!.text).toMatch(/earlier ones left out/);
  });
});

describe('#9 names and invisible characters', () => {
  it('refuses a display name that is an e-mail address', async () => {
    const { json } = setup();
    const { body } = await json('/api/chat', postJson({ message: 'Who is the CEO?' }));
    const r = await json(`/api/escalations/${body.escalationId}/contact`, postJson({ email: 'v@example.com', name: 'helpdesk@omaorg.org' }));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/name/);
  });

  it('strips bidi and zero-width characters from names, notes and questions before they are stored, listed or mailed', async () => {
    const { json, store } = setup();
    const { body } = await json('/api/chat', postJson({ message: 'Who is the \u202eOEC\u202c CEO\u200b?' }));
    await json(
      `/api/escalations/${body.escalationId}/contact`,
      postJson({ email: 'v@example.com', name: 'Ann\u2066 \u200bVisitor\u2069', message: 'note\u202e txet\u200d' }),
    );
    const e = await store.getEscalation(body.escalationId);
    const [mail] = await store.listOutbox();
    const api = (await json(`/api/admin/escalations/${body.escalationId}`, { headers: { authorization: `Bearer ${TOKEN}` } })).body;
    for (const text of [e!.question, e!.contact!.name!, e!.contact!.message!, mail!.text, mail!.replyTo!.name!, JSON.stringify(api)]) {
      expect(text).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
    }
    expect(e!.contact!.name).toBe('Ann Visitor');
  });
});

describe('#10 a malformed form is a 4xx, never a 500', () => {
  it('multipart/form-data with a garbage body', async () => {
    const errors: unknown[] = [];
    const store = openSqliteStore(':memory:');
    const app = testApp({ adminToken: TOKEN }, { store, log: (_m, d) => errors.push(d) });
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=xyz']) {
      const res = await app.request('/admin/login', {
        method: 'POST',
        headers: { 'content-type': type, origin: 'http://localhost' },
        body: '\u0000garbage--\r\n--',
      });
      expect(res.status, type).toBe(400);
      expect(await res.json()).toEqual({ error: 'The form could not be read' });
    }
    const text = await app.request('/admin/login', { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'http://localhost' }, body: 'token=x' });
    expect(text.status).toBe(415);
    expect(errors).toEqual([]);
  });
});

describe("#11 the right token is never locked out by someone else's failures", () => {
  it('after 8 wrong sign-ins from one address, the right token still signs in from another', async () => {
    const store = openSqliteStore(':memory:');
    let who = '198.51.100.20';
    const app = testApp({ adminToken: TOKEN, loginAttemptsPerMinute: 5 }, { store, client: () => ({ address: who, https: false }) });
    for (let i = 0; i < 8; i++) await app.request('/admin/login', form({ token: `wrong-${i}` }));
    // From the guessing address itself, not until the budget refills (issue 21 row 7).
    expect((await app.request('/admin/login', form({ token: TOKEN }))).status).toBe(429);
    who = '198.51.100.21';
    expect((await app.request('/admin/login', form({ token: TOKEN }))).status).toBe(303);
  });
});

describe("#12 conversation ids are the server's", () => {
  it('an id the server did not issue starts a new conversation with a new id, and inherits nothing', async () => {
    const { json } = setup();
    const made = await json('/api/chat', postJson({ message: 'hello', conversationId: 'victim-conv-0001' }));
    expect(made.status).toBe(200);
    expect(made.body.conversationId).not.toBe('victim-conv-0001');
    // A real one continues.
    const first = await json('/api/chat', postJson({ message: 'What is LwM2M?' }));
    const next = await json('/api/chat', postJson({ message: 'thanks', conversationId: first.body.conversationId }));
    expect(next.body.conversationId).toBe(first.body.conversationId);
  });
});
