// Engines built from knowledge directories, cached per directory so each test
// file analyses a knowledge set once.
import { resolve } from 'node:path';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { buildIndex } from '../../src/pipeline/build.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import type { EngineOptions } from '../../src/engine/options.js';

export const SITE_KNOWLEDGE = resolve('knowledge');
export const LIBRARY_KNOWLEDGE = resolve('test/fixtures/knowledge-library');

const indexes = new Map<string, ReturnType<typeof buildIndex>>();

export function indexOf(dir: string) {
  let index = indexes.get(dir);
  if (!index) {
    index = buildIndex(loadKnowledge(dir));
    indexes.set(dir, index);
  }
  return index;
}

export function engineFor(dir: string, options: Partial<EngineOptions> = {}): Engine {
  return createEngine(indexOf(dir), options);
}
