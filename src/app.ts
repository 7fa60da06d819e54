// The app, built from injected parts: the same function serves Node and
// Workers; only the entry files know which platform they are on.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Engine } from './engine/engine.js';
import type { Store } from './store/types.js';
import { mergeConfig, type AppConfig } from './config.js';
import { errorBody } from './http/errors.js';
import { apiCors } from './http/cors.js';
import { staffCsrf } from './http/csrf.js';
import { createMemoryRateLimiter, isLoopback, rateLimit, type ClientAddress, type RateLimiter } from './http/rate-limit.js';
import { requestLog, type RequestLogger } from './http/request-log.js';
import { securityHeaders } from './http/security.js';
import { chatRoutes } from './routes/chat.js';
import { demoRoutes } from './routes/demo.js';
import { widgetRoutes } from './routes/widget.js';
import { escalationRoutes } from './routes/escalations.js';
import { feedbackRoutes } from './routes/feedback.js';
import { adminRoutes } from './routes/admin.js';
import { createStaffAnswers, type StaffAnswers } from './engine/staff-answers.js';
import type { Outbox } from './mail/outbox.js';

export interface AppDeps {
  engine: Engine;
  store: Store;
  config: AppConfig;
  /** Where unexpected errors are reported (default: console.error). */
  log?: (message: string, detail?: unknown) => void;
  /** Where the one-line-per-request log goes (default: nowhere). */
  logRequest?: RequestLogger;
  /** Who is asking, for rate limiting: the entry file knows (socket on Node, cf-connecting-ip on Workers). */
  clientAddress?: ClientAddress;
  /** Rate limiter store (default: in memory, per process or isolate). */
  rateLimiter?: RateLimiter;
  /** Delivers queued mail; kicked after a contact is stored. Absent: mails wait in the outbox (no SMTP configured). */
  outbox?: Pick<Outbox, 'kick'>;
  /** Staff answers the chat route consults (default: built from the store). */
  staffAnswers: StaffAnswers;
}

export function createApp(parts: Omit<AppDeps, 'config' | 'staffAnswers'> & { config?: Partial<AppConfig>; staffAnswers?: StaffAnswers }) {
  const config = mergeConfig(parts.config);
  const staffAnswers = parts.staffAnswers ?? createStaffAnswers(parts.engine.index, parts.store, {
    minScore: config.staffAnswerMinScore,
    query: (text) => parts.engine.query(text),
  });
  const deps: AppDeps = { ...parts, config, staffAnswers };
  const log = deps.log ?? ((m, d) => console.error(m, d));
  const app = new Hono();

  if (deps.logRequest) app.use('*', requestLog(deps.logRequest, deps.config.logMessages));
  app.use('*', securityHeaders());
  app.use('/api/*', apiCors(deps.config.allowedOrigins));
  const perMinute = deps.config.rateLimitPerMinute;
  if (perMinute > 0) {
    const limiter = deps.rateLimiter ?? createMemoryRateLimiter({ limit: perMinute });
    const who = deps.clientAddress ?? (() => undefined);
    const exempt = deps.config.rateLimitLoopback ? () => false : isLoopback;
    // Only the routes that cost work or send mail; OPTIONS preflights pass.
    app.post('/api/chat', rateLimit(limiter, who, 'chat', exempt));
    // Each contact queues a helpdesk mail: limit it so nobody can flood the helpdesk.
    app.post('/api/escalations/*', rateLimit(limiter, who, 'contact', exempt));
    app.post('/api/feedback', rateLimit(limiter, who, 'feedback', exempt));
  }
  if (deps.config.loginAttemptsPerMinute > 0) {
    // Its own, stricter budget: a wrong token costs a guesser a minute's worth.
    const logins = createMemoryRateLimiter({ limit: deps.config.loginAttemptsPerMinute });
    app.post('/admin/login', rateLimit(logins, deps.clientAddress ?? (() => undefined), 'login'));
  }
  // Staff forms change state: refuse form posts whose Origin is another site
  // (SameSite=Strict already keeps the cookie off them; this is the second lock).
  app.use('/admin/*', staffCsrf());

  app.get('/healthz', (c) => c.json({ ok: true, passages: deps.engine.index.passages.length }));
  app.route('/api/chat', chatRoutes(deps));
  app.route('/api/escalations', escalationRoutes(deps));
  app.route('/api/feedback', feedbackRoutes(deps));
  app.route('/', adminRoutes(deps));
  app.route('/', demoRoutes());
  app.route('/', widgetRoutes());

  app.notFound((c) => c.json(errorBody('Not found'), 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) return c.json(errorBody(err.message), err.status);
    log('unhandled error', err);
    return c.json(errorBody('Internal server error'), 500);
  });
  return app;
}
