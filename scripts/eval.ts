// npm run eval — grade the bot on a question set with the same rules as
// ../shared/eval/run.mjs (answer, helped, escalate, unquoted, small talk,
// precision), in-process through the real HTTP app, or against a running
// server with --url.
//   npm run eval [-- --set FILE] [--knowledge DIR] [--url http://127.0.0.1:8787]
//                [--verbose] [--json] [--min-answer 0.9] [--min-escalate …] [--min-smalltalk …]
//                [--min-precision …] [--min-helped …] [--min-unquoted …]
// Default set: eval/dev.json (a copy of the dev cases kept in the project),
// checked against the dev minimums; other sets are checked only against the
// --min-* given. Default knowledge: KNOWLEDGE_DIR or knowledge/.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from '../src/app.js';
import { createEngine } from '../src/engine/engine.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { indexPathFor, loadOrBuildIndex } from '../src/pipeline/index-file.js';
import { GRADED, runEval, shortfalls, summaryLine, type ChatReply, type EvalSet } from '../src/eval/grade.js';
import { EVAL_MINIMUMS } from '../src/eval/minimums.js';
import { knowledgeProblem } from './lib/knowledge-problem.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const flag = (name: string) => args.includes(`--${name}`);

const setPath = opt('set');
const set = JSON.parse(readFileSync(resolve(setPath ?? 'eval/dev.json'), 'utf8')) as EvalSet;
const url = opt('url');
let fetcher: (path: string, init: RequestInit) => Promise<Response>;
if (url) fetcher = (path, init) => fetch(`${url.replace(/\/$/, '')}${path}`, init);
else {
  const knowledge = resolve(opt('knowledge') ?? process.env.KNOWLEDGE_DIR ?? 'knowledge');
  const { index } = await loadOrBuildIndex(knowledge, indexPathFor(knowledge)).catch(knowledgeProblem);
  // In-process grading is one client asking many questions: no limits.
  const app = createApp({ engine: createEngine(index), store: openSqliteStore(':memory:'), config: { rateLimitPerMinute: 0, openQuestionsPerClient: 0 } });
  fetcher = async (path, init) => app.request(path, init);
}

const summary = await runEval(set, async (message, conversationId) => {
  const res = await fetcher('/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(conversationId ? { message, conversationId } : { message }),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${JSON.stringify(message)}: ${await res.text()}`);
  return (await res.json()) as ChatReply;
});

if (flag('json')) console.log(JSON.stringify({ set: set.name, ...summary, replies: undefined }, null, 2));
else {
  if (flag('verbose'))
    for (const f of summary.failures)
      console.log(
        `FAIL ${f.id} [${f.kind}] ${f.q}\n     escalated=${f.escalated} expect=${JSON.stringify(f.expect ?? null)}\n     ${
          f.choices
            ? `choices${f.kind === 'answer' ? ` (${f.helped ? 'one holds the answer' : 'none holds it'})` : ''}: ${f.choices.map((x) => JSON.stringify(x)).join(' | ')}`
            : JSON.stringify(f.answer)
        }`,
      );
  console.log(summaryLine(set.name, summary));
}
const given = Object.fromEntries(GRADED.flatMap((k) => (opt(`min-${k}`) !== undefined ? [[k, Number(opt(`min-${k}`))]] : [])));
const short = shortfalls(summary, setPath ? given : { ...EVAL_MINIMUMS, ...given });
if (short.length) {
  console.error(`below the minimums: ${short.join('; ')}`);
  process.exit(1);
}
