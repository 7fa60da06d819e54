// Open questions grouped by meaning on the staff page: two wordings are one
// item when their words match both ways — the same word, or a page word
// either also means (stored with each question when it was asked).
import { describe, expect, it } from 'vitest';
import { groupSimilar } from '../../src/admin/groups.js';
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
