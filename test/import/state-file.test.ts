// knowledge/.import/state.json is committed with the pages, so anyone who can
// push may edit it; the import deletes the files it names. A tampered record
// must never make it delete (or write) anything outside pages/, and a bad
// state file is one clear line, not a stack trace (Hardening III, row 13).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readState, statePath, StateError } from '../../src/import/state.js';
import { importInto, tempContent, tempDir } from './knowledge-dir.js';
import { SITE_OMA } from './fixture-site.js';

const run = promisify(execFile);

/** A knowledge folder at <root>/site/knowledge, imported once, and a file two levels up that must survive. */
async function imported() {
  const root = tempDir('state');
  const dir = join(root, 'site', 'knowledge');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'site.yml'), readFileSync(join(SITE_OMA, 'site.yml')));
  const content = tempContent();
  await importInto(dir, [content]);
  const victim = join(root, 'site', 'x');
  writeFileSync(victim, 'must survive');
  const tamper = (edit: (state: Record<string, unknown> & { pages: Record<string, unknown>[] }) => void) => {
    const state = JSON.parse(readFileSync(statePath(dir), 'utf8'));
    edit(state);
    writeFileSync(statePath(dir), JSON.stringify(state));
  };
  return { root, dir, content, victim, tamper };
}

const runCli = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args]).then(
    (ok) => ({ code: 0, ...ok }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );

describe('a tampered state.json', () => {
  it('a record naming pages/../../x is refused before anything is deleted', async () => {
    const { dir, content, victim, tamper } = await imported();
    tamper((s) => s.pages.push({ ...s.pages[0]!, from: join(content, 'gone.md'), file: 'pages/../../x' }));
    await expect(importInto(dir, [content])).rejects.toThrow(StateError);
    await expect(importInto(dir, [content])).rejects.toThrow(/state\.json is not an import record: \.pages\[1\]\.file: must be a markdown file under pages\//);
    expect(readFileSync(victim, 'utf8')).toBe('must survive');
  });

  it('npm run import -- --check says so in one line (no stack trace), exit status 2, and deletes nothing', async () => {
    const { dir, content, victim, tamper } = await imported();
    tamper((s) => s.pages.push({ ...s.pages[0]!, from: join(content, 'gone.md'), file: 'pages/../../x' }));
    for (const extra of [['--check'], []]) {
      const result = await runCli([...extra, '--knowledge', dir, '--database', join(dir, 'none.db'), content]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trim().split('\n');
      expect(lines.at(-1)).toMatch(
        /^\S*state\.json is not an import record: \.pages\[1\]\.file: must be a markdown file under pages\/.*delete it to start afresh/,
      );
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(victim)).toBe(true);
    }
  });

  it('absolute paths, backslashes and files that are not pages are refused too', async () => {
    for (const file of ['/etc/x.md', 'pages/..\\..\\x.md', 'site.yml', 'pages/', 'pages/a/./b.md', '../pages/a.md']) {
      const { dir, tamper } = await imported();
      tamper((s) => (s.pages[0]!.file = file));
      expect(() => readState(dir), file).toThrow(StateError);
    }
  });

  it('not JSON, or of another shape, is one line naming the file', async () => {
    const { dir, tamper } = await imported();
    writeFileSync(statePath(dir), '{ "version": 1, "pages": [');
    expect(() => readState(dir)).toThrow(/state\.json is not valid JSON .*delete it to start afresh/);
    writeFileSync(statePath(dir), JSON.stringify({ version: 1, importedAt: 'x', sources: [], pages: 'all', gone: [] }));
    expect(() => readState(dir)).toThrow(/state\.json is not an import record: \.pages: /);
  });

  it('a page file reached through a symbolic link out of pages/ is never deleted', async () => {
    const { root, dir, content, tamper } = await imported();
    const outside = join(root, 'outside');
    mkdirSync(outside);
    const text = '---\ntitle: Outside\n---\nThis page must survive.\n';
    writeFileSync(join(outside, 'x.md'), text);
    symlinkSync(outside, join(dir, 'pages', 'linked'));
    tamper((s) => s.pages.push({ ...s.pages[0]!, from: join(content, 'gone.md'), file: 'pages/linked/x.md' }));
    const report = await importInto(dir, [content]);
    expect(readFileSync(join(outside, 'x.md'), 'utf8')).toBe(text);
    expect(report.pages.deleted).toEqual([]);
    expect(report.pages.failed).toEqual([expect.objectContaining({ reason: expect.stringContaining('pages/linked/x.md not deleted') })]);
  });
});
