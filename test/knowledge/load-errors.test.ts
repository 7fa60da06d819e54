// A knowledge folder with a file missing or wrong fails with one error, on one
// line, naming the file, what is wrong and what it must hold — for each
// required file (site.yml, pages/) and for each optional one that is present
// but bad. (The Node server prints it as its only line: test/entry/node-server.test.ts.)
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KNOWLEDGE_FILES, KnowledgeError, loadKnowledge } from '../../src/knowledge/load.js';

const root = mkdtempSync(join(tmpdir(), 'faq-knowledge-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The museum's complete knowledge, copied and then changed. */
let n = 0;
function museumWith(change: (dir: string) => void): string {
  const dir = join(root, `k${n++}`);
  cpSync('test/fixtures/holdout/town-museum/knowledge', dir, { recursive: true });
  change(dir);
  return dir;
}

function errorOf(dir: string): string {
  try {
    loadKnowledge(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(KnowledgeError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`${dir} loaded without an error`);
}

describe('the complete example', () => {
  it('loads (site.yml, pages, messages, smalltalk)', () => {
    const k = loadKnowledge(museumWith(() => {}));
    expect(k.site).toMatchObject({ name: 'Aldermoor Museum', origin: 'https://www.aldermoormuseum.org', helpdesk: 'enquiries@aldermoormuseum.org' });
    expect(k.pages.map((p) => p.url)).toEqual(['https://www.aldermoormuseum.org/about', 'https://www.aldermoormuseum.org/visit']);
  });

  it('lists site.yml and pages/ as the required files', () => {
    expect(
      Object.entries(KNOWLEDGE_FILES)
        .filter(([, f]) => f.required)
        .map(([name]) => name),
    ).toEqual(['site.yml', 'pages/']);
  });
});

describe('required files', () => {
  it('the folder itself', () => {
    expect(errorOf(join(root, 'nowhere'))).toBe(
      `${join(root, 'nowhere')} does not exist: a knowledge folder holds site.yml and pages/ (see README, "Make it yours")`,
    );
  });

  it('site.yml missing', () => {
    const dir = museumWith((d) => rmSync(join(d, 'site.yml')));
    expect(errorOf(dir)).toBe(`${join(dir, 'site.yml')} is missing: it must hold ${KNOWLEDGE_FILES['site.yml'].holds}`);
    expect(KNOWLEDGE_FILES['site.yml'].holds).toMatch(/name.*origin.*helpdesk/);
  });

  it.each([
    [
      'without a name',
      'origin: https://m.example\nhelpdesk: a@m.example\n',
      /site\.yml: name: name is required \(the organisation's name\)\. It must hold the site's name/,
    ],
    [
      'with a path for an origin',
      'name: M\norigin: /visit\nhelpdesk: a@m.example\n',
      /site\.yml: origin: origin must be the site's origin, such as https:\/\/www\.example\.org\. It must hold/,
    ],
    [
      'with a helpdesk that is no address',
      'name: M\norigin: https://m.example\nhelpdesk: the front desk\n',
      /site\.yml: helpdesk: helpdesk must be an e-mail address\./,
    ],
    [
      'with a misspelt key',
      'name: M\norigin: https://m.example\nhelpdesk: a@m.example\ngreting: Hi\n',
      /site\.yml: unknown key "greting" \(did you mean "greeting"\?\)\. It must hold/,
    ],
    ['that is not YAML', 'name: [M\n', /site\.yml is not valid YAML \(.+\): it must hold the site's name/],
    ['that is empty', '', /site\.yml is empty: it must hold the site's name/],
  ])('site.yml %s', (_, text, line) => {
    expect(errorOf(museumWith((d) => writeFileSync(join(d, 'site.yml'), text)))).toMatch(line);
  });

  it('pages/ missing', () => {
    const dir = museumWith((d) => rmSync(join(d, 'pages'), { recursive: true }));
    expect(errorOf(dir)).toBe(`${join(dir, 'pages')}/ is missing: it must hold ${KNOWLEDGE_FILES['pages/'].holds}`);
  });

  it('pages/ without a page', () => {
    const dir = museumWith((d) => {
      rmSync(join(d, 'pages'), { recursive: true });
      mkdirSync(join(d, 'pages'));
      writeFileSync(join(d, 'pages', 'notes.txt'), 'not a page');
    });
    expect(errorOf(dir)).toBe(
      `${join(dir, 'pages')}/ has no pages: it must hold the site's pages as markdown files (*.md) with front matter giving at least a title`,
    );
  });

  it('a page without a title', () => {
    const dir = museumWith((d) => writeFileSync(join(d, 'pages', 'shop.md'), '---\nurl: /shop\n---\nThe shop sells postcards.\n'));
    expect(errorOf(dir)).toBe(`${join(dir, 'pages', 'shop.md')}: its front matter needs a title (title: title is required)`);
  });
});

describe('optional files: absent is fine, present and wrong is an error naming the file', () => {
  it('absent', () => {
    const dir = museumWith((d) => {
      rmSync(join(d, 'messages.yml'));
      rmSync(join(d, 'smalltalk.yml'));
    });
    expect(loadKnowledge(dir).messages.escalated).toBeTruthy();
  });

  it.each([
    [
      'messages.yml',
      'escalated: [one, two]\n',
      /messages\.yml: escalated: Invalid input: expected string, received array\. It must hold texts around the quotes/,
    ],
    ['messages.yml', 'widget:\n  sned: Go\n', /messages\.yml: widget: unknown key "sned" \(did you mean "send"\?\)\. It must hold/],
    ['smalltalk.yml', 'greeting: hello\n', /smalltalk\.yml: Invalid input: expected array, received object\. It must hold a list of small-talk intents/],
    [
      'questions.yml',
      '- quote: Last entry to the galleries\n',
      /questions\.yml: \[0\]\.questions: .*It must hold alternate questions: a list of \{quote, questions\}/,
    ],
    ['vocabulary.yml', 'aliases: [[Corn Hall]]\n', /vocabulary\.yml: aliases\[0\]: Too small.*It must hold site words/],
    ['links.yml', '- title: Friends\n', /links\.yml: \[0\]\.url: .*It must hold pages known by title and address only/],
    ['links.yml', '- title: [Friends\n', /links\.yml is not valid YAML \(.+\): it must hold pages known by title and address only/],
  ])('%s: %j', (file, text, line) => {
    const dir = museumWith((d) => writeFileSync(join(d, file), text));
    const message = errorOf(dir);
    expect(message.startsWith(join(dir, file))).toBe(true);
    expect(message).toMatch(line);
  });
});

// Issue 21, misspelt names: a key a file does not take was dropped without a
// word (synonym: for synonyms: lost every synonym in it). Now each file's
// unknown key stops the build and the server with one line naming the file,
// the key and the one it was probably meant to be.
describe('unknown keys, in every knowledge file', () => {
  it.each([
    ['vocabulary.yml', 'synonym:\n  kid: [child]\n', 'unknown key "synonym" (did you mean "synonyms"?)'],
    ['vocabulary.yml', 'alias:\n  - [Corn Hall, Corn Exchange]\n', 'unknown key "alias" (did you mean "aliases"?)'],
    ['site.yml', 'name: M\norigin: https://m.example\nhelpdesk: a@m.example\nurls: { stlye: hugo }\n', 'urls: unknown key "stlye" (did you mean "style"?)'],
    ['messages.yml', 'escalted: Ask {helpdesk}\n', 'unknown key "escalted" (did you mean "escalated"?)'],
    [
      'smalltalk.yml',
      '- intent: thanks\n  phrases: [thanks]\n  reply: You are welcome\n  sugestions: [Opening times?]\n',
      '[0]: unknown key "sugestions" (did you mean "suggestions"?)',
    ],
    ['questions.yml', '- quote: Last entry to the galleries\n  question: [When is last entry?]\n', '[0]: unknown key "question" (did you mean "questions"?)'],
    ['links.yml', '- title: Friends\n  url: /friends\n  questoins: [How do I join?]\n', '[0]: unknown key "questoins" (did you mean "questions"?)'],
    ['links.yml', '- title: Friends\n  url: /friends\n  colour: red\n', '[0]: unknown key "colour" (the keys are title, url, questions)'],
  ])('%s: %j', (file, text, says) => {
    const dir = museumWith((d) => writeFileSync(join(d, file), text));
    const message = errorOf(dir);
    expect(message.startsWith(`${join(dir, file)}: `)).toBe(true);
    expect(message).toContain(says);
  });

  it('every knowledge folder in this repository still loads', () => {
    for (const dir of ['knowledge', 'test/fixtures/holdout/town-museum/knowledge', 'test/fixtures/holdout/coworking-space/knowledge']) {
      expect(() => loadKnowledge(dir), dir).not.toThrow();
    }
  });
});
