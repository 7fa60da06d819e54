import { defineConfig } from 'vitest/config';

// The soak tests (test/soak/): minutes of hostile traffic against the real
// Node server and the Worker bundle in workerd, asserting memory stays flat
// and every request and staff view stays fast. Run on their own, after the
// other suites (scripts/test.mjs), one at a time: their time limits are about
// the server under attack, not about the machine being busy with other tests.
export default defineConfig({
  test: {
    include: ['test/soak/**/*.test.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/setup/build-widget.ts', 'test/setup/build-index.ts'],
  },
});
