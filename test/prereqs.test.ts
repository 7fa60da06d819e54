// `npm test` first runs scripts/prereqs.mjs: a missing prerequisite stops it
// with one line naming what to install, and the widget tests, run on their
// own without Chromium, fail with that same line instead of being skipped.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumProblem } from '../scripts/prereqs.mjs';
import { launchChromium } from './widget/browser.js';

const check = (env: Record<string, string>) => spawnSync(process.execPath, ['scripts/prereqs.mjs'], { env: { ...process.env, ...env }, encoding: 'utf8' });
const saved = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = saved;
});

describe('prerequisites of npm test', () => {
  it('all present: silent, exit 0', () => {
    const r = check({});
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
  });

  it('without Chromium: exit 1 with one line naming it and how to provide it', () => {
    const r = check({ CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'npm test cannot run: Chromium not found at /nonexistent/chromium (CHROMIUM_PATH): install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary; the widget tests drive a real browser',
    ]);
  });

  it('a Chromium that is not a program, or does not run, is named as such', () => {
    expect(chromiumProblem({ CHROMIUM_PATH: 'package.json' })).toMatch(/^Chromium at package\.json is not executable: install it/);
    expect(chromiumProblem({ CHROMIUM_PATH: '/bin/false' })).toMatch(/^Chromium at \/bin\/false does not run \(exit status 1\): install it/);
  });

  it('the widget tests fail (not skip) with the same line when Chromium is missing', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    await expect(launchChromium()).rejects.toThrow(/^Chromium not found at \/nonexistent\/chromium \(CHROMIUM_PATH\): install it/);
  });
});
