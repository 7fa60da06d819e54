// Rate limiter for Workers: the same GCRA as the memory limiter, with its one
// number per client kept in D1 (migrations/0002_rate_limits.sql), so every
// isolate and data centre counts against the same budget. One atomic batch
// per request: the conditional upsert either takes a slot (RETURNING a row)
// or leaves the state alone, and the SELECT tells how long to wait.
import type { D1Database } from '../store/d1-types.js';
import type { RateDecision, RateLimiter } from './rate-limit.js';

export interface D1RateLimiterOptions {
  /** Requests allowed per window, as a burst or spread out. */
  limit: number;
  /** Window length in ms. Default 60 000. */
  windowMs?: number;
  now?: () => number;
  /** Share of requests that also delete expired rows. Default 0.01. */
  sweepRate?: number;
}

export function createD1RateLimiter(db: D1Database, options: D1RateLimiterOptions): RateLimiter {
  const windowMs = options.windowMs ?? 60_000;
  const interval = windowMs / options.limit;
  const now = options.now ?? Date.now;
  const sweepRate = options.sweepRate ?? 0.01;
  const refusal = (tat: number, t: number): RateDecision => ({ ok: false, retryAfterSeconds: Math.max(1, Math.ceil((tat + interval - windowMs - t) / 1000)) });
  return {
    async peek(key): Promise<RateDecision> {
      const t = now();
      const row = await db.prepare('SELECT tat FROM rate_limits WHERE key = ?').bind(key).first<{ tat: number }>();
      const tat = row?.tat ?? t;
      return Math.max(tat, t) + interval - t <= windowMs ? { ok: true } : refusal(tat, t);
    },
    async take(key): Promise<RateDecision> {
      const t = now();
      const statements = [
        db
          .prepare(
            `INSERT INTO rate_limits (key, tat) VALUES (?1, ?2 + ?3)
          ON CONFLICT (key) DO UPDATE SET tat = max(tat, ?2) + ?3 WHERE max(tat, ?2) + ?3 - ?2 <= ?4
          RETURNING tat`,
          )
          .bind(key, t, interval, windowMs),
        db.prepare('SELECT tat FROM rate_limits WHERE key = ?').bind(key),
      ];
      if (Math.random() < sweepRate) statements.push(db.prepare('DELETE FROM rate_limits WHERE tat < ?').bind(t));
      const [taken, current] = await db.batch<{ tat: number }>(statements);
      if (taken && taken.results.length > 0) return { ok: true };
      return refusal(current?.results[0]?.tat ?? t, t);
    },
  };
}
