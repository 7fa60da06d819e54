// npm run load — the real Node server (dist/server.js, SQLite in a temp dir)
// under 100 concurrent connections for 20 s of POST /api/chat (a pool of
// distinct questions), while a side client posts escalations (and their
// contacts, where the route exists). Passes when there are zero 5xx and zero
// timeouts, and every escalation that got a 2xx is in the database afterwards.
//   npm run load [-- --connections 100 --duration 20]
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite.js';
import { questionPool, unanswerable } from './lib/questions.js';
import { startServer } from './lib/server.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const connections = opt('connections', 100);
const duration = opt('duration', 20);

if (!args.includes('--no-build')) {
  const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const dir = mkdtempSync(join(tmpdir(), 'faq-load-'));
const dbPath = join(dir, 'faq.db');
// One client (this machine) asks everything: no rate limit, no cap on its open questions.
const server = await startServer({ DATABASE_PATH: dbPath, RATE_LIMIT_PER_MINUTE: '0', OPEN_QUESTIONS_PER_CLIENT: '0', SMTP_URL: '' });
const pool = questionPool(400);
let next = 0;
const json = { 'content-type': 'application/json' };

// Side client: escalations posted one after another while the load runs.
const escalated: string[] = [];
const sideErrors: string[] = [];
let running = true;
async function postEscalations() {
  for (let i = 0; running; i++) {
    try {
      const res = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: json, body: JSON.stringify({ message: unanswerable(i) }) });
      const body = (await res.json()) as { escalationId?: string; conversationId: string };
      if (res.status >= 500) sideErrors.push(`chat ${res.status}`);
      if (!res.ok || !body.escalationId) continue;
      const contact = await fetch(`${server.url}/api/escalations/${body.escalationId}/contact`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ conversationId: body.conversationId, email: `visitor${i}@example.com`, name: 'Load Test' }),
      });
      if (contact.status >= 500) sideErrors.push(`contact ${contact.status}`);
      escalated.push(body.escalationId);
    } catch (e) {
      sideErrors.push(String(e));
    }
  }
}
const side = Promise.all([postEscalations(), postEscalations()]);

const result = await autocannon({
  url: server.url,
  connections,
  duration,
  timeout: 10,
  requests: [
    {
      method: 'POST',
      path: '/api/chat',
      headers: json,
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ message: pool[next++ % pool.length] }) }),
    },
  ],
});
running = false;
await side;
const exitCode = await server.stop();

const store = openSqliteStore(dbPath);
const missing: string[] = [];
for (const id of escalated) if (!(await store.getEscalation(id))) missing.push(id);
await store.close?.();
rmSync(dir, { recursive: true, force: true });

const summary = {
  connections,
  durationS: duration,
  requests: result.requests.total,
  rps: Math.round(result.requests.average),
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  status2xx: result['2xx'],
  non2xx: result.non2xx,
  status5xx: result['5xx'],
  errors: result.errors,
  timeouts: result.timeouts,
  escalationsPosted: escalated.length,
  escalationsMissing: missing.length,
  sideErrors: sideErrors.length,
  serverExit: exitCode,
};
console.log(JSON.stringify(summary, null, 2));
const ok = result['5xx'] === 0 && result.timeouts === 0 && result.errors === 0 && missing.length === 0 && sideErrors.length === 0 && escalated.length > 0;
console.log(ok ? 'load: PASS' : 'load: FAIL');
process.exit(ok ? 0 : 1);
