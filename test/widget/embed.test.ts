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
  writeFileSync(
    messages,
    `${readFileSync(messages, 'utf8')}\nwidget:\n  send: Ask the library\n  open: Open the library chat\n  ask: What are you looking for?\n`,
  );
  [oma, library, browser] = await Promise.all([
    startOrigins(),
    startOrigins({ engine: createEngine(await buildIndex(loadKnowledge(libraryDir))) }),
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
const launcherStyle = (p: Page, name = 'Open chat') =>
  p.getByRole('button', { name }).evaluate((b) => {
    const s = getComputedStyle(b);
    const r = b.getBoundingClientRect();
    return { bg: s.backgroundColor, ink: s.color, x: r.x };
  });
/** Everything the widget's shadow root shows, as text. */
const widgetText = (p: Page) => p.evaluate(() => document.querySelector('faq-chat')!.shadowRoot!.querySelector('.w')!.textContent!);

describe('data- attributes', () => {
  it('data-title, data-greeting and data-helpdesk replace the service’s defaults', async () => {
    const { page } = await visit();
    await openAt(page, oma.host + q({ bare: '', 'data-title': 'Member help', 'data-greeting': 'Welcome, member!', 'data-helpdesk': 'desk@member.example' }));
    await page.getByRole('dialog', { name: 'Member help' }).waitFor();
    await log(page).getByText('Welcome, member!', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'desk@member.example' }).getAttribute('href')).toBe('mailto:desk@member.example');
    expect(await page.getByRole('link', { name: 'helpdesk@omaorg.org' }).count()).toBe(0);
  });

  it('data-accent colours the widget, with readable text on it; an invalid one is ignored with a console note', async () => {
    const dark = await visit();
    await openAt(dark.page, oma.host + q({ 'data-accent': '#0a6b3d' }));
    expect(await launcherStyle(dark.page)).toMatchObject({ bg: 'rgb(10, 107, 61)', ink: 'rgb(255, 255, 255)' });
    expect(await dark.page.getByRole('button', { name: 'Send' }).evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(10, 107, 61)');
    const light = await visit();
    await light.page.goto(oma.host + q({ 'data-accent': '#fd0' }));
    expect(await launcherStyle(light.page)).toMatchObject({ bg: 'rgb(255, 221, 0)', ink: 'rgb(27, 31, 36)' });
    const invalid = await visit();
    await invalid.page.goto(oma.host + q({ 'data-accent': 'red;background:url(x)' }));
    expect((await launcherStyle(invalid.page)).bg).toBe('rgb(11, 87, 208)');
    expect(invalid.notes).toEqual([expect.stringMatching(/data-accent must be #rgb or #rrggbb/)]);
  });

  it('data-position="left" puts the launcher and panel in the left corner (right by default)', async () => {
    const left = await visit();
    await openAt(left.page, oma.host + q({ 'data-position': 'left' }));
    expect((await launcherStyle(left.page)).x).toBeLessThan(100);
    expect((await left.page.getByRole('dialog').boundingBox())!.x).toBeLessThan(100);
    const right = await visit();
    await right.page.goto(oma.host);
    expect((await launcherStyle(right.page)).x).toBeGreaterThan(1100);
  });

  it('data-open="true" opens the panel on load without taking focus; FAQChat.close()/open() work', async () => {
    const { page } = await visit();
    await page.goto(oma.host + q({ 'data-open': 'true' }));
    await page.getByRole('dialog').waitFor();
    expect(await focused(page)).toBeNull();
    await page.evaluate(() => (window as unknown as { FAQChat: { close(): void } }).FAQChat.close());
    expect(await page.getByRole('dialog').isVisible()).toBe(false);
    await page.evaluate(() => (window as unknown as { FAQChat: { open(): void } }).FAQChat.open());
    expect(await page.getByRole('dialog').isVisible()).toBe(true);
    const closed = await visit();
    await closed.page.goto(oma.host);
    await closed.page.getByRole('button', { name: 'Open chat' }).waitFor();
    expect(await closed.page.getByRole('dialog').isVisible()).toBe(false);
  });
});

describe('defaults from GET /api/widget/config', () => {
  it('with no attributes the widget says what the service’s knowledge says (Riverside Library, not OMA)', async () => {
    const { page } = await visit();
    await page.goto(library.host + '?bare');
    await page.getByRole('button', { name: 'Open the library chat' }).click();
    await page.getByRole('dialog', { name: 'Riverside Library help' }).waitFor();
    await log(page)
      .getByText(/^Hi! Ask me about Riverside Library\./)
      .waitFor();
    expect(await page.getByRole('link', { name: 'desk@riverside-library.example' }).getAttribute('href')).toBe('mailto:desk@riverside-library.example');
    expect(await page.getByRole('button', { name: 'Ask the library' }).isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'What are you looking for?' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Clear' }).isVisible()).toBe(true); // not in its messages.yml: the default
    expect(await widgetText(page)).not.toMatch(/OMA/);
  });

  it('with the OMA knowledge, the OMA defaults', async () => {
    const { page } = await visit();
    await openAt(page, oma.host + '?bare');
    await page.getByRole('dialog', { name: 'OMA SpecWorks help' }).waitFor();
    await log(page)
      .getByText(/^Hi! Ask me about OMA SpecWorks\./)
      .waitFor();
    await page.getByRole('link', { name: 'helpdesk@omaorg.org' }).waitFor();
  });
});

describe('the load-twice guard', () => {
  it('two script tags give one widget and one console note', async () => {
    const w = await visit();
    await openAt(w.page, oma.host + '?twice');
    await ask(w.page, 'When was OMA SpecWorks launched?');
    await log(w.page)
      .getByText(/Launched in 2018/)
      .waitFor();
    expect(await w.page.locator('script[src$="/widget.js"]').count()).toBe(2);
    expect(await w.page.locator('faq-chat').count()).toBe(1);
    expect(w.notes).toEqual(['[faq chat] already loaded; ignoring a second copy']);
  });
});

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
    await log(w.page)
      .getByText(/Launched in 2018/)
      .waitFor();
  });
});

describe('error messages', () => {
  const chatFails = async (handler: (r: Route) => Promise<void>, message: RegExp, retry: boolean) => {
    const w = await visit();
    await openAt(w.page, oma.host);
    await w.page.route(`${oma.api}/api/chat`, handler);
    await ask(w.page, 'When was OMA SpecWorks launched?');
    await log(w.page).getByRole('alert').getByText(message).waitFor();
    expect(await w.page.locator('faq-chat .wait').count()).toBe(0); // never a stuck spinner
    expect(await log(w.page).getByRole('button', { name: 'Try again' }).count()).toBe(retry ? 1 : 0);
    return w;
  };

  it('429: asks the visitor to wait, offers a retry that asks again', async () => {
    const w = await chatFails(
      (r) => r.fulfill({ status: 429, contentType: 'application/json', body: '{"error":"Too many requests"}' }),
      /Please wait a few seconds/,
      true,
    );
    await w.page.unrouteAll();
    await log(w.page).getByRole('button', { name: 'Try again' }).click();
    await log(w.page)
      .getByText(/Launched in 2018/)
      .waitFor();
    expect(await log(w.page).getByRole('alert').count()).toBe(0);
    expect(await log(w.page).locator('.msg.me', { hasText: 'When was OMA SpecWorks launched?' }).count()).toBe(1);
  });

  it('5xx: something went wrong on our side', async () => {
    await chatFails((r) => r.fulfill({ status: 503, body: 'upstream gone' }), /went wrong on our side/, true);
  });

  it('no response while online (service unreachable): check your connection — not a refused origin', async () => {
    const w = await visit();
    await openAt(w.page, oma.host);
    await w.page.route(`${oma.api}/**`, (r) => r.abort('internetdisconnected'));
    await ask(w.page, 'Who founded OMA SpecWorks?');
    await log(w.page)
      .getByRole('alert')
      .getByText(/couldn't reach the assistant\. Check your connection/)
      .waitFor();
    expect(await log(w.page).getByRole('button', { name: 'Try again' }).count()).toBe(1);
    expect(w.notes).toEqual([]);
  });

  it('offline: check your connection', async () => {
    const w = await visit();
    await openAt(w.page, oma.host);
    await w.context.setOffline(true);
    await ask(w.page, 'Who founded OMA SpecWorks?');
    await log(w.page)
      .getByRole('alert')
      .getByText(/Check your connection/)
      .waitFor();
    expect(w.notes).toEqual([]);
  });

  /** Asks an unanswerable question; resolves with the escalation id once the helpdesk form is there. */
  async function escalate(page: Page): Promise<string> {
    const reply = page.waitForResponse((r) => r.url() === `${oma.api}/api/chat` && r.request().method() === 'POST');
    await ask(page, 'What are the membership fees?');
    const { escalationId } = (await (await reply).json()) as { escalationId: string };
    await log(page).getByRole('textbox', { name: 'Email' }).waitFor();
    return escalationId;
  }
  const submit = async (page: Page, email: string) => {
    await log(page).getByRole('textbox', { name: 'Email' }).fill(email);
    await log(page).getByRole('button', { name: 'Send to helpdesk' }).click();
  };

  it('contact form, 400 (the service refuses the address): check the address; the form stays', async () => {
    const { page } = await visit();
    await openAt(page, oma.host);
    await escalate(page);
    await submit(page, 'visitor@localhost'); // the browser's email check passes it; the service's does not
    await log(page)
      .getByRole('alert')
      .getByText(/check your e-mail address/)
      .waitFor();
    expect(await log(page).getByRole('textbox', { name: 'Email' }).inputValue()).toBe('visitor@localhost');
    expect(await log(page).getByRole('button', { name: 'Send to helpdesk' }).isEnabled()).toBe(true);
  });

  it('contact form, 409 (the helpdesk already closed the question): ask it again', async () => {
    const { page } = await visit();
    await openAt(page, oma.host);
    const id = await escalate(page);
    await oma.store.resolveEscalations([id]);
    await submit(page, 'visitor@example.com');
    await log(page).getByRole('alert').getByText('The helpdesk has already closed this question. Please ask it again to reach them.').waitFor();
    expect(
      await log(page)
        .getByText(/forwarded to the helpdesk/)
        .count(),
    ).toBe(0);
  });

  it('contact form, 429: wait a few seconds', async () => {
    const { page } = await visit();
    await openAt(page, oma.host);
    await escalate(page);
    await page.route(`${oma.api}/api/escalations/**`, (r) =>
      r.fulfill({ status: 429, contentType: 'application/json', body: '{"error":"Too many requests"}' }),
    );
    await submit(page, 'visitor@example.com');
    await log(page)
      .getByRole('alert')
      .getByText(/Please wait a few seconds/)
      .waitFor();
  });
});

describe('source links', () => {
  it('a javascript:, data: or vbscript: source never becomes a link; web and mail sources do', async () => {
    const { page } = await visit();
    await openAt(page, oma.host);
    const sources = [
      { title: 'Script', url: 'javascript:alert(1)' },
      { title: 'Script, disguised', url: ' JaVa\tScRiPt:alert(2)' },
      { title: 'Data', url: 'data:text/html,<script>alert(3)</script>' },
      { title: 'VBScript', url: 'vbscript:msgbox(4)' },
      { title: 'Web page', url: 'https://example.org/page#part:~:text=Hello' },
      { title: 'Mail', url: 'mailto:help@example.org' },
    ];
    await page.route(`${oma.api}/api/chat`, (r) =>
      r.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          conversationId: 'fixed-conversation',
          answer: 'Here are some sources.',
          sources,
          escalated: false,
          confidence: 1,
          suggestions: [],
        }),
      }),
    );
    await ask(page, 'Sources?');
    await log(page).getByText('Here are some sources.').waitFor();
    const hrefs = await page.evaluate(() =>
      Array.from(document.querySelector('faq-chat')!.shadowRoot!.querySelectorAll('[href]'), (a) => a.getAttribute('href')),
    );
    expect(hrefs.filter((h) => !/^(https:|mailto:)/.test(h!))).toEqual([]);
    const links = log(page).getByRole('list', { name: 'Sources' }).getByRole('link');
    expect(await links.allTextContents()).toEqual(['Web page', 'Mail']);
    expect(await links.first().getAttribute('href')).toBe('https://example.org/page#part:~:text=Hello');
    // The same after a reload, from sessionStorage.
    await page.reload();
    await log(page).getByText('Here are some sources.').waitFor();
    expect(await log(page).getByRole('list', { name: 'Sources' }).getByRole('link').allTextContents()).toEqual(['Web page', 'Mail']);
  });
});
