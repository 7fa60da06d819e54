// Regression tests for issue 21 ("Hardening III"), the HTTP layer and staff
// sign-in, on the app in-process: each failed on the code before its fix.
// What needs real sockets and a real process (slow bodies, deadlines,
// connection caps, restarts) is in test/entry/slow-clients.test.ts.
import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from '../../src/http/rate-limit.js';
import type { RequestLine } from '../../src/http/request-log.js';
import { STAFF_OFF } from '../../src/routes/admin.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { testApp } from './app-fixture.js';

const TOKEN = '3f9a1c7e5b2d8046e1a9c3f7b5d2e8a04c6f1b9d7e3a5c2f8b0d6e4a1c9f7b3d';
const OTHER_TOKEN = 'b7E2kQ9xW4mZ1pL8vR6tY3nH0sD5fG7jC2aX9eU4iO1';
const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
  body: new URLSearchParams(fields).toString(),
});
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
/** `promise`'s value, or 'pending' when it has not settled within `ms`. */
const within = <T>(promise: T | Promise<T>, ms: number) =>
  Promise.race([Promise.resolve(promise), new Promise<'pending'>((done) => setTimeout(() => done('pending'), ms))]);
/** A request body that sends `first` and then never ends, as a stalled client. */
const stalled = (first: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
    },
  });

function staffApp(address = '198.51.100.30', clock = { t: 1_000_000 }) {
  const store = openSqliteStore(':memory:');
  const loginLimiter = createMemoryRateLimiter({ limit: 5, now: () => clock.t });
  let who = address;
  const app = testApp({ adminToken: TOKEN, loginAttemptsPerMinute: 5 }, { store, loginLimiter, client: () => ({ address: who, https: false }) });
  return { app, store, clock, from: (a: string) => (who = a) };
}

describe('row 7: past the sign-in budget the right token is refused too (the limiter comes first)', () => {
  it('216 Bearer guesses in a burst, the right one among them: it gets 429, not 200', async () => {
    const { app } = staffApp();
    const statuses: number[] = [];
    for (let i = 0; i < 216; i++) {
      const guess = i === 150 ? TOKEN : `guess-${i}-${'x'.repeat(40)}`;
      statuses.push((await app.request('/api/admin/escalations', bearer(guess))).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[150]).toBe(429);
    expect(statuses.filter((s) => s === 200)).toEqual([]);
  });

  it('on the sign-in form: after the budget, the right token gets 429 and no session', async () => {
    const { app } = staffApp();
    for (let i = 0; i < 5; i++) expect((await app.request('/admin/login', form({ token: `guess-${i}` }))).status).toBe(401);
    const right = await app.request('/admin/login', form({ token: TOKEN }));
    expect(right.status).toBe(429);
    expect(right.headers.get('set-cookie')).toBeNull();
  });

  it('a valid session cookie, while over the budget, gets 429 as well', async () => {
    const { app } = staffApp();
    const cookie = (await app.request('/admin/login', form({ token: TOKEN }))).headers.get('set-cookie')!.split(';')[0]!;
    for (let i = 0; i < 5; i++) await app.request('/api/admin/escalations', bearer(`guess-${i}`));
    expect((await app.request('/admin', { headers: { cookie } })).status).toBe(429);
  });

  it('the budget refills with time, and another address is never locked out by these guesses', async () => {
    const { app, clock, from } = staffApp();
    for (let i = 0; i < 8; i++) await app.request('/api/admin/escalations', bearer(`guess-${i}`));
    expect((await app.request('/api/admin/escalations', bearer(TOKEN))).status).toBe(429);
    from('198.51.100.31');
    expect((await app.request('/api/admin/escalations', bearer(TOKEN))).status).toBe(200);
    from('198.51.100.30');
    clock.t += 60_000;
    expect((await app.request('/api/admin/escalations', bearer(TOKEN))).status).toBe(200);
  });

  it('right Bearer tokens are not counted: staff tools may call the API often', async () => {
    const { app } = staffApp();
    for (let i = 0; i < 20; i++) expect((await app.request('/api/admin/escalations', bearer(TOKEN))).status).toBe(200);
  });
});

describe('row 3: the sign-in form refuses before it reads', () => {
  it('over the budget, a sign-in whose body never ends is answered 429 at once', async () => {
    const { app } = staffApp();
    for (let i = 0; i < 5; i++) await app.request('/admin/login', form({ token: `guess-${i}` }));
    const res = await within(app.request('/admin/login', { ...form({}), body: stalled('token='), duplex: 'half' } as RequestInit), 1000);
    expect(res).not.toBe('pending');
    expect((res as Response).status).toBe(429);
  });

  it('a form declared over 4 KB gets 413 at once, without its body being read', async () => {
    const { app } = staffApp();
    const res = await within(
      app.request('/admin/login', {
        ...form({}, { 'content-length': '65530' }),
        body: stalled('token='),
        duplex: 'half',
      } as RequestInit),
      1000,
    );
    expect(res).not.toBe('pending');
    expect((res as Response).status).toBe(413);
    expect((res as Response).headers.get('connection')).toBe('close');
  });

  it('a chunked form is cut off once 4 KB has arrived; a form under 4 KB is read as usual', async () => {
    const { app } = staffApp();
    const big = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode(`token=${'a'.repeat(1018)}`));
      },
    });
    expect((await within(app.request('/admin/login', { ...form({}), body: big, duplex: 'half' } as RequestInit), 1000)) as Response).toMatchObject({
      status: 413,
    });
    expect((await app.request('/admin/login', form({ token: 'a'.repeat(4000) }))).status).toBe(400); // longer than any token (1000)
  });
});

describe('row 8: sessions end when ADMIN_TOKEN changes', () => {
  it('a cookie of the old token is refused by a service with a new one, on the same database; the same token keeps it', async () => {
    const store = openSqliteStore(':memory:');
    const before = testApp({ adminToken: TOKEN }, { store });
    const cookie = (await before.request('/admin/login', form({ token: TOKEN }))).headers.get('set-cookie')!.split(';')[0]!;
    expect((await before.request('/admin', { headers: { cookie } })).status).toBe(200);
    const restarted = testApp({ adminToken: TOKEN }, { store });
    expect((await restarted.request('/admin', { headers: { cookie } })).status).toBe(200);
    const rotated = testApp({ adminToken: OTHER_TOKEN }, { store });
    expect((await rotated.request('/admin', { headers: { cookie } })).status).toBe(401);
    expect((await rotated.request('/api/admin/escalations', { headers: { cookie } })).status).toBe(401);
  });

  it('the database holds no hash of the session id alone (nothing to look a cookie up by without the token)', async () => {
    const store = openSqliteStore(':memory:');
    const app = testApp({ adminToken: TOKEN }, { store });
    const id = (await app.request('/admin/login', form({ token: TOKEN }))).headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    const sha256 = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(id)))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    expect(await store.sessionActive(sha256)).toBe(false);
  });
});

describe('row 16: a client that hangs up mid-body', () => {
  it('is an aborted request in the log (499, aborted: true), not an unhandled error with a stack, and not a 500', async () => {
    const errors: unknown[] = [];
    const lines: RequestLine[] = [];
    const app = testApp({}, { log: (m, d) => errors.push([m, d]), logRequest: (l) => lines.push(l) });
    // What Node's http server does to the body stream when the socket closes early.
    const hangUp = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"message":"hel'));
        setTimeout(() => controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })), 10);
      },
    });
    const res = await app.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: hangUp,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(499);
    expect(errors).toEqual([]);
    expect(lines).toEqual([expect.objectContaining({ path: '/api/chat', status: 499, aborted: true })]);
  });
});

describe('newcomers', () => {
  it('without ADMIN_TOKEN, /admin is a page saying the staff page is off and how to turn it on; the API says so in JSON', async () => {
    const app = testApp({});
    const page = await app.request('/admin', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('The staff page is off');
    expect(html).toContain('ADMIN_TOKEN');
    expect(html).toContain('openssl rand -hex 32');
    for (const path of ['/api/admin/escalations', '/api/admin/answers']) {
      const res = await app.request(path, bearer('anything'));
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: STAFF_OFF });
    }
    // Other unknown paths are as before.
    expect(await (await app.request('/nowhere')).json()).toEqual({ error: 'Not found' });
  });

  it("the demo page's curl line uses the address the page was opened at, not a fixed port", async () => {
    const app = testApp({});
    const html = await (await app.request('http://faq.example:9123/', { headers: { host: 'faq.example:9123' } })).text();
    expect(html).toContain('curl -s http://faq.example:9123/api/chat');
    expect(html).not.toContain('localhost:8787');
    const secure = testApp({}, { client: () => ({ https: true }) });
    expect(await (await secure.request('https://faq.example/', { headers: { host: 'faq.example' } })).text()).toContain('curl -s https://faq.example/api/chat');
    // A Host that is not a host name is escaped, never markup.
    const odd = await (await app.request('http://x/', { headers: { host: 'x"><script>' } })).text();
    expect(odd).not.toContain('"><script>');
  });

  it('/favicon.ico is not a 404: 204, cached for a week', async () => {
    const res = await testApp({}).request('/favicon.ico');
    expect(res.status).toBe(204);
    expect(res.headers.get('cache-control')).toBe('public, max-age=604800');
  });

  it("the staff page's header and sign-in name the organisation (site.yml's name)", async () => {
    const { app } = staffApp();
    const login = await (await app.request('/admin', { headers: { accept: 'text/html' } })).text();
    expect(login).toContain('OMA SpecWorks FAQ assistant — staff sign-in');
    const cookie = (await app.request('/admin/login', form({ token: TOKEN }))).headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await app.request('/admin', { headers: { cookie } })).text();
    expect(page).toMatch(/<span class="brand">OMA SpecWorks FAQ assistant <span>· staff<\/span><\/span>/);
  });
});
