// The month of visitors inside workerd on D1 (OMA's pages, the bundled
// index): visitors' picks teach the bot, another isolate (as after a restart)
// uses what they taught, and a second set of new wordings is helped at least
// as much as before, with near misses unquoted. Same scenario as
// test/replay/month.test.ts on Node.
import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/entry/worker.js';
import first from '../fixtures/visitor-questions-12.json' with { type: 'json' };
import again from '../fixtures/second/oma-visitor-questions-12.json' with { type: 'json' };
import { month, second, type Ask } from '../replay/month.js';
import type { EvalSet } from '../../src/eval/grade.js';

const TABLES = [
  'suggestion_votes',
  'suggestion_wordings',
  'suggestions',
  'contacts',
  'outbox',
  'feedback',
  'turns',
  'escalations',
  'staff_corrections',
  'staff_answers',
  'conversations',
  'meta',
  'rate_limits',
];

/** One isolate's app: each bindings object is its own instance. */
function isolate(bindings: Record<string, unknown>): Ask {
  return async (client, body) =>
    (await (
      await worker.fetch(
        new Request('https://faq.test/api/chat', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'cf-connecting-ip': client },
          body: JSON.stringify(body),
        }),
        bindings as never,
        createExecutionContext(),
      )
    ).json()) as never;
}

// Visitors only: no staff token needed, no limits for one test client asking hundreds of questions.
const bindings = () => ({ ...env, ADMIN_TOKEN: undefined, RATE_LIMIT_PER_MINUTE: '0', OPEN_QUESTIONS_PER_CLIENT: '0' });

describe('a month of visitors on Workers', () => {
  it('what visitors taught in one isolate helps the next; near misses stay unquoted', async () => {
    const clear = () => env.DB.batch(TABLES.map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
    await clear();
    const before = await second(isolate(bindings()), again as EvalSet, new Set(), '203.0.113.200');
    await clear();
    const taught = await month(isolate(bindings()), first as EvalSet, 3, 'oma');
    expect(taught.size).toBeGreaterThan(0);
    const learned = await env.DB.prepare(`SELECT count(*) AS n FROM suggestions WHERE status = 'learned'`).first<{ n: number }>();
    expect(learned!.n).toBeGreaterThan(0);
    const after = await second(isolate(bindings()), again as EvalSet, taught, '203.0.113.201');
    console.log(
      `workerd, OMA: before helped ${before.helped}/${before.cases}, direct right ${before.directRight}; after helped ${after.helped}/${after.cases}, direct right ${after.directRight} (${after.taughtDirectRight}/${after.taught} of what was taught), precision ${after.right}/${after.direct}`,
    );
    expect(after.helped).toBeGreaterThanOrEqual(before.helped);
    expect(after.directRight).toBeGreaterThanOrEqual(before.directRight);
    expect(after.nearMissesUnquoted).toBe(after.nearMisses);
  }, 120_000);
});
