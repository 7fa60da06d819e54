// Worker entry: the same app as on Node, built from the prebuilt index
// (bundled as JSON, so a cold start does no ingestion), the D1 store and
// config from the Worker's bindings. Platform code lives here only.
import index from '../../build/index.json' with { type: 'json' };
import { createApp } from '../app.js';
import { createEngine, type Engine } from '../engine/engine.js';
import type { BuiltIndex } from '../engine/types.js';
import { parseOrigins } from '../http/cors.js';
import { createD1RateLimiter } from '../http/rate-limit-d1.js';
import { createD1Store } from '../store/d1.js';
import type { D1Database } from '../store/d1-types.js';

/** Bindings and variables from wrangler.toml ([vars], secrets, D1). */
export interface Env {
  DB: D1Database;
  HELPDESK_EMAIL?: string;
  ALLOWED_ORIGINS?: string;
  ANSWER_THRESHOLD?: string;
  /** Requests per minute per client on POST /api/chat; "0" turns limiting off. Default 30. */
  RATE_LIMIT_PER_MINUTE?: string;
  /** "true" puts visitors' message text in the request log. */
  LOG_MESSAGES?: string;
  /** Secret: bearer token for the admin routes; unset disables them. */
  ADMIN_TOKEN?: string;
}

type App = ReturnType<typeof createApp>;

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
const num = (v: string | undefined) => (blank(v) !== undefined && Number.isFinite(Number(v)) ? Number(v) : undefined);

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

// The app holds the D1 binding, which belongs to `env`; the runtime passes the
// same env object to every request of an isolate, so this is built once.
const apps = new WeakMap<Env, App>();
function appFor(env: Env): App {
  let app = apps.get(env);
  if (!app) {
    const config = {
      helpdeskEmail: blank(env.HELPDESK_EMAIL),
      rateLimitPerMinute: num(env.RATE_LIMIT_PER_MINUTE),
      allowedOrigins: parseOrigins(env.ALLOWED_ORIGINS),
      logMessages: /^(1|true|yes)$/i.test(env.LOG_MESSAGES ?? ''),
    };
    const perMinute = config.rateLimitPerMinute ?? 30;
    app = createApp({
      engine: engineFor(env),
      store: createD1Store(env.DB),
      config,
      // Cloudflare sets cf-connecting-ip itself; a client cannot forge it.
      clientAddress: (c) => c.req.header('cf-connecting-ip'),
      // Isolates share no memory: the limiter's counters live in D1.
      ...(perMinute > 0 ? { rateLimiter: createD1RateLimiter(env.DB, { limit: perMinute }) } : {}),
      // Workers Logs / `wrangler tail` collect console output as structured JSON.
      logRequest: (line) => console.log(JSON.stringify(line)),
      log: (message, detail) => console.error(JSON.stringify({ level: 'error', msg: message, detail: String((detail as Error)?.stack ?? detail) })),
    });
    apps.set(env, app);
  }
  return app;
}

export default {
  fetch(request: Request, env: Env, ctx: unknown): Response | Promise<Response> {
    return appFor(env).fetch(request, env, ctx as never);
  },
};
