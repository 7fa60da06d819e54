// npm run ask -- [--explain] [--knowledge DIR] "question" [follow-up …]
// Prints the answer, its sources and confidence, and why (matched terms); with
// --explain also the analysis, the top passages and their score parts.
// Several questions are asked in one conversation, so follow-ups can be checked.
import { resolve } from 'node:path';
import { createEngine } from '../src/engine/engine.js';
import { indexPathFor, loadOrBuildIndex } from '../src/pipeline/index-file.js';
import { knowledgeProblem } from './lib/knowledge-problem.js';
import type { TurnMemory } from '../src/engine/conversation.js';

// Piped into head/grep: stop quietly when the reader goes away.
process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));

const args = process.argv.slice(2);
const explain = args.includes('--explain');
const k = args.indexOf('--knowledge');
const knowledge = resolve(k >= 0 ? args[k + 1]! : (process.env.KNOWLEDGE_DIR ?? 'knowledge'));
const questions = args.filter((a, i) => a !== '--explain' && a !== '--knowledge' && !(k >= 0 && i === k + 1));
if (questions.length === 0) {
  console.error('usage: npm run ask -- [--explain] [--knowledge DIR] "question" ["follow-up" …]');
  process.exit(2);
}
const { index } = await loadOrBuildIndex(knowledge, indexPathFor(knowledge)).catch(knowledgeProblem);
const engine = createEngine(index);
let previous: TurnMemory | undefined;
for (const q of questions) {
  const reply = engine.ask(q, { previous, explain: true });
  previous = reply.memory;
  const x = reply.explain;
  console.log(`\nQ: ${q}`);
  console.log(`${reply.escalated ? 'ESCALATED' : reply.kind.toUpperCase()} (confidence ${reply.confidence.toFixed(3)})`);
  console.log(`A: ${reply.answer}`);
  for (const s of reply.sources) console.log(`   source: ${s.title} <${s.url}>`);
  reply.choices?.forEach((c, i) => {
    console.log(`   ${i + 1}. ${c.answer}`);
    for (const s of c.sources) console.log(`      source: ${s.title} <${s.url}>`);
  });
  if (reply.suggestions.length) console.log(`   suggestions: ${reply.suggestions.join(' | ')}`);
  if (!x) continue;
  const top = x.candidates[0];
  console.log(
    `why: ${x.decision}${top ? `; matched ${top.matches.join(', ') || 'nothing'}${top.missing.length ? `; missing ${top.missing.join(', ')}` : ''}` : ''}`,
  );
  if (!explain) continue;
  console.log(`focus: ${x.focus}${x.followUp ? ' (follow-up: earlier topic added)' : ''}`);
  for (const t of x.terms) {
    console.log(
      `  term ${t.term}${t.fromContext ? ' (from context)' : ''}${t.correctedFrom ? ` (typo of ${t.correctedFrom})` : ''} weight ${t.weight}${t.key ? ' key' : ''}${t.alternatives.length ? ` ~ ${t.alternatives.join(' | ')}` : ''}`,
    );
  }
  for (const c of x.candidates) {
    console.log(
      `  #${c.passage} conf ${c.confidence} cov ${c.coverage} lex ${c.lexical}${c.focusMet ? '' : ' focus-not-met'}${c.missing.length ? ` missing ${c.missing.join(',')}` : ''} ${c.url}\n     "${c.sentence}"`,
    );
  }
}
