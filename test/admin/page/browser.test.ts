// The staff page in real Chromium at a busy site's scale: 200 open questions
// in many wordings and a month of questions behind them (some offered
// choices, three just now). Signs in through the form, takes the
// screenshots the README shows (1280 px and 390 px wide),
// and checks keyboard use: Tab reaches the first question and Enter opens it;
// an action there stays on the item with a confirmation.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPage, launchChromium, startOrigins, type Origins, type Watched } from '../../widget/browser.js';
import { offerChoices, seedMonth, seedOpen } from '../seed.js';

const TOKEN = 'staff-token-for-browser-tests-0123456789';
const ARTEFACTS = 'test-results/staff';
let origins: Origins;
let browser: Browser;

beforeAll(async () => {
  origins = await startOrigins({ config: { adminToken: TOKEN } });
  const ask = async (message: string) =>
    (
      await fetch(`${origins.api}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) })
    ).json() as Promise<{ escalated: boolean; conversationId: string; escalationId?: string }>;
  await seedMonth(origins.store);
  const ids = await seedOpen(ask);
  // Questions the bot was just unsure of: the log shows the quotes it offered and what the visitors picked.
  const declined = await offerChoices(origins.store, { conversationId: 'now-declined', question: 'Which IPR rules apply to members?', pick: 'none' });
  await origins.store.resolveEscalations([declined.escalationId!]);
  await offerChoices(origins.store, { conversationId: 'now-left', question: 'Is there an IPR policy?' });
  await offerChoices(origins.store, { conversationId: 'now-picked', question: 'What is the IPR policy?', pick: 1 });
  // One visitor left an address (forwarded), as on a real day.
  await fetch(`${origins.api}/api/escalations/${ids[5]}/contact`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ann@example.com', name: 'Ann Lee', message: 'For our university lab.' }),
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await origins?.close();
});

/** Writes test-results/staff/<name>.png; the README's copy in docs/screenshots when missing or with UPDATE_SCREENSHOTS=1. */
async function shot(p: Page, name: string, fullPage = true) {
  mkdirSync(ARTEFACTS, { recursive: true });
  const file = `${ARTEFACTS}/${name}.png`;
  await p.screenshot({ path: file, fullPage, animations: 'disabled' });
  const docs = `docs/screenshots/${name}.png`;
  if (process.env.UPDATE_SCREENSHOTS || !existsSync(docs)) {
    mkdirSync('docs/screenshots', { recursive: true });
    copyFileSync(file, docs);
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
  w.errors.push(...csp); // the page's own styles must pass its CSP (no inline style attributes)
  return w;
}

const focusedItemLink = (p: Page) =>
  p.evaluate(() => {
    const a = document.activeElement;
    const first = document.querySelector('.inbox a.q');
    return { isFirst: a !== null && a === first, text: a?.textContent ?? '' };
  });

describe('the staff page with 200 open questions', () => {
  it('at 1280 px: grouped, paged inbox with counts; Tab reaches the first item and Enter opens it; an action stays on the item', async () => {
    const w = await signedIn(1280);
    const { page } = w;
    const open = page.getByRole('link', { name: /^Open/ });
    expect(await open.getAttribute('aria-current')).toBe('page');
    expect(await open.textContent()).toContain('199'); // one of the 200 was forwarded
    expect(await page.locator('.inbox > li').count()).toBe(25);
    expect(await page.locator('.inbox .n').count()).toBeGreaterThan(5); // grouped wordings show how often they were asked
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next →' }).waitFor();
    await page.locator('.suggest').waitFor();
    await shot(page, 'staff-inbox-1280');

    let at = await focusedItemLink(page);
    for (let i = 0; i < 40 && !at.isFirst; i++) {
      await page.keyboard.press('Tab');
      at = await focusedItemLink(page);
    }
    expect(at.isFirst).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/items\//);
    expect((await page.locator('h1').textContent())?.trim()).toBe(at.text.trim());
    await page.locator('.cands li').first().waitFor();
    await shot(page, 'staff-item-1280');

    const url = page.url();
    await page.getByRole('button', { name: 'Resolve with this quote 1' }).click();
    await page.getByRole('status').waitFor();
    expect(page.url()).toBe(`${url}?done=quoted&n=${new URL(page.url()).searchParams.get('n')}`);
    expect(await page.getByRole('status').textContent()).toMatch(/Resolved/);
    expect(await page.locator('.badge.resolved').count()).toBe(1);

    await page.goto(`${origins.api}/admin?tab=figures`);
    expect(await page.locator('svg.chart g.day').count()).toBe(30);
    for (const series of ['answered', 'choices', 'escalated']) expect(await page.locator(`svg.chart rect.bar.${series}`).count()).toBeGreaterThan(0);
    await shot(page, 'staff-figures-1280');
    await page.goto(`${origins.api}/admin?tab=log`);
    expect(await page.locator('table.log .offered').count()).toBe(3);
    expect(await page.locator('table.log .pick-of').count()).toBe(2);
    await shot(page, 'staff-log-1280', false);
    await w.context.close();
    expect(w.errors).toEqual([]);
  }, 60_000);

  it('at 390 px: the inbox and an item fit the phone, no sideways scrolling', async () => {
    const w = await signedIn(390);
    const { page } = w;
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await fits()).toBe(true);
    await shot(page, 'staff-inbox-390', false); // what the phone shows
    await page.locator('.inbox a.q').first().click();
    await page.waitForURL(/\/admin\/items\//);
    await page.getByRole('heading', { name: 'Conversation' }).waitFor();
    expect(await fits()).toBe(true);
    await shot(page, 'staff-item-390', false);
    await page.goto(`${origins.api}/admin?tab=log`);
    expect(await fits()).toBe(true);
    await shot(page, 'staff-log-390', false);
    await w.context.close();
    expect(w.errors).toEqual([]);
  }, 60_000);

  it('at 390 px: an item shows every wording in full in a list that scrolls, a hidden link and address struck out, nothing off the side', async () => {
    const payload = `What are the membership fees?${'?'.repeat(200)} https://evil.example/pay?ref=<b>now</b> refunds@evil.example`;
    const ask = (message: string) =>
      fetch(`${origins.api}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) }).then(
        (r) => r.json() as Promise<{ escalationId?: string }>,
      );
    // Wordings of the membership fees question, then the payload joining their group (recorded with its words, as
    // the assistant records an escalation: whether a text joins a group is the engine's analysis, not this page's).
    for (const q of [
      'What are the membership fees?',
      'what are the membership fees',
      'Hello! What are the membership fees?',
      'What are the membership fees? Thanks!',
    ])
      await ask(q);
    const { escalationId } = await origins.store.recordTurn({
      conversationId: 'joined-payload',
      question: payload,
      answer: 'Passed on.',
      escalated: true,
      confidence: 0,
      terms: 'membership~member fee',
    });
    const w = await signedIn(390);
    const { page } = w;
    await page.goto(`${origins.api}/admin/items/${escalationId}`);
    const list = page.locator('ol.wordings');
    await list.waitFor();
    await shot(page, 'staff-item-wordings-390', false);
    const box = await list.evaluate((el) => ({
      overflowY: getComputedStyle(el).overflowY,
      scrolls: el.scrollHeight > el.clientHeight,
      focusable: el.tabIndex === 0,
      fits: el.getBoundingClientRect().right <= window.innerWidth,
    }));
    expect(box).toEqual({ overflowY: 'auto', scrolls: true, focusable: true, fits: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // The whole of it, as typed, with what is never taught struck out.
    expect(await list.locator('.wording').first().textContent()).toBe(payload);
    expect(await list.locator('del').allTextContents()).toEqual(['https://evil.example/pay?ref=<b>now</b>', 'refunds@evil.example']);
    await w.context.close();
    expect(w.errors).toEqual([]);
  }, 60_000);
});
