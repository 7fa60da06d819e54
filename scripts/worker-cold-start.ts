// npm run measure:worker — cold start of the Worker bundle in workerd (local,
// offline): the bundle `wrangler deploy` would upload, loaded into a fresh
// workerd with a migrated local D1, timed from "load the script" to the
// first answers. Each run is a new process, so every start is cold.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import { buildWorkerBundle } from './worker-bundle.js';

const runs = Number(process.argv[2] ?? 5);
const outdir = mkdtempSync(join(tmpdir(), 'worker-cold-'));
const bundle = buildWorkerBundle(outdir);
const migrations = readdirSync('migrations').filter((f) => /^\d{4}_.*\.sql$/.test(f)).sort()
  .map((f) => readFileSync(resolve('migrations', f), 'utf8'));
const compatibilityDate = /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync('wrangler.toml', 'utf8'))![1]!;

const ms = (t: number) => Math.round(performance.now() - t);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// Starting workerd itself costs the same for any script; an empty Worker
// measures that, so `scriptStart` below is what our bundle adds (parse and
// evaluate the modules: app, index, model data).
async function startEmpty(): Promise<number> {
  const t = performance.now();
  const mf = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response("ok"); } }', compatibilityDate, d1Databases: { DB: 'empty' } });
  await mf.ready;
  const took = ms(t);
  await mf.dispose();
  return took;
}

const rows: Record<string, number>[] = [];
for (let i = 0; i < runs; i++) {
  const empty = await startEmpty();
  const t0 = performance.now();
  const mf = new Miniflare({
    modules: true,
    scriptPath: bundle.file,
    modulesRoot: outdir,
    compatibilityDate,
    d1Databases: { DB: `cold-${i}` },
    bindings: { HELPDESK_EMAIL: 'helpdesk@omaorg.org', RATE_LIMIT_PER_MINUTE: '0' },
  });
  await mf.ready;
  const scriptStart = Math.max(0, ms(t0) - empty);
  const db = await mf.getD1Database('DB');
  for (const sql of migrations) await db.exec(sql.replace(/--.*$/gm, '').replace(/\s*\n\s*/g, ' '));
  const chat = (message: string) => mf.dispatchFetch('http://localhost/api/chat', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }),
  }).then((r) => r.text());
  let t = performance.now();
  await (await mf.dispatchFetch('http://localhost/healthz')).text();
  const firstRequest = ms(t); // script evaluation + engine set-up (index, MiniSearch) + response
  t = performance.now();
  await chat('When was OMA SpecWorks launched?');
  const firstQuestion = ms(t); // + wink model set-up on first use, D1 reads and writes
  t = performance.now();
  await chat('Who owns the copyright in submitted content?');
  const warmQuestion = ms(t);
  rows.push({ scriptStart, firstRequest, firstQuestion, warmQuestion });
  await mf.dispose();
}
rmSync(outdir, { recursive: true, force: true });
console.table(rows);
console.log(JSON.stringify({
  bundleKiB: Math.round(bundle.bytes / 1024), gzipKiB: Math.round(bundle.gzipBytes / 1024),
  medianMs: { scriptStart: median(rows.map((r) => r.scriptStart!)), firstRequest: median(rows.map((r) => r.firstRequest!)), firstQuestion: median(rows.map((r) => r.firstQuestion!)), warmQuestion: median(rows.map((r) => r.warmQuestion!)) },
}));
