// What `npm test` needs beyond `npm ci`, checked before anything runs so a
// missing piece is one clear line instead of a wall of failing tests:
// Node ≥ 20, the installed dependencies (better-sqlite3's native module
// loading) and a Chromium the widget tests can drive. Plain Node (no
// dependencies), so it works before anything else does. Also imported by
// test/widget/browser.ts for the Chromium path and its message.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium the widget tests launch: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(env = process.env) {
  return env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

/** Why the widget tests cannot launch Chromium, in one line; undefined when they can. */
export function chromiumProblem(env = process.env) {
  const path = chromiumPath(env);
  const how = 'install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary; the widget tests drive a real browser';
  if (!existsSync(path)) return `Chromium not found at ${path}${env.CHROMIUM_PATH ? ' (CHROMIUM_PATH)' : ''}: ${how}`;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return `Chromium at ${path} is not executable: ${how}`;
  }
  const run = spawnSync(path, ['--headless', '--no-sandbox', '--version'], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) {
    const why = (run.error?.message ?? run.stderr ?? '').trim().split('\n')[0] || `exit status ${run.status}`;
    return `Chromium at ${path} does not run (${why}): ${how}`;
  }
  return undefined;
}

/** The first thing `npm test` lacks, in one line; undefined when nothing is missing. */
export function firstProblem(env = process.env) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) return `Node ${process.versions.node} is too old: install Node 20 or newer`;
  const require = createRequire(import.meta.url);
  try {
    require.resolve('vitest/package.json');
  } catch {
    return 'The dependencies are not installed: run npm ci';
  }
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
  } catch (err) {
    const why = String(err?.message ?? err).split('\n')[0];
    return `better-sqlite3's native module does not load (${why}): run npm ci (building it needs python3, make and a C++ compiler when no prebuilt binary fits)`;
  }
  return chromiumProblem(env);
}

// Run directly (`node scripts/prereqs.mjs`, the first step of `npm test`).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problem = firstProblem();
  if (problem) {
    console.error(`npm test cannot run: ${problem}`);
    process.exit(1);
  }
}
