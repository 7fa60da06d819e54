// The app, built from injected parts: the same function serves Node and
// Workers; only the entry files know which platform they are on.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Engine } from './engine/engine.js';
import type { Store } from './store/types.js';
import { mergeConfig, type AppConfig } from './config.js';
import { errorBody } from './http/errors.js';
import { chatRoutes } from './routes/chat.js';
import { demoRoutes } from './routes/demo.js';

export interface AppDeps {
  engine: Engine;
  store: Store;
  config: AppConfig;
  /** Where unexpected errors are reported (default: console.error). */
  log?: (message: string, detail?: unknown) => void;
}

export function createApp(parts: Omit<AppDeps, 'config'> & { config?: Partial<AppConfig> }) {
  const deps: AppDeps = { ...parts, config: mergeConfig(parts.config) };
  const log = deps.log ?? ((m, d) => console.error(m, d));
  const app = new Hono();

  app.get('/healthz', (c) => c.json({ ok: true, passages: deps.engine.index.passages.length }));
  app.route('/api/chat', chatRoutes(deps));
  app.route('/', demoRoutes());

  app.notFound((c) => c.json(errorBody('Not found'), 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) return c.json(errorBody(err.message), err.status);
    log('unhandled error', err);
    return c.json(errorBody('Internal server error'), 500);
  });
  return app;
}
