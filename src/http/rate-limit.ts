// Rate limiting per client address, behind one small interface so each
// platform can bring its own store: memory on Node (one process holds every
// client), a durable one on Workers (isolates do not share memory).
import type { Context, MiddlewareHandler } from 'hono';
import { errorBody } from './errors.js';

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Count one request for `key`; say whether it is within the limit. */
  take(key: string): RateDecision | Promise<RateDecision>;
}

/** How the app learns who is asking; given by the entry file (socket on Node, cf-connecting-ip on Workers). */
export type ClientAddress = (c: Context) => string | undefined;

/** In one process the answer is immediate. */
export interface MemoryRateLimiter extends RateLimiter {
  take(key: string): RateDecision;
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
  return {
    take(key) {
      const t = now();
      const next = Math.max(tat.get(key) ?? t, t) + interval;
      if (next - t > windowMs) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((next - windowMs - t) / 1000)) };
      }
      tat.delete(key);
      tat.set(key, next);
      if (tat.size > maxKeys) tat.delete(tat.keys().next().value!);
      return { ok: true };
    },
  };
}

/** Addresses of this machine (IPv4 127/8, IPv6 ::1, and IPv4-mapped forms). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.replace(/^::ffff:/i, '');
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * Middleware: 429 + Retry-After + JSON error once `scope`'s limit for this
 * client is spent. Clients for which `exempt` is true are not counted.
 */
export function rateLimit(limiter: RateLimiter, clientAddress: ClientAddress, scope: string, exempt: (address: string | undefined) => boolean = () => false): MiddlewareHandler {
  return async (c, next) => {
    const address = clientAddress(c);
    if (exempt(address)) return next();
    const decision = await limiter.take(`${scope}:${address ?? 'unknown'}`);
    if (!decision.ok) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      return c.json(errorBody(`Too many requests: try again in ${decision.retryAfterSeconds} s`), 429);
    }
    await next();
  };
}

/**
 * The client address from a proxy's X-Forwarded-For, for deployments behind
 * `hops` trusted proxies: each proxy appends the address it saw, so the entry
 * `hops` from the right is the first one no client could have forged.
 */
export function forwardedFor(header: string | undefined, hops: number): string | undefined {
  if (!header || hops < 1) return undefined;
  const parts = header.split(',').map((s) => s.trim()).filter(Boolean);
  return parts[Math.max(0, parts.length - hops)];
}
