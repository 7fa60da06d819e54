// JSON over fetch to the service. Never throws: no response at all comes back
// as status 0 (NETWORK) or REFUSED, so the UI can always replace its spinner
// with a message.
import type { Texts } from './config.js';
import { log } from './dom.js';

export interface Source {
  title: string;
  url: string;
}
/** A quote offered when the bot is not sure which one answers; picked by its id. */
export interface Choice {
  id: string;
  answer: string;
  sources: Source[];
}
export interface Reply {
  conversationId: string;
  answer: string;
  sources: Source[];
  escalated: boolean;
  suggestions?: string[];
  escalationId?: string;
  choices?: Choice[];
  error?: string;
}

/** Pseudo-statuses for "no response": offline, down or timed out; or the page's origin refused by CORS. */
export const NETWORK = 0;
export const REFUSED = -1;
let warned = false;

/** GET without a body, POST (JSON) with one. */
export async function req<T>(url: string, body?: unknown): Promise<{ status: number; data: Partial<T> & { error?: string } }> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), 20_000);
  try {
    const res = await fetch(
      url,
      body === undefined
        ? { credentials: 'omit', signal: ctl.signal }
        : {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
            credentials: 'omit',
            signal: ctl.signal,
          },
    );
    return { status: res.status, data: await res.json().catch(() => ({})) };
  } catch {
    return { status: !ctl.signal.aborted && (await refused(url)) ? REFUSED : NETWORK, data: {} };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A fetch that failed with a network error: was it CORS? The browser does not
 * say (the script cannot tell a refused origin from a dead server), so this
 * infers it. A cross-origin call while the browser believes it is online is
 * probed again in no-cors mode, which skips the CORS check: if that reaches
 * the service (widget.js: loadable cross-origin by design, not from the
 * cache), the service is up and answering, so the failure was the missing
 * Access-Control-Allow-Origin — the page's origin is not in ALLOWED_ORIGINS.
 * A page CSP whose connect-src leaves out the service blocks both requests
 * and reads as a network failure. Misread as a refusal: a proxy in front of
 * the service that answers API calls with its own error page (no CORS
 * headers) while widget.js still loads.
 */
async function refused(url: string): Promise<boolean> {
  const api = new URL(url).origin;
  if (api === location.origin || !navigator.onLine) return false;
  try {
    await fetch(api + '/widget.js', { method: 'HEAD', mode: 'no-cors', cache: 'no-store', credentials: 'omit' });
  } catch {
    return false;
  }
  if (!warned) {
    warned = true;
    log(
      `the service at ${api} is up but refuses this page's origin, ${location.origin} (CORS), so the chat cannot work here. ` +
        `To fix it, add the origin to ALLOWED_ORIGINS where the service runs (comma-separated, e.g. ALLOWED_ORIGINS=${location.origin}) and restart it.`,
    );
  }
  return true;
}

/** What to tell the visitor when a request did not succeed. */
export function trouble(status: number, t: Texts, error?: string): string {
  // Not one of the knowledge's texts: when the origin is refused, so is the config that would carry it.
  if (status === REFUSED) return 'Sorry, the chat is not available on this site. Please contact us another way.';
  if (status === NETWORK) return t.network;
  if (status === 429) return t.busy;
  if (status >= 500) return t.server;
  return error || t.failed;
}
