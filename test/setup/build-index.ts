// Vitest global setup for the Workers suite: the Worker bundles
// build/index.json, so build it from the current knowledge/ and pipeline
// first (as wrangler's [build] step does for dev and deploy); a stale index
// would test yesterday's answers.
import { resolve } from 'node:path';
import { writeIndex } from '../../src/pipeline/index-file.js';

export default function setup() {
  writeIndex(resolve('knowledge'), resolve('build/index.json'));
}
