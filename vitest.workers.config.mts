// Tests that run inside workerd (the Workers runtime) with a local D1 that has
// the same migrations applied as production: `vitest run -c vitest.workers.config.mts`.
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const migrations = await readD1Migrations(fileURLToPath(new URL('./migrations', import.meta.url)));

export default defineConfig({
  plugins: [
    cloudflareTest({
      main: './src/entry/worker.ts',
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        // Test-only bindings: the migrations (applied in test/worker/setup.ts)
        // and an admin token, which in production is a secret.
        bindings: { TEST_MIGRATIONS: migrations, ADMIN_TOKEN: '193c02d68e8b2b6e4bc7a2cbce3a47661a84464b98012181' },
      },
    }),
  ],
  test: {
    include: ['test/worker/**/*.test.ts'],
    // Node side, before workerd starts: the index and widget the Worker
    // bundles, and a real HTTP mail API on 127.0.0.1 (inject('mailApiUrl')).
    globalSetup: ['./test/setup/build-index.ts', './test/setup/build-widget.ts', './test/setup/mail-api.ts'],
    setupFiles: ['./test/worker/setup.ts'],
    testTimeout: 30_000,
    // The Worker logs one JSON line per request; show it only for failures.
    silent: 'passed-only',
  },
});
