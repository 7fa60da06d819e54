// --watch: a change in the content folder is imported again, and a burst of
// saves makes one import, not one per save.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { ImportReport } from '../../src/import/run-import.js';
import { watchFolder } from '../../src/import/watch.js';
import { importInto, tempContent, tempKnowledge } from './knowledge-dir.js';

const until = async (done: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; !done() && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
};

it('re-imports a content folder when it changes, once per burst of saves', async () => {
  const content = tempContent();
  const knowledgeDir = tempKnowledge();
  await importInto(knowledgeDir, [content]);
  const reports: ImportReport[] = [];
  const watcher = watchFolder(content, async () => void reports.push(await importInto(knowledgeDir, [content])), 200);
  try {
    const about = join(content, 'omaspecworks/about.md');
    const text = readFileSync(about, 'utf8');
    writeFileSync(about, text.replace('Launched in 2018', 'Launched in 2017'));
    writeFileSync(about, text.replace('Launched in 2018', 'Started in 2018'));
    writeFileSync(about, text.replace('Launched in 2018', 'Launched in 2019'));
    await until(() => reports.length > 0, 10_000);
    await new Promise((r) => setTimeout(r, 600));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.drift.changed[0]!.changed.map((c) => c.after)).toEqual([expect.stringMatching(/^Launched in 2019, OMA SpecWorks joins together/)]);
  } finally {
    watcher.close();
  }
});
