// Open questions grouped by meaning on the staff page: two wordings are one
// item when their words match both ways — the same word, or a page word
// either also means (stored with each question when it was asked).
import { describe, expect, it } from 'vitest';
import { frequentByGroup, groupSimilar } from '../../src/admin/groups.js';
import type { Escalation } from '../../src/store/types.js';

const e = (id: string, terms: string): Escalation => ({ id, conversationId: id, question: id, status: 'open', createdAt: 0, terms });
const grouping = { weight: (t: string) => (t === 'oma' ? 0 : 1), minSimilarity: 0.75 };
const ids = (list: Escalation[]) => groupSimilar(list, grouping).map((g) => [g.lead.id, ...g.others.map((o) => o.id)]);

describe('grouping open questions', () => {
  it('groups wordings whose words mean the same page words', () => {
    // "how much does membership cost" / "what are the membership fees" (fee also means cost) / "membership price" (price also means cost)
    expect(ids([e('a', 'membership cost'), e('b', 'membership fee~cost'), e('c', 'membership~member price~cost')])).toEqual([['a', 'b', 'c']]);
  });

  it('keeps apart questions with another specific word, either way round', () => {
    expect(ids([e('a', 'membership cost'), e('b', 'conference cost')])).toEqual([['a'], ['b']]);
    expect(ids([e('a', 'membership cost'), e('b', 'membership cost university')])).toEqual([['a'], ['b']]);
  });

  it('ignores words on most pages', () => {
    expect(ids([e('a', 'oma ceo'), e('b', 'ceo')])).toEqual([['a', 'b']]);
  });
});

describe('suggestions (asked three times or more) by group', () => {
  it('merges wordings of one group into one suggestion counting the whole group, named by its tidiest most asked wording', () => {
    const fees = [e('f1', 'membership fee'), e('f2', 'membership fee'), e('f3', 'membership fee'), e('f4', 'membership fee'), e('f5', 'membership fee')];
    const ceo = [e('c1', 'ceo'), e('c2', 'ceo'), e('c3', 'ceo')];
    const groups = groupSimilar([...fees, ...ceo], grouping);
    const frequent = [
      { question: 'what are the membership fees', count: 3, ids: ['f1', 'f2', 'f3'] },
      { question: 'What are the membership fees?', count: 3, ids: ['f4', 'f5', 'f6'] },
      { question: 'Who is the CEO?', count: 3, ids: ['c1', 'c2', 'c3'] },
      { question: 'Not grouped any more', count: 4, ids: ['x1', 'x2', 'x3', 'x4'] },
    ];
    const out = frequentByGroup(frequent, groups);
    expect(out.map((s) => [s.question, s.count])).toEqual([
      ['What are the membership fees?', 5],
      ['Not grouped any more', 4],
      ['Who is the CEO?', 3],
    ]);
    expect(out[0]!.ids[0]).toBe('f4'); // the link opens the wording it is named by
  });
});
