// The drift report: after a change to the site, the next import lists exactly
// what changed, sentence by sentence, and everything that now cites a
// sentence or page that is gone.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { importInto, tempContent, tempDir, tempKnowledge } from './knowledge-dir.js';

const ABOUT = 'https://omaspecworks.org/omaspecworks/about';
const COLLABORATE = 'https://omaspecworks.org/omaspecworks/about/collaborate';

/**
 * site-oma's content plus a Collaborate page (which knowledge/'s links.yml
 * and the About page's "Checkout as well" list point at), imported once into
 * a knowledge directory holding knowledge/'s questions and links.
 */
async function importedOnce(database?: string) {
  const content = tempContent();
  mkdirSync(join(content, 'omaspecworks/about'));
  writeFileSync(
    join(content, 'omaspecworks/about/collaborate.md'),
    '---\ntitle: Collaborate with OMA SpecWorks\n---\nCompanies collaborate in working groups. Any company may join as a member.\n',
  );
  const knowledgeDir = tempKnowledge(true);
  const again = () => importInto(knowledgeDir, [content], database ? { databasePath: database } : {});
  const first = await again();
  const aboutFile = join(content, 'omaspecworks/about.md');
  const edit = (from: string, to: string) => {
    const text = readFileSync(aboutFile, 'utf8');
    expect(text).toContain(from);
    writeFileSync(aboutFile, text.replace(from, to));
  };
  return { content, knowledgeDir, first, again, edit };
}

const noOrphans = { questions: [], links: [], staffAnswers: [] };

describe('drift between imports', () => {
  it('is nothing when nothing changed', async () => {
    const { first, again } = await importedOnce();
    expect(first.drift.added.map((p) => p.url)).toEqual([ABOUT, COLLABORATE]);
    const second = await again();
    expect(second.drift).toMatchObject({ since: first.importedAt, added: [], removed: [], changed: [], unchanged: 2 });
    expect(second.orphans).toEqual(noOrphans);
  });

  it('reports an edited sentence as changed, with the sentence before and after', async () => {
    const { again, edit } = await importedOnce();
    edit(
      'Essential IPR is defined and is available for license as set forth in the schedule to the Open Mobile Alliance Application Form.',
      'Essential IPR is defined and is available for license as set forth in the schedule to the OMA Application Form.',
    );
    const { drift, orphans } = await again();
    expect(drift).toMatchObject({ added: [], removed: [], unchanged: 1 });
    expect(drift.changed).toEqual([
      {
        url: ABOUT,
        file: 'pages/omaspecworks/about.md',
        added: [],
        removed: [],
        changed: [
          {
            before: 'Essential IPR is defined and is available for license as set forth in the schedule to the Open Mobile Alliance Application Form.',
            after: 'Essential IPR is defined and is available for license as set forth in the schedule to the OMA Application Form.',
          },
        ],
      },
    ]);
    expect(orphans).toEqual(noOrphans);
  });

  it('reports a removed sentence', async () => {
    const { again, edit } = await importedOnce();
    const sentence =
      'To best facilitate the dissemination of these contributions, it is necessary to understand any intellectual property rights (‘IPR’) relating to the contributions.';
    edit(` ${sentence}`, '');
    const { drift, orphans } = await again();
    expect(drift.changed).toEqual([{ url: ABOUT, file: 'pages/omaspecworks/about.md', added: [], removed: [sentence], changed: [] }]);
    expect(drift).toMatchObject({ added: [], removed: [] });
    expect(orphans).toEqual(noOrphans);
  });

  it('reports an added page with its sentences counted', async () => {
    const { content, again } = await importedOnce();
    writeFileSync(join(content, 'omaspecworks/news.md'), '---\ntitle: News\n---\n## Latest\nLwM2M 1.2.2 is out. TestFest runs twice a year.\n');
    const { drift, pages } = await again();
    expect(drift.added).toEqual([{ url: 'https://omaspecworks.org/omaspecworks/news', file: 'pages/omaspecworks/news.md', sentences: 2 }]);
    expect(drift).toMatchObject({ removed: [], changed: [], unchanged: 2 });
    expect(pages.written).toEqual(['pages/omaspecworks/news.md']);
  });

  it('reports a deleted page, deletes its file, and lists the links that still point at it', async () => {
    const { content, knowledgeDir, again } = await importedOnce();
    rmSync(join(content, 'omaspecworks/about/collaborate.md'));
    const { drift, pages, orphans } = await again();
    expect(drift.removed).toEqual([{ url: COLLABORATE, file: 'pages/omaspecworks/about/collaborate.md', sentences: 2 }]);
    expect(drift).toMatchObject({ added: [], changed: [], unchanged: 1 });
    expect(pages.deleted).toEqual(['pages/omaspecworks/about/collaborate.md']);
    expect(existsSync(join(knowledgeDir, 'pages/omaspecworks/about'))).toBe(false);
    expect(orphans.links).toEqual([
      { in: 'links.yml', title: 'Collaborate with OMA SpecWorks', url: COLLABORATE },
      { in: ABOUT, title: 'Collaborate with OMA SpecWorks', url: COLLABORATE },
    ]);
    expect(orphans.questions).toEqual([]);
  });

  it('keeps listing links to a removed page on later imports, until the page is back', async () => {
    const { content, again } = await importedOnce();
    const page = join(content, 'omaspecworks/about/collaborate.md');
    const text = readFileSync(page);
    rmSync(page);
    await again();
    expect((await again()).orphans.links).toHaveLength(2);
    writeFileSync(page, text);
    const back = await again();
    expect(back.drift.added.map((p) => p.url)).toEqual([COLLABORATE]);
    expect(back.orphans).toEqual(noOrphans);
  });

  it('lists a questions.yml quote that no page holds any more', async () => {
    const { again, edit } = await importedOnce();
    edit('However, the members do not have an obligation to conduct IPR searches.', 'However, the members do not have a duty to conduct IPR searches.');
    const { drift, orphans } = await again();
    expect(drift.changed[0]!.changed).toEqual([
      {
        before: 'However, the members do not have an obligation to conduct IPR searches.',
        after: 'However, the members do not have a duty to conduct IPR searches.',
      },
    ]);
    expect(orphans.questions).toEqual([
      {
        quote: 'do not have an obligation to conduct IPR searches',
        questions: ['Do members need to search for patents?', 'Is a patent search required?'],
      },
    ]);
    expect(orphans.links).toEqual([]);
  });

  it('lists staff answers whose source page was removed or whose quote is gone', async () => {
    const database = join(tempDir('db'), 'faq.db');
    const store = openSqliteStore(database);
    await store.addStaffAnswer({ question: 'How do I join a working group?', answer: 'Become a member first.', sourceUrl: `${COLLABORATE}#:~:text=join` });
    await store.addStaffAnswer({ question: 'Do members search for patents?', answer: 'No.', sourceUrl: `${ABOUT}#intellectual-property-rights` });
    await store.addStaffAnswer({ question: 'What is OMA?', answer: 'A standards body.', sourceUrl: ABOUT });
    // A later schema may keep the quoted page sentence with the answer.
    store.db.exec('ALTER TABLE staff_answers ADD COLUMN quote TEXT');
    store.db.prepare('UPDATE staff_answers SET quote = ? WHERE id = 2').run('do not have an obligation to conduct IPR searches');
    store.db.prepare('UPDATE staff_answers SET quote = ? WHERE id = 3').run('innovative kind of Standards Development Organization');
    await store.close?.();

    const { content, again, edit } = await importedOnce(database);
    rmSync(join(content, 'omaspecworks/about/collaborate.md'));
    edit('However, the members do not have an obligation to conduct IPR searches.', 'However, the members do not have a duty to conduct IPR searches.');
    const { orphans } = await again();
    expect(orphans.staffAnswers).toEqual([
      { id: 1, question: 'How do I join a working group?', sourceUrl: `${COLLABORATE}#:~:text=join`, reasons: ['page removed'] },
      {
        id: 2,
        question: 'Do members search for patents?',
        sourceUrl: `${ABOUT}#intellectual-property-rights`,
        quote: 'do not have an obligation to conduct IPR searches',
        reasons: ['quote not found'],
      },
    ]);
  });

  it("reads staff answers from today's schema (no quote column) too", async () => {
    const database = join(tempDir('db'), 'faq.db');
    const store = openSqliteStore(database);
    await store.addStaffAnswer({ question: 'How do I join?', answer: 'Become a member.', sourceUrl: '/omaspecworks/about/collaborate/' });
    await store.close?.();
    const { content, again } = await importedOnce(database);
    rmSync(join(content, 'omaspecworks/about/collaborate.md'));
    expect((await again()).orphans.staffAnswers).toEqual([
      { id: 1, question: 'How do I join?', sourceUrl: '/omaspecworks/about/collaborate/', reasons: ['page removed'] },
    ]);
  });
});
