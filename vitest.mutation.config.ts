// Vitest for mutation runs only (`npm run mutation`, stryker.config.mjs): the
// fast tests that cover the modules Stryker mutates — HTTP hardening, staff
// auth, mail and outbox, the SQL store, the widget's rendering. Left out:
// tests that need Chromium or workerd (Stryker runs vitest in Node threads),
// that start the real server in a child process (a mutant lives only in the
// test process), and two slow tests whose guards have fast unit tests of
// their own (the 500-turn transcript bound: test/mail/helpdesk-mail.test.ts;
// the SIGKILL durability test: nothing in it is mutated). Not part of npm test.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/http/bad-input.test.ts',
      'test/http/hardening.test.ts',
      'test/http/headers-cors.test.ts',
      'test/http/rate-limit.test.ts',
      'test/http/rate-limit-d1.test.ts',
      'test/http/request-log.test.ts',
      'test/http/staff-auth.test.ts',
      'test/http/staff-forms.test.ts',
      'test/mail/*.test.ts',
      'test/routes/*.test.ts',
      'test/service/retention.test.ts',
      'test/store/sqlite.test.ts',
      'test/widget/messages.test.ts',
    ],
    testNamePattern: /^(?!.*(?:a 500-turn conversation mails only|is killed \(SIGKILL\))).*$/,
    testTimeout: 30_000,
    isolate: false,
    hookTimeout: 60_000,
    // The indexes the route tests read (the widget bundle is not needed: no browser here).
    globalSetup: ['test/setup/build-index.ts'],
  },
});
