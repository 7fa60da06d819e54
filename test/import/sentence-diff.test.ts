import { describe, expect, it } from 'vitest';
import { diffSentences } from '../../src/import/sentence-diff.js';

describe('diffSentences', () => {
  it('finds nothing between equal lists', () => {
    expect(diffSentences(['A b c.', 'D e f.'], ['A b c.', 'D e f.'])).toEqual({ added: [], removed: [], changed: [] });
  });

  it('tells an edit (most words kept) from a removal and an addition', () => {
    const before = ['One two three four.', 'Members may join any group.', 'Fees are due yearly.', 'The end.'];
    const after = ['One two three four.', 'Members may join every group.', 'A brand new sentence here.', 'The end.'];
    expect(diffSentences(before, after)).toEqual({
      changed: [{ before: 'Members may join any group.', after: 'Members may join every group.' }],
      removed: ['Fees are due yearly.'],
      added: ['A brand new sentence here.'],
    });
  });

  it('sees a sentence moved as removed at one place and added at the other', () => {
    const diff = diffSentences(['A.', 'B is here.', 'C.'], ['B is here.', 'A.', 'C.']);
    expect(diff.changed).toEqual([]);
    expect(diff.added).toHaveLength(1);
    expect(diff.removed).toEqual(diff.added);
  });

  it('pairs each edit with its most similar counterpart', () => {
    const before = ['The red car is fast.', 'The blue boat is slow.'];
    const after = ['The blue boat is very slow.', 'The red car is very fast.'];
    expect(diffSentences(before, after).changed).toEqual([
      { before: 'The red car is fast.', after: 'The red car is very fast.' },
      { before: 'The blue boat is slow.', after: 'The blue boat is very slow.' },
    ]);
  });
});
