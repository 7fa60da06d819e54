// npm run build: knowledge/ → build/index.json (analysed passages + search index).
// Another KNOWLEDGE_DIR gets an index file of its own (indexPathFor), the one
// the Node server reads for it; build:worker names build/index.json, which the
// Worker bundles, whatever the knowledge.
import { resolve } from 'node:path';
import { indexPathFor, writeIndex } from '../src/pipeline/index-file.js';
import { knowledgeProblem } from './lib/knowledge-problem.js';

const knowledgeDir = resolve(process.argv[2] ?? process.env.KNOWLEDGE_DIR ?? 'knowledge');
const indexPath = resolve(process.argv[3] ?? process.env.INDEX_PATH ?? indexPathFor(knowledgeDir));
const started = performance.now();
const index = await writeIndex(knowledgeDir, indexPath).catch(knowledgeProblem);
console.log(`indexed ${index.passages.length} passages from ${knowledgeDir} into ${indexPath} in ${Math.round(performance.now() - started)} ms`);
