// Reading and writing the prebuilt index file (Node only: build script and
// Node entry). Rebuilds when knowledge/ is newer than the file.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { knowledgeMtime, loadKnowledge } from '../knowledge/load.js';
import { buildIndex } from './build.js';
import { INDEX_VERSION, type BuiltIndex } from '../engine/types.js';

export function writeIndex(knowledgeDir: string, indexPath: string): BuiltIndex {
  const index = buildIndex(loadKnowledge(knowledgeDir));
  mkdirSync(dirname(indexPath), { recursive: true });
  writeFileSync(indexPath, JSON.stringify(index));
  return index;
}

/** The index at `indexPath`, rebuilt first if missing, of another version, or older than the knowledge. */
export function loadOrBuildIndex(knowledgeDir: string, indexPath: string): { index: BuiltIndex; rebuilt: boolean } {
  if (existsSync(indexPath)) {
    const fresh = !existsSync(knowledgeDir) || statSync(indexPath).mtimeMs >= knowledgeMtime(knowledgeDir);
    if (fresh) {
      const index = JSON.parse(readFileSync(indexPath, 'utf8')) as BuiltIndex;
      if (index.version === INDEX_VERSION) return { index, rebuilt: false };
    }
  }
  return { index: writeIndex(knowledgeDir, indexPath), rebuilt: true };
}
