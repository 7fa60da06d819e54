// Vitest global setup: the indexes tests read, built from the current
// knowledge sets and pipeline first (as `npm run build` does; the Worker
// bundles build/index.json). A stale index would test yesterday's answers.
import { resolve } from 'node:path';
import { indexPathFor, writeIndex } from '../../src/pipeline/index-file.js';

/** Knowledge sets the tests use (test/helpers/knowledge.ts reads their indexes). */
export const TEST_KNOWLEDGE = ['knowledge', 'test/fixtures/knowledge-library', 'test/fixtures/english-kinds/knowledge'];

export default async function setup() {
  for (const dir of TEST_KNOWLEDGE) await writeIndex(resolve(dir), indexPathFor(dir));
}
