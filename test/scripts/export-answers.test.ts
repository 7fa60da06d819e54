// npm run export-answers on a real SQLite file: written answers as markdown,
// the questions staff pointed at a sentence in the form of questions.yml,
// which the knowledge loader accepts back.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'export-answers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run export-answers', () => {
  it('writes both files from the database', async () => {
    const db = join(dir, 'faq.db');
    const store = openSqliteStore(db);
    await store.addStaffAnswer({
      question: 'Is there a fee to join?',
      answer: 'Membership fees are on the membership page.',
      sourceUrl: 'https://example.org/join',
    });
    await store.addStaffAnswer({
      kind: 'quote',
      question: 'When did it all begin?',
      questions: ['when was it founded', 'When did it all begin?'],
      answer: 'Launched in 2018, OMA SpecWorks joins together',
    });
    await store.close!();

    const md = join(dir, 'answers.md');
    const yml = join(dir, 'questions.yml');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export-answers.ts', md, yml], {
      env: { ...process.env, DATABASE_PATH: db },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('wrote 2 staff answer(s)');
    expect(readFileSync(md, 'utf8')).toContain('Membership fees are on the membership page.');
    expect(parse(readFileSync(yml, 'utf8'))).toEqual([
      { quote: 'Launched in 2018, OMA SpecWorks joins together', questions: ['When did it all begin?', 'when was it founded'] },
    ]);
  });
});
