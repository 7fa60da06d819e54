// Where a fetched page is written: a page file name made from the page's
// path on the site must stay under pages/, whatever the path holds (encoded
// slashes, dot segments), and fit the file system (Hardening III, row 15 and
// the traversal survivor).
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SEGMENT_BYTES, MAX_SEGMENTS, pageFileForPath } from '../../src/import/page-file.js';
import { isPageFile } from '../../src/import/state.js';

const PAGES = resolve('/k/pages');
const landsIn = (file: string) => resolve(PAGES, file);

describe('pageFileForPath', () => {
  it('reads like the site', () => {
    expect(pageFileForPath('/omaspecworks/about/')).toBe('omaspecworks/about.md');
    expect(pageFileForPath('/news/index.html')).toBe('news.md');
    expect(pageFileForPath('/')).toBe('index.md');
  });

  it.each([
    ['/a/..%2F..%2F..%2Fevil', 'a/evil.md'],
    ['/..%2F..%2Fevil', 'evil.md'],
    ['/a/%2E%2E%2F%2E%2E%2Fevil', 'a/evil.md'],
    ['/a/...%2Fevil', 'a/evil.md'],
    ['/.hidden/..%5C..%5Cevil', 'hidden/-..-evil.md'],
    ['/a/..', 'a.md'],
    ['/a/%00/..%2F/evil', 'a/-/evil.md'],
  ])('%s never climbs out of pages/ (→ %s)', (path, expected) => {
    const file = pageFileForPath(path);
    expect(file).toBe(expected);
    expect(file.split('/')).not.toContain('..');
    expect(landsIn(file).startsWith(`${PAGES}${sep}`)).toBe(true);
    expect(isPageFile(`pages/${file}`)).toBe(true);
  });

  it('shortens a segment longer than the file system allows, with a hash telling long names apart', () => {
    const a = pageFileForPath(`/long/${'a'.repeat(300)}/`);
    const b = pageFileForPath(`/long/${'a'.repeat(300)}b/`);
    expect(a).not.toBe(b);
    for (const f of [a, b]) {
      expect(f).toMatch(/^long\/a+-[0-9a-f]{12}\.md$/);
      expect(Buffer.byteLength(f.split('/')[1]!.replace(/\.md$/, ''))).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
    }
    expect(pageFileForPath(`/long/${'a'.repeat(300)}/`)).toBe(a);
  });

  it('counts bytes, not letters, and never cuts a letter in half', () => {
    const file = pageFileForPath(`/${'ü'.repeat(200)}`);
    const name = file.replace(/\.md$/, '');
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
    expect(name).toMatch(/^ü+-[0-9a-f]{12}$/);
  });

  it(`keeps at most ${MAX_SEGMENTS} folders deep`, () => {
    const file = pageFileForPath(`/${Array.from({ length: 500 }, (_, i) => `s${i}`).join('/')}`);
    expect(file.split('/')).toHaveLength(MAX_SEGMENTS);
    expect(join('/k/pages', file).length).toBeLessThan(4096);
  });
});
