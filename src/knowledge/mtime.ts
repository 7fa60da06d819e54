// When the knowledge last changed: the newest mtime under the directory.
// Kept apart from load.ts so that checking a prebuilt index for staleness
// does not load the parsers (gray-matter, yaml, marked) at server start.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function knowledgeMtime(dir: string): number {
  // The folder itself too: deleting or renaming a top-level file (site.yml,
  // messages.yml) changes only the folder's time.
  let newest = statSync(dir).mtimeMs;
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    newest = Math.max(newest, statSync(join(dir, f)).mtimeMs);
  }
  return newest;
}
