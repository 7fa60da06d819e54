// Answer quality through the real HTTP app: the dev set must meet the
// minimums; the team's own visitor-worded set (never tuned on) is a check
// that the bot generalises beyond the dev sentences.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runEval, shortfalls, summaryLine, type ChatReply, type EvalSet } from '../../src/eval/grade.js';
import { EVAL_MINIMUMS } from '../../src/eval/minimums.js';
import { postJson, testApp } from '../http/app-fixture.js';

const app = testApp();
const ask = async (message: string, conversationId?: string) => {
  const res = await app.request('/api/chat', postJson(conversationId ? { message, conversationId } : { message }));
  expect(res.status).toBe(200);
  return (await res.json()) as ChatReply;
};
const load = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as EvalSet;
// The project carries its own copy of the dev cases: never skipped for a missing file.
const DEV = 'eval/dev.json';

describe('answer quality', () => {
  it('dev set meets the minimums', async () => {
    const s = await runEval(load(DEV), ask);
    console.log(summaryLine('dev', s));
    // Every answerable question helped (quoted, or its quote among the choices); nothing else wrong.
    expect(s.failures.filter((f) => !f.helped)).toEqual([]);
    expect(shortfalls(s, EVAL_MINIMUMS)).toEqual([]);
  });

  it("the team's visitor-worded sets, pooled (other wording than the dev set): precision ≥ 97%, helped ≥ 96%, unquoted ≥ 97%, escalate ≥ 90%", async () => {
    const files = readdirSync('test/fixtures').filter((f) => /^visitor-questions.*\.json$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(16);
    const cases = files.flatMap((f) => load(`test/fixtures/${f}`).cases);
    const s = await runEval({ name: 'visitor', cases }, ask);
    console.log(summaryLine(`visitor (${files.length} sets)`, s));
    expect(shortfalls(s, { precision: 0.97, helped: 0.96, unquoted: 0.97, escalate: 0.9, answer: 0.5, smalltalk: 0.9 })).toEqual([]);
  });
});
