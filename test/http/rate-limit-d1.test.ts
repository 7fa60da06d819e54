// The Workers rate limiter (src/http/rate-limit-d1.ts) on Node: the same SQL
// over SQLite through the D1-shaped driver the Node store uses, so its rules
// are checked here too (and by mutation testing); inside workerd on a real
// D1 it is test/worker/rate-limit.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createD1RateLimiter } from '../../src/http/rate-limit-d1.js';
import { d1Facade, openSqliteStore } from '../../src/store/sqlite.js';

const stores: ReturnType<typeof openSqliteStore>[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const s of stores.splice(0)) await s.close!();
});
function db() {
  const store = openSqliteStore(':memory:');
  stores.push(store);
  return { d1: d1Facade(store.db), rows: () => store.db.prepare('SELECT key, tat FROM rate_limits ORDER BY key').all() };
}

describe('D1 rate limiter', () => {
  it('lets `limit` requests through at once, then one per window/limit, and says when', async () => {
    let t = 1_000_000;
    const limiter = createD1RateLimiter(db().d1, { limit: 3, windowMs: 60_000, now: () => t });
    expect([await limiter.take('k'), await limiter.take('k'), await limiter.take('k')]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(await limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 20 });
    t += 19_000;
    expect(await limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 1 });
    t += 1000;
    expect(await limiter.take('k')).toEqual({ ok: true });
    expect(await limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 20 });
  });

  it('a refused request does not use up budget (no state change)', async () => {
    let t = 5_000_000;
    const { d1, rows } = db();
    const limiter = createD1RateLimiter(d1, { limit: 2, windowMs: 10_000, now: () => t });
    await limiter.take('k');
    await limiter.take('k');
    const before = rows();
    for (let i = 0; i < 5; i++) expect((await limiter.take('k')).ok).toBe(false);
    expect(rows()).toEqual(before);
    t += 5000;
    expect((await limiter.take('k')).ok).toBe(true);
  });

  it('counts each key on its own, shares one key between limiters (isolates)', async () => {
    const t = 2_000_000;
    const { d1 } = db();
    const a = createD1RateLimiter(d1, { limit: 1, now: () => t });
    const b = createD1RateLimiter(d1, { limit: 1, now: () => t });
    expect(await a.take('x')).toEqual({ ok: true });
    expect(await b.take('x')).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(await b.take('y')).toEqual({ ok: true });
  });

  it('the default window is a minute', async () => {
    const t = 3_000_000;
    const limiter = createD1RateLimiter(db().d1, { limit: 6, now: () => t });
    for (let i = 0; i < 6; i++) expect((await limiter.take('k')).ok).toBe(true);
    expect(await limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 10 });
  });

  it('now and then deletes rows whose time has passed, keeping the table small', async () => {
    let t = 4_000_000;
    const { d1, rows } = db();
    const limiter = createD1RateLimiter(d1, { limit: 60, windowMs: 60_000, now: () => t, sweepRate: 1 });
    await limiter.take('old');
    t += 2000; // old's single slot (1 s) has passed
    await limiter.take('new');
    expect(rows()).toEqual([{ key: 'new', tat: t + 1000 }]);
  });

  it('sweeps about one request in a hundred by default', async () => {
    let t = 6_000_000;
    const { d1, rows } = db();
    const limiter = createD1RateLimiter(d1, { limit: 60, now: () => t });
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    await limiter.take('old');
    t += 2000;
    await limiter.take('new');
    expect(rows()).toHaveLength(2);
    random.mockReturnValue(0.009);
    await limiter.take('newer');
    expect(rows().map((r) => (r as { key: string }).key)).toEqual(['new', 'newer']);
  });

  it('uses the wall clock without an injected one', async () => {
    const limiter = createD1RateLimiter(db().d1, { limit: 1 });
    expect(await limiter.take('k')).toEqual({ ok: true });
    expect(await limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 60 });
  });
});
