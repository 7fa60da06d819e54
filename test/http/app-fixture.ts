// A real app (real engine over the real knowledge, in-memory store) for
// route tests; the index is built once per test file.
import { createApp, type AppDeps } from '../../src/app.js';
import type { AppConfig } from '../../src/config.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { buildIndex } from '../../src/pipeline/build.js';
import { createMemoryStore } from '../../src/store/memory.js';

let engine: Engine | undefined;
export function testEngine(): Engine {
  engine ??= createEngine(buildIndex(loadKnowledge('knowledge')));
  return engine;
}

export function testApp(config: Partial<AppConfig> = {}, extra: Partial<Omit<AppDeps, 'config'>> = {}) {
  return createApp({
    engine: testEngine(),
    store: createMemoryStore(),
    // Limiting is tested on its own; other tests send more than 30 requests.
    config: { rateLimitPerMinute: 0, loginAttemptsPerMinute: 0, ...config },
    log: () => {},
    ...extra,
  });
}

export const postJson = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
