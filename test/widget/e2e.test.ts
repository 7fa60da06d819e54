// The widget as a visitor meets it: real Chromium, a host site on another
// origin embedding it with one script tag, the real service behind it.
import { copyFileSync, mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startOrigins, type Origins } from './browser.js';

const ARTEFACTS = 'test-results/widget';
let origins: Origins;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const dialogs: string[] = [];

/** aria-label (or text) of the element focused inside the widget, if focus is in it. */
const focused = (p: Page = page) => p.evaluate(() => {
  const active = document.activeElement?.tagName === 'OMA-CHAT' ? document.activeElement.shadowRoot?.activeElement : null;
  return active ? active.getAttribute('aria-label') ?? active.textContent : null;
});
const log = () => page.getByRole('log');
const question = () => page.getByRole('textbox', { name: 'Type your question' });
async function ask(text: string) {
  await question().fill(text);
  await question().press('Enter');
}
async function openAndAsk(p: Page, url: string) {
  await p.goto(url);
  await p.getByRole('button', { name: 'Open chat' }).click();
  await p.getByRole('textbox', { name: 'Type your question' }).fill('When was OMA SpecWorks launched?');
  await p.keyboard.press('Enter');
  await p.getByRole('log').getByText(/Launched in 2018/).waitFor();
}
const shot = async (p: Page, name: string) => {
  mkdirSync(ARTEFACTS, { recursive: true });
  await p.screenshot({ path: `${ARTEFACTS}/${name}.png`, animations: 'disabled' });
  // `UPDATE_SCREENSHOTS=1 npx vitest run test/widget` refreshes the README's copies.
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync('docs/screenshots', { recursive: true });
    copyFileSync(`${ARTEFACTS}/${name}.png`, `docs/screenshots/${name}.png`);
  }
};
const watch = (p: Page) => {
  p.on('pageerror', (e) => pageErrors.push(e.message));
  p.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
};

beforeAll(async () => {
  origins = await startOrigins();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  watch(page);
});

afterAll(async () => {
  await browser?.close();
  await origins?.close();
});

describe('the widget on another origin', () => {
  it('opens with the keyboard and puts focus in the question box', async () => {
    await page.goto(origins.host);
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await launcher.waitFor();
    for (let i = 0; i < 10 && (await focused()) !== 'Open chat'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Open chat');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Ask OMA SpecWorks' }).waitFor();
    expect(await focused()).toBe('Type your question');
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    await log().getByText('Hello from the test site!').waitFor();
    expect(await log().getAttribute('aria-live')).toBe('polite');
  });

  it('is not restyled by the host page CSS', async () => {
    const style = await page.getByRole('button', { name: 'Send' }).evaluate((b) => {
      const s = getComputedStyle(b);
      return { size: s.fontSize, bg: s.backgroundColor };
    });
    expect(style.size).not.toBe('30px');
    expect(style.bg).toBe('rgb(11, 87, 208)'); // the default accent, not the host's red
  });

  it('answers with the quoted text and a source link that opens in a new tab', async () => {
    await ask('When was OMA SpecWorks launched?');
    await log().getByText(/Launched in 2018/).waitFor();
    const source = log().getByRole('link', { name: 'About — About OMA SpeckWorks' });
    expect(await source.getAttribute('target')).toBe('_blank');
    expect(await source.getAttribute('rel')).toContain('noopener');
    expect(await page.locator('oma-chat .wait').count()).toBe(0);
  });

  it('sends thumbs-up feedback for the conversation', async () => {
    const sent = page.waitForRequest((r: Request) => r.url() === `${origins.api}/api/feedback` && r.method() === 'POST');
    await log().getByRole('button', { name: 'Helpful', exact: true }).click();
    const body = (await sent).postDataJSON() as { conversationId: string; helpful: boolean };
    expect(body.helpful).toBe(true);
    expect(body.conversationId).toMatch(/^[\w-]{8,}$/);
    await log().getByText('Thanks for your feedback.').waitFor();
  });

  it('offers suggestion chips that ask the question when pressed', async () => {
    // The engine decides when to suggest; here the reply is fixed so the chips are certain.
    await page.route(`${origins.api}/api/chat`, (r) => r.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ conversationId: 'fixed-conversation', answer: 'Anyone can take part.', sources: [], escalated: false, confidence: 1, suggestions: ['Can a small business take part?'] }),
    }), { times: 1 });
    await ask('Who can take part?');
    const chip = page.getByRole('group', { name: 'Suggested questions' }).getByRole('button', { name: 'Can a small business take part?' });
    // Wait for the reply (and its chip) first, so the request awaited below is the chip's, not the question's.
    await chip.waitFor();
    const sent = page.waitForRequest((r: Request) => r.url() === `${origins.api}/api/chat`);
    await chip.click();
    expect((await sent).postDataJSON()).toMatchObject({ message: 'Can a small business take part?', conversationId: 'fixed-conversation' });
    await log().locator('.msg.me', { hasText: 'Can a small business take part?' }).waitFor();
    await page.locator('oma-chat .wait').waitFor({ state: 'detached' });
    expect(await chip.count()).toBe(0); // chips belong to the latest reply only
  });

  it('offers the e-mail form on an unanswerable question and confirms once sent', async () => {
    await ask('What are the membership fees?');
    const email = log().getByRole('textbox', { name: 'Email' });
    await email.waitFor();
    await email.fill('visitor@example.com');
    await log().getByRole('textbox', { name: 'Name (optional)' }).fill('Ada');
    await log().getByRole('button', { name: 'Send to helpdesk' }).click();
    await log().getByText(/forwarded to the helpdesk.*visitor@example\.com/).waitFor();
    expect(await email.count()).toBe(0);
    const mail = page.getByRole('link', { name: 'helpdesk@omaorg.org' });
    expect(await mail.getAttribute('href')).toBe('mailto:helpdesk@omaorg.org');
  });

  it('shows a markup message as typed and runs nothing', async () => {
    const markup = '<img src=x onerror=alert(1)>';
    await ask(markup);
    await log().locator('.msg.me').getByText(markup, { exact: true }).waitFor();
    await page.locator('oma-chat .wait').waitFor({ state: 'detached' });
    expect(await page.locator('oma-chat img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('closes with Escape and returns focus to the launcher', async () => {
    await question().focus();
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').isVisible()).toBe(false);
    expect(await focused()).toBe('Open chat');
    await page.keyboard.press('Enter');
  });

  it('keeps the conversation after a reload and on another page of the site', async () => {
    for (const url of [null, `${origins.host}/other`]) {
      if (url) await page.goto(url);
      else await page.reload();
      await log().getByText(/Launched in 2018/).waitFor();
      await log().getByText('<img src=x onerror=alert(1)>', { exact: true }).waitFor();
      await log().getByText(/forwarded to the helpdesk/).waitFor();
      expect(await log().getByText('Thanks for your feedback.').count()).toBe(1);
    }
  });

  it('saves screenshots of the open widget at desktop width and at 360 px', async () => {
    for (const [name, viewport] of [['widget-desktop', { width: 1280, height: 800 }], ['widget-360', { width: 360, height: 740 }]] as const) {
      const fresh = await browser.newPage({ viewport, isMobile: viewport.width < 400, hasTouch: viewport.width < 400 });
      watch(fresh);
      await openAndAsk(fresh, origins.host);
      const box = (await fresh.getByRole('dialog').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(await fresh.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await shot(fresh, name);
      await fresh.close();
    }
  });

  it('turns network trouble into a friendly retry message, never a stuck spinner', async () => {
    const cases: [string, (r: import('playwright-core').Route) => Promise<void>, RegExp][] = [
      ['down', (r) => r.abort('internetdisconnected'), /couldn't reach/],
      ['429', (r) => r.fulfill({ status: 429, contentType: 'application/json', body: '{"error":"Too many requests"}' }), /wait a few seconds/],
      ['503', (r) => r.fulfill({ status: 503, body: 'upstream gone' }), /went wrong on our side/],
    ];
    for (const [, handler, message] of cases) {
      await page.route(`${origins.api}/api/chat`, handler);
      await ask('Who founded OMA SpecWorks?');
      await log().getByText(message).waitFor();
      expect(await page.locator('oma-chat .wait').count()).toBe(0);
      await page.unroute(`${origins.api}/api/chat`);
    }
    await log().getByRole('button', { name: 'Try again' }).click();
    await page.locator('oma-chat .msg.err').waitFor({ state: 'detached' });
    await page.locator('oma-chat .wait').waitFor({ state: 'detached' });
    expect(await log().locator('.msg.me', { hasText: 'Who founded OMA SpecWorks?' }).count()).toBe(1);
  });

  it('clears the conversation on request, also after a reload', async () => {
    await page.getByRole('button', { name: 'Clear conversation' }).click();
    expect(await log().locator('.msg').count()).toBe(1); // the greeting
    await page.reload();
    await page.getByRole('log').getByText('Hello from the test site!').waitFor();
    expect(await log().getByText(/Launched in 2018/).count()).toBe(0);
  });

  it('had no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('the widget under a strict CSP, in dark mode, and on the demo page', () => {
  /** Pages record CSP violations in window.__csp (init scripts are not subject to the page's CSP). */
  async function freshPage(media: Parameters<Page['emulateMedia']>[0] = {}) {
    const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    watch(p);
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

  /** Contrast ratio of every text element in the widget against its nearest opaque background. */
  const contrasts = (p: Page) => p.evaluate(() => {
    const lum = (c: string) => {
      const [r, g, b] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
        const x = Number(v) / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const background = (el: Element | null): string => {
      for (let e = el; e; e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host ?? null)) {
        const c = getComputedStyle(e).backgroundColor;
        if (!/^rgba\(.*, 0\)$|transparent/.test(c)) return c;
      }
      return 'rgb(255, 255, 255)';
    };
    const root = document.querySelector('oma-chat')!.shadowRoot!;
    return Array.from(root.querySelectorAll('h2, p, a, li, label, button, input, .rate'))
      .filter((el) => el.textContent!.trim() || (el as HTMLInputElement).value)
      .map((el) => {
        const [a, b] = [lum(getComputedStyle(el).color), lum(background(el))];
        return { el: `${el.tagName.toLowerCase()}.${el.className} "${el.textContent!.trim().slice(0, 24)}"`, ratio: Math.round(((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)) * 100) / 100 };
      });
  });

  it('is styled and works on a host page whose CSP forbids inline styles', async () => {
    const p = await freshPage();
    await openAndAsk(p, `${origins.host}/strict`);
    expect(await accent(p)).toBe('rgb(11, 87, 208)');
    expect(await violations(p)).toEqual([]);
    await p.close();
  });

  it('meets WCAG AA contrast in light and dark schemes; dark follows prefers-color-scheme; motion respects prefers-reduced-motion', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const p = await freshPage({ colorScheme, reducedMotion: colorScheme === 'dark' ? 'reduce' : 'no-preference' });
      await openAndAsk(p, origins.host);
      await p.getByRole('textbox', { name: 'Type your question' }).fill('What are the membership fees?');
      await p.keyboard.press('Enter');
      await p.getByRole('textbox', { name: 'Email' }).waitFor();
      const all = await contrasts(p);
      expect(all.length).toBeGreaterThan(12); // title, bubbles, links, form labels, buttons, footer
      const low = all.filter((c) => c.ratio < 4.5);
      expect(low, colorScheme).toEqual([]);
      const panel = await p.getByRole('dialog').evaluate((d) => ({ bg: getComputedStyle(d).backgroundColor, animation: getComputedStyle(d).animationName }));
      expect(panel.bg).toBe(colorScheme === 'dark' ? 'rgb(28, 30, 33)' : 'rgb(255, 255, 255)');
      expect(panel.animation).toBe(colorScheme === 'dark' ? 'none' : 'oma-in');
      await p.close();
    }
  });

  it('runs on the service’s own demo page under its CSP', async () => {
    const p = await freshPage();
    await openAndAsk(p, `${origins.api}/`);
    expect(await accent(p)).toBe('rgb(11, 87, 208)');
    expect(await violations(p)).toEqual([]);
    await p.close();
  });

  it('had no page errors', () => {
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
