import { describe, expect, it } from 'vitest';
import { ingest, pagePassages } from '../../src/pipeline/ingest.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { sentences } from '../../src/nlp/analyse.js';
import { LIBRARY_KNOWLEDGE, SITE_KNOWLEDGE } from '../helpers/knowledge.js';

const page = (markdown: string) => ({ file: 'x.md', title: 'Page', url: '/page', markdown });

describe('ingest', () => {
  it('splits a page into paragraph and list-item passages with section anchors', () => {
    const passages = pagePassages(page('## First Section\nOne. Two.\n\nThree.\n\n## Second\n* Item a.\n* Item b.\n'), sentences);
    expect(passages.map((p) => p.text)).toEqual(['One. Two.', 'Three.', 'Item a.', 'Item b.']);
    expect(passages[0]!.sentences).toEqual(['One.', 'Two.']);
    expect(passages[0]!.url).toBe('/page#first-section');
    expect(passages[2]!.url).toBe('/page#second');
    expect(passages[2]!.heading).toBe('Second');
  });

  it('gives repeated headings distinct, stable anchors', () => {
    const passages = pagePassages(page('## Notes\nA.\n\n## Notes\nB.\n'), sentences);
    expect(passages.map((p) => p.url)).toEqual(['/page#notes', '/page#notes-1']);
  });

  it('keeps a lead-in paragraph together with its list, and collects the links', () => {
    const [p] = pagePassages(page('Rules are in:\n\n* The [Rules](/rules)\n* The form\n'), sentences);
    expect(p!.sentences).toEqual(['Rules are in:', 'The Rules', 'The form']);
    expect(p!.links).toEqual([{ title: 'Rules', url: '/rules' }]);
  });

  it('turns a list item that is only a link into a link passage', () => {
    const [p] = pagePassages(page('- [Volunteer](/volunteer)\n'), sentences);
    expect(p).toMatchObject({ kind: 'link', url: '/volunteer', text: 'Volunteer' });
  });

  it('makes a heading written as a statement a passage of its own', () => {
    const passages = pagePassages(page('### All members share one policy.\n\nText.\n'), sentences);
    expect(passages[0]!.text).toBe('All members share one policy.');
  });

  it('keeps the site wording verbatim, markup removed', () => {
    const passages = ingest(loadKnowledge(SITE_KNOWLEDGE), sentences);
    const launch = passages.find((p) => p.text.includes('Launched in 2018'))!;
    expect(launch.text).toContain('Home to the industry leading LightweightM2M (LwM2M), OMA SpecWorks');
    expect(launch.text).not.toMatch(/\]\(|\[/);
    const faq = passages.find((p) => p.kind === 'link' && p.url.endsWith('omaspecworks-faq'));
    expect(faq?.text).toBe('OMASpecWorks F.A.Q');
  });

  it('attaches alternate questions to the sentence holding their quote', () => {
    const passages = ingest(loadKnowledge(LIBRARY_KNOWLEDGE), sentences);
    const opened = passages.find((p) => p.text.includes('opened in 1987'))!;
    expect(opened.questions).toContainEqual({ question: 'How old is the library?', sentence: 1, quote: expect.stringContaining('1987') });
  });

  it('fails the build when an alternate question quotes text no page has', () => {
    const source = loadKnowledge(LIBRARY_KNOWLEDGE);
    source.questions = [{ quote: 'text that is nowhere', questions: ['Q?'] }];
    expect(() => ingest(source, sentences)).toThrow(/quote not found/);
  });
});
