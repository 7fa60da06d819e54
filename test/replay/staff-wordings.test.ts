// Staff decisions and other wordings that share at most one content word with
// the question staff answered (test/fixtures/staff-taught-wordings.json,
// written before the first run): how many get what staff taught, directly or
// among the choices; and near misses — another key word ("fax" for "phone",
// "chair of the board" for "CEO") — never get it. The figures are in
// DESIGN.md ("Every choice teaches").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { engineFor, SITE_KNOWLEDGE } from '../helpers/knowledge.js';
import { postJson } from '../http/app-fixture.js';

const TOKEN = '24586837c7e249c6e63c85b0e85c9f83fe10471098706263';
const DATA = JSON.parse(readFileSync('test/fixtures/staff-taught-wordings.json', 'utf8')) as {
  decisions: { question: string; answer: string; wordings: string[]; nearMisses: string[] }[];
};
type Reply = { answer: string; escalated: boolean; conversationId: string; escalationId?: string; choices?: { id: string; answer: string }[] };

describe('staff decisions, other wordings', () => {
  it('teaches eight decisions; near misses never get the taught answer; the taught questions themselves are answered directly', async () => {
    const engine = engineFor(SITE_KNOWLEDGE);
    const app = createApp({
      engine,
      store: openSqliteStore(':memory:'),
      log: () => {},
      config: { adminToken: TOKEN, rateLimitPerMinute: 0, openQuestionsPerClient: 0 },
    });
    const chat = async (body: unknown) => (await (await app.request('/api/chat', postJson(body))).json()) as Reply;
    for (const d of DATA.decisions) {
      let r = await chat({ message: d.question });
      if (r.choices) r = await chat({ conversationId: r.conversationId, choice: 'none' });
      expect(r.escalationId, d.question).toBeDefined();
      const how = engine.findQuote(d.answer) ? { quote: d.answer } : { answer: d.answer };
      const res = await app.request(`/api/admin/escalations/${r.escalationId}/resolve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(how),
      });
      expect(res.status, d.question).toBe(200);
    }
    const taught = (d: (typeof DATA.decisions)[number], r: Reply) => r.answer.toLowerCase().includes(d.answer.toLowerCase().slice(0, 40));
    let direct = 0;
    let listed = 0;
    let wordings = 0;
    let nearMisses = 0;
    for (const d of DATA.decisions) {
      const again = await chat({ message: d.question });
      expect(again.choices, d.question).toBeUndefined();
      expect(taught(d, again), d.question).toBe(true);
      for (const w of d.wordings) {
        wordings++;
        const r = await chat({ message: w });
        if (!r.escalated && !r.choices && taught(d, r)) direct++;
        else if (r.choices?.some((c) => c.answer.toLowerCase().includes(d.answer.toLowerCase().slice(0, 40)))) listed++;
      }
      for (const w of d.nearMisses) {
        nearMisses++;
        const r = await chat({ message: w });
        expect(!r.escalated && !r.choices && taught(d, r), `near miss "${w}" got what staff taught for "${d.question}"`).toBe(false);
      }
    }
    console.log(
      `staff wordings: ${direct}/${wordings} answered directly with what staff taught, ${listed} more offered it among choices; ${nearMisses}/${nearMisses} near misses unquoted`,
    );
  });
});
