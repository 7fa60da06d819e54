// The edit distance that typo tolerance runs for every unknown word against
// every page word: the allocation-free version must agree with the plain
// dynamic programme (optimal string alignment) on every pair and budget.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/nlp/edit-distance.js';

/** The textbook programme, written for clarity: Levenshtein plus adjacent swaps. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

describe('editDistance', () => {
  it('is the optimal string alignment distance, capped at max+1, for any two words and budget 0–3', () => {
    // A small alphabet, so near misses (one swap, one letter) are common.
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'é'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        expect(editDistance(a, b, max)).toBe(Math.min(reference(a, b), max + 1));
      }),
      { numRuns: 20_000 },
    );
  });

  it('handles words longer than its reused rows', () => {
    const long = 'x'.repeat(300);
    expect(editDistance(long, `${long}y`, 2)).toBe(1);
    expect(editDistance(long, `y${long.slice(1)}z`, 2)).toBe(2);
    expect(editDistance('membrship', 'membership', 1)).toBe(1);
    expect(editDistance('memebrship', 'membership', 1)).toBe(1);
  });
});
