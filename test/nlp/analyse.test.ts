import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/nlp/analyse.js';
import { compileAliases } from '../../src/pipeline/build.js';

const terms = (text: string, aliases?: ReturnType<typeof compileAliases>) => analyse(text, aliases).terms.map((t) => t.term);

describe('analyse', () => {
  it('lower-cases and lemmatises, dropping stop words and punctuation', () => {
    expect(terms('Which organisations joined the working groups?')).toEqual(['organization', 'join', 'working', 'group']);
  });

  it('lemmatises a capitalised first word like any other', () => {
    expect(terms('Children need cards.')).toEqual(['child', 'need', 'card']);
  });

  it('keeps numbers, e-mail addresses and URLs whole', () => {
    const t = terms('Version 2.0 from 2018: write to helpdesk@omaorg.org or see https://example.org/guide.pdf');
    expect(t).toContain('2.0');
    expect(t).toContain('2018');
    expect(t).toContain('helpdesk@omaorg.org');
    expect(t).toContain('https://example.org/guide.pdf');
    expect(t).toContain('helpdesk');
  });

  it('splits hyphenated words into their parts', () => {
    expect(terms('a non-confidential basis')).toEqual(['non', 'confidential', 'basis']);
  });

  it('rewrites every alias form to one canonical term, in multi-word phrases too', () => {
    const aliases = compileAliases([['ipr', 'intellectual property rights'], ['lwm2m', 'lightweight m2m', 'LightweightM2M']]);
    expect(terms('Intellectual Property Rights of Lightweight M2M', aliases)).toEqual(['ipr', 'lwm2m']);
    expect(terms('LightweightM2M and IPR', aliases)).toEqual(['lwm2m', 'ipr']);
  });

  it('marks words outside the English lexicon (typos) as unknown', () => {
    const [typo, word] = analyse('membrship membership').terms;
    expect(typo!.known).toBe(false);
    expect(word!.known).toBe(true);
  });
});
