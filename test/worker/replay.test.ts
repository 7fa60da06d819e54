// The staff loop replayed inside workerd on D1 (the same scenario as
// test/replay/replay.test.ts on Node): what staff teach through one isolate
// is used by another (a fresh instance over the same D1 — as a restart, or a
// second isolate, sees it), near misses still escalate, and corrections from
// a thumbs-down take effect.
import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/entry/worker.js';
import { check, correct, CORRECTED, teach, type Client } from '../replay/scenario.js';

const TOKEN = env.ADMIN_TOKEN;
let n = 0;

/** A client of one Worker instance: each `bindings` object is its own isolate's app. */
function client(bindings: Record<string, unknown>): Client & { feedback(conversationId: string, helpful: boolean): Promise<number> } {
  const call = async (method: string, path: string, body?: unknown, auth = false) => {
    // A fresh client address per request keeps the scenario clear of the rate limit and the open-question cap.
    const headers: Record<string, string> = { 'content-type': 'application/json', 'cf-connecting-ip': `198.51.100.${(n++ % 250) + 1}` };
    if (auth) headers.authorization = `Bearer ${TOKEN}`;
    return worker.fetch(
      new Request(`https://faq.test${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }),
      bindings as never,
      createExecutionContext(),
    );
  };
  return {
    async chat(message, choice) {
      return (await (await call('POST', '/api/chat', choice ?? { message })).json()) as never;
    },
    async admin(method, path, body) {
      const res = await call(method, path, body, true);
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    },
    async feedback(conversationId, helpful) {
      return (await call('POST', '/api/feedback', { conversationId, helpful })).status;
    },
  };
}

describe('staff knowledge on Workers', () => {
  it('is used by other isolates for other wordings (≥ 85 %), near misses still escalate', async () => {
    await teach(client({ ...env }));
    // Another isolate (or the same after a restart) reads it from D1.
    const other = await check(client({ ...env }));
    expect(other.answered / other.wordings, other.failures.join('\n')).toBeGreaterThanOrEqual(0.85);
    expect(other.nearMissesUnquoted, other.failures.join('\n')).toBe(other.nearMisses);
  });

  it('takes corrections from a thumbs-down', async () => {
    const { escalate, quote } = await correct(client({ ...env }));
    expect(escalate.after.map((r) => r.escalated)).toEqual([true, true]);
    for (const r of quote.after) expect(r.answer).toContain(CORRECTED.quote.quote);
  });
});
