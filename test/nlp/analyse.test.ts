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
    const aliases = compileAliases([
      ['ipr', 'intellectual property rights'],
      ['lwm2m', 'lightweight m2m', 'LightweightM2M'],
    ]);
    expect(terms('Intellectual Property Rights of Lightweight M2M', aliases)).toEqual(['ipr', 'lwm2m']);
    expect(terms('LightweightM2M and IPR', aliases)).toEqual(['lwm2m', 'ipr']);
  });

  it('marks words outside the English lexicon (typos) as unknown', () => {
    const [typo, word] = analyse('membrship membership').terms;
    expect(typo!.known).toBe(false);
    expect(word!.known).toBe(true);
  });
});

describe('question words and names', () => {
  it('mends a misspelt opening question word, but not a real word', async () => {
    const { mendQuestionWord } = await import('../../src/nlp/analyse.js');
    expect(mendQuestionWord('wen was it launched')).toBe('when was it launched');
    expect(mendQuestionWord('waht is it')).toBe('what is it');
    expect(mendQuestionWord('were members told?')).toBe('were members told?');
  });

  it('keeps the scene-setting statement of a multi-sentence message, drops a bare greeting', async () => {
    const { questionPart } = await import('../../src/nlp/analyse.js');
    expect(questionPart('Hi! What is LwM2M?')).toBe('What is LwM2M?');
    // A run of one mark reads as the mark once: the words before 200 "?" are still read.
    expect(questionPart(`What is LwM2M${'?'.repeat(200)}`)).toBe('What is LwM2M?');
    expect(questionPart("I'm not a member yet. Can I contribute?")).toBe("I'm not a member yet. Can I contribute?");
  });

  it('indexes the head noun of a multi-word name in page text only', () => {
    const aliases = compileAliases([['ipso', 'IPSO Alliance']]);
    expect(analyse('the IPSO Alliance', aliases, { heads: true }).terms.map((t) => t.term)).toEqual(['ipso', 'alliance']);
    expect(terms('the IPSO Alliance', aliases)).toEqual(['ipso']);
  });

  it('repairs a typo inside an alias phrase', () => {
    const aliases = compileAliases([['ipr', 'intellectual property']]);
    expect(terms('intelectual property policy', aliases)).toEqual(['ipr', 'policy']);
  });
});
