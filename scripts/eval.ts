// npm run eval — grade the bot on ../shared/eval/dev.json (or --set FILE) with
// the same rules as ../shared/eval/run.mjs, in-process through the real HTTP
// app (app.request), or against a running server with --url.
//   npm run eval [-- --set FILE] [--url http://127.0.0.1:8787] [--verbose] [--json]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from '../src/app.js';
import { createEngine } from '../src/engine/engine.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { loadOrBuildIndex } from '../src/pipeline/index-file.js';
import { runEval, summaryLine, type ChatReply, type EvalSet } from '../src/eval/grade.js';
import { EVAL_MINIMUMS } from '../src/eval/minimums.js';

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const flag = (name: string) => args.includes(`--${name}`);

const set = JSON.parse(readFileSync(resolve(opt('set') ?? '../shared/eval/dev.json'), 'utf8')) as EvalSet;
const url = opt('url');
let fetcher: (path: string, init: RequestInit) => Promise<Response>;
if (url) fetcher = (path, init) => fetch(`${url.replace(/\/$/, '')}${path}`, init);
else {
  const { index } = loadOrBuildIndex(resolve('knowledge'), resolve('build/index.json'));
  // In-process grading is one client asking many questions: no rate limit.
  const app = createApp({ engine: createEngine(index), store: openSqliteStore(':memory:'), config: { rateLimitPerMinute: 0 } });
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

if (flag('json')) console.log(JSON.stringify(summary, null, 2));
else {
  if (flag('verbose')) for (const f of summary.failures) console.log(`FAIL ${f.id} [${f.kind}] ${f.q}\n     escalated=${f.escalated} ${JSON.stringify(f.answer)}`);
  console.log(summaryLine(set.name, summary));
}
const short = (['answer', 'escalate', 'smalltalk'] as const).filter((k) => summary[k] < EVAL_MINIMUMS[k]);
if (summary.medianAnswerChars > EVAL_MINIMUMS.medianAnswerChars) short.push('median' as never);
if (short.length) {
  console.error(`below the minimums (${JSON.stringify(EVAL_MINIMUMS)}): ${short.join(', ')}`);
  process.exit(1);
}
