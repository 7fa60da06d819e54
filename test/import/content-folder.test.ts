// Importing a static site's content folder: page files are the site's own
// source byte for byte, their addresses come from their paths, and the bot
// built from them is the bot built from knowledge/.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { buildIndex } from '../../src/pipeline/build.js';
import { indexOf, SITE_KNOWLEDGE } from '../helpers/knowledge.js';
import { SITE_OMA } from './fixture-site.js';
import { importInto, tempContent, tempKnowledge } from './knowledge-dir.js';

const SOURCE_PAGE = join(SITE_OMA, 'content/omaspecworks/about.md');
const DEV = 'eval/dev.json';

describe('import of a content folder', async () => {
  const knowledgeDir = tempKnowledge(true);
  const report = await importInto(knowledgeDir, [join(SITE_OMA, 'content')]);
  const imported = join(knowledgeDir, 'pages/omaspecworks/about.md');
  const importedIndex = await buildIndex(loadKnowledge(knowledgeDir));

  it('copies each page byte for byte to the same path under pages/', () => {
    expect(readFileSync(imported).equals(readFileSync(SOURCE_PAGE))).toBe(true);
    expect(report.pages.written).toEqual(['pages/omaspecworks/about.md']);
    expect(report.drift.added.map((p) => p.url)).toEqual(['https://omaspecworks.org/omaspecworks/about']);
  });

  it('gives the page the address its path has on the site', () => {
    const [page] = loadKnowledge(knowledgeDir).pages;
    expect(page?.url).toBe('https://omaspecworks.org/omaspecworks/about');
  });

  it('builds the same passages as knowledge/', () => {
    const passages = (index: ReturnType<typeof indexOf>) =>
      index.passages.map((p) => ({
        kind: p.kind,
        url: p.url,
        heading: p.heading,
        sentences: p.sentences.map((s) => s.text),
        links: p.links,
        questions: p.questions.map((q) => q.question),
      }));
    expect(passages(importedIndex)).toEqual(passages(indexOf(SITE_KNOWLEDGE)));
  });

  it('answers the dev questions as knowledge/ does', () => {
    const dev = JSON.parse(readFileSync(DEV, 'utf8')) as { cases: { turns: { q: string }[] }[] };
    const imported = createEngine(importedIndex);
    const shipped = createEngine(indexOf(SITE_KNOWLEDGE));
    const reply = (r: ReturnType<typeof imported.ask>) => ({ answer: r.answer, sources: r.sources, escalated: r.escalated });
    const questions = dev.cases.flatMap((c) => c.turns.map((t) => t.q));
    expect(questions.length).toBeGreaterThan(30);
    for (const q of questions) expect(reply(imported.ask(q)), q).toEqual(reply(shipped.ask(q)));
  });

  it('ignores files that are not markdown, drafts and pages without a title, saying why', async () => {
    const content = tempContent();
    writeFileSync(join(content, 'logo.png'), 'not a page');
    writeFileSync(join(content, 'notes.txt'), 'not a page either');
    writeFileSync(join(content, 'draft.md'), '---\ntitle: Coming soon\ndraft: true\n---\nNot published yet.\n');
    writeFileSync(join(content, 'untitled.md'), '---\ndescription: no title\n---\nText.\n');
    mkdirSync(join(content, '.git'));
    writeFileSync(join(content, '.git/HEAD.md'), '---\ntitle: Not a page\n---\n');
    const dir = tempKnowledge();
    const r = await importInto(dir, [content]);
    expect(r.pages.total).toBe(1);
    expect(r.pages.skipped.map((s) => [s.from.slice(content.length + 1), s.reason])).toEqual([
      ['draft.md', expect.stringContaining('draft')],
      ['untitled.md', expect.stringContaining('no title')],
    ]);
    expect(existsSync(join(dir, 'pages/draft.md'))).toBe(false);
  });

  it("maps a Hugo section page (_index.md) to its folder's address", async () => {
    const content = tempContent();
    writeFileSync(join(content, 'omaspecworks/_index.md'), '---\ntitle: OMA SpecWorks\n---\nOMA SpecWorks develops standards.\n');
    const dir = tempKnowledge();
    const r = await importInto(dir, [content]);
    expect(r.drift.added.map((p) => p.url).sort()).toEqual(['https://omaspecworks.org/omaspecworks', 'https://omaspecworks.org/omaspecworks/about']);
    expect(readFileSync(join(dir, 'pages/omaspecworks/_index.md'), 'utf8')).toContain('develops standards');
  });
});
