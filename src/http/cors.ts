// CORS for the widget: only the origins in ALLOWED_ORIGINS may call the API
// from a browser; any other origin gets no Access-Control-Allow-Origin, so the
// browser refuses it. An empty list means same-origin only.
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

export function apiCors(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins.map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean));
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type'],
    maxAge: 600,
  });
}
