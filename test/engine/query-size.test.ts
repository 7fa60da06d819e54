// The question cache is bounded in bytes by an estimate of what each
// analysed question keeps (src/engine/query-size.ts): checked here against
// the heap after GC, for visitors' questions and for long made-up messages.
// Never below what the heap holds (or the cache could hold more than its
// budget), and within twice it (or the budget would keep too few).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildQuery, type Query } from '../../src/engine/query.js';
import { querySize } from '../../src/engine/query-size.js';
import { indexOf, SITE_KNOWLEDGE } from '../helpers/knowledge.js';
import { heapAfterGcMb, madeUpWords, seeded } from '../helpers/heap.js';

const index = indexOf(SITE_KNOWLEDGE);

/** Heap bytes each of `texts`' analyses keeps, on average, and the estimate's average. */
function measure(texts: string[]): { held: number; estimated: number } {
  // Once first: what wink and the memos learn from these words is not the query's.
  for (const t of texts) buildQuery(index, t);
  const before = heapAfterGcMb();
  // A fresh text each (a trailing space), so every Query is a new object kept here.
  const kept: Query[] = texts.map((t) => buildQuery(index, `${t} `));
  const held = ((heapAfterGcMb() - before) * 1e6) / kept.length;
  const estimated = kept.reduce((n, q) => n + querySize(q.text, q), 0) / kept.length;
  return { held, estimated };
}

describe('querySize', () => {
  const dev = (JSON.parse(readFileSync('eval/dev.json', 'utf8')) as { cases: { turns: { q: string }[] }[] }).cases.flatMap((c) => c.turns.map((t) => t.q));
  const next = seeded(9);
  const pool = madeUpWords(next, 2000).split(' ');
  const long = Array.from({ length: 300 }, () => Array.from({ length: 165 }, () => pool[Math.floor(next() * pool.length)]).join(' '));

  for (const [name, texts] of [
    ['the dev set’s questions', Array.from({ length: 20 }, (_, i) => dev.map((q) => `${q}${' '.repeat(i)}`)).flat()],
    ['messages of 165 made-up words (read by their last 60)', long],
  ] as const) {
    it(`is at or above what ${name} keep, and within twice it`, () => {
      const { held, estimated } = measure([...texts]);
      console.log(`${name}: ${Math.round(held)} B held, ${Math.round(estimated)} B estimated`);
      expect(estimated).toBeGreaterThanOrEqual(held);
      expect(estimated).toBeLessThanOrEqual(2 * held);
    });
  }
});
