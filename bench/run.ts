// npm run bench [-- --json] [--no-build] [--quick]
// One run on one machine: in-process answer time per stage, HTTP throughput
// of /api/chat against the no-work /healthz on the same server, cold start,
// memory after load, and the sizes that visitors download. Not a test: the
// figures are compared with the targets (issue 22's where it set them) and
// printed. The same load is also run against a plain BM25 server on the same
// HTTP stack (bench/plain-bm25-server.mjs): chat / plain-BM25 in one run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BuiltIndex } from '../src/engine/types.js';
import { questionPool } from '../scripts/lib/questions.js';
import { startServer } from '../scripts/lib/server.js';
import { benchInProcess } from './in-process.js';
import { benchHttp, rssMb } from './http.js';
import { benchColdStart } from './cold-start.js';
import { widgetSizes, workerBundleGzip } from './sizes.js';
import { benchStaffPage, benchSuggestionsTab } from './staff-page.js';
import { createEngine } from '../src/engine/engine.js';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const quick = args.includes('--quick'); // shorter HTTP runs, for trying changes
const say = (s: string) => {
  if (!asJson) process.stderr.write(`${s}\n`);
};

if (!args.includes('--no-build')) {
  say('building (index, widget, dist/server.js)…');
  const b = spawnSync('npm', ['run', '-s', 'build'], { stdio: asJson ? 'ignore' : ['ignore', 'ignore', 'inherit'] });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const index = JSON.parse(readFileSync(resolve('build/index.json'), 'utf8')) as BuiltIndex;
// Every distinct variant we can make: the first 500 warm the JIT, the rest are measured once each.
const all = questionPool(100_000);
say(`in-process: ${all.length - 500} distinct questions…`);
const inProcess = benchInProcess(index, all.slice(500), all.slice(0, 500));

say('staff page: GET /admin with 5000 open questions…');
const staffPage = await benchStaffPage(index, 5000, quick ? 3 : 7);
say('staff page: the Suggestions tab with 5000 suggestions…');
const suggestionsTab = await benchSuggestionsTab(createEngine(index), 5000, quick ? 3 : 7);

const dir = mkdtempSync(join(tmpdir(), 'faq-bench-'));
const env = { DATABASE_PATH: join(dir, 'faq.db'), RATE_LIMIT_PER_MINUTE: '0', SMTP_URL: '' };
const server = await startServer(env);
say(`http: ${server.url}, 50 connections…`);
// A pool larger than any cache the server keeps, cycled in order: each
// question comes back only after all the others (an LRU never hits).
const http = await benchHttp(server.url, all, 50, quick ? 3 : 10);
const rssAfterLoadMb = rssMb(server.child.pid!);
const widget = await widgetSizes(server.url);
await server.stop();
// The same HTTP stack around a plain BM25 answer (bench/plain-bm25-server.mjs),
// measured the same way right after: chat / plain is what the product's own
// work (analysis, decision, quotes, the durable turn, the log) costs.
say('http: the plain BM25 server, same load…');
const plainServer = await startServer({}, { entry: 'bench/plain-bm25-server.mjs' });
const plain = await benchHttp(plainServer.url, all, 50, quick ? 3 : 10);
await plainServer.stop();
const vsPlain = +(http.chat.rps / plain.chat.rps).toFixed(3);
say('cold start…');
const coldStart = await benchColdStart({ ...env, DATABASE_PATH: join(dir, 'cold.db') }, quick ? 3 : 5);
say('worker bundle (wrangler dry-run)…');
const worker = workerBundleGzip();
rmSync(dir, { recursive: true, force: true });

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model.trim(), node: process.version, platform: `${process.platform}-${process.arch}` };
const targets = {
  answerP50: { value: inProcess.askUs.p50, limit: 250, unit: 'µs' },
  answerP99: { value: inProcess.askUs.p99, limit: 1500, unit: 'µs' },
  chatVsNoWork: { value: http.ratio, min: 0.35, unit: '×' },
  coldStartFirstAnswer: { value: coldStart.firstAnswerMs, limit: 400, unit: 'ms' },
  rssAfterLoad: { value: rssAfterLoadMb, limit: 150, unit: 'MB' },
  widgetGzip: { value: widget.gzip, limit: 6 * 1024, unit: 'B' },
  workerGzip: { value: worker.gzip, limit: 1.5 * 1024 * 1024, unit: 'B' },
  staffPage5000: { value: staffPage.p50Ms, limit: 300, unit: 'ms' },
  suggestionsTab5000: { value: Math.max(suggestionsTab.openFirst.p50Ms, suggestionsTab.openLast.p50Ms), limit: 100, unit: 'ms' },
};
const met = (t: { value?: number; limit?: number; min?: number }) =>
  t.value === undefined ? 'n/a' : t.limit !== undefined ? (t.value <= t.limit ? 'met' : 'MISSED') : t.value >= t.min! ? 'met' : 'MISSED';

const result = {
  at: new Date().toISOString(),
  machine,
  inProcess,
  staffPage,
  suggestionsTab,
  http,
  plain: { noWork: plain.noWork, chat: plain.chat, ratio: plain.ratio },
  chatVsPlain: vsPlain,
  coldStart,
  rssAfterLoadMb,
  widget,
  worker,
  targets: Object.fromEntries(Object.entries(targets).map(([k, t]) => [k, { ...t, status: met(t) }])),
};

if (asJson) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const f = (n: number | undefined, d = 0) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(d));
  const kb = (n: number | undefined) => (n === undefined ? 'n/a' : `${(n / 1024).toFixed(1)} KB`);
  const rows: [string, string, string][] = [
    ['machine', `${machine.cpus} × ${machine.cpu}, Node ${machine.node}`, ''],
    ['answer: analysis p50 / p99', `${f(inProcess.analysisUs.p50)} / ${f(inProcess.analysisUs.p99)} µs`, ''],
    ['answer: search+score p50 / p99', `${f(inProcess.searchUs.p50)} / ${f(inProcess.searchUs.p99)} µs`, ''],
    ['answer: composition p50 / p99', `${f(inProcess.composeUs.p50)} / ${f(inProcess.composeUs.p99)} µs`, ''],
    [
      'answer: engine.ask p50 / p99',
      `${f(inProcess.askUs.p50)} / ${f(inProcess.askUs.p99)} µs (${inProcess.questions} distinct)`,
      `≤250 / ≤1500: ${met(targets.answerP50)} / ${met(targets.answerP99)}`,
    ],
    [
      'GET /admin, 5000 open questions',
      `p50 ${f(staffPage.p50Ms, 1)} ms, max ${f(staffPage.maxMs, 1)} ms, ${kb(staffPage.htmlBytes)} HTML`,
      `≤300 ms: ${met(targets.staffPage5000)}`,
    ],
    [
      'GET /admin?tab=suggestions, 5000',
      `p50 ${f(suggestionsTab.openFirst.p50Ms, 1)} ms first page (CPU ${f(suggestionsTab.openFirst.cpuP50Ms, 1)} ms), ${f(suggestionsTab.openLast.p50Ms, 1)} ms last, ${kb(suggestionsTab.openFirst.htmlBytes)} HTML`,
      `≤100 ms: ${met(targets.suggestionsTab5000)}`,
    ],
    ['GET /healthz', `${http.noWork.rps} req/s, p99 ${http.noWork.p99Ms} ms`, ''],
    ['POST /api/chat', `${http.chat.rps} req/s, p99 ${http.chat.p99Ms} ms (pool ${http.pool}, non-2xx ${http.chat.non2xx})`, ''],
    ['chat / no-work', `${f(http.ratio * 100, 1)} %`, `≥35 %: ${met(targets.chatVsNoWork)}`],
    ['plain BM25 server: chat / no-work', `${plain.chat.rps} / ${plain.noWork.rps} req/s = ${f(plain.ratio * 100, 1)} %`, ''],
    ['chat / plain-BM25 chat', `${f(vsPlain * 100, 1)} %`, ''],
    ['cold start → /healthz ready', `${coldStart.readyMs} ms`, ''],
    ['cold start → first answer', `${coldStart.firstAnswerMs} ms`, `≤400 ms: ${met(targets.coldStartFirstAnswer)}`],
    ['RSS after load', `${f(rssAfterLoadMb, 1)} MB`, `≤150 MB: ${met(targets.rssAfterLoad)}`],
    ['/widget.js raw / gzip / br', `${kb(widget.raw)} / ${kb(widget.gzip)} / ${kb(widget.brotli)}`, `≤6 KB gz: ${met(targets.widgetGzip)}`],
    [
      'Worker bundle gzip',
      worker.gzip !== undefined ? `${kb(worker.gzip)} (raw ${kb(worker.raw)})` : `n/a (${worker.note})`,
      `≤1.5 MB: ${met(targets.workerGzip)}`,
    ],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
}
