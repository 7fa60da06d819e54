// Rate limiting: 429 + Retry-After + JSON error after the limit, per client,
// recovering with time; 0 turns it off.
import { describe, expect, it } from 'vitest';
import type { Context } from 'hono';
import { createMemoryRateLimiter } from '../../src/http/rate-limit.js';
import { clientBehindProxies, clientKey, fromRight } from '../../src/http/client.js';
import { postJson, testApp } from './app-fixture.js';

const byHeader = (c: Context) => ({ address: c.req.header('x-test-client'), https: false });
const ask = (app: ReturnType<typeof testApp>, client: string) =>
  app.request('/api/chat', postJson({ message: 'When was OMA SpecWorks launched?' }, { 'x-test-client': client }));

describe('rate limit on POST /api/chat', () => {
  it('answers 429 with Retry-After and a JSON error once the limit is spent', async () => {
    const app = testApp({ rateLimitPerMinute: 5 }, { client: byHeader });
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
    const app = testApp({ rateLimitPerMinute: undefined }, { client: byHeader });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await ask(app, 'c')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses[30]).toBe(429);
  });

  it('0 turns limiting off', async () => {
    const app = testApp({ rateLimitPerMinute: 0 }, { client: byHeader });
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
    expect(fromRight('6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(fromRight('6.6.6.6, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
    expect(fromRight(undefined, 1)).toBeUndefined();
    expect(fromRight('1.2.3.4', 0)).toBeUndefined();
  });

  it('without TRUST_PROXY is ignored, and seeing it logs one warning naming TRUST_PROXY', async () => {
    const warnings: string[] = [];
    const client = clientBehindProxies(0, () => '127.0.0.1', (m) => warnings.push(m));
    const app = testApp({ rateLimitPerMinute: 2 }, { client });
    const statuses: number[] = [];
    // A client rotating X-Forwarded-For gains nothing: it is one client.
    for (let i = 0; i < 3; i++) statuses.push((await app.request('/api/chat', postJson({ message: 'hi' }, { 'x-forwarded-for': `203.0.113.${i}` }))).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('TRUST_PROXY');
  });

  it('with TRUST_PROXY tells the clients behind the proxy apart, and believes its X-Forwarded-Proto', async () => {
    const client = clientBehindProxies(1, () => '127.0.0.1', () => {});
    const app = testApp({ rateLimitPerMinute: 1 }, { client });
    const from = (ip: string) => app.request('/api/chat', postJson({ message: 'hi' }, { 'x-forwarded-for': ip }));
    expect((await from('203.0.113.1')).status).toBe(200);
    expect((await from('203.0.113.1')).status).toBe(429);
    expect((await from('203.0.113.2')).status).toBe(200);
  });
});

describe('client keys', () => {
  it('count an IPv6 client by its /64, an IPv4 client by its address', () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::5')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(clientKey('198.51.100.7')).toBe('198.51.100.7');
    expect(clientKey(undefined)).toBe('unknown');
  });

  it('rotating addresses within one IPv6 /64 buys no fresh budget', async () => {
    let n = 0;
    const app = testApp({ rateLimitPerMinute: 2 }, { client: () => ({ address: `2001:db8:7:7::${(++n).toString(16)}`, https: false }) });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.request('/api/chat', postJson({ message: 'hi' }))).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('clients on this machine', () => {
  it('are limited like any other (tools that need no limit set RATE_LIMIT_PER_MINUTE=0)', async () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const app = testApp({ rateLimitPerMinute: 2 }, { client: () => ({ address, https: false }) });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await app.request('/api/chat', postJson({ message: 'hi' }))).status);
      expect(statuses).toEqual([200, 200, 429]);
    }
  });
});
