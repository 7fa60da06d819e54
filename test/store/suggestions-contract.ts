// Suggestions, the behaviour every Store adapter must have (SQLite on Node,
// D1 inside workerd): one vote per client, distinct wordings kept, staff's
// accept teaching once, a rejection standing whatever visitors pick.
import { afterEach, describe, expect, it } from 'vitest';
import type { Store, Vote } from '../../src/store/types.js';

const vote = (clientKey: string, over: Partial<Vote> = {}): Vote => ({
  wordingKey: 'open saturday',
  wording: 'When do you open on Saturdays?',
  sentence: 'On Saturdays we open at 8am.',
  quote: 'On Saturdays we open at 8am.',
  url: 'https://example.org/hours',
  clientKey,
  verdict: 1,
  ...over,
});

export function suggestionContract(name: string, makeStore: () => Promise<Store> | Store) {
  describe(`Store contract, suggestions: ${name}`, () => {
    let store: Store;
    const open = async () => (store = await makeStore());
    afterEach(async () => {
      await store?.close?.();
    });

    it('counts each client once however often it votes, keeps its latest verdict, and the distinct wordings', async () => {
      await open();
      for (let i = 0; i < 50; i++) await store.vote(vote('client-a'));
      await store.vote(vote('client-b', { wording: 'saturday opening?' }));
      const s = await store.vote(vote('client-c', { verdict: -1 }));
      expect(s).toMatchObject({ status: 'open', clients: 2, against: 1, wording: 'When do you open on Saturdays?' });
      expect([...s!.wordings].sort()).toEqual(['When do you open on Saturdays?', 'saturday opening?']);
      // A client changing its mind: the latest verdict counts.
      expect(await store.vote(vote('client-c'))).toMatchObject({ clients: 3, against: 0 });
      // Another sentence for the same wording is another suggestion.
      expect(await store.vote(vote('client-a', { sentence: 'We close at 2pm.', quote: 'We close at 2pm.' }))).toMatchObject({ clients: 1 });
      expect((await store.listSuggestions({ limit: 10 })).map((x) => x.clients)).toEqual([3, 1]);
      expect(await store.countSuggestions()).toEqual({ open: 2, accepted: 0, rejected: 0, learned: 0 });
    });

    it('keeps at most ten wordings of one suggestion', async () => {
      await open();
      for (let i = 0; i < 15; i++) await store.vote(vote(`client-${i}`, { wording: `when do you open on saturdays, version ${i}` }));
      expect((await store.suggestionFor('open saturday', 'On Saturdays we open at 8am.'))!.wordings).toHaveLength(10);
    });

    it('accepting teaches one staff answer (a quote) with every wording, once; staff can confirm what visitors taught', async () => {
      await open();
      await store.vote(vote('client-a'));
      const s = await store.vote(vote('client-b', { wording: 'saturday opening?' }));
      const answer = { kind: 'quote' as const, question: s!.wording, answer: s!.sentence };
      const [first, second] = await Promise.all([store.acceptSuggestion(s!.id, answer, 'learned'), store.acceptSuggestion(s!.id, answer, 'learned')]);
      expect([first, second].sort()).toEqual([false, true]);
      const learned = await store.getSuggestion(s!.id);
      expect(learned).toMatchObject({ status: 'learned', staffAnswerId: expect.any(Number) });
      const taught = await store.getStaffAnswer(learned!.staffAnswerId!);
      expect(taught).toMatchObject({
        kind: 'quote',
        question: 'When do you open on Saturdays?',
        answer: 'On Saturdays we open at 8am.',
        questions: ['saturday opening?'],
      });
      expect(await store.listStaffAnswers()).toHaveLength(1);
      // Staff confirm it: accepted, still one answer.
      expect(await store.acceptSuggestion(s!.id, answer, 'accepted')).toBe(true);
      expect(await store.getSuggestion(s!.id)).toMatchObject({ status: 'accepted', staffAnswerId: learned!.staffAnswerId });
      expect(await store.listStaffAnswers()).toHaveLength(1);
    });

    it('a rejection removes what was taught from it, records a correction, and stands: visitors cannot reopen it', async () => {
      await open();
      const s = await store.vote(vote('client-a'));
      await store.acceptSuggestion(s!.id, { kind: 'quote', question: s!.wording, answer: s!.sentence }, 'learned');
      const version = await store.staffVersion();
      expect(await store.rejectSuggestion(s!.id, { question: s!.wording, wrong: s!.sentence })).toBe(true);
      expect(await store.staffVersion()).not.toBe(version);
      const rejected = await store.getSuggestion(s!.id);
      expect(rejected).toMatchObject({ status: 'rejected', correctionId: expect.any(Number) });
      expect(rejected!.staffAnswerId).toBeUndefined();
      expect(await store.listStaffAnswers()).toEqual([]);
      expect(await store.listCorrections()).toMatchObject([{ question: 'When do you open on Saturdays?', wrong: 'On Saturdays we open at 8am.' }]);
      for (const c of ['client-b', 'client-c', 'client-d']) await store.vote(vote(c));
      expect(await store.getSuggestion(s!.id)).toMatchObject({ status: 'rejected', clients: 4 });
      expect(await store.acceptSuggestion(s!.id, { kind: 'quote', question: s!.wording, answer: s!.sentence }, 'learned')).toBe(false);
      expect(await store.rejectSuggestion(999_999, { question: 'x', wrong: 'y' })).toBe(false);
    });

    it('retention removes votes and the suggestions staff never decided, and keeps decided ones', async () => {
      await open();
      const old = Date.now() - 100 * 24 * 60 * 60 * 1000;
      await store.vote(vote('client-a'), old);
      const kept = await store.vote(vote('client-a', { sentence: 'We close at 2pm.', quote: 'We close at 2pm.' }), old);
      await store.acceptSuggestion(kept!.id, { kind: 'quote', question: kept!.wording, answer: kept!.sentence }, 'accepted', old);
      await store.purge(Date.now() - 90 * 24 * 60 * 60 * 1000);
      const left = await store.listSuggestions({ limit: 10, status: 'accepted' });
      expect(left.map((x) => [x.sentence, x.clients])).toEqual([['We close at 2pm.', 0]]);
      expect(await store.countSuggestions()).toMatchObject({ open: 0, accepted: 1 });
    });
  });
}
