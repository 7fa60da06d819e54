// Types of the Workers test environment, declared here rather than taken from
// @cloudflare/vitest-pool-workers/types: those need @cloudflare/workers-types,
// whose globals clash with the DOM and Node types the rest of the repo uses.
declare module 'cloudflare:test' {
  import type { D1Database } from '../../src/store/d1-types.js';
  interface D1Migration {
    name: string;
    queries: string[];
  }
  /** The Worker's bindings (wrangler.toml + test-only ones from vitest.workers.config.mts). */
  export const env: {
    DB: D1Database;
    TEST_MIGRATIONS: D1Migration[];
    ADMIN_TOKEN: string;
  };
  /** The Worker under test (src/entry/worker.ts), called in-process. */
  export const SELF: { fetch(input: string | Request, init?: RequestInit): Promise<Response> };
  export function createExecutionContext(): { waitUntil(p: Promise<unknown>): void; passThroughOnException(): void };
  export function waitOnExecutionContext(ctx: { waitUntil(p: Promise<unknown>): void }): Promise<void>;
  export function applyD1Migrations(db: D1Database, migrations: D1Migration[], table?: string): Promise<void>;
}
