// The prebuilt index, if it is fresh (newer than the knowledge and of this
// version). Imports nothing of the build pipeline, so a server with a fresh
// index starts without loading the knowledge parsers at all.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { knowledgeMtime } from '../knowledge/mtime.js';
import { INDEX_VERSION, type BuiltIndex } from '../engine/types.js';

export function readFreshIndex(knowledgeDir: string, indexPath: string): BuiltIndex | undefined {
  if (!existsSync(indexPath)) return undefined;
  const fresh = !existsSync(knowledgeDir) || statSync(indexPath).mtimeMs >= knowledgeMtime(knowledgeDir);
  if (!fresh) return undefined;
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as BuiltIndex;
  return index.version === INDEX_VERSION ? index : undefined;
}

/**
 * Where the index of a knowledge folder is kept: build/index.json for
 * knowledge/, a file of its own for any other folder, so that serving or
 * asking another organisation's knowledge never reads (or overwrites) the
 * index of this one.
 */
export function indexPathFor(knowledgeDir: string): string {
  const dir = resolve(knowledgeDir);
  return dir === resolve('knowledge') ? resolve('build/index.json') : resolve('build', `index-${dir.replace(/[^\w]+/g, '_').slice(-80)}.json`);
}
