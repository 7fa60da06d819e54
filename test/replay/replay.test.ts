// The staff loop replayed on Node, on a real SQLite file: what staff teach is
// used for other wordings at once, near misses still escalate, and all of it
// holds after a restart on the same file. (test/worker/replay.test.ts runs the
// same scenario inside workerd on D1.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { postJson, testEngine } from '../http/app-fixture.js';
import { check, correct, CORRECTED, teach, type Client } from './scenario.js';

const TOKEN = '72f2d5b95c5be9b0589ab72f3b57f772da686f991c74ef01';
const dir = mkdtempSync(join(tmpdir(), 'faq-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function boot(path: string): Client & { close(): Promise<void>; feedback(conversationId: string, helpful: boolean): Promise<number> } {
  const store = openSqliteStore(path);
  const app = createApp({ engine: testEngine(), store, log: () => {}, config: { adminToken: TOKEN, rateLimitPerMinute: 0, openQuestionsPerClient: 0 } });
  return {
    async chat(message, choice) {
      return (await (await app.request('/api/chat', postJson(choice ?? { message }))).json()) as never;
    },
    async admin(method, path, body) {
      const res = await app.request(path, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    },
    async feedback(conversationId, helpful) {
      return (await app.request('/api/feedback', postJson({ conversationId, helpful }))).status;
    },
    close: async () => {
      await store.close?.();
    },
  };
}

describe('staff knowledge, replayed', () => {
  it('answers other wordings with what staff taught (≥ 85 %), leaves near misses unquoted (100 %), also after a restart', async () => {
    const path = join(dir, 'faq.db');
    const first = boot(path);
    await teach(first);
    const now = await check(first);
    await first.close();
    const again = await check(boot(path));
    for (const o of [now, again]) {
      expect(o.answered / o.wordings, o.failures.join('\n')).toBeGreaterThanOrEqual(0.85);
      expect(o.nearMissesUnquoted, o.failures.join('\n')).toBe(o.nearMisses);
    }
    console.log(`replay: ${now.answered}/${now.wordings} wordings answered, ${now.nearMissesUnquoted}/${now.nearMisses} near misses unquoted`);
  });
});

describe('corrections from a thumbs-down', () => {
  it('"should have escalated" makes the question and a close rewording escalate; "should be this quote" answers with the quote', async () => {
    const client = boot(join(dir, 'corrections.db'));
    const { escalate, quote } = await correct(client);
    expect(escalate.before.map((r) => r.escalated)).toEqual([false, false]);
    expect(escalate.after.map((r) => r.escalated)).toEqual([true, true]);
    expect(quote.before.some((r) => r.answer.includes(CORRECTED.quote.quote))).toBe(false);
    for (const r of quote.after) {
      expect(r.escalated).toBe(false);
      expect(r.answer).toContain(CORRECTED.quote.quote);
    }
    await client.close();
  });
});
