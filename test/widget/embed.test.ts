// How the widget is embedded and what it does when something goes wrong, in
// real Chromium against the real service: the script tag's data- attributes,
// the service's defaults (another knowledge set, to prove nothing is
// hard-coded), the load-twice guard, a refused origin, every error message,
// and the check that keeps script URLs out of source links. Each test has its
// own browser context and sets up what it needs.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { buildIndex } from '../../src/pipeline/build.js';
import { LIBRARY_KNOWLEDGE } from '../helpers/knowledge.js';
import { ask, focused, freshPage, launchChromium, settled, startOrigins, type Origins, type Watched } from './browser.js';

let oma: Origins;
let library: Origins;
let browser: Browser;
let opened: Watched[] = [];
let libraryDir: string;

beforeAll(async () => {
  // The library knowledge, plus a few widget texts of its own in messages.yml.
  libraryDir = mkdtempSync(join(tmpdir(), 'knowledge-'));
  cpSync(LIBRARY_KNOWLEDGE, libraryDir, { recursive: true });
  const messages = join(libraryDir, 'messages.yml');
  writeFileSync(messages, `${readFileSync(messages, 'utf8')}\nwidget:\n  send: Ask the library\n  open: Open the library chat\n  ask: What are you looking for?\n`);
  [oma, library, browser] = await Promise.all([
    startOrigins(),
    startOrigins({ engine: createEngine(buildIndex(loadKnowledge(libraryDir))) }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([oma?.close(), library?.close()]);
  rmSync(libraryDir, { recursive: true, force: true });
});

/** A fresh, watched page; closed after the test, which then fails on any page error or alert(). */
async function visit(): Promise<Watched> {
  const w = await freshPage(browser);
  opened.push(w);
  return w;
}

afterEach(async () => {
  const all = opened;
  opened = [];
  await Promise.all(all.map((w) => w.context.close()));
  expect(all.flatMap((w) => w.errors)).toEqual([]);
  expect(all.flatMap((w) => w.dialogs)).toEqual([]);
});

/** The host page with these query parameters (see hostPage), the chat opened. */
async function openAt(page: Page, url: string, launcher = 'Open chat') {
  await page.goto(url);
  await page.getByRole('button', { name: launcher }).click();
  await page.getByRole('dialog').waitFor();
}
const q = (params: Record<string, string>) => '?' + new URLSearchParams(params).toString();
const log = (p: Page) => p.getByRole('log');
const launcherStyle = (p: Page, name = 'Open chat') => p.getByRole('button', { name }).evaluate((b) => {
  const s = getComputedStyle(b);
  const r = b.getBoundingClientRect();
  return { bg: s.backgroundColor, ink: s.color, x: r.x };
});
/** Everything the widget's shadow root shows, as text. */
const widgetText = (p: Page) => p.evaluate(() => document.querySelector('faq-chat')!.shadowRoot!.querySelector('.w')!.textContent!);

describe('a page whose origin the service refuses (not in ALLOWED_ORIGINS)', () => {
  it('tells the site owner how to fix it in the console and tells the visitor plainly', async () => {
    const w = await visit();
    await openAt(w.page, oma.stranger, 'Chat'); // the config is refused too: built-in texts
    const refusal = /not available on this site/;
    await log(w.page).getByRole('alert').getByText(refusal).waitFor(); // shown before the visitor types in vain
    expect(w.notes).toHaveLength(1);
    expect(w.notes[0]).toMatch(/^\[faq chat\] /);
    expect(w.notes[0]).toContain('ALLOWED_ORIGINS');
    expect(w.notes[0]).toContain(oma.stranger);
    expect(w.notes[0]).toContain(`ALLOWED_ORIGINS=${oma.stranger}`);
    await ask(w.page, 'When was OMA SpecWorks launched?', 'Your question');
    await settled(w.page);
    expect(await log(w.page).getByText(refusal).count()).toBeGreaterThanOrEqual(1);
    expect(await widgetText(w.page)).not.toMatch(/connection/i);
    expect(w.notes).toHaveLength(1); // said once per page
  });

  it('is not mistaken for a refusal when the service is unreachable: the widget still mounts, says so, and recovers', async () => {
    const w = await visit();
    await w.page.route(`${oma.api}/api/**`, (r) => r.abort('connectionrefused'));
    await w.page.route(`${oma.api}/widget.js`, (r) => (r.request().method() === 'HEAD' ? r.abort('connectionrefused') : r.fallback()));
    await w.page.goto(oma.host);
    // No config: the built-in fallback texts, the page's own data-title.
    await w.page.getByRole('button', { name: 'Chat' }).click();
    await w.page.getByRole('dialog', { name: 'Ask OMA SpecWorks' }).waitFor();
    await ask(w.page, 'When was OMA SpecWorks launched?', 'Your question');
    await log(w.page).getByText('No connection. Try again.').waitFor();
    expect(w.notes.filter((n) => n.includes('ALLOWED_ORIGINS'))).toEqual([]);
    await w.page.unrouteAll();
    await log(w.page).getByRole('button', { name: 'Retry' }).click();
    await log(w.page).getByText(/Launched in 2018/).waitFor();
  });
});

