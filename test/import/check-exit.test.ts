// `npm run import -- --check` as CI runs it: a child process whose exit
// status says whether anything cites a sentence or page that is gone.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/import/run-import.js';
import { importInto, tempContent, tempKnowledge } from './knowledge-dir.js';

const run = promisify(execFile);

describe('scripts/import.ts --check', () => {
  it('exits 1 with the report when a quote is orphaned (progress on stderr, JSON on stdout)', async () => {
    const content = tempContent();
    const knowledgeDir = tempKnowledge(true);
    expect((await importInto(knowledgeDir, [content])).orphans.questions).toEqual([]);
    const about = join(content, 'omaspecworks/about.md');
    writeFileSync(about, readFileSync(about, 'utf8').replace('Launched in 2018', 'Founded in 2018'));

    const child = run(process.execPath, [
      '--import',
      'tsx',
      'scripts/import.ts',
      '--check',
      '--json',
      '--knowledge',
      knowledgeDir,
      '--database',
      join(knowledgeDir, 'none.db'),
      content,
    ]);
    const failure = await child.then(
      () => undefined,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    const report = JSON.parse(failure!.stdout) as ImportReport;
    expect(report.orphans.questions.map((q) => q.quote)).toEqual(['Launched in 2018, OMA SpecWorks joins together']);
    expect(report.drift.changed).toHaveLength(1);
    expect(failure!.stderr).toContain(`reading content folder ${content}`);
    // With --json the report's closing advice goes to stderr, stdout stays JSON.
    expect(failure!.stderr.trimEnd().split('\n').at(-1)).toMatch(/^A running server still answers from the pages it loaded when it started: restart it/);
  });
});
