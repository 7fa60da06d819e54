// Node entry: reads the environment, loads (or rebuilds) the index, builds
// the app from its parts and serves it. Platform code lives here only.
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from '../app.js';
import { configFromSettings } from '../config.js';
import { createEngine } from '../engine/engine.js';
import type { BuiltIndex } from '../engine/types.js';
import { clientBehindProxies } from '../http/client.js';
import { limitConnections } from '../http/connections.js';
import { batchLines } from './log-lines.js';
import { createOutbox, redact, senderAddress } from '../mail/outbox.js';
import { createSmtpMailer } from '../mail/smtp.js';
import { nlp } from '../nlp/analyse.js';
import { indexPathFor, readFreshIndex } from '../pipeline/read-index.js';
import { applyRetention } from '../service/retention.js';
import { refuseOtherSite } from '../service/site-guard.js';
import { parseSettings, SettingsError, type Settings } from '../settings.js';
import { openSqliteStore } from '../store/sqlite.js';

// Request lines are batched (src/entry/log-lines.ts); any other line first
// writes the batch, so the log keeps its order.
const requestLines = batchLines((chunk) => process.stdout.write(chunk));
process.on('exit', () => requestLines.flush());
const logJson = (level: string, msg: string, detail?: Record<string, unknown>) => {
  requestLines.flush();
  console[level === 'error' || level === 'warn' ? 'error' : 'log'](JSON.stringify({ level, msg, ...detail }));
};

// What stops start-up — a bad setting, a knowledge file missing or wrong,
// another site's database — is said in one line, exit status 1, no stack trace.
function stop(line: string): never {
  console.error(line.replace(/\s*\n\s*/g, ' '));
  process.exit(1);
}

let env: Settings;
try {
  env = parseSettings(process.env);
} catch (err) {
  if (!(err instanceof SettingsError)) throw err;
  stop(err.message);
}

// Every socket is timed out: a request must arrive whole (headers and body)
// within REQUEST_TIMEOUT_MS, its headers within HEADERS_TIMEOUT_MS (Node's
// own defaults are 300 s and 60 s, checked every 30 s: time enough for slow
// clients to fill the heap); an idle socket is closed too (below).
const requestTimeoutMs = env.REQUEST_TIMEOUT_MS ?? 15_000;
const headersTimeoutMs = env.HEADERS_TIMEOUT_MS ?? Math.min(10_000, requestTimeoutMs);
if (headersTimeoutMs > requestTimeoutMs) {
  stop(
    `HEADERS_TIMEOUT_MS=${headersTimeoutMs} is longer than REQUEST_TIMEOUT_MS=${requestTimeoutMs}: the headers are part of the request; make it at most that`,
  );
}
// Behind a trusted proxy every connection comes from the proxy: a per-address
// cap would cap the proxy. The total cap still applies.
const connectionLimits = { total: env.MAX_CONNECTIONS ?? 500, perClient: env.TRUST_PROXY ? 0 : (env.MAX_CONNECTIONS_PER_CLIENT ?? 50) };

const knowledgeDir = resolve(env.KNOWLEDGE_DIR ?? 'knowledge');
// Each knowledge folder has its own index (build/index.json for knowledge/),
// so another KNOWLEDGE_DIR never gets this one's.
const indexPath = resolve(env.INDEX_PATH ?? indexPathFor(knowledgeDir));
// Without its knowledge folder a prebuilt index is served as it is (a
// deployment may ship only dist/ and build/); a KNOWLEDGE_DIR that was asked
// for by name must be there.
if (env.KNOWLEDGE_DIR && !existsSync(knowledgeDir)) {
  stop(`KNOWLEDGE_DIR=${env.KNOWLEDGE_DIR}: ${knowledgeDir} does not exist; it must be a folder holding site.yml and pages/`);
}

// The build pipeline (and its parsers) is loaded only when the index is
// stale: a fresh index makes a faster cold start (dist is built with code splitting).
const prebuilt = readFreshIndex(knowledgeDir, indexPath);
let loaded: { index: BuiltIndex; rebuilt: boolean };
try {
  loaded = prebuilt ? { index: prebuilt, rebuilt: false } : await (await import('../pipeline/index-file.js')).loadOrBuildIndex(knowledgeDir, indexPath);
} catch (err) {
  // By name: importing the class would load the parsers on every start.
  if ((err as Error)?.name !== 'KnowledgeError') throw err;
  stop((err as Error).message);
}
const { index, rebuilt } = loaded;
const engine = createEngine(index, {
  ...(env.HELPDESK_EMAIL ? { helpdeskEmail: env.HELPDESK_EMAIL } : {}),
  ...(env.ANSWER_THRESHOLD !== undefined ? { threshold: env.ANSWER_THRESHOLD } : {}),
  ...(env.CHOICE_THRESHOLD !== undefined ? { choiceThreshold: env.CHOICE_THRESHOLD } : {}),
});
// The store: SQLite at DATABASE_PATH (folder and schema created on start).
const databasePath = resolve(env.DATABASE_PATH ?? 'data/faq.db');
const store = openSqliteStore(databasePath, {
  ...(env.MIGRATIONS_DIR ? { migrationsDir: resolve(env.MIGRATIONS_DIR) } : {}),
  ...(env.SQLITE_SYNCHRONOUS === 'FULL' ? { synchronous: 'FULL' as const } : {}),
});
// The database belongs to the site it first served (src/service/site-guard.ts).
const refusal = await refuseOtherSite(store, {
  origin: index.site.origin,
  movedFrom: env.ALLOW_SITE_CHANGE,
  database: `the database ${databasePath}`,
  fresh: `set DATABASE_PATH to a new file, or delete ${databasePath} (with its -wal and -shm files) to start over`,
  log: (msg) => logJson('warn', msg),
});
if (refusal) {
  await store.close?.();
  stop(refusal);
}
nlp(); // load the language model before the first visitor waits for it
const config = configFromSettings(env);
const helpdeskEmail = env.HELPDESK_EMAIL ?? engine.options.helpdeskEmail;
// Helpdesk mail: only with SMTP_URL; without it mails wait in the outbox and
// the staff page shows them as not sent.
const mailer = env.SMTP_URL ? createSmtpMailer(env.SMTP_URL) : undefined;
const outbox = mailer
  ? createOutbox({
      store,
      mailer,
      from: senderAddress(helpdeskEmail, env.MAIL_FROM),
      // How long a mail being sent is held before another attempt may take it
      // (after a crash mid-send). Default 60 s.
      leaseMs: env.OUTBOX_LEASE_MS,
      log: (msg, detail) => logJson('warn', msg, detail),
    })
  : undefined;
outbox?.start(env.OUTBOX_INTERVAL_MS ?? 5_000);
// Retention, hourly (and once now).
const retentionDays = env.RETENTION_DAYS ?? 90;
const purge = () => applyRetention(store, retentionDays, logJson);
void purge();
setInterval(() => void purge(), 60 * 60 * 1000).unref();

const app = createApp({
  engine,
  store,
  outbox,
  config,
  // TRUST_PROXY=true (one proxy) or a number of hops: only then is
  // X-Forwarded-For/-Proto believed; otherwise anyone could pick their own address.
  client: clientBehindProxies(
    env.TRUST_PROXY ?? 0,
    (c) => getConnInfo(c).remote.address,
    (msg) => logJson('warn', msg),
  ),
  logRequest: (line) => requestLines.line(JSON.stringify(line)),
  log: (message, detail) => logJson('error', message, { detail: redact(String((detail as Error)?.stack ?? detail)) }),
});

const rateLimitPerMinute = env.RATE_LIMIT_PER_MINUTE ?? 30;
const server = serve(
  {
    fetch: app.fetch,
    port: env.PORT ?? 8787,
    hostname: env.HOST ?? '0.0.0.0',
    serverOptions: {
      requestTimeout: requestTimeoutMs,
      headersTimeout: headersTimeoutMs,
      // How often Node looks for requests past those deadlines (its default, 30 s, would let them run on that long).
      connectionsCheckingInterval: Math.min(1000, Math.ceil(headersTimeoutMs / 4)),
    },
  },
  (info) => {
    logJson('info', 'listening', {
      url: `http://localhost:${info.port}`,
      passages: index.passages.length,
      indexRebuilt: rebuilt,
      database: databasePath,
      smtp: Boolean(mailer),
      admin: Boolean(env.ADMIN_TOKEN),
      rateLimitPerMinute,
      rateLimit:
        rateLimitPerMinute > 0 ? `${rateLimitPerMinute} requests per minute per client` : 'off (RATE_LIMIT_PER_MINUTE=0): a local demo or load test only',
      requestTimeoutMs,
      maxConnections: connectionLimits.total,
      maxConnectionsPerClient: connectionLimits.perClient || 'off',
    });
    if (env.RATE_LIMIT_PER_MINUTE === 0)
      logJson('warn', 'rate limiting is off (RATE_LIMIT_PER_MINUTE=0): fine for a local demo or a load test, not for a public server');
  },
);
// A socket idle (no byte either way) for twice the request deadline is
// closed: a client that stops reading its response. (Twice, so that a
// request past its deadline gets its 408 from the deadline check first.)
server.setTimeout(2 * requestTimeoutMs);
limitConnections(server, connectionLimits, (msg, detail) => logJson('warn', msg, detail));
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(err.code === 'EADDRINUSE' ? `Port ${env.PORT ?? 8787} is in use: set PORT to a free one` : `Cannot listen: ${err.message}`);
  process.exit(1);
});

// Graceful shutdown: stop accepting, let in-flight requests finish (idle
// keep-alive sockets are closed by server.close on Node ≥ 19), then close the
// database so the last writes are checkpointed. A stuck request gets 10 s.
let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logJson('info', 'shutting down', { signal });
  const force = setTimeout(() => {
    if ('closeAllConnections' in server) server.closeAllConnections();
  }, 10_000);
  force.unref();
  server.close(async () => {
    await outbox?.stop();
    mailer?.close();
    await store.close?.();
    process.exit(0);
  });
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => shutdown(signal));
