// Engines built from knowledge directories. The indexes are built once per
// test run by the global setup (test/setup/build-index.ts) with the real,
// asynchronous pipeline (WordNet included); tests read them synchronously.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { indexPathFor } from '../../src/pipeline/index-file.js';
import { createEngine, type Engine, type Reply } from '../../src/engine/engine.js';
import type { Source } from '../../src/engine/compose.js';
import type { EngineOptions } from '../../src/engine/options.js';
import type { BuiltIndex } from '../../src/engine/types.js';

export const SITE_KNOWLEDGE = resolve('knowledge');
export const LIBRARY_KNOWLEDGE = resolve('test/fixtures/knowledge-library');

const indexes = new Map<string, BuiltIndex>();

export function indexOf(dir: string): BuiltIndex {
  let index = indexes.get(dir);
  if (!index) {
    index = JSON.parse(readFileSync(indexPathFor(dir), 'utf8')) as BuiltIndex;
    indexes.set(dir, index);
  }
  return index;
}

export function engineFor(dir: string, options: Partial<EngineOptions> = {}): Engine {
  return createEngine(indexOf(dir), options);
}

/**
 * What a reply puts first: its direct quote, or the first of the choices it
 * offers (undefined for an escalation or small talk). Tests of which sentence
 * the engine finds use it whichever of the two the decision takes.
 */
export function firstQuote(r: Reply): { answer: string; sources: Source[] } | undefined {
  if (r.kind === 'answer') return { answer: r.answer, sources: r.sources };
  if (r.kind === 'choices') return r.choices![0];
  return undefined;
}
