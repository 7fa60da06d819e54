// npm run vocabulary-overlap [-- --knowledge DIR]
// Lists the vocabulary.yml synonyms that WordNet (built into the index from
// the same pages) already bridges, so they can be deleted: a site's
// vocabulary should hold only its own words (aliases, product names, the
// words its pages happen to use). Exits 0 either way; it is advice.
import { resolve } from 'node:path';
import { indexPathFor, loadOrBuildIndex } from '../src/pipeline/index-file.js';
import { coveredSynonyms } from '../src/pipeline/vocabulary-overlap.js';
import { knowledgeProblem } from './lib/knowledge-problem.js';

const k = process.argv.indexOf('--knowledge');
const knowledge = resolve(k >= 0 ? process.argv[k + 1]! : (process.env.KNOWLEDGE_DIR ?? 'knowledge'));
const { index } = await loadOrBuildIndex(knowledge, indexPathFor(knowledge)).catch(knowledgeProblem);
const covered = coveredSynonyms(index);
if (covered.length === 0) console.log('No synonym in vocabulary.yml is general English WordNet already gives.');
for (const o of covered) console.log(`${o.visitor}: ${o.covered.map((c) => `${c.page} (WordNet ${c.relation})`).join(', ')}`);
