// Temporary knowledge directories for import tests: the site-oma settings,
// optionally with the shipped knowledge's questions, links and vocabulary.
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { runImport, type ImportOptions } from '../../src/import/run-import.js';
import { SITE_OMA } from './fixture-site.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  made.push(dir);
  return dir;
}

/** A knowledge directory holding site-oma's site.yml and, with `withSiteFiles`, knowledge/'s other files. */
export function tempKnowledge(withSiteFiles = false): string {
  const dir = tempDir('knowledge');
  copyFileSync(join(SITE_OMA, 'site.yml'), join(dir, 'site.yml'));
  if (withSiteFiles) {
    for (const f of ['questions.yml', 'links.yml', 'vocabulary.yml', 'messages.yml', 'smalltalk.yml']) {
      if (existsSync(resolve('knowledge', f))) copyFileSync(resolve('knowledge', f), join(dir, f));
    }
  }
  return dir;
}

/** A copy of site-oma's content folder that a test may edit. */
export function tempContent(): string {
  const dir = tempDir('content');
  cpSync(join(SITE_OMA, 'content'), dir, { recursive: true });
  return dir;
}

export function importInto(knowledgeDir: string, sources: string[], more: Partial<ImportOptions> = {}) {
  return runImport({ knowledgeDir, sources, databasePath: join(knowledgeDir, 'no-database.db'), ...more });
}
