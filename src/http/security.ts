// Security headers on every response (hono/secure-headers), with one strict
// Content-Security-Policy: pages may run only scripts and styles from this
// origin or carrying the per-request nonce (c.get('secureHeadersNonce')), and
// no page may be framed — the staff page holds visitors' e-mail addresses.
import type { MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'", NONCE],
      styleSrc: ["'self'", NONCE],
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
}
