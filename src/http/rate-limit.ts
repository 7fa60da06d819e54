// Rate limiting per client, behind one small interface so each platform can
// bring its own store: memory on Node (one process holds every client), D1
// on Workers (isolates do not share memory).
import type { Context, MiddlewareHandler } from 'hono';
import { errorBody } from './errors.js';
import { clientKey, type ClientOf } from './client.js';

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Count one request for `key`; say whether it is within the limit. */
  take(key: string): RateDecision | Promise<RateDecision>;
  /**
   * Whether one more request for `key` would be within the limit, counting
   * nothing: for checks that count only failures but must refuse everyone
   * over the limit, the right credentials too (src/admin/auth.ts).
   */
  peek?(key: string): RateDecision | Promise<RateDecision>;
}

/** In one process the answer is immediate. */
export interface MemoryRateLimiter extends RateLimiter {
  take(key: string): RateDecision;
  peek(key: string): RateDecision;
}

export interface MemoryRateLimiterOptions {
  /** Requests allowed per window, as a burst or spread out. */
  limit: number;
  /** Window length in ms. Default 60 000. */
  windowMs?: number;
  /** Most clients tracked at once; the least recently seen are dropped first. Default 100 000. */
  maxKeys?: number;
  now?: () => number;
}

/**
 * GCRA (a leaky bucket kept as one number per client): `limit` requests may
 * come at once, then one more every windowMs/limit. Unlike fixed windows it
 * never allows 2× the limit across a window boundary, and it needs no timers.
 */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions): MemoryRateLimiter {
  const windowMs = options.windowMs ?? 60_000;
  const interval = windowMs / options.limit;
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  // Theoretical arrival time per key; Map order is insertion order, so
  // re-inserting on use keeps the least recently seen first (bounded memory).
  const tat = new Map<string, number>();
  const decide = (key: string, t: number): { next: number; decision: RateDecision } => {
    const next = Math.max(tat.get(key) ?? t, t) + interval;
    if (next - t > windowMs) return { next, decision: { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((next - windowMs - t) / 1000)) } };
    return { next, decision: { ok: true } };
  };
  return {
    peek: (key) => decide(key, now()).decision,
    take(key) {
      const t = now();
      const { next, decision } = decide(key, t);
      if (!decision.ok) return decision;
      tat.delete(key);
      tat.set(key, next);
      if (tat.size > maxKeys) tat.delete(tat.keys().next().value!);
      return { ok: true };
    },
  };
}

/** The 429 every limit answers with. */
export function tooMany(c: Context, retryAfterSeconds: number): Response {
  c.header('Retry-After', String(retryAfterSeconds));
  // No "Connection: close", though the body was not read: the server drains a
  // small unread body (and drops a stalled one after 0.5 s), and a closed
  // connection would only free the client's slot under its connection cap for
  // its next one — measured: 4 000 slow sign-ins from one client kept another
  // client waiting 7 s with it, 0.2 s without.
  return c.json(errorBody(`Too many requests: try again in ${retryAfterSeconds} s`), 429);
}

/** Middleware: 429 + Retry-After + JSON error once `scope`'s limit for this client is spent. */
export function rateLimit(limiter: RateLimiter, client: ClientOf, scope: string): MiddlewareHandler {
  return async (c, next) => {
    const decision = await limiter.take(`${scope}:${clientKey(client(c).address)}`);
    if (!decision.ok) return tooMany(c, decision.retryAfterSeconds);
    await next();
  };
}
