// The prebuilt index, if it is fresh (newer than the knowledge and of this
// version). Imports nothing of the build pipeline, so a server with a fresh
// index starts without loading the knowledge parsers at all.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { knowledgeMtime } from '../knowledge/mtime.js';
import { INDEX_VERSION, type BuiltIndex } from '../engine/types.js';

export function readFreshIndex(knowledgeDir: string, indexPath: string): BuiltIndex | undefined {
  if (!existsSync(indexPath)) return undefined;
  const fresh = !existsSync(knowledgeDir) || statSync(indexPath).mtimeMs >= knowledgeMtime(knowledgeDir);
  if (!fresh) return undefined;
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as BuiltIndex;
  return index.version === INDEX_VERSION ? index : undefined;
}
