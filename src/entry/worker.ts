// Worker entry: the same app as on Node, built from the prebuilt index
// (bundled as JSON, so a cold start does no ingestion), the D1 store and
// config from the Worker's bindings. Platform code lives here only.
import index from '../../build/index.json' with { type: 'json' };
import { createApp } from '../app.js';
import { createEngine, type Engine } from '../engine/engine.js';
import type { BuiltIndex } from '../engine/types.js';
import { parseOrigins } from '../http/cors.js';
import { createD1RateLimiter } from '../http/rate-limit-d1.js';
import { createHttpMailer } from '../mail/http.js';
import { createOutbox, redact, type Outbox } from '../mail/outbox.js';
import { createD1Store } from '../store/d1.js';
import type { D1Database } from '../store/d1-types.js';
import type { Store } from '../store/types.js';

/** Bindings and variables from wrangler.toml ([vars], secrets, D1). */
export interface Env {
  DB: D1Database;
  HELPDESK_EMAIL?: string;
  ALLOWED_ORIGINS?: string;
  ANSWER_THRESHOLD?: string;
  /** Public base URL, for the staff-page link in helpdesk mail. */
  PUBLIC_URL?: string;
  /** Requests per minute per client on POST /api/chat; "0" turns limiting off. Default 30. */
  RATE_LIMIT_PER_MINUTE?: string;
  LOGIN_ATTEMPTS_PER_MINUTE?: string;
  /** Days transcripts are kept (purged by the cron trigger). Default 90; "0" keeps all. */
  RETENTION_DAYS?: string;
  /** "true" puts visitors' message text in the request log. */
  LOG_MESSAGES?: string;
  /** Sender of helpdesk mail (default HELPDESK_EMAIL). */
  MAIL_FROM?: string;
  /** Secret: bearer token for the admin routes; unset disables them. */
  ADMIN_TOKEN?: string;
  /** Secrets: the HTTP mail API (see src/mail/http.ts); without both, mails wait in the outbox. */
  MAIL_API_URL?: string;
  MAIL_API_TOKEN?: string;
}

/** The part of the Workers ExecutionContext used here. */
interface Ctx {
  waitUntil(promise: Promise<unknown>): void;
}

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
const num = (v: string | undefined) => (blank(v) !== undefined && Number.isFinite(Number(v)) ? Number(v) : undefined);
const logJson = (level: string, msg: string, detail?: Record<string, unknown>) =>
  console[level === 'error' ? 'error' : 'log'](JSON.stringify({ level, msg, ...detail }));

// One engine per isolate: MiniSearch.loadJS and the lazily loaded wink model
// are the costly parts, and they do not depend on the request.
let engine: Engine | undefined;
function engineFor(env: Env): Engine {
  if (!engine) {
    const helpdeskEmail = blank(env.HELPDESK_EMAIL);
    const threshold = num(env.ANSWER_THRESHOLD);
    engine = createEngine(index as unknown as BuiltIndex, {
      ...(helpdeskEmail ? { helpdeskEmail } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
    });
  }
  return engine;
}

interface Instance {
  app: ReturnType<typeof createApp>;
  store: Store;
  outbox?: Outbox;
  /** Outbox runs started by this request's kick(), to keep alive with waitUntil. */
  runs: Set<Promise<unknown>>;
}

// The app holds the D1 binding, which belongs to `env`; the runtime passes the
// same env object to every request of an isolate, so this is built once.
const instances = new WeakMap<Env, Instance>();
function instanceFor(env: Env): Instance {
  let it = instances.get(env);
  if (it) return it;
  const store = createD1Store(env.DB);
  const url = blank(env.MAIL_API_URL);
  const token = blank(env.MAIL_API_TOKEN);
  const outbox = url && token ? createOutbox({
    store,
    mailer: createHttpMailer({ url, token }),
    from: blank(env.MAIL_FROM) ?? engineFor(env).options.helpdeskEmail,
    log: (msg, detail) => logJson('warn', msg, detail),
  }) : undefined;
  const runs = new Set<Promise<unknown>>();
  const perMinute = num(env.RATE_LIMIT_PER_MINUTE) ?? 30;
  const app = createApp({
    engine: engineFor(env),
    store,
    // No timers between requests on Workers: a kick sends now, inside the
    // request's waitUntil; the cron trigger (scheduled below) does retries.
    ...(outbox ? {
      outbox: {
        kick: () => {
          const run = outbox.runOnce().catch((err) => logJson('error', 'outbox run failed', { error: redact(String(err)) }));
          runs.add(run);
        },
      },
    } : {}),
    config: {
      helpdeskEmail: blank(env.HELPDESK_EMAIL),
      adminToken: blank(env.ADMIN_TOKEN),
      publicUrl: blank(env.PUBLIC_URL),
      retentionDays: num(env.RETENTION_DAYS),
      rateLimitPerMinute: perMinute,
      loginAttemptsPerMinute: num(env.LOGIN_ATTEMPTS_PER_MINUTE),
      allowedOrigins: parseOrigins(env.ALLOWED_ORIGINS),
      logMessages: /^(1|true|yes)$/i.test(env.LOG_MESSAGES ?? ''),
    },
    // Cloudflare sets cf-connecting-ip itself; a client cannot forge it.
    clientAddress: (c) => c.req.header('cf-connecting-ip'),
    // Isolates share no memory: the limiter's counters live in D1.
    ...(perMinute > 0 ? { rateLimiter: createD1RateLimiter(env.DB, { limit: perMinute }) } : {}),
    // Workers Logs / `wrangler tail` collect console output as structured JSON.
    logRequest: (line) => console.log(JSON.stringify(line)),
    log: (message, detail) => logJson('error', message, { detail: String((detail as Error)?.stack ?? detail) }),
  });
  it = { app, store, outbox, runs };
  instances.set(env, it);
  return it;
}

export default {
  async fetch(request: Request, env: Env, ctx: Ctx): Promise<Response> {
    const it = instanceFor(env);
    const response = await it.app.fetch(request, env, ctx as never);
    // Keep a mail delivery started by this request alive after the response.
    if (it.runs.size > 0) {
      const runs = [...it.runs];
      it.runs.clear();
      ctx.waitUntil(Promise.allSettled(runs));
    }
    return response;
  },

  /** Cron trigger (wrangler.toml [triggers]): retry due mails, apply retention. */
  async scheduled(_controller: unknown, env: Env, ctx: Ctx): Promise<void> {
    const { store, outbox } = instanceFor(env);
    const retentionDays = num(env.RETENTION_DAYS) ?? 90;
    ctx.waitUntil((async () => {
      if (outbox) {
        const result = await outbox.runOnce();
        if (result.sent || result.failed) logJson('info', 'outbox run', result);
      }
      if (retentionDays > 0) {
        const { deleted } = await store.purge(Date.now() - retentionDays * 24 * 60 * 60 * 1000);
        if (deleted) logJson('info', 'retention purge', { retentionDays, deleted });
      }
    })());
  },
};
