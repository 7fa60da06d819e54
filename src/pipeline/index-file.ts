// Reading and writing the prebuilt index file (Node only: build script and
// Node entry). Rebuilds when knowledge/ is newer than the file.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadKnowledge } from '../knowledge/load.js';
import { readFreshIndex } from './read-index.js';
import { buildIndex } from './build.js';
import type { BuiltIndex } from '../engine/types.js';

export { indexPathFor } from './read-index.js';

export async function writeIndex(knowledgeDir: string, indexPath: string): Promise<BuiltIndex> {
  const index = await buildIndex(loadKnowledge(knowledgeDir));
  mkdirSync(dirname(indexPath), { recursive: true });
  // Write then rename (atomic on one file system): a reader running at the
  // same time — a server starting, wrangler bundling the Worker, a parallel
  // test — sees the old file or the new one, never half of one.
  const tmp = `${indexPath}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(index));
  renameSync(tmp, indexPath);
  return index;
}

/** The index at `indexPath`, rebuilt first if missing, of another version, or older than the knowledge. */
export async function loadOrBuildIndex(knowledgeDir: string, indexPath: string): Promise<{ index: BuiltIndex; rebuilt: boolean }> {
  const fresh = readFreshIndex(knowledgeDir, indexPath);
  if (fresh) return { index: fresh, rebuilt: false };
  return { index: await writeIndex(knowledgeDir, indexPath), rebuilt: true };
}
