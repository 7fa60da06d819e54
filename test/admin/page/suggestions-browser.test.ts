// The staff page's Suggestions tab in real Chromium: visitors' picks seeded
// (test/admin/seed-suggestions.ts: 70 suggestions, two learned, one wrong).
// By keyboard alone: from the top of the inbox, Tab reaches the Suggestions
// tab, then the Learned sub-tab, then the Undo button of the wrong pair
// visitors taught, and Enter undoes it (the page comes back with a
// confirmation). At 390 px nothing scrolls sideways. axe-core finds no
// violation of WCAG 2.2 AA on the tab, its sub-tabs or the confirmation.
// Screenshot for the README: docs/screenshots/staff-suggestions.png.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPage, launchChromium, startOrigins, WCAG22AA, type Origins, type Watched } from '../../widget/browser.js';
import { seedSuggestions } from '../seed-suggestions.js';

const TOKEN = 'staff-token-for-browser-tests-0123456789';
const ARTEFACTS = 'test-results/staff';
let origins: Origins;
let browser: Browser;
let ids: Record<string, number>;

beforeAll(async () => {
  origins = await startOrigins({ config: { adminToken: TOKEN, staffRefreshMs: 0 } });
  ids = await seedSuggestions(origins.store);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await origins?.close();
});

/** Writes test-results/staff/<name>.png; the README's copy in docs/screenshots when missing or with UPDATE_SCREENSHOTS=1. */
async function shot(p: Page, name: string, docs = true) {
  mkdirSync(ARTEFACTS, { recursive: true });
  const file = `${ARTEFACTS}/${name}.png`;
  await p.screenshot({ path: file, fullPage: false, animations: 'disabled' });
  const copy = `docs/screenshots/${name}.png`;
  if (docs && (process.env.UPDATE_SCREENSHOTS || !existsSync(copy))) {
    mkdirSync('docs/screenshots', { recursive: true });
    copyFileSync(file, copy);
  }
}

async function signedIn(width: number): Promise<Watched> {
  const w = await freshPage(browser, { viewport: { width, height: width > 600 ? 900 : 844 } });
  const csp: string[] = [];
  w.page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  await w.page.goto(`${origins.api}/admin`);
  await w.page.getByLabel('Admin token').fill(TOKEN);
  await w.page.getByRole('button', { name: 'Sign in' }).click();
  await w.page.getByRole('heading', { name: 'Open questions' }).waitFor();
  w.errors.push(...csp); // the page's own styles must pass its CSP
  return w;
}

let axeSource: string | undefined;
/** axe-core over the whole page at WCAG 2.2 AA: the violations, one line each (rule, element, why). */
async function axe(p: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(axeSource);
  const r = await p.evaluate(async (values) => {
    type Result = { id: string; nodes: { target: unknown[]; failureSummary?: string }[] };
    const { axe } = window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Result[]; passes: Result[] }> } };
    const found = await axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations', 'passes'] });
    return {
      violations: found.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`)),
      passed: found.passes.map((v) => v.id),
    };
  }, WCAG22AA);
  // Proof it looked: the rules this page must pass were run and passed.
  for (const rule of ['color-contrast', 'button-name', 'link-name', 'list']) if (!r.passed.includes(rule)) r.violations.push(`${rule}: not passed`);
  return r.violations;
}

/** Presses Tab until `is` holds for the focused element (at most `max` times); whether it did. */
async function tabTo(p: Page, is: (el: Element | null) => boolean, max = 80): Promise<boolean> {
  const check = () => p.evaluate(`(${is.toString()})(document.activeElement)`) as Promise<boolean>;
  for (let i = 0; i < max; i++) {
    if (await check()) return true;
    await p.keyboard.press('Tab');
  }
  return check();
}

const fits = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('the Suggestions tab', () => {
  it('at 1280 px, by keyboard: Tab reaches the tab, the Learned sub-tab and Undo; Enter undoes the wrong pair; axe finds nothing', async () => {
    const w = await signedIn(1280);
    const { page } = w;

    expect(await tabTo(page, (el) => el?.tagName === 'A' && el.getAttribute('href') === '/admin?tab=suggestions')).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Suggestions from visitors’ picks' }).waitFor();
    expect(await page.getByRole('link', { name: /^Suggestions/ }).getAttribute('aria-current')).toBe('page');
    expect(await page.locator('li.sugg').count()).toBe(50);
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next →' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'staff-suggestions');

    expect(await tabTo(page, (el) => el?.tagName === 'A' && el.getAttribute('href') === '/admin?tab=suggestions&status=learned')).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/status=learned/);
    const wrong = page.locator(`#s-${ids['ceo oma']}`);
    expect(await wrong.locator('.decided').textContent()).toMatch(/^Visitors taught this/);
    expect(await axe(page)).toEqual([]);

    // The wrong pair's Undo, reached by Tab; its accessible name says which wording it undoes.
    const undo = `#s-${ids['ceo oma']} button`;
    expect(
      await tabTo(page, (el) => el?.tagName === 'BUTTON' && el.textContent!.startsWith('Undo') && el.textContent!.includes('Who is the CEO of OMA?')),
    ).toBe(true);
    expect(await page.locator(`${undo}:focus`).count()).toBe(1);
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=undone/);
    expect(await page.getByRole('status').textContent()).toMatch(/Undone\./);
    expect(await page.locator(`#s-${ids['ceo oma']}`).count()).toBe(0);
    expect(await page.locator('li.sugg').count()).toBe(1); // the other learned pair stays
    expect(await axe(page)).toEqual([]);
    expect((await origins.store.getSuggestion(ids['ceo oma']!))!.status).toBe('rejected');

    await page.goto(`${origins.api}/admin?tab=suggestions&status=rejected`);
    expect(await axe(page)).toEqual([]);
    await w.context.close();
    expect(w.errors).toEqual([]);
  }, 90_000);

  it('at 390 px: every sub-tab and the second page fit the phone, no sideways scrolling, and axe finds nothing', async () => {
    const w = await signedIn(390);
    const { page } = w;
    for (const path of ['', '&page=2', '&status=learned', '&status=accepted', '&status=rejected']) {
      await page.goto(`${origins.api}/admin?tab=suggestions${path}`);
      await page.getByRole('heading', { name: 'Suggestions from visitors’ picks' }).waitFor();
      expect(await fits(page), path).toBe(true);
      expect(await axe(page), path).toEqual([]);
    }
    await page.goto(`${origins.api}/admin?tab=suggestions`);
    // The wording with a long unbroken link wraps instead of widening the page.
    const long = page.locator('.asked li', { hasText: 'Member_IPRGuidelines' });
    await long.scrollIntoViewIfNeeded();
    expect(await fits(page)).toBe(true);
    await shot(page, 'staff-suggestions-390', false);
    await w.context.close();
    expect(w.errors).toEqual([]);
  }, 90_000);
});
