import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuiltIndex } from '../../src/engine/types.js';
import { indexPathFor, loadOrBuildIndex } from '../../src/pipeline/index-file.js';
import { coveredSynonyms } from '../../src/pipeline/vocabulary-overlap.js';

const index = (synonyms: BuiltIndex['synonyms'], lexicon: BuiltIndex['lexicon']) => ({ synonyms, lexicon }) as BuiltIndex;

describe('coveredSynonyms', () => {
  it('names a synonym whose page word WordNet already links, with the relation', () => {
    const ix = index({ establish: [['launch']], start: [['launch']] }, { establish: [['launch', 's']], start: [['begin', 's']] });
    expect(coveredSynonyms(ix)).toEqual([{ visitor: 'establish', covered: [{ page: 'launch', relation: 'synonym' }] }]);
  });

  it('keeps an entry only a verb class of english.ts links: the site states its word at full strength', () => {
    expect(coveredSynonyms(index({ start: [['launch']] }, { start: [['launch', 'c']] }))).toEqual([]);
  });

  it('keeps an entry when only some of its page words are bridged, or a page phrase is', () => {
    const ix = index({ join: [['member'], ['membership']], market: [['market', 'sector']] }, { join: [['member', 'd']], market: [['market', 's']] });
    expect(coveredSynonyms(ix)).toEqual([]);
  });

  it("OMA's vocabulary holds no general English that WordNet gives", async () => {
    const knowledge = resolve('knowledge');
    const { index: oma } = await loadOrBuildIndex(knowledge, indexPathFor(knowledge));
    expect(coveredSynonyms(oma).map((o) => o.visitor)).toEqual([]);
  });
});
