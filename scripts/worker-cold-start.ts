// npm run measure:worker — cold start of the Worker in workerd (local,
// offline). Startup: CPU time of the top-level evaluation, profiled by
// `wrangler check startup` (what Cloudflare's 1 s startup limit applies to).
// Then the bundle `wrangler deploy` would upload, in a fresh workerd with a
// migrated local D1: the first request (engine set-up), the first question
// (wink model set-up on first use) and a warm one. Each run is a new process.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Miniflare } from 'miniflare';
import { buildWorkerBundle } from './worker-bundle.js';

const runs = Number(process.argv[2] ?? 5);
const outdir = mkdtempSync(join(tmpdir(), 'worker-cold-'));
const bundle = buildWorkerBundle(outdir);
const migrations = readdirSync('migrations')
  .filter((f) => /^\d{4}_.*\.sql$/.test(f))
  .sort()
  .map((f) => readFileSync(resolve('migrations', f), 'utf8'));
const compatibilityDate = /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync('wrangler.toml', 'utf8'))![1]!;
// Two questions the bundled knowledge answers (its author's alternate questions), whichever site it is.
const bundled = JSON.parse(readFileSync('build/index.json', 'utf8')) as { passages: { questions: { question: string }[] }[] };
const [firstAsk, warmAsk] = bundled.passages.flatMap((p) => p.questions.map((q) => q.question));
if (!firstAsk || !warmAsk) throw new Error('build/index.json has fewer than two alternate questions (questions.yml) to ask');

const ms = (t: number) => Math.round(performance.now() - t);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: Record<string, number>[] = [];
for (let i = 0; i < runs; i++) {
  const mf = new Miniflare({
    modules: true,
    scriptPath: bundle.file,
    modulesRoot: outdir,
    compatibilityDate,
    d1Databases: { DB: `cold-${i}` },
    bindings: { RATE_LIMIT_PER_MINUTE: '0' },
  });
  await mf.ready;
  const db = await mf.getD1Database('DB');
  for (const sql of migrations) await db.exec(sql.replace(/--.*$/gm, '').replace(/\s*\n\s*/g, ' '));
  const chat = (message: string) =>
    mf
      .dispatchFetch('http://localhost/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message }),
      })
      .then((r) => r.text());
  let t = performance.now();
  await (await mf.dispatchFetch('http://localhost/healthz')).text();
  const firstRequest = ms(t); // script evaluation + engine set-up (index, MiniSearch) + response
  t = performance.now();
  await chat(firstAsk);
  const firstQuestion = ms(t); // + wink model set-up on first use, D1 reads and writes
  t = performance.now();
  await chat(warmAsk);
  const warmQuestion = ms(t);
  rows.push({ firstRequest, firstQuestion, warmQuestion });
  await mf.dispose();
}
// Cloudflare's own measure: `wrangler check startup` profiles the startup
// phase (top-level evaluation, what the 1 s startup limit applies to) in
// workerd; the CPU time is the profile's non-idle samples.
function startupCpuMs(): number {
  const profile = join(outdir, 'startup.cpuprofile');
  const r = spawnSync('node_modules/.bin/wrangler', ['check', 'startup', '--outfile', profile], {
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  if (r.status !== 0) throw new Error(`wrangler check startup failed: ${r.stderr}`);
  const p = JSON.parse(readFileSync(profile, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  return Math.round(p.samples.reduce((sum, id, i) => sum + (idle.has(id) ? 0 : (p.timeDeltas[i] ?? 0)), 0) / 1000);
}
const startupCpu = Array.from({ length: 3 }, startupCpuMs);
rmSync(outdir, { recursive: true, force: true });
console.table(rows);
console.log(`wrangler check startup, CPU ms: ${startupCpu.join(', ')}`);
console.log(
  JSON.stringify({
    bundleKiB: Math.round(bundle.bytes / 1024),
    gzipKiB: Math.round(bundle.gzipBytes / 1024),
    startupCpuMs: median(startupCpu),
    medianMs: {
      firstRequest: median(rows.map((r) => r.firstRequest!)),
      firstQuestion: median(rows.map((r) => r.firstQuestion!)),
      warmQuestion: median(rows.map((r) => r.warmQuestion!)),
    },
  }),
);
