// The bounds of test/nlp/bounds.test.ts change nothing a visitor asks: no
// question of the dev and team sets is near the word cap, and renewing the
// wink pipeline (after too many new words) gives every text the same analysis.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse, lastWords, lexiconGrowth, MAX_NEW_WORDS, MAX_QUESTION_WORDS } from '../../src/nlp/analyse.js';
import { madeUpWords, seeded } from '../helpers/heap.js';

const sets = [
  'eval/dev.json',
  ...readdirSync('test/fixtures')
    .filter((f) => /^visitor-questions.*\.json$/.test(f))
    .map((f) => `test/fixtures/${f}`),
];
const questions = sets.flatMap((f) =>
  (JSON.parse(readFileSync(f, 'utf8')) as { cases: { turns: { q: string }[] }[] }).cases.flatMap((c) => c.turns.map((t) => t.q)),
);

describe('the word cap', () => {
  it('cuts no question of the dev and team sets, the longest having less than two thirds of it', () => {
    expect(questions.length).toBeGreaterThan(500);
    expect(questions.filter((q) => lastWords(q) !== q)).toEqual([]);
    expect(questions.filter((q) => lastWords(q, Math.floor((MAX_QUESTION_WORDS * 2) / 3)) !== q)).toEqual([]);
  });

  it('counts words as wink splits them, and keeps the last ones', () => {
    expect(lastWords("don't stop me now", 5)).toBe("'t stop me now");
    expect(lastWords('a,b,c,d,e,f', 3)).toBe('e,f');
    expect(lastWords('  spaced   out  ', 1)).toBe('out  ');
  });
});

describe('renewing the wink pipeline', () => {
  it('gives every question the same analysis as before', () => {
    const before = questions.map((q) => analyse(q));
    const next = seeded(11);
    const reloads = lexiconGrowth().reloads;
    // More new words than the pipeline keeps: it is renewed at least once.
    for (let i = 0; i * 165 < MAX_NEW_WORDS * 1.5; i++) analyse(madeUpWords(next, 165));
    expect(lexiconGrowth().reloads).toBeGreaterThan(reloads);
    expect(lexiconGrowth().newWords).toBeLessThanOrEqual(MAX_NEW_WORDS + 400);
    expect(questions.map((q) => analyse(q))).toEqual(before);
  }, 60_000);
});
