// Rate limiting: 429 + Retry-After + JSON error after the limit, per client,
// recovering with time; 0 turns it off.
import { describe, expect, it } from 'vitest';
import type { Context } from 'hono';
import { createMemoryRateLimiter, forwardedFor } from '../../src/http/rate-limit.js';
import { postJson, testApp } from './app-fixture.js';

const byHeader = (c: Context) => c.req.header('x-test-client');
const ask = (app: ReturnType<typeof testApp>, client: string) =>
  app.request('/api/chat', postJson({ message: 'When was OMA SpecWorks launched?' }, { 'x-test-client': client }));

describe('rate limit on POST /api/chat', () => {
  it('answers 429 with Retry-After and a JSON error once the limit is spent', async () => {
    const app = testApp({ rateLimitPerMinute: 5 }, { clientAddress: byHeader });
    for (let i = 0; i < 5; i++) expect((await ask(app, 'a')).status).toBe(200);
    const res = await ask(app, 'a');
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(((await res.json()) as { error: string }).error).toMatch(/too many requests/i);
    // another client is not affected, and cheap routes are not limited
    expect((await ask(app, 'b')).status).toBe(200);
    expect((await app.request('/healthz', { headers: { 'x-test-client': 'a' } })).status).toBe(200);
  });

  it('the default is 30 per minute', async () => {
    const app = testApp({ rateLimitPerMinute: undefined }, { clientAddress: byHeader });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await ask(app, 'c')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses[30]).toBe(429);
  });

  it('0 turns limiting off', async () => {
    const app = testApp({ rateLimitPerMinute: 0 }, { clientAddress: byHeader });
    for (let i = 0; i < 40; i++) expect((await ask(app, 'd')).status).toBe(200);
  });
});

describe('memory limiter', () => {
  it('lets one more request through every window/limit, and says when', () => {
    let t = 0;
    const limiter = createMemoryRateLimiter({ limit: 3, windowMs: 60_000, now: () => t });
    expect([1, 2, 3].map(() => limiter.take('k').ok)).toEqual([true, true, true]);
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 20 });
    t = 19_000;
    expect(limiter.take('k').ok).toBe(false);
    t = 20_000;
    expect(limiter.take('k').ok).toBe(true);
    expect(limiter.take('k').ok).toBe(false);
  });

  it('stays bounded in memory: the least recently seen clients are forgotten', () => {
    const limiter = createMemoryRateLimiter({ limit: 1, maxKeys: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // evicts a
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('c').ok).toBe(false);
  });
});

describe('X-Forwarded-For (only used when TRUST_PROXY is set)', () => {
  it('takes the address the trusted proxy saw, not one the client wrote', () => {
    expect(forwardedFor('6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(forwardedFor('6.6.6.6, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
    expect(forwardedFor(undefined, 1)).toBeUndefined();
    expect(forwardedFor('1.2.3.4', 0)).toBeUndefined();
  });
});

describe('clients on this machine', () => {
  it('are not limited by default (health checks, the quality grader), but are with rateLimitLoopback', async () => {
    // (statuses typed for tsc)
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const app = testApp({ rateLimitPerMinute: 2 }, { clientAddress: () => address });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await app.request('/api/chat', postJson({ message: 'hi' }))).status);
      expect(statuses).toEqual([200, 200, 200, 200]);
    }
    const strict = testApp({ rateLimitPerMinute: 2, rateLimitLoopback: true }, { clientAddress: () => '127.0.0.1' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await strict.request('/api/chat', postJson({ message: 'hi' }))).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
