// Staff authentication against ADMIN_TOKEN. The API takes
// `Authorization: Bearer <token>`; the page takes a sign-in form that starts
// a server-side session: the cookie holds a random id, the store only its
// SHA-256, with an expiry; signing out deletes it, signing in makes a new one.
//
// Every failed credential — a wrong token on the form, a wrong Bearer token,
// a session cookie that is unknown or expired — counts against the client's
// sign-in budget; past it, failures get 429. A correct token is always
// accepted: the budget slows guessing and noise, the token's length (≥ 32
// characters, checked at start-up) is what makes guessing hopeless.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { timingSafeEqual } from 'hono/utils/buffer';
import { errorBody } from '../http/errors.js';
import { clientKey, type ClientOf } from '../http/client.js';
import { tooMany, type RateLimiter } from '../http/rate-limit.js';
import type { Store } from '../store/types.js';

export const SESSION_COOKIE = 'faq_admin';

const hex = (bytes: ArrayBuffer | Uint8Array) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const sha256 = async (s: string) => hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));

export async function tokenMatches(given: string | undefined, token: string): Promise<boolean> {
  return given !== undefined && given !== '' && (await timingSafeEqual(given, token));
}

function bearer(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header === undefined) return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
}

export interface StaffAuthOptions {
  token: string;
  store: Store;
  client: ClientOf;
  /** Failed attempts per client; absent: failures are never limited. */
  failures?: RateLimiter;
  sessionHours: number;
}

export type Attempt = 'ok' | 'wrong' | { limited: number };

export interface StaffAuth {
  /** Signed in: a valid Bearer token or an active session. */
  check(c: Context): Promise<Attempt | 'none'>;
  /** The sign-in form: a session cookie when the token is right. */
  signIn(c: Context, given: string | undefined): Promise<Attempt>;
  signOut(c: Context): Promise<void>;
  /** Middleware for the JSON API: 401 JSON (429 past the budget) unless a valid Bearer token or session is presented. */
  api: MiddlewareHandler;
}

export function createStaffAuth(o: StaffAuthOptions): StaffAuth {
  async function failed(c: Context): Promise<Attempt> {
    if (!o.failures) return 'wrong';
    const d = await o.failures.take(`login:${clientKey(o.client(c).address)}`);
    return d.ok ? 'wrong' : { limited: d.retryAfterSeconds };
  }

  async function check(c: Context): Promise<Attempt | 'none'> {
    const given = bearer(c);
    if (given !== undefined) return (await tokenMatches(given, o.token)) ? 'ok' : failed(c);
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie === undefined) return 'none';
    if (/^[0-9a-f]{64}$/.test(cookie) && (await o.store.sessionActive(await sha256(cookie)))) return 'ok';
    return failed(c);
  }

  return {
    check,
    async signIn(c, given) {
      if (!(await tokenMatches(given, o.token))) return failed(c);
      // A new id at every sign-in (a cookie planted before it is worthless);
      // the one the browser held, if any, ends.
      const old = getCookie(c, SESSION_COOKIE);
      if (old && /^[0-9a-f]{64}$/.test(old)) await o.store.endSession(await sha256(old));
      const id = hex(crypto.getRandomValues(new Uint8Array(32)));
      const maxAge = Math.round(o.sessionHours * 60 * 60);
      await o.store.createSession(await sha256(id), Date.now() + maxAge * 1000);
      setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/', secure: o.client(c).https, maxAge });
      return 'ok';
    },
    async signOut(c) {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie && /^[0-9a-f]{64}$/.test(cookie)) await o.store.endSession(await sha256(cookie));
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: o.client(c).https });
    },
    api: async (c, next) => {
      const r = await check(c);
      if (r === 'ok') return next();
      if (typeof r === 'object') return tooMany(c, r.limited);
      c.header('WWW-Authenticate', 'Bearer realm="faq-admin"');
      return c.json(errorBody('A valid admin token is required (Authorization: Bearer …)'), 401);
    },
  };
}
