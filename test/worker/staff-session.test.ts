// Staff sign-in on Workers (D1 sessions and the D1 sign-in budget), issue 21:
// row 8 — a session ends when ADMIN_TOKEN changes; row 7 — past the budget
// the right token is refused too (the limiter is asked first).
import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/entry/worker.js';

const TOKEN = '4a8e2c6f0b9d3e7a1c5f8b2d6e0a4c9f3b7d1e5a8c2f6b0d4e9a3c7f1b5d8e2a';
const ROTATED = 'Zk3pQ8vN1xR6tW4yL9mC2bH7sJ5dF0gA3eU8iO6kP1q';
// A fresh bindings object is a fresh isolate to the Worker (its instance is kept per env), as after a deploy.
const isolate = (token: string, more: Record<string, string> = {}) => ({ ...env, ADMIN_TOKEN: token, ...more });

async function request(e: object, path: string, init: RequestInit & { ip?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set('cf-connecting-ip', init.ip ?? '203.0.113.50');
  return worker.fetch(new Request(`https://faq.test${path}`, { ...init, headers, redirect: 'manual' }), e as never, createExecutionContext());
}
const signIn = (e: object, token: string, ip?: string) =>
  request(e, '/admin/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://faq.test' },
    body: new URLSearchParams({ token }).toString(),
    ...(ip ? { ip } : {}),
  });

describe('staff sessions on Workers', () => {
  it('end when ADMIN_TOKEN changes: the old cookie is refused by the Worker with the new token; the same token keeps it', async () => {
    const login = await signIn(isolate(TOKEN), TOKEN);
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await request(isolate(TOKEN), '/admin', { headers: { cookie } })).status).toBe(200);
    expect((await request(isolate(ROTATED), '/admin', { headers: { cookie } })).status).toBe(401);
    expect((await request(isolate(ROTATED), '/api/admin/escalations', { headers: { cookie } })).status).toBe(401);
  });

  it('past the sign-in budget (D1), the right token gets 429 too; another address is let in', async () => {
    const e = isolate(TOKEN, { LOGIN_ATTEMPTS_PER_MINUTE: '2' });
    const ip = '203.0.113.77';
    const bearer = (token: string, from = ip) => request(e, '/api/admin/escalations', { headers: { authorization: `Bearer ${token}` }, ip: from });
    expect([(await bearer('guess-1')).status, (await bearer('guess-2')).status]).toEqual([401, 401]);
    expect((await bearer(TOKEN)).status).toBe(429);
    expect((await signIn(e, TOKEN, ip)).status).toBe(429);
    expect((await bearer(TOKEN, '203.0.113.78')).status).toBe(200);
  });
});
