// Staff sign-in and forms against guessing and cross-site posts.
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { postJson, testApp } from './app-fixture.js';

const TOKEN = 'staff-token-for-tests-0123456789';
// As a browser posts a form: with its page's Origin.
const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
  body: new URLSearchParams(fields).toString(),
});

describe('staff sign-in', () => {
  it('limits sign-in attempts per client: 429 with Retry-After once the budget is spent', async () => {
    const app = testApp({ adminToken: TOKEN, loginAttemptsPerMinute: 3 }, { client: () => ({ address: '198.51.100.7', https: false }) });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.request('/admin/login', form({ token: 'guess' }))).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await app.request('/admin/login', form({ token: 'guess' }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: expect.stringContaining('Too many requests') });
    // Past the budget the right token is refused too (issue 21 row 7), from this address.
    expect((await app.request('/admin/login', form({ token: TOKEN }))).status).toBe(429);
  });

  it('counts each client on its own', async () => {
    let who = 'a';
    const app = testApp({ adminToken: TOKEN, loginAttemptsPerMinute: 1 }, { client: () => ({ address: who, https: false }) });
    expect((await app.request('/admin/login', form({ token: 'guess' }))).status).toBe(401);
    expect((await app.request('/admin/login', form({ token: 'guess' }))).status).toBe(429);
    who = 'b';
    expect((await app.request('/admin/login', form({ token: 'guess' }))).status).toBe(401);
  });
});

describe('staff forms', () => {
  it('refuse a form post from another site, even with a valid session', async () => {
    const app = testApp({ adminToken: TOKEN });
    const login = await app.request('http://faq.test/admin/login', form({ token: TOKEN }, { origin: 'http://faq.test' }));
    const session = login.headers.get('set-cookie')!.split(';')[0]!;
    const forged = await app.request('http://faq.test/admin/logout', form({}, { cookie: session, origin: 'https://evil.example' }));
    expect(forged.status).toBe(403);
    expect(await forged.json()).toEqual({ error: 'Cross-site form posts to the staff pages are refused' });
    const same = await app.request('http://faq.test/admin/logout', form({}, { cookie: session, origin: 'http://faq.test' }));
    expect(same.status).toBe(303);
  });

  it('a same-site form the server turns down says why, not "cross-site"', async () => {
    // Only the origin check's own refusal is re-worded: a staff member who
    // sends an empty answer must be told to write one.
    const app = testApp({ adminToken: TOKEN });
    const login = await app.request('http://faq.test/admin/login', form({ token: TOKEN }, { origin: 'http://faq.test' }));
    const session = login.headers.get('set-cookie')!.split(';')[0]!;
    const empty = await app.request('http://faq.test/admin/escalations/x/resolve', form({ answer: '' }, { cookie: session, origin: 'http://faq.test' }));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ error: 'Write an answer, choose a quote, or dismiss the question' });
  });
});

describe('every staff form refuses cross-site posts', () => {
  // SameSite=Strict keeps the session cookie off another site's form posts;
  // the origin check is the second lock. Each form is tried with a valid
  // session and a valid body, so only the origin can be the reason for 403,
  // and the state each form would change is checked to be unchanged.
  async function signedIn() {
    const store = openSqliteStore(':memory:');
    const app = testApp({ adminToken: TOKEN }, { store });
    const login = await app.request('http://faq.test/admin/login', form({ token: TOKEN }, { origin: 'http://faq.test' }));
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const chat = await app.request('http://faq.test/api/chat', postJson({ message: 'Who is the CEO?' }));
    const { escalationId } = (await chat.json()) as { escalationId: string };
    const answer = await store.addStaffAnswer({ question: 'What are the membership fees?', answer: 'They depend on the level.' });
    const sessions = () => (store.db.prepare('SELECT count(*) AS n FROM staff_sessions').get() as { n: number }).n;
    return { app, store, cookie, escalationId, answer, sessions };
  }

  const crossSite: [string, Record<string, string>][] = [
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['an Origin that only looks alike', { origin: 'http://faq.test.evil.example' }],
    ['no Origin and Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['no Origin and Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['no Origin and no Sec-Fetch-Site', {}],
  ];

  for (const [name, headers] of crossSite) {
    it(`with ${name}: 403 on sign-in, answer, dismiss, edit and remove, and nothing changes`, async () => {
      const { app, store, cookie, escalationId, answer, sessions } = await signedIn();
      const before = sessions();
      const post = (path: string, fields: Record<string, string>) => {
        const init = form(fields, { cookie, ...headers });
        if (!('origin' in headers)) delete (init.headers as Record<string, string>).origin;
        return app.request(`http://faq.test${path}`, init);
      };
      const posts: [string, Record<string, string>][] = [
        ['/admin/login', { token: TOKEN }],
        [`/admin/escalations/${escalationId}/resolve`, { answer: 'Answered by an attacker.' }],
        [`/admin/escalations/${escalationId}/resolve`, { dismiss: '1' }],
        [`/admin/answers/${answer.id}`, { question: 'What are the membership fees?', answer: 'Changed by an attacker.' }],
        [`/admin/answers/${answer.id}/delete`, {}],
        ['/admin/logout', {}],
      ];
      for (const [path, fields] of posts) {
        const res = await post(path, fields);
        expect(res.status, path).toBe(403);
        expect(await res.json(), path).toEqual({ error: 'Cross-site form posts to the staff pages are refused' });
      }
      expect(await store.getEscalation(escalationId)).toMatchObject({ status: 'open' });
      expect(await store.listStaffAnswers()).toEqual([expect.objectContaining({ id: answer.id, answer: 'They depend on the level.' })]);
      expect(sessions()).toBe(before); // no session planted by a cross-site sign-in, none ended
      expect((await app.request('http://faq.test/admin', { headers: { cookie } })).status).toBe(200);
    });
  }

  it('covers every form the staff pages have (walking the route table)', async () => {
    const { app, cookie } = await signedIn();
    const formRoutes = app.routes.filter((r) => r.method === 'POST' && r.path.startsWith('/admin/')).map((r) => r.path.replace(/:\w+/g, '1'));
    expect(formRoutes.length).toBeGreaterThanOrEqual(5);
    for (const path of formRoutes) {
      const res = await app.request(`http://faq.test${path}`, form({}, { cookie, origin: 'https://evil.example' }));
      expect(res.status, path).toBe(403);
    }
  });

  it('a same-origin post by Sec-Fetch-Site alone (no Origin header) is let through', async () => {
    const { app, cookie, escalationId, store } = await signedIn();
    const init = form({ dismiss: '1' }, { cookie, 'sec-fetch-site': 'same-origin' });
    delete (init.headers as Record<string, string>).origin;
    expect((await app.request(`http://faq.test/admin/escalations/${escalationId}/resolve`, init)).status).toBe(303);
    expect(await store.getEscalation(escalationId)).toMatchObject({ status: 'resolved' });
  });
});
