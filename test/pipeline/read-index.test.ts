// The prebuilt index is used only while it is fresh: newer than every file
// of its knowledge folder and of this version. Otherwise the server rebuilds
// it — a stale index would answer from yesterday's pages (removed text
// quoted, new text never found).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INDEX_VERSION, type BuiltIndex } from '../../src/engine/types.js';
import { knowledgeMtime } from '../../src/knowledge/mtime.js';
import { loadOrBuildIndex } from '../../src/pipeline/index-file.js';
import { readFreshIndex } from '../../src/pipeline/read-index.js';
import { LIBRARY_KNOWLEDGE } from '../helpers/knowledge.js';

const root = mkdtempSync(join(tmpdir(), 'faq-index-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const T = 1_700_000_000; // seconds, as utimes takes them
const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

/** A knowledge folder (a page in a subfolder) and an index file, with the mtimes given. */
function fixture({ pages = T, index = T + 60, version = INDEX_VERSION }: { pages?: number; index?: number; version?: number } = {}) {
  const dir = join(root, `case-${++n}`);
  const knowledge = join(dir, 'knowledge');
  mkdirSync(join(knowledge, 'pages/about'), { recursive: true });
  const page = join(knowledge, 'pages/about/index.md');
  writeFileSync(page, '---\ntitle: About\nurl: /about\n---\nWe are a test.\n');
  writeFileSync(join(knowledge, 'site.yml'), 'name: Test\n');
  // Folders too: removing a page changes its folder's mtime.
  for (const f of [page, join(knowledge, 'site.yml'), join(knowledge, 'pages/about'), join(knowledge, 'pages'), knowledge]) at(f, pages);
  const indexPath = join(dir, 'index.json');
  writeFileSync(indexPath, JSON.stringify({ version, marker: `index-${n}` }));
  at(indexPath, index);
  return { knowledge, page, indexPath };
}
const marker = (index: BuiltIndex | undefined) => (index as unknown as { marker?: string } | undefined)?.marker;

describe('readFreshIndex', () => {
  it('uses an index newer than every knowledge file', () => {
    const f = fixture();
    expect(marker(readFreshIndex(f.knowledge, f.indexPath))).toBe(`index-${n}`);
  });

  it('uses an index written in the same instant as the newest knowledge file', () => {
    const f = fixture({ pages: T, index: T });
    expect(marker(readFreshIndex(f.knowledge, f.indexPath))).toBe(`index-${n}`);
  });

  it('refuses an index older than a page edited after it, even one deep in a subfolder', () => {
    const f = fixture();
    at(f.page, T + 120);
    expect(readFreshIndex(f.knowledge, f.indexPath)).toBeUndefined();
  });

  it('refuses an index older than a knowledge file added after it', () => {
    const f = fixture();
    const added = join(f.knowledge, 'pages/new.md');
    writeFileSync(added, '---\ntitle: New\nurl: /new\n---\nNew text.\n');
    at(added, T + 61);
    expect(readFreshIndex(f.knowledge, f.indexPath)).toBeUndefined();
  });

  it('refuses an index older than the removal of a page (its folder changed)', () => {
    const f = fixture({ index: T + 60 });
    rmSync(f.page); // the folder's mtime is now, after the index
    expect(readFreshIndex(f.knowledge, f.indexPath)).toBeUndefined();
  });

  it('refuses an index of another version, however new', () => {
    const f = fixture({ version: INDEX_VERSION - 1, index: T + 3600 });
    expect(readFreshIndex(f.knowledge, f.indexPath)).toBeUndefined();
  });

  it('has nothing to offer when the index file is missing', () => {
    const f = fixture();
    rmSync(f.indexPath);
    expect(readFreshIndex(f.knowledge, f.indexPath)).toBeUndefined();
  });

  it('uses the index when there is no knowledge folder to compare with (a deployment that ships only the index)', () => {
    const f = fixture();
    rmSync(f.knowledge, { recursive: true });
    expect(marker(readFreshIndex(f.knowledge, f.indexPath))).toBe(`index-${n}`);
  });
});

describe('knowledgeMtime', () => {
  it('is the newest mtime of any file in the folder, however deep', () => {
    const f = fixture({ pages: T });
    at(f.page, T + 500);
    at(join(f.knowledge, 'pages'), T + 400);
    expect(knowledgeMtime(f.knowledge)).toBe((T + 500) * 1000);
  });
});

describe('loadOrBuildIndex', () => {
  it('rebuilds a stale index from the knowledge and writes it; a fresh one is read as it is', async () => {
    const dir = join(root, 'library');
    cpSync(LIBRARY_KNOWLEDGE, dir, { recursive: true });
    const indexPath = join(root, 'library-index.json');
    writeFileSync(indexPath, JSON.stringify({ version: INDEX_VERSION, marker: 'stale' }));
    at(indexPath, T); // older than the copied knowledge
    const built = await loadOrBuildIndex(dir, indexPath);
    expect(built.rebuilt).toBe(true);
    expect(built.index.version).toBe(INDEX_VERSION);
    expect(built.index.passages.length).toBeGreaterThan(3);
    expect(JSON.parse(readFileSync(indexPath, 'utf8'))).toMatchObject({ version: INDEX_VERSION, passages: expect.any(Array) });
    const again = await loadOrBuildIndex(dir, indexPath);
    expect(again.rebuilt).toBe(false);
    expect(again.index.passages).toHaveLength(built.index.passages.length);
  });
});
