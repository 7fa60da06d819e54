// Staff sign-in and forms against guessing and cross-site posts.
import { describe, expect, it } from 'vitest';
import { testApp } from './app-fixture.js';

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
    // The right token is never refused for earlier failures from the same address.
    expect((await app.request('/admin/login', form({ token: TOKEN }))).status).toBe(303);
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
});
