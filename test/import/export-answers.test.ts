// npm run export-answers writes into the knowledge folder the server and the
// import use: KNOWLEDGE_DIR or --knowledge, never knowledge/ regardless.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from './knowledge-dir.js';

const run = promisify(execFile);
const SCRIPT = resolve('scripts/export-answers.ts');
const TSX = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;

/** A database with one staff answer, and a working directory holding a decoy knowledge/ that must stay empty. */
async function setUp() {
  const root = tempDir('export');
  const database = join(root, 'faq.db');
  const store = openSqliteStore(database);
  await store.addStaffAnswer({ question: 'Can I bring a guest?', answer: 'Yes, on weekdays.' });
  await store.close?.();
  const cwd = join(root, 'cwd');
  mkdirSync(join(cwd, 'knowledge'), { recursive: true });
  const museum = join(root, 'museum');
  mkdirSync(museum);
  return { database, cwd, museum };
}

const exportAnswers = (cwd: string, args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--import', TSX, SCRIPT, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } }).then(
    (ok) => ({ code: 0, ...ok }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );

describe('npm run export-answers', () => {
  it('writes into KNOWLEDGE_DIR, not knowledge/', async () => {
    const { database, cwd, museum } = await setUp();
    const result = await exportAnswers(cwd, [], { KNOWLEDGE_DIR: museum, DATABASE_PATH: database });
    expect(result.code).toBe(0);
    expect(readFileSync(join(museum, 'staff-answers.md'), 'utf8')).toContain('## Can I bring a guest?');
    expect(existsSync(join(museum, 'staff-questions.yml'))).toBe(true);
    expect(existsSync(join(cwd, 'knowledge/staff-answers.md'))).toBe(false);
  });

  it('--knowledge and --database win over the environment', async () => {
    const { database, cwd, museum } = await setUp();
    const result = await exportAnswers(cwd, ['--knowledge', museum, '--database', database], { KNOWLEDGE_DIR: join(cwd, 'knowledge') });
    expect(result.code).toBe(0);
    expect(readFileSync(join(museum, 'staff-answers.md'), 'utf8')).toContain('Yes, on weekdays.');
    expect(existsSync(join(cwd, 'knowledge/staff-answers.md'))).toBe(false);
  });

  it('a knowledge folder or database that is not there is one line, exit status 2', async () => {
    const { database, cwd } = await setUp();
    const noFolder = await exportAnswers(cwd, ['--knowledge', join(cwd, 'nope')], { DATABASE_PATH: database });
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr.trim()).toMatch(/nope is not a folder: --knowledge \(or KNOWLEDGE_DIR\)/);
    const noDatabase = await exportAnswers(cwd, ['--database', join(cwd, 'none.db')], {});
    expect(noDatabase.code).toBe(2);
    expect(noDatabase.stderr.trim()).toMatch(/none\.db: no such database/);
    expect(existsSync(join(cwd, 'none.db'))).toBe(false);
  });
});
