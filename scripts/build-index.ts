// npm run build: knowledge/ → build/index.json (analysed passages + search index).
import { resolve } from 'node:path';
import { writeIndex } from '../src/pipeline/index-file.js';

const knowledgeDir = resolve(process.argv[2] ?? process.env.KNOWLEDGE_DIR ?? 'knowledge');
const indexPath = resolve(process.argv[3] ?? process.env.INDEX_PATH ?? 'build/index.json');
const started = performance.now();
const index = await writeIndex(knowledgeDir, indexPath);
console.log(`indexed ${index.passages.length} passages from ${knowledgeDir} into ${indexPath} in ${Math.round(performance.now() - started)} ms`);
