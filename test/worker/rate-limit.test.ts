// Rate limiting on Workers counts in D1, so a visitor cannot escape the limit
// by landing on another isolate (each isolate builds its own app and limiter).
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createD1RateLimiter } from '../../src/http/rate-limit-d1.js';

const post = (ip: string) =>
  SELF.fetch('https://faq.test/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
    body: '{}', // invalid on purpose: cheap, and still counted
  });

describe('rate limiting on Workers', () => {
  it('answers 429 with Retry-After once a client has used its 30 requests a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await post('203.0.113.7')).status);
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    const res = await post('203.0.113.7');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/too many requests/i) });
    // Another visitor is unaffected.
    expect((await post('203.0.113.8')).status).toBe(400);
  });

  it('shares one budget between limiters, as separate isolates would', async () => {
    let t = 1_000_000;
    const a = createD1RateLimiter(env.DB, { limit: 3, now: () => t });
    const b = createD1RateLimiter(env.DB, { limit: 3, now: () => t });
    expect(await a.take('k')).toEqual({ ok: true });
    expect(await b.take('k')).toEqual({ ok: true });
    expect(await a.take('k')).toEqual({ ok: true });
    expect(await b.take('k')).toEqual({ ok: false, retryAfterSeconds: 20 });
    t += 20_000; // one slot (window / limit) later
    expect(await b.take('k')).toEqual({ ok: true });
    expect((await a.take('k')).ok).toBe(false);
  });
});
