// Staff authentication against ADMIN_TOKEN. The API takes
// `Authorization: Bearer <token>`; the page takes a login form that sets an
// HttpOnly, SameSite=Strict cookie holding a digest of the token (the token
// itself never sits in the browser). Every comparison is constant-time
// (hono's timingSafeEqual hashes both sides first).
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { timingSafeEqual } from 'hono/utils/buffer';
import { errorBody } from '../http/errors.js';

export const SESSION_COOKIE = 'faq_admin';

/** The cookie value for a token: a SHA-256 digest, so a stolen cookie is not the token. */
export async function sessionValue(token: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`faq-admin-session:${token}`));
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function tokenMatches(given: string | undefined, token: string): Promise<boolean> {
  return given !== undefined && given !== '' && (await timingSafeEqual(given, token));
}

function bearer(c: Context): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return m?.[1];
}

/** Signed in: a valid Bearer token, or the session cookie of the page. */
export async function isStaff(c: Context, token: string): Promise<boolean> {
  if (await tokenMatches(bearer(c), token)) return true;
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie !== undefined && (await timingSafeEqual(cookie, await sessionValue(token)));
}

/** For /api/admin/*: 401 JSON unless a valid Bearer token is sent. */
export function requireBearer(token: string): MiddlewareHandler {
  return async (c, next) => {
    if (!(await tokenMatches(bearer(c), token))) {
      c.header('WWW-Authenticate', 'Bearer realm="faq-admin"');
      return c.json(errorBody('A valid admin token is required (Authorization: Bearer …)'), 401);
    }
    await next();
  };
}
