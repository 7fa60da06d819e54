// Worker entry: the same app as on Node, built from the prebuilt index
// (bundled as JSON, so a cold start does no ingestion), the D1 store and
// config from the Worker's bindings. Platform code lives here only.
import index from '../../build/index.json' with { type: 'json' };
import { createApp } from '../app.js';
import { configFromSettings } from '../config.js';
import { createEngine, type Engine } from '../engine/engine.js';
import type { BuiltIndex } from '../engine/types.js';
import { createD1RateLimiter } from '../http/rate-limit-d1.js';
import { createHttpMailer } from '../mail/http.js';
import { createOutbox, redact, senderAddress, type Outbox } from '../mail/outbox.js';
import { applyRetention } from '../service/retention.js';
import { refuseOtherSite } from '../service/site-guard.js';
import { parseSettings, SettingsError, type Settings } from '../settings.js';
import { createSqlStore } from '../store/sql-store.js';
import type { D1Database } from '../store/d1-types.js';
import type { Store } from '../store/types.js';

/** Bindings and variables from wrangler.toml ([vars], secrets, D1); their forms are in src/settings.ts. */
export interface Env {
  DB: D1Database;
  HELPDESK_EMAIL?: string;
  ALLOWED_ORIGINS?: string;
  ANSWER_THRESHOLD?: string;
  CHOICE_THRESHOLD?: string;
  /** Public base URL, for the staff-page link in helpdesk mail. */
  PUBLIC_URL?: string;
  /** Requests per minute per client on the visitor routes; "0" turns limiting off. Default 30. */
  RATE_LIMIT_PER_MINUTE?: string;
  LOGIN_ATTEMPTS_PER_MINUTE?: string;
  /** Days transcripts are kept (purged by the cron trigger). Default 90; "0" keeps all. */
  RETENTION_DAYS?: string;
  /** "true" puts visitors' message text in the request log. */
  LOG_MESSAGES?: string;
  LEARN_FROM_CHOICES?: string;
  /** Sender of helpdesk mail (default: the helpdesk address tagged +faq-assistant). */
  MAIL_FROM?: string;
  /** Secret: token for the staff routes (at least 32 characters); unset disables them. */
  ADMIN_TOKEN?: string;
  /** Secrets: the HTTP mail API (see src/mail/http.ts); without both, mails wait in the outbox. */
  MAIL_API_URL?: string;
  MAIL_API_TOKEN?: string;
  /** The site moved: the origin the D1 database belonged to, handed over to site.yml's origin (see src/service/site-guard.ts). */
  ALLOW_SITE_CHANGE?: string;
}

/** The part of the Workers ExecutionContext used here. */
interface Ctx {
  waitUntil(promise: Promise<unknown>): void;
}

const logJson = (level: string, msg: string, detail?: Record<string, unknown>) =>
  console[level === 'error' ? 'error' : 'log'](JSON.stringify({ level, msg, ...detail }));

// One engine per isolate: MiniSearch.loadJS and the lazily loaded wink model
// are the costly parts, and they do not depend on the request.
let engine: Engine | undefined;
function engineFor(s: Settings): Engine {
  engine ??= createEngine(index as unknown as BuiltIndex, {
    ...(s.HELPDESK_EMAIL ? { helpdeskEmail: s.HELPDESK_EMAIL } : {}),
    ...(s.ANSWER_THRESHOLD !== undefined ? { threshold: s.ANSWER_THRESHOLD } : {}),
    ...(s.CHOICE_THRESHOLD !== undefined ? { choiceThreshold: s.CHOICE_THRESHOLD } : {}),
  });
  return engine;
}

interface Instance {
  app: ReturnType<typeof createApp>;
  store: Store;
  settings: Settings;
  outbox?: Outbox;
  /** Outbox runs started by this request's kick(), to keep alive with waitUntil. */
  runs: Set<Promise<unknown>>;
  /** The database's site, checked on the isolate's first request: the refusal line, or undefined. */
  site?: Promise<string | undefined>;
}

/** A Worker whose settings are bad answers every request with this, and logs why once. */
type Broken = { broken: string };

// The app holds the D1 binding, which belongs to `env`; the runtime passes the
// same env object to every request of an isolate, so this is built once.
const instances = new WeakMap<Env, Instance | Broken>();
function instanceFor(env: Env): Instance | Broken {
  let it = instances.get(env);
  if (it) return it;
  let settings: Settings;
  try {
    settings = parseSettings(env as unknown as Record<string, unknown>);
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    // Refuse loudly rather than run with a value silently dropped.
    logJson('error', err.message);
    it = { broken: err.message };
    instances.set(env, it);
    return it;
  }
  const store = createSqlStore(env.DB);
  const eng = engineFor(settings);
  const outbox =
    settings.MAIL_API_URL && settings.MAIL_API_TOKEN
      ? createOutbox({
          store,
          mailer: createHttpMailer({ url: settings.MAIL_API_URL, token: settings.MAIL_API_TOKEN }),
          from: senderAddress(settings.HELPDESK_EMAIL ?? eng.options.helpdeskEmail, settings.MAIL_FROM),
          log: (msg, detail) => logJson('warn', msg, detail),
        })
      : undefined;
  const runs = new Set<Promise<unknown>>();
  const config = configFromSettings(settings);
  const perMinute = settings.RATE_LIMIT_PER_MINUTE ?? 30;
  const logins = settings.LOGIN_ATTEMPTS_PER_MINUTE ?? 5;
  const app = createApp({
    engine: eng,
    store,
    // No timers between requests on Workers: a kick sends now, inside the
    // request's waitUntil; the cron trigger (scheduled below) does retries.
    ...(outbox
      ? {
          outbox: {
            kick: () => {
              const run = outbox.runOnce().catch((err) => logJson('error', 'outbox run failed', { error: redact(String(err)) }));
              runs.add(run);
            },
          },
        }
      : {}),
    config,
    // Cloudflare sets cf-connecting-ip itself; a client cannot forge it.
    client: (c) => ({ address: c.req.header('cf-connecting-ip'), https: new URL(c.req.url).protocol === 'https:' }),
    // Isolates share no memory: the limiters' counters live in D1.
    ...(perMinute > 0 ? { rateLimiter: createD1RateLimiter(env.DB, { limit: perMinute }) } : {}),
    ...(logins > 0 ? { loginLimiter: createD1RateLimiter(env.DB, { limit: logins }) } : {}),
    // Workers Logs / `wrangler tail` collect console output as structured JSON.
    logRequest: (line) => console.log(JSON.stringify(line)),
    log: (message, detail) => logJson('error', message, { detail: redact(String((detail as Error)?.stack ?? detail)) }),
  });
  it = { app, store, settings, outbox, runs };
  instances.set(env, it);
  return it;
}

/**
 * The D1 database belongs to the site it first served (src/service/site-guard.ts):
 * checked once per isolate, on its first request; the refusal is logged once.
 * A failed check (D1 unreachable) is tried again by the next request.
 */
function siteRefusal(it: Instance): Promise<string | undefined> {
  it.site ??= refuseOtherSite(it.store, {
    origin: (index as unknown as BuiltIndex).site.origin,
    movedFrom: it.settings.ALLOW_SITE_CHANGE,
    database: 'the D1 database bound as DB',
    fresh: 'create a D1 database for it (wrangler d1 create NAME) and put its database_id in wrangler.toml',
    log: (msg) => logJson('warn', msg),
  }).then(
    (refusal) => {
      if (refusal) logJson('error', refusal);
      return refusal;
    },
    (err: unknown) => {
      it.site = undefined;
      throw err;
    },
  );
  return it.site;
}

const unavailable = (error: string) =>
  new Response(JSON.stringify({ error }), {
    status: 503,
    headers: { 'content-type': 'application/json' },
  });
const misconfigured = () => unavailable('The service is misconfigured; its log says what to fix');

export default {
  async fetch(request: Request, env: Env, ctx: Ctx): Promise<Response> {
    const it = instanceFor(env);
    if ('broken' in it) return misconfigured();
    try {
      if (await siteRefusal(it)) return misconfigured();
    } catch (err) {
      logJson('error', 'cannot check which site the database belongs to', { error: redact(String(err)) });
      return unavailable('The service cannot reach its database; please try again in a moment');
    }
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
    const it = instanceFor(env);
    if ('broken' in it) return;
    // Never send another site's mail or purge its data.
    if (await siteRefusal(it)) return;
    ctx.waitUntil(
      (async () => {
        if (it.outbox) {
          const result = await it.outbox.runOnce();
          if (result.sent || result.failed) logJson('info', 'outbox run', result);
        }
        await applyRetention(it.store, it.settings.RETENTION_DAYS ?? 90, logJson);
      })(),
    );
  },
};
