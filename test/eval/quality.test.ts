// Answer quality through the real HTTP app: the dev set must meet the
// minimums; the team's own visitor-worded set (never tuned on) is a check
// that the bot generalises beyond the dev sentences.
import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runEval, summaryLine, type ChatReply, type EvalSet } from '../../src/eval/grade.js';
import { EVAL_MINIMUMS } from '../../src/eval/minimums.js';
import { postJson, testApp } from '../http/app-fixture.js';

const app = testApp();
const ask = async (message: string, conversationId?: string) => {
  const res = await app.request('/api/chat', postJson(conversationId ? { message, conversationId } : { message }));
  expect(res.status).toBe(200);
  return (await res.json()) as ChatReply;
};
const load = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as EvalSet;
const DEV = '../shared/eval/dev.json';

describe('answer quality', () => {
  it.skipIf(!existsSync(DEV))('dev set meets the minimums', async () => {
    const s = await runEval(load(DEV), ask);
    console.log(summaryLine('dev', s));
    expect(s.failures).toEqual([]);
    expect(s.answer).toBeGreaterThanOrEqual(EVAL_MINIMUMS.answer);
    expect(s.escalate).toBeGreaterThanOrEqual(EVAL_MINIMUMS.escalate);
    expect(s.smalltalk).toBeGreaterThanOrEqual(EVAL_MINIMUMS.smalltalk);
    expect(s.medianAnswerChars).toBeLessThanOrEqual(EVAL_MINIMUMS.medianAnswerChars);
  });

  it('visitor-worded questions the bot was not tuned on: answer ≥ 95%, escalate ≥ 90%', async () => {
    const s = await runEval(load('test/fixtures/visitor-questions.json'), ask);
    console.log(summaryLine('visitor', s));
    expect(s.answer).toBeGreaterThanOrEqual(0.95);
    expect(s.escalate).toBeGreaterThanOrEqual(0.9);
    expect(s.smalltalk).toBe(1);
  });
});
