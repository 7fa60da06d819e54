// Node entry: reads the environment, loads (or rebuilds) the index, builds
// the app from its parts and serves it. Platform code lives here only.
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { resolve } from 'node:path';
import { createApp } from '../app.js';
import { createEngine } from '../engine/engine.js';
import { openSqliteStore } from '../store/sqlite.js';
import { createSmtpMailer } from '../mail/smtp.js';
import { createOutbox, redact } from '../mail/outbox.js';
import { readFreshIndex } from '../pipeline/read-index.js';
import { nlp } from '../nlp/analyse.js';
import { parseOrigins } from '../http/cors.js';
import { forwardedFor } from '../http/rate-limit.js';

const env = process.env;
const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
const flag = (v: string | undefined) => v !== undefined && /^(1|true|yes)$/i.test(v.trim());

const knowledgeDir = resolve(env.KNOWLEDGE_DIR ?? 'knowledge');
const indexPath = resolve(env.INDEX_PATH ?? 'build/index.json');
const port = num(env.PORT) ?? 8787;
const host = env.HOST ?? '0.0.0.0';
const helpdeskEmail = env.HELPDESK_EMAIL || undefined;
// TRUST_PROXY=true (one proxy) or a number of proxy hops: only then is
// X-Forwarded-For believed; otherwise anyone could pick their own address.
const proxyHops = flag(env.TRUST_PROXY) ? 1 : Math.max(0, Math.floor(num(env.TRUST_PROXY) ?? 0) || 0);

function clientAddress(c: Context): string | undefined {
  if (proxyHops > 0) {
    const forwarded = forwardedFor(c.req.header('x-forwarded-for'), proxyHops);
    if (forwarded) return forwarded;
  }
  return getConnInfo(c).remote.address;
}

// The build pipeline (and its parsers) is loaded only when the index is
// stale: a fresh index makes a faster cold start (dist is built with code splitting).
const prebuilt = readFreshIndex(knowledgeDir, indexPath);
const { index, rebuilt } = prebuilt
  ? { index: prebuilt, rebuilt: false }
  : (await import('../pipeline/index-file.js')).loadOrBuildIndex(knowledgeDir, indexPath);
const engine = createEngine(index, {
  ...(helpdeskEmail ? { helpdeskEmail } : {}),
  ...(num(env.ANSWER_THRESHOLD) !== undefined ? { threshold: num(env.ANSWER_THRESHOLD) } : {}),
});
nlp(); // load the language model before the first visitor waits for it
// The store: SQLite at DATABASE_PATH (folder and schema created on start).
const databasePath = resolve(env.DATABASE_PATH || 'data/faq.db');
const store = openSqliteStore(databasePath, {
  ...(env.MIGRATIONS_DIR ? { migrationsDir: resolve(env.MIGRATIONS_DIR) } : {}),
  ...(env.SQLITE_SYNCHRONOUS?.toUpperCase() === 'FULL' ? { synchronous: 'FULL' as const } : {}),
});
// Helpdesk mail: only with SMTP_URL; without it mails wait in the outbox and
// the staff page shows them as not sent.
const mailer = env.SMTP_URL ? createSmtpMailer(env.SMTP_URL) : undefined;
const outbox = mailer ? createOutbox({
  store, mailer,
  from: env.MAIL_FROM || helpdeskEmail || engine.options.helpdeskEmail,
  // How long a mail being sent is held before another attempt may take it
  // (after a crash mid-send). Default 60 s.
  leaseMs: num(env.OUTBOX_LEASE_MS),
  log: (msg, detail) => console.error(JSON.stringify({ level: 'warn', msg, ...detail })),
}) : undefined;
outbox?.start(num(env.OUTBOX_INTERVAL_MS) ?? 5_000);
// Retention: transcripts, feedback and sent mails older than RETENTION_DAYS go, hourly.
const retentionDays = num(env.RETENTION_DAYS) ?? 90;
const purge = async () => {
  if (retentionDays <= 0) return;
  try {
    const { deleted } = await store.purge(Date.now() - retentionDays * 24 * 60 * 60 * 1000);
    if (deleted) console.log(JSON.stringify({ msg: 'retention purge', retentionDays, deleted }));
  } catch (err) {
    console.error(JSON.stringify({ level: 'error', msg: 'retention purge failed', error: redact(String(err)) }));
  }
};
void purge();
setInterval(purge, 60 * 60 * 1000).unref();

const app = createApp({
  engine,
  store,
  outbox,
  config: {
    helpdeskEmail,
    adminToken: env.ADMIN_TOKEN || undefined,
    publicUrl: env.PUBLIC_URL || undefined,
    retentionDays,
    rateLimitPerMinute: num(env.RATE_LIMIT_PER_MINUTE),
    loginAttemptsPerMinute: num(env.LOGIN_ATTEMPTS_PER_MINUTE),
    rateLimitLoopback: flag(env.RATE_LIMIT_LOOPBACK),
    allowedOrigins: parseOrigins(env.ALLOWED_ORIGINS),
    logMessages: flag(env.LOG_MESSAGES),
  },
  clientAddress,
  logRequest: (line) => console.log(JSON.stringify(line)),
  log: (message, detail) => console.error(JSON.stringify({ level: 'error', msg: message, detail: String((detail as Error)?.stack ?? detail) })),
});

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  console.log(JSON.stringify({
    msg: 'listening', url: `http://localhost:${info.port}`, passages: index.passages.length, indexRebuilt: rebuilt,
    database: databasePath, smtp: Boolean(mailer), admin: Boolean(env.ADMIN_TOKEN),
  }));
});

// Graceful shutdown: stop accepting, let in-flight requests finish (idle
// keep-alive sockets are closed by server.close on Node ≥ 19), then close the
// database so the last writes are checkpointed. A stuck request gets 10 s.
let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(JSON.stringify({ msg: 'shutting down', signal }));
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
