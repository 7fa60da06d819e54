// JSON over fetch to the service. Never throws: network failures come back as
// status 0 (NETWORK) so the UI can always replace its spinner with a message.
import type { Texts } from './config.js';

export interface Source { title: string; url: string }
export interface Reply {
  conversationId: string;
  answer: string;
  sources: Source[];
  escalated: boolean;
  suggestions?: string[];
  escalationId?: string;
  error?: string;
}

/** Pseudo-status for "no response": offline, down or timed out. */
export const NETWORK = 0;

/** GET without a body, POST (JSON) with one. */
export async function req<T>(url: string, body?: unknown): Promise<{ status: number; data: Partial<T> & { error?: string } }> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), 20_000);
  try {
    const res = await fetch(url, body === undefined ? { credentials: 'omit', signal: ctl.signal } : {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      signal: ctl.signal,
    });
    return { status: res.status, data: await res.json().catch(() => ({})) };
  } catch {
    return { status: NETWORK, data: {} };
  } finally {
    clearTimeout(timer);
  }
}

/** What to tell the visitor when a request did not succeed. */
export function trouble(status: number, t: Texts, error?: string): string {
  if (status === NETWORK) return t.network;
  if (status === 429) return t.busy;
  if (status >= 500) return t.server;
  return error || t.failed;
}
