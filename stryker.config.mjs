// Mutation testing (`npm run mutation`, not part of npm test): StrykerJS
// changes the code that guards users one small way at a time and checks that
// some test fails. Scoped to HTTP hardening, staff auth, mail and outbox, the
// SQL store and the widget's rendering; the tests it runs are the fast ones
// in vitest.mutation.config.ts. Report: reports/mutation/index.html; score
// and surviving mutants: README, "Mutation testing".
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/http/*.ts',
    'src/admin/auth.ts',
    'src/mail/*.ts',
    'src/store/sql-store.ts',
    'widget/messages.ts',
    'widget/config.ts',
  ],
  // Each mutant runs only the tests that reach it; two at a time (2 cores).
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // A mutant in module-level code (a constant, a top-level regex) cannot be
  // traced to the tests that reach it, so Stryker would rerun all 214 tests for
  // each: 9% of the mutants took 45% of the time and pushed a run past an
  // hour on 2 shared cores. They are left out of the score (reported as
  // "Ignored"); README, "Mutation testing", says which they are.
  ignoreStatic: true,
  // Reruns reuse the results of mutants whose code and tests did not change
  // (reports/stryker-incremental.json); `npm run mutation -- --force` redoes all.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  timeoutMS: 10_000,
  timeoutFactor: 2,
  // Files a run does not need in its sandbox copies.
  ignorePatterns: ['dist', 'data', 'docs', 'bench', 'test-results', 'reports', '.wrangler', 'eval', 'test/fixtures/holdout', 'test/fixtures/orgs', 'test/fixtures/site-oma', 'test/fixtures/visitor-questions*.json'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 80, break: 80 },
  tempDirName: '.stryker-tmp',
};
