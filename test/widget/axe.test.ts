// axe-core on the widget at WCAG 2.2 AA, in each state a visitor meets
// outside the quotes to pick from (those are in choices.test.ts): closed,
// open and empty, a plain answer with its thumbs, the escalation's contact
// form, and the thanks once rated and sent. Real Chromium, a host site on
// another origin, the real service (the fitted model) behind it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, axeWidget, freshPage, launchChromium, settled, startOrigins, type Origins, type Watched } from './browser.js';

let origins: Origins;
let browser: Browser;
let opened: Watched[] = [];

beforeAll(async () => {
  origins = await startOrigins();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await origins?.close();
});

async function visit(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const w = await freshPage(browser, options);
  opened.push(w);
  return w.page;
}

afterEach(async () => {
  const all = opened;
  opened = [];
  await Promise.all(all.map((w) => w.context.close()));
  expect(all.flatMap((w) => w.errors)).toEqual([]);
  expect(all.flatMap((w) => w.dialogs)).toEqual([]);
});

const log = (p: Page) => p.getByRole('log');

/** Walks the widget through its states, checking each with axe; returns the violations by state (none expected). */
async function walk(p: Page) {
  const found: Record<string, unknown> = {};
  const check = async (state: string, minimum: number) => {
    const report = await axeWidget(p);
    if (report.violations.length) found[state] = report.violations;
    expect(report.checked, `${state}: elements axe checked in the shadow root`).toBeGreaterThanOrEqual(minimum);
  };
  await p.goto(origins.host);
  await p.getByRole('button', { name: 'Open chat' }).waitFor();
  await check('closed', 1);
  await p.getByRole('button', { name: 'Open chat' }).click();
  await log(p).getByText('Hello from the test site!').waitFor();
  await check('open', 4);
  await ask(p, 'When was OMA SpecWorks launched?');
  await log(p).getByRole('button', { name: 'Helpful', exact: true }).waitFor();
  await settled(p);
  await check('answer with thumbs', 6);
  await ask(p, 'What are the membership fees?');
  await log(p).getByRole('textbox', { name: 'Email' }).waitFor();
  await settled(p);
  await check('escalation form', 8);
  await log(p).getByRole('button', { name: 'Helpful', exact: true }).click();
  await log(p).getByText('Thanks for your feedback.').waitFor();
  await log(p).getByRole('textbox', { name: 'Email' }).fill('visitor@example.com');
  await log(p).getByRole('button', { name: 'Send to helpdesk' }).click();
  await log(p)
    .getByText(/forwarded to the helpdesk.*visitor@example\.com/)
    .waitFor();
  await check('rated and sent', 4);
  return found;
}

describe('axe-core, WCAG 2.2 AA', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`finds nothing in any state of the widget in the ${colorScheme} scheme`, async () => {
      const page = await visit();
      await page.emulateMedia({ colorScheme });
      expect(await walk(page)).toEqual({});
    });
  }

  it('finds nothing in any state of the widget on a 360 px phone', async () => {
    const page = await visit({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    expect(await walk(page)).toEqual({});
  });
});
