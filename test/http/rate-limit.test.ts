// Rate limiting: 429 + Retry-After + JSON error after the limit, per client,
// recovering with time; 0 turns it off.
import { describe, expect, it } from 'vitest';
import { Hono, type Context } from 'hono';
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

describe('rate limit on the routes that send mail or store feedback', () => {
  // Each contact queues a helpdesk mail and each feedback is a row: without a
  // limit one client could flood the helpdesk's inbox or the staff page.
  async function escalated(app: ReturnType<typeof testApp>, client: string) {
    const res = await app.request('/api/chat', postJson({ message: 'What are the membership fees?' }, { 'x-test-client': client }));
    return (await res.json()) as { escalationId: string; conversationId: string };
  }

  it('POST /api/escalations/:id/contact answers 429 with Retry-After once a client has used its budget', async () => {
    const app = testApp({ rateLimitPerMinute: 3 }, { client: byHeader });
    const { escalationId } = await escalated(app, 'mailer');
    const contact = (client: string) =>
      app.request(`/api/escalations/${escalationId}/contact`, postJson({ email: 'ann@example.com' }, { 'x-test-client': client }));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await contact('mailer')).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    // 3 a minute: the next slot is 20 s after the first request.
    const limited = await contact('mailer');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(19);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    expect(await limited.json()).toEqual({ error: expect.stringMatching(/too many requests/i) });
    // Another client still gets through.
    expect((await contact('other')).status).toBe(202);
  });

  it('an unknown escalation id costs budget too (guessing ids is limited)', async () => {
    const app = testApp({ rateLimitPerMinute: 2 }, { client: byHeader });
    const guess = (i: number) =>
      app.request(`/api/escalations/00000000-0000-4000-8000-00000000000${i}/contact`, postJson({ email: 'ann@example.com' }, { 'x-test-client': 'guesser' }));
    expect([(await guess(1)).status, (await guess(2)).status, (await guess(3)).status]).toEqual([404, 404, 429]);
  });

  it('POST /api/feedback answers 429 with Retry-After once a client has used its budget', async () => {
    const app = testApp({ rateLimitPerMinute: 3 }, { client: byHeader });
    const { conversationId } = await escalated(app, 'rater');
    const rate = (client: string) => app.request('/api/feedback', postJson({ conversationId, helpful: false }, { 'x-test-client': client }));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await rate('rater')).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(Number((await rate('rater')).headers.get('retry-after'))).toBeGreaterThanOrEqual(19);
    expect((await rate('other')).status).toBe(201);
  });

  it('chat, contact and feedback are counted apart: asking a lot does not block leaving an address', async () => {
    const app = testApp({ rateLimitPerMinute: 2 }, { client: byHeader });
    const { escalationId, conversationId } = await escalated(app, 'busy');
    expect((await ask(app, 'busy')).status).toBe(200);
    expect((await ask(app, 'busy')).status).toBe(429);
    expect((await app.request(`/api/escalations/${escalationId}/contact`, postJson({ email: 'ann@example.com' }, { 'x-test-client': 'busy' }))).status).toBe(
      202,
    );
    expect((await app.request('/api/feedback', postJson({ conversationId, helpful: true }, { 'x-test-client': 'busy' }))).status).toBe(201);
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

  it('reads a ragged proxy chain as the proxy wrote it', () => {
    // Empty entries and spaces do not count as hops; a chain shorter than
    // TRUST_PROXY says gives its first entry, not nothing.
    expect(fromRight(' 6.6.6.6 ,, 203.0.113.9 ', 1)).toBe('203.0.113.9');
    expect(fromRight('203.0.113.9', 3)).toBe('203.0.113.9');
    expect(fromRight('6.6.6.6,, 203.0.113.9', 2)).toBe('6.6.6.6');
    expect(fromRight('203.0.113.9,', 1)).toBe('203.0.113.9');
    expect(fromRight('', 1)).toBeUndefined();
  });

  it('behind a trusted proxy, a request without its headers falls back to the socket and the URL', () => {
    const client = clientBehindProxies(
      1,
      () => '127.0.0.1',
      () => {
        throw new Error('no warning expected');
      },
    );
    const app = new Hono().get('/', (c) => c.json(client(c)));
    const who = async (url: string, headers: Record<string, string> = {}) => (await app.request(url, { headers })).json();
    return Promise.all([
      expect(who('http://faq.test/')).resolves.toEqual({ address: '127.0.0.1', https: false }),
      expect(who('https://faq.test/')).resolves.toEqual({ address: '127.0.0.1', https: true }),
      expect(who('http://faq.test/', { 'x-forwarded-proto': 'HTTPS', 'x-forwarded-for': '203.0.113.5' })).resolves.toEqual({
        address: '203.0.113.5',
        https: true,
      }),
      expect(who('https://faq.test/', { 'x-forwarded-proto': 'http' })).resolves.toEqual({ address: '127.0.0.1', https: false }),
    ]);
  });

  it("without a trusted proxy, the scheme is the URL's and the address the socket's", async () => {
    const warnings: string[] = [];
    const client = clientBehindProxies(
      0,
      () => '192.0.2.1',
      (m) => warnings.push(m),
    );
    const app = new Hono().get('/', (c) => c.json(client(c)));
    expect(await (await app.request('http://faq.test/', { headers: { 'x-forwarded-proto': 'https' } })).json()).toEqual({ address: '192.0.2.1', https: false });
    expect(warnings).toEqual([]); // nothing to warn about without X-Forwarded-For
    expect(await (await app.request('https://faq.test/', { headers: { 'x-forwarded-proto': 'http', 'x-forwarded-for': '203.0.113.5' } })).json()).toEqual({
      address: '192.0.2.1',
      https: true,
    });
    expect(warnings).toHaveLength(1);
  });

  it('without TRUST_PROXY is ignored, and seeing it logs one warning naming TRUST_PROXY', async () => {
    const warnings: string[] = [];
    const client = clientBehindProxies(
      0,
      () => '127.0.0.1',
      (m) => warnings.push(m),
    );
    const app = testApp({ rateLimitPerMinute: 2 }, { client });
    const statuses: number[] = [];
    // A client rotating X-Forwarded-For gains nothing: it is one client.
    for (let i = 0; i < 3; i++) statuses.push((await app.request('/api/chat', postJson({ message: 'hi' }, { 'x-forwarded-for': `203.0.113.${i}` }))).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('TRUST_PROXY');
  });

  it('with TRUST_PROXY tells the clients behind the proxy apart, and believes its X-Forwarded-Proto', async () => {
    const client = clientBehindProxies(
      1,
      () => '127.0.0.1',
      () => {},
    );
    const app = testApp({ rateLimitPerMinute: 1 }, { client });
    const from = (ip: string) => app.request('/api/chat', postJson({ message: 'hi' }, { 'x-forwarded-for': ip }));
    expect((await from('203.0.113.1')).status).toBe(200);
    expect((await from('203.0.113.1')).status).toBe(429);
    expect((await from('203.0.113.2')).status).toBe(200);
    // X-Forwarded-Proto decides whether the staff cookie is Secure; only the
    // entry the trusted proxy wrote counts, not one the client put before it.
    const token = 'proxy-test-token-0123456789abcdef';
    const staff = testApp({ adminToken: token }, { client });
    const signIn = (proto?: string) =>
      staff.request('/admin/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...(proto ? { 'x-forwarded-proto': proto } : {}) },
        body: new URLSearchParams({ token }).toString(),
      });
    expect((await signIn('https')).headers.get('set-cookie')).toMatch(/; Secure/);
    expect((await signIn('http, https')).headers.get('set-cookie')).toMatch(/; Secure/);
    expect((await signIn('https, http')).headers.get('set-cookie')).not.toMatch(/; Secure/);
    expect((await signIn()).headers.get('set-cookie')).not.toMatch(/; Secure/);
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

  it('one IPv6 client written differently is still one client', () => {
    // Upper case, a zone index, leading zeros, a compressed or embedded-IPv4
    // tail: the same /64, so none of these buys a fresh budget.
    const key = '2001:db8:1:2::/64';
    for (const a of ['2001:DB8:1:2::7', '2001:db8:1:2::7%eth0', '2001:0db8:0001:0002::7', '2001:db8:1:2::', '2001:db8:1:2:0:0:192.0.2.7']) {
      expect(clientKey(a), a).toBe(key);
    }
    // A short head and a long tail: the tail reaches into the /64.
    expect(clientKey('2001::3:4:5:6:7')).toBe('2001:0:0:3::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::1%en0')).toBe('fe80:0:0:0::/64');
    // Different /64s stay apart.
    expect(clientKey('2001:db8:1:3::7')).not.toBe(key);
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
