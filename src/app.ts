// The app, built from injected parts: the same function serves Node and
// Workers; only the entry files know which platform they are on.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { mergeConfig } from './config.js';
import type { AppDeps, AppParts } from './deps.js';
import { createStaffAuth } from './admin/auth.js';
import { createEngine } from './engine/engine.js';
import { ApiError, CLIENT_GONE, clientGone, errorBody } from './http/errors.js';
import { apiCors } from './http/cors.js';
import { staffCsrf } from './http/csrf.js';
import type { ClientOf } from './http/client.js';
import { createMemoryRateLimiter, rateLimit } from './http/rate-limit.js';
import { requestLog } from './http/request-log.js';
import { securityHeaders } from './http/security.js';
import { chatRoutes } from './routes/chat.js';
import { demoRoutes } from './routes/demo.js';
import { widgetRoutes } from './routes/widget.js';
import { escalationRoutes } from './routes/escalations.js';
import { feedbackRoutes } from './routes/feedback.js';
import { adminRoutes } from './routes/admin.js';
import { createAssistant } from './service/assistant.js';
import { createStaffService } from './service/staff.js';

export type { AppDeps, AppParts } from './deps.js';

/** Without an entry that knows better: no address, HTTPS as the URL says. */
const unknownClient: ClientOf = (c) => ({ https: new URL(c.req.url).protocol === 'https:' });

export function createApp(parts: AppParts) {
  const config = mergeConfig(parts.config, { helpdeskEmail: parts.engine.options.helpdeskEmail, origin: parts.engine.index.site.origin });
  const client = parts.client ?? unknownClient;
  // Each app teaches its own engine what its store's staff taught (two apps
  // over one index, as in tests, must not share one store's answers).
  const engine = createEngine(parts.engine.index, parts.engine.options, parts.engine.model);
  const assistant = createAssistant({ engine, store: parts.store, config });
  const staffAuth = config.adminToken
    ? createStaffAuth({
        token: config.adminToken,
        store: parts.store,
        client,
        failures: config.loginAttemptsPerMinute > 0 ? (parts.loginLimiter ?? createMemoryRateLimiter({ limit: config.loginAttemptsPerMinute })) : undefined,
        sessionHours: config.sessionHours,
      })
    : undefined;
  const staff = createStaffService({ engine, store: parts.store, assistant, config, ...(parts.outbox ? { outbox: parts.outbox } : {}) });
  const deps: AppDeps = { ...parts, engine, config, client, assistant, staff, ...(staffAuth ? { staffAuth } : {}) };
  const log = deps.log ?? ((m, d) => console.error(m, d));
  const app = new Hono();

  if (deps.logRequest) app.use('*', requestLog(deps.logRequest, config.logMessages));
  app.use('*', securityHeaders());
  app.use('/api/*', apiCors(config.allowedOrigins));
  if (config.rateLimitPerMinute > 0) {
    const limiter = deps.rateLimiter ?? createMemoryRateLimiter({ limit: config.rateLimitPerMinute });
    // Only the routes that cost work or send mail; OPTIONS preflights pass.
    app.post('/api/chat', rateLimit(limiter, client, 'chat'));
    // Each contact queues a helpdesk mail: limit it so nobody can flood the helpdesk.
    app.post('/api/escalations/*', rateLimit(limiter, client, 'contact'));
    app.post('/api/feedback', rateLimit(limiter, client, 'feedback'));
  }
  // Staff forms change state: refuse form posts whose Origin is another site
  // (SameSite=Strict already keeps the cookie off them; this is the second lock).
  app.use('/admin/*', staffCsrf());
  // Every body is capped while it is read — declared length or not, chunked
  // or not — so no request can make the server buffer more than this. After
  // the limits above, which refuse without reading (a chunked body is read
  // here whole before the route). The sign-in form is left to its own route:
  // its attempt is counted first, then it is capped at 4 KB (routes/admin.tsx).
  const limitBody = bodyLimit({
    maxSize: config.maxBodyBytes,
    onError: () => {
      throw new ApiError(413, `Request body is larger than ${config.maxBodyBytes} bytes`);
    },
  });
  // GET, HEAD and OPTIONS bodies are never read by any route, so they are
  // not wrapped either (wrapping made @hono/node-server build a full Request
  // for every GET: ≈6 % of a /healthz).
  const noBody = new Set(['GET', 'HEAD', 'OPTIONS']);
  app.use('*', (c, next) =>
    noBody.has(c.req.method) || (staffAuth && c.req.method === 'POST' && c.req.path === '/admin/login') ? next() : limitBody(c, next),
  );

  app.get('/healthz', (c) => c.json({ ok: true, passages: deps.engine.index.passages.length }));
  // Browsers ask for /favicon.ico on every page: no icon, and no 404 in every
  // page load's log; cached for a week so they stop asking.
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=604800' }));
  app.route('/api/chat', chatRoutes(deps));
  app.route('/api/escalations', escalationRoutes(deps));
  app.route('/api/feedback', feedbackRoutes(deps));
  app.route('/', adminRoutes(deps));
  app.route('/', demoRoutes(deps));
  app.route('/', widgetRoutes(deps));

  app.notFound((c) => c.json(errorBody('Not found'), 404));
  app.onError((err, c) => {
    // First: a client that hung up mid-body, whatever error its broken body became.
    if (clientGone(err, c.req.raw)) {
      c.set('aborted', true);
      return c.body(null, CLIENT_GONE as never);
    }
    if (err instanceof HTTPException && err.status < 500) {
      // A refused body may still be arriving: close the connection rather than read it.
      if (err.status === 413) c.header('Connection', 'close');
      return c.json(errorBody(err.message), err.status);
    }
    log('unhandled error', err);
    return c.json(errorBody('Internal server error'), 500);
  });
  return app;
}
