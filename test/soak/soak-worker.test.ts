// Soak in workerd: the bundle `wrangler deploy` would upload, run by
// Miniflare in a real workerd process with a local D1, sent the same hostile
// messages as the Node soak (165 random 5-letter words, four at a time, from
// /64s that each leave their 20 open questions). Fewer of them: workerd and
// its local D1 answer a few hundred a second here, not thousands.
//
// What is asserted is what an isolate's memory limit (128 MB on Cloudflare)
// cares about: the Worker isolate's live heap, read through workerd's
// inspector (V8's own collectGarbage, then getHeapUsage), levels off after
// the warm-up, far under the isolate's 128 MB; every request answers in under 1 s; and
// every escalation the API acknowledged is in the staff list. workerd's
// resident memory is printed too (it holds the runtime, D1 and allocator
// slack, and is no measure of a leak). Before the analysis was bounded, an
// isolate grew 68 → 182 MB in 1 500 such requests.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkerBundle } from '../../scripts/worker-bundle.js';
import { freePort } from '../../scripts/lib/server.js';
import { madeUpWords, seeded } from '../helpers/heap.js';

const MESSAGES = Number(process.env.SOAK_WORKER_MESSAGES ?? 4_000);
const PER_CLIENT = 20;
const STREAMS = 4;
const SAMPLE_EVERY = 500;
const WARM_UP = 1_000;
const TOKEN = randomBytes(24).toString('hex');

const outdir = mkdtempSync(join(tmpdir(), 'faq-soak-worker-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Resident memory of the workerd processes this test started, in MB (Linux /proc). */
function workerdRssMb(): number {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // comm is in parentheses; the parent pid is the second field after it.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm !== 'workerd' || ppid !== process.pid) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += Number(rss?.[1] ?? 0);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return kb / 1024;
}

/** The Worker isolate's heap through workerd's inspector (Chrome DevTools protocol). */
async function inspect(port: number, nudge: () => Promise<unknown>) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { id: string; webSocketDebuggerUrl: string }[];
  const user = targets.find((t) => t.id.startsWith('core:user'));
  if (!user) throw new Error(`no user worker among the inspector's targets: ${targets.map((t) => t.id).join(', ')}`);
  const ws = new WebSocket(user.webSocketDebuggerUrl);
  await new Promise((done, fail) => ws.once('open', done).once('error', fail));
  let id = 0;
  const call = <T>(method: string) =>
    new Promise<T>((done) => {
      const mine = ++id;
      const on = (data: WebSocket.RawData) => {
        const m = JSON.parse(String(data)) as { id?: number; result: T };
        if (m.id !== mine) return;
        ws.off('message', on);
        done(m.result);
      };
      ws.on('message', on);
      ws.send(JSON.stringify({ id: mine, method }));
    });
  await call('HeapProfiler.enable');
  return {
    /** Live heap in MB after a full collection (workerd runs the inspector's commands when the isolate next gets a turn: a request nudges it). */
    async heapAfterGcMb(): Promise<number> {
      let done = false;
      const collected = call('HeapProfiler.collectGarbage').then(() => (done = true));
      // Nudged until the collection has run: a request may be served before the command is read.
      for (let i = 0; !done; i++) {
        if (i > 200) throw new Error('workerd did not run the inspector’s garbage collection');
        await nudge();
        await Promise.race([collected, new Promise((r) => setTimeout(r, 20))]);
      }
      return (await call<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize / 1e6;
    },
    close: () => ws.close(),
  };
}

describe.runIf(process.platform === 'linux')('soak in workerd (the deployed bundle, local D1)', () => {
  let mf: Miniflare;
  let inspectorPort = 0;

  beforeAll(async () => {
    const bundle = buildWorkerBundle(outdir);
    const compatibilityDate = /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync('wrangler.toml', 'utf8'))![1]!;
    inspectorPort = await freePort();
    mf = new Miniflare({
      inspectorPort,
      modules: true,
      scriptPath: bundle.file,
      modulesRoot: outdir,
      compatibilityDate,
      d1Databases: { DB: 'soak' },
      // On disk, as D1 keeps it: in memory (Miniflare's default) the data would be counted as workerd's own.
      d1Persist: join(outdir, 'd1'),
      bindings: { RATE_LIMIT_PER_MINUTE: '0', OPEN_QUESTIONS_PER_CLIENT: String(PER_CLIENT), ADMIN_TOKEN: TOKEN },
    });
    await mf.ready;
    const db = await mf.getD1Database('DB');
    for (const f of readdirSync('migrations')
      .filter((f) => /^\d{4}_.*\.sql$/.test(f))
      .sort())
      await db.exec(
        readFileSync(resolve('migrations', f), 'utf8')
          .replace(/--.*$/gm, '')
          .replace(/\s*\n\s*/g, ' '),
      );
  }, 120_000);

  afterAll(async () => {
    await mf?.dispose();
  });

  it(
    `${MESSAGES} hostile messages: workerd's memory levels off, every request under 1 s, nothing acknowledged is lost`,
    async () => {
      const next = seeded(33);
      const clients = MESSAGES / PER_CLIENT;
      const address = (c: number, i: number) => `2001:db8:${(c >> 16).toString(16)}:${(c & 0xffff).toString(16)}::${(i & 0xffff).toString(16)}`;
      const inspector = await inspect(inspectorPort, async () => (await mf.dispatchFetch('http://localhost/healthz')).text());
      const sample = async (at: number) => ({ at, heap: await inspector.heapAfterGcMb(), rss: workerdRssMb() });
      const samples = [await sample(0)];
      expect(samples[0]!.rss).toBeGreaterThan(0);
      let sent = 0;
      let escalated = 0;
      let slowest = 0;
      const failures: string[] = [];
      async function stream() {
        for (;;) {
          const i = sent++;
          if (i >= MESSAGES) return;
          const t = performance.now();
          const res = await mf.dispatchFetch('http://localhost/api/chat', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'cf-connecting-ip': address(i % clients, i) },
            body: JSON.stringify({ message: madeUpWords(next, 165) }),
          });
          const body = await res.text();
          slowest = Math.max(slowest, performance.now() - t);
          if (res.status !== 200) failures.push(`${res.status} ${body.slice(0, 200)}`);
          else if ((JSON.parse(body) as { escalationId?: string }).escalationId) escalated++;
          if ((i + 1) % SAMPLE_EVERY === 0) samples.push(await sample(i + 1));
          if (failures.length > 5) throw new Error(`requests failing: ${failures.join('; ')}`);
        }
      }
      await Promise.all(Array.from({ length: STREAMS }, stream));
      samples.push(await sample(MESSAGES));
      inspector.close();
      const warm = samples.filter((s) => s.at >= WARM_UP).map((s) => s.heap);
      console.log(
        `soak (workerd): isolate heap after GC ${samples.map((s) => `${s.at}: ${s.heap.toFixed(1)}`).join(', ')} MB; ` +
          `workerd resident ${samples.map((s) => s.rss.toFixed(0)).join(', ')} MB; slowest chat ${slowest.toFixed(0)} ms; ${escalated} open questions`,
      );
      expect(failures).toEqual([]);
      // Levels off: the later half of the samples is no higher, at its
      // highest or its lowest, than the earlier half (within 10 MB). Samples
      // swing ≈18 MB between full collections in workerd (not in Node, where
      // the same flood stays within 2 MB): the envelope is what must not rise.
      const early = warm.slice(0, Math.floor(warm.length / 2));
      const late = warm.slice(Math.floor(warm.length / 2));
      expect(Math.max(...late) - Math.max(...early)).toBeLessThan(10);
      expect(Math.min(...late) - Math.min(...early)).toBeLessThan(10);
      // And far under an isolate's 128 MB.
      expect(Math.max(...warm)).toBeLessThan(100);
      expect(slowest).toBeLessThan(1000);

      const list = await mf.dispatchFetch('http://localhost/api/admin/escalations?status=open', { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(list.status).toBe(200);
      const listed = (await list.json()) as { counts: { open: number } };
      expect(listed.counts.open).toBe(escalated);
      expect(escalated).toBeGreaterThan(MESSAGES * 0.95);
    },
    10 * 60_000,
  );
});
