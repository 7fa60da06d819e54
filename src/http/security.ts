// Security headers on every response (hono/secure-headers), with one strict
// Content-Security-Policy: pages may run only scripts and styles from this
// origin or carrying the per-request nonce (c.get('secureHeadersNonce')), and
// no page may be framed — the staff page holds visitors' e-mail addresses.
import type { MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';

const policy = (nonce: boolean) =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: nonce ? ["'self'", NONCE] : ["'self'"],
      styleSrc: nonce ? ["'self'", NONCE] : ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    // A handler may set its own value (e.g. /widget.js needs
    // Cross-Origin-Resource-Policy: cross-origin to load on other sites).
    overwrite: false,
  });

/**
 * The same policy everywhere; the nonce (16 random bytes a response, ≈4 % of
 * a request's CPU under load) only where a page may carry inline script or
 * style: JSON from /api and /healthz never does, so it gets the policy
 * without one.
 */
export function securityHeaders(): MiddlewareHandler {
  const pages = policy(true);
  const json = policy(false);
  return (c, next) => (c.req.path.startsWith('/api/') || c.req.path === '/healthz' ? json(c, next) : pages(c, next));
}
