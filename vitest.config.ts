import { defineConfig } from 'vitest/config';

// Node-side tests (engine, routes, store adapters, widget in Chromium).
// Tests that run inside workerd have their own config (vitest.workers.config.mts).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The soak tests run on their own (vitest.soak.config.ts, a part of npm test).
    exclude: ['test/worker/**', 'test/soak/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Builds widget/ into src/generated/widget.ts (served by GET /widget.js)
    // and the test knowledge sets' indexes (WordNet relations included).
    globalSetup: ['test/setup/build-widget.ts', 'test/setup/build-index.ts'],
  },
});
