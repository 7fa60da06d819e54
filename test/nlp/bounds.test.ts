// What a flood of made-up words costs the analysis: a message is read by at
// most its last 60 words, and wink-nlp does not keep the words it had never
// seen for the life of the process (it stores each one in its lexicon; the
// pipeline is renewed past a bound). That neither changes what a real
// question gets: test/nlp/bounds-guard.test.ts.
import { describe, expect, it } from 'vitest';
import { analyse, lexiconGrowth, questionPart, renewPipeline } from '../../src/nlp/analyse.js';
import { SITE_KNOWLEDGE, engineFor } from '../helpers/knowledge.js';
import { heapAfterGcMb, madeUpWords, seeded } from '../helpers/heap.js';

const next = seeded(5);

describe('a message of 165 made-up words', () => {
  it('is read by its last 60 words', () => {
    const message = madeUpWords(next, 165);
    const read = questionPart(message);
    expect(read.split(' ')).toHaveLength(60);
    expect(message.endsWith(read)).toBe(true);
    const query = engineFor(SITE_KNOWLEDGE).query(message);
    expect(query.analysis.words.length).toBeLessThanOrEqual(60);
    expect(query.terms.length).toBeLessThanOrEqual(60);
  });
});

describe('words wink had never seen', () => {
  it('are not kept for good: 1 500 messages of 165 new words each grow the heap by less than 15 MB', () => {
    analyse('warm up the pipeline');
    const before = heapAfterGcMb();
    // Analysed whole (not through questionPart): every one of the 247 500 words is new to wink.
    for (let i = 0; i < 1500; i++) analyse(madeUpWords(next, 165));
    const grown = heapAfterGcMb() - before;
    console.log(`heap after 1 500 messages of new words: +${grown.toFixed(1)} MB`);
    expect(grown).toBeLessThan(15);
  }, 120_000);
});

describe('renewing the pipeline', () => {
  // wink-eng-lite-web-model's loader re-encodes its module-level meta model
  // as JSON on every load: without the copy kept in src/nlp/analyse.ts each
  // renewal parses a string about twice the last one's (the heap doubled
  // after the tenth: 28 → 110 → 350 MB, then out of memory).
  it('40 times keeps the heap flat (within 10 MB), and the pipeline reads as before', () => {
    const read = () => analyse('Who can join OMA SpecWorks?').terms.map((t) => t.term);
    const first = read();
    const before = heapAfterGcMb();
    const { reloads } = lexiconGrowth();
    for (let i = 0; i < 40; i++) {
      analyse(madeUpWords(next, 20));
      renewPipeline();
    }
    expect(read()).toEqual(first);
    expect(lexiconGrowth().reloads - reloads).toBe(40);
    const grown = heapAfterGcMb() - before;
    console.log(`heap after 40 renewals: +${grown.toFixed(1)} MB`);
    expect(grown).toBeLessThan(10);
  }, 120_000);
});
