// Staff authentication against ADMIN_TOKEN. The API takes
// `Authorization: Bearer <token>`; the page takes a sign-in form that starts
// a server-side session: the cookie holds a random id, the store only an
// HMAC of it keyed with the token, with an expiry; signing out deletes it,
// signing in makes a new one. Keying with the token ends every session when
// ADMIN_TOKEN changes (a cookie of the old token is looked up under another
// key and is not found), on Node and Workers alike, and the database holds
// nothing from which the token could be guessed offline.
//
// The sign-in budget comes first: every sign-in form post counts against the
// client's budget before its body is read, and every failed Bearer token or
// session cookie counts too. Past the budget every credential check is
// refused with 429, the right token included: otherwise a guesser's one
// right guess among thousands would still get in. (The budget is per client
// address: someone else's guessing does not lock staff out.)
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { timingSafeEqual } from 'hono/utils/buffer';
import { errorBody } from '../http/errors.js';
import { clientKey, type ClientOf } from '../http/client.js';
import { tooMany, type RateLimiter } from '../http/rate-limit.js';
import type { Store } from '../store/types.js';

export const SESSION_COOKIE = 'faq_admin';

const hex = (bytes: ArrayBuffer | Uint8Array) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const SESSION_ID = /^[0-9a-f]{64}$/;

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
  /** Signed in: a valid Bearer token or an active session (429 past the budget, whatever is presented). */
  check(c: Context): Promise<Attempt | 'none'>;
  /** Before the sign-in form's body is read: counts one attempt; `limited` past the budget. */
  attempt(c: Context): Promise<'ok' | { limited: number }>;
  /** The sign-in form, after attempt(): a session cookie when the token is right. */
  signIn(c: Context, given: string | undefined): Promise<Attempt>;
  signOut(c: Context): Promise<void>;
  /** Middleware for the JSON API: 401 JSON (429 past the budget) unless a valid Bearer token or session is presented. */
  api: MiddlewareHandler;
}

export function createStaffAuth(o: StaffAuthOptions): StaffAuth {
  const key = (c: Context) => `login:${clientKey(o.client(c).address)}`;
  /** Count a failure (or a sign-in attempt); `limited` once the budget is spent. */
  async function count(c: Context): Promise<'ok' | { limited: number }> {
    if (!o.failures) return 'ok';
    const d = await o.failures.take(key(c));
    return d.ok ? 'ok' : { limited: d.retryAfterSeconds };
  }
  /** Over the budget already? Asked before any credential is checked; counts nothing. */
  async function over(c: Context): Promise<{ limited: number } | undefined> {
    if (!o.failures?.peek) return undefined;
    const d = await o.failures.peek(key(c));
    return d.ok ? undefined : { limited: d.retryAfterSeconds };
  }
  async function failed(c: Context): Promise<Attempt> {
    const d = await count(c);
    return d === 'ok' ? 'wrong' : d;
  }

  // The session key: HMAC-SHA-256 of the cookie's id under the token (see the top of this file).
  const hmacKey = crypto.subtle.importKey('raw', new TextEncoder().encode(o.token), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sessionKey = async (id: string) => hex(await crypto.subtle.sign('HMAC', await hmacKey, new TextEncoder().encode(id)));

  async function check(c: Context): Promise<Attempt | 'none'> {
    const given = bearer(c);
    const cookie = given === undefined ? getCookie(c, SESSION_COOKIE) : undefined;
    if (given === undefined && cookie === undefined) return 'none';
    const limited = await over(c);
    if (limited) return limited;
    if (given !== undefined) return (await tokenMatches(given, o.token)) ? 'ok' : failed(c);
    if (SESSION_ID.test(cookie!) && (await o.store.sessionActive(await sessionKey(cookie!)))) return 'ok';
    return failed(c);
  }

  return {
    check,
    attempt: count,
    async signIn(c, given) {
      // The attempt was counted before the body was read (attempt()).
      if (!(await tokenMatches(given, o.token))) return 'wrong';
      // A new id at every sign-in (a cookie planted before it is worthless);
      // the one the browser held, if any, ends.
      const old = getCookie(c, SESSION_COOKIE);
      if (old && SESSION_ID.test(old)) await o.store.endSession(await sessionKey(old));
      const id = hex(crypto.getRandomValues(new Uint8Array(32)));
      const maxAge = Math.round(o.sessionHours * 60 * 60);
      await o.store.createSession(await sessionKey(id), Date.now() + maxAge * 1000);
      setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/', secure: o.client(c).https, maxAge });
      return 'ok';
    },
    async signOut(c) {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie && SESSION_ID.test(cookie)) await o.store.endSession(await sessionKey(cookie));
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
