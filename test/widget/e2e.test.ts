// The widget as a visitor meets it: real Chromium, a host site on another
// origin embedding it with one script tag, the real service behind it. Every
// test has its own browser context (own sessionStorage) and sets up what it
// needs itself, so any one of them can run alone or in any order.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, focused, freshPage, launchChromium, openAndAsk, contrasts, settled, shot, startOrigins, type Origins, type Watched } from './browser.js';

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

/** A fresh, watched page; closed after the test, which then fails on any page error or alert(). */
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

describe('the widget on another origin', () => {
  it('opens with the keyboard and puts focus in the question box', async () => {
    const page = await visit();
    await page.goto(origins.host);
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await launcher.waitFor();
    for (let i = 0; i < 10 && (await focused(page)) !== 'Open chat'; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Open chat');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Ask OMA SpecWorks' }).waitFor();
    expect(await focused(page)).toBe('Type your question…');
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    await log(page).getByText('Hello from the test site!').waitFor();
    expect(await log(page).getAttribute('aria-live')).toBe('polite');
  });

  it('is not restyled by the host page CSS', async () => {
    const page = await visit();
    await page.goto(origins.host);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const style = await page.getByRole('button', { name: 'Send' }).evaluate((b) => {
      const s = getComputedStyle(b);
      return { size: s.fontSize, bg: s.backgroundColor };
    });
    expect(style.size).not.toBe('30px');
    expect(style.bg).toBe('rgb(11, 87, 208)'); // the default accent, not the host's red
  });

  it('answers with the quoted text and a source link to the sentence that opens in a new tab', async () => {
    const page = await visit();
    await openAndAsk(page, origins.host);
    const source = log(page).getByRole('link', { name: 'About — About OMA SpeckWorks' });
    expect(await source.getAttribute('target')).toBe('_blank');
    expect(await source.getAttribute('rel')).toContain('noopener');
    expect(await source.getAttribute('href')).toMatch(/^https:\/\/omaspecworks\.org\/omaspecworks\/about#about-oma-speckworks:~:text=Launched/);
    expect(await page.locator('faq-chat .wait').count()).toBe(0);
  });

  it('sends thumbs-up feedback for the conversation', async () => {
    const page = await visit();
    await openAndAsk(page, origins.host);
    const sent = page.waitForRequest((r: Request) => r.url() === `${origins.api}/api/feedback` && r.method() === 'POST');
    await log(page).getByRole('button', { name: 'Helpful', exact: true }).click();
    const body = (await sent).postDataJSON() as { conversationId: string; helpful: boolean };
    expect(body.helpful).toBe(true);
    expect(body.conversationId).toMatch(/^[\w-]{8,}$/);
    await log(page).getByText('Thanks for your feedback.').waitFor();
    expect(await log(page).getByRole('button', { name: 'Not helpful' }).count()).toBe(0);
  });

  it('offers suggestion chips that ask the question when pressed', async () => {
    const page = await visit();
    await page.goto(origins.host);
    await page.getByRole('button', { name: 'Open chat' }).click();
    // The engine decides when to suggest; here the reply is fixed so the chips are certain.
    await page.route(
      `${origins.api}/api/chat`,
      (r) =>
        r.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({
            conversationId: 'fixed-conversation',
            answer: 'Anyone can take part.',
            sources: [],
            escalated: false,
            confidence: 1,
            suggestions: ['Can a small business take part?'],
          }),
        }),
      { times: 1 },
    );
    await ask(page, 'Who can take part?');
    const chip = page.getByRole('group', { name: 'Suggested questions' }).getByRole('button', { name: 'Can a small business take part?' });
    // Wait for the reply (and its chip) first, so the request awaited below is the chip's, not the question's.
    await chip.waitFor();
    const sent = page.waitForRequest((r: Request) => r.url() === `${origins.api}/api/chat`);
    await chip.click();
    expect((await sent).postDataJSON()).toMatchObject({ message: 'Can a small business take part?', conversationId: 'fixed-conversation' });
    await log(page).locator('.msg.me', { hasText: 'Can a small business take part?' }).waitFor();
    await settled(page);
    expect(await chip.count()).toBe(0); // chips belong to the latest reply only
  });

  it('offers the e-mail form on an unanswerable question and confirms once sent', async () => {
    const page = await visit();
    await page.goto(origins.host);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await ask(page, 'What are the membership fees?');
    const email = log(page).getByRole('textbox', { name: 'Email' });
    await email.fill('visitor@example.com');
    await log(page).getByRole('textbox', { name: 'Name (optional)' }).fill('Ada');
    await log(page).getByRole('button', { name: 'Send to helpdesk' }).click();
    await log(page)
      .getByText(/forwarded to the helpdesk.*visitor@example\.com/)
      .waitFor();
    expect(await email.count()).toBe(0);
    const mail = page.getByRole('link', { name: 'helpdesk@omaorg.org' });
    expect(await mail.getAttribute('href')).toBe('mailto:helpdesk@omaorg.org');
  });

  it('shows a markup message as typed and runs nothing', async () => {
    const page = await visit();
    await page.goto(origins.host);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const markup = '<img src=x onerror=alert(1)>';
    await ask(page, markup);
    await log(page).locator('.msg.me').getByText(markup, { exact: true }).waitFor();
    await settled(page);
    expect(await page.locator('faq-chat img').count()).toBe(0);
    // afterEach fails the test on any alert()
  });

  it('closes with Escape and returns focus to the launcher', async () => {
    const page = await visit();
    await page.goto(origins.host);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('textbox', { name: 'Type your question…' }).focus();
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').isVisible()).toBe(false);
    expect(await focused(page)).toBe('Open chat');
  });

  it('keeps the conversation after a reload and on another page of the site', async () => {
    const page = await visit();
    await openAndAsk(page, origins.host);
    await log(page).getByRole('button', { name: 'Helpful', exact: true }).click();
    await ask(page, 'What are the membership fees?');
    await log(page).getByRole('textbox', { name: 'Email' }).fill('visitor@example.com');
    await log(page).getByRole('button', { name: 'Send to helpdesk' }).click();
    await log(page)
      .getByText(/forwarded to the helpdesk/)
      .waitFor();
    for (const url of [null, `${origins.host}/other`]) {
      if (url) await page.goto(url);
      else await page.reload();
      await log(page)
        .getByText(/Launched in 2018/)
        .waitFor();
      await log(page)
        .getByText(/forwarded to the helpdesk/)
        .waitFor();
      expect(await log(page).getByText('Thanks for your feedback.').count()).toBe(1);
      expect(await page.getByRole('dialog').isVisible()).toBe(true); // it was open, so it opens again
    }
  });

  it('clears the conversation on request, also after a reload', async () => {
    const page = await visit();
    await openAndAsk(page, origins.host);
    await page.getByRole('button', { name: 'Clear' }).click();
    expect(await log(page).locator('.msg').count()).toBe(1); // the greeting
    await page.reload();
    await log(page).getByText('Hello from the test site!').waitFor();
    expect(
      await log(page)
        .getByText(/Launched in 2018/)
        .count(),
    ).toBe(0);
  });

  it('saves screenshots of the open widget at desktop width and at 360 px', async () => {
    for (const [name, viewport] of [
      ['widget-desktop', { width: 1280, height: 800 }],
      ['widget-360', { width: 360, height: 740 }],
    ] as const) {
      const fresh = await visit({ viewport, isMobile: viewport.width < 400, hasTouch: viewport.width < 400 });
      await openAndAsk(fresh, origins.host);
      const box = (await fresh.getByRole('dialog').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(await fresh.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await shot(fresh, name);
    }
  });
});

describe('the widget under a strict CSP, in dark mode, and on the demo page', () => {
  /** Pages record CSP violations in window.__csp (init scripts are not subject to the page's CSP). */
  async function cspPage(media: Parameters<Page['emulateMedia']>[0] = {}) {
    const p = await visit();
    await p.emulateMedia(media);
    await p.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    return p;
  }
  const violations = (p: Page) => p.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  const accent = (p: Page) => p.getByRole('button', { name: 'Open chat' }).evaluate((b) => getComputedStyle(b).backgroundColor);

  it('is styled and works on a host page whose CSP forbids inline styles', async () => {
    const p = await cspPage();
    await openAndAsk(p, `${origins.host}/strict`);
    expect(await accent(p)).toBe('rgb(11, 87, 208)');
    expect(await violations(p)).toEqual([]);
  });

  it('meets WCAG AA contrast in light and dark schemes; dark follows prefers-color-scheme; motion respects prefers-reduced-motion', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const p = await cspPage({ colorScheme, reducedMotion: colorScheme === 'dark' ? 'reduce' : 'no-preference' });
      await openAndAsk(p, origins.host);
      await ask(p, 'What are the membership fees?');
      await p.getByRole('textbox', { name: 'Email' }).waitFor();
      const all = await contrasts(p);
      expect(all.length).toBeGreaterThan(12); // title, bubbles, links, form labels, buttons, footer
      const low = all.filter((c) => c.ratio < 4.5);
      expect(low, colorScheme).toEqual([]);
      const panel = await p.getByRole('dialog').evaluate((d) => ({ bg: getComputedStyle(d).backgroundColor, animation: getComputedStyle(d).animationName }));
      expect(panel.bg).toBe(colorScheme === 'dark' ? 'rgb(28, 30, 33)' : 'rgb(255, 255, 255)');
      expect(panel.animation).toBe(colorScheme === 'dark' ? 'none' : 'faq-in');
    }
  });

  it('runs on the service’s own demo page under its CSP', async () => {
    const p = await cspPage();
    await openAndAsk(p, `${origins.api}/`);
    expect(await accent(p)).toBe('rgb(11, 87, 208)');
    expect(await violations(p)).toEqual([]);
  });
});
