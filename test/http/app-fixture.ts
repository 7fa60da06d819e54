// A real app (real engine over the real knowledge, a throwaway SQLite store) for
// route tests; the index is built once per test file.
import { createApp, type AppParts } from '../../src/app.js';
import type { AppConfig } from '../../src/config.js';
import type { Engine } from '../../src/engine/engine.js';
import { engineFor, SITE_KNOWLEDGE } from '../helpers/knowledge.js';
import { openSqliteStore } from '../../src/store/sqlite.js';

let engine: Engine | undefined;
export function testEngine(): Engine {
  engine ??= engineFor(SITE_KNOWLEDGE);
  return engine;
}

export function testApp(config: Partial<AppConfig> = {}, extra: Partial<Omit<AppParts, 'config'>> = {}) {
  return createApp({
    engine: testEngine(),
    store: openSqliteStore(':memory:'),
    // Limits are tested on their own; other tests send more than 30 requests
    // and leave more than 20 open questions, all as one unknown client.
    config: { rateLimitPerMinute: 0, loginAttemptsPerMinute: 0, openQuestionsPerClient: 0, ...config },
    log: () => {},
    ...extra,
  });
}

export const postJson = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
