// Quotes to pick from, as a visitor meets them: real Chromium, a host site on
// another origin, the real service behind it. The service runs with
// ANSWER_THRESHOLD 1 and CHOICE_THRESHOLD 0 (engine options threshold: 1,
// choiceThreshold: 0), so every answerable question is answered with choices,
// whatever the fitted model says. Every test has its own browser context.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../src/contract.js';
import { engineFor, SITE_KNOWLEDGE } from '../helpers/knowledge.js';
import { ask, axeWidget, contrasts, focused, freshPage, launchChromium, settled, shot, startOrigins, type Origins, type Watched } from './browser.js';

let origins: Origins;
let browser: Browser;
let opened: Watched[] = [];

const engine = engineFor(SITE_KNOWLEDGE, { threshold: 1, choiceThreshold: 0 });
// A question worded as the knowledge's author (or staff) wrote it for a
// sentence is still quoted directly, so the questions are the first two of
// these that this knowledge answers with choices.
const [FIRST, SECOND] = [
  'When was OMA SpecWorks launched?',
  'Who can join OMA SpecWorks?',
  'What is LwM2M?',
  'what kinds of technology do the working groups cover',
  'tell me about the IPSO alliance merger',
].filter((q) => engine.ask(q, {}).kind === 'choices') as [string, string];

beforeAll(async () => {
  expect(SECOND, 'two of the questions should get choices').toBeDefined();
  origins = await startOrigins({ engine });
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

const BOX = 'Type your question…';
const NONE = 'None of these — ask the team';
const log = (p: Page) => p.getByRole('log');
/** The open offer: the list of quotes that still has buttons. */
const offerList = (p: Page) =>
  log(p)
    .getByRole('list', { name: 'Possible answers' })
    .filter({ has: p.getByRole('button') });
const items = (p: Page) => offerList(p).locator(':scope > li');
const chatCall = (api: string) => (r: Request) => r.url() === `${api}/api/chat` && r.method() === 'POST';
type Offer = ChatResponse & { choices: NonNullable<ChatResponse['choices']> };

/** Asks a question (as typed into the open widget) and returns the service's reply: quotes to pick from. */
async function offered(p: Page, question: string): Promise<Offer> {
  const reply = p.waitForResponse((r) => chatCall(origins.api)(r.request()));
  await ask(p, question);
  const body = (await (await reply).json()) as ChatResponse;
  expect(body.choices?.length, `${question} should be offered choices`).toBeGreaterThan(0);
  await offerList(p).waitFor();
  return body as Offer;
}

async function openChat(p: Page) {
  await p.goto(origins.host);
  await p.getByRole('button', { name: 'Open chat' }).click();
}

/** Whether every pick button is disabled (true), enabled (false) or mixed. */
const pickButtons = (p: Page) =>
  log(p)
    .getByRole('button', { name: /^(This one|None of these — ask the team)$/ })
    .evaluateAll((bs) => [...new Set(bs.map((b) => (b as HTMLButtonElement).disabled))]);

/** Text and link targets of the bubble the reply is shown in. */
const lastReply = (p: Page) =>
  log(p)
    .locator('.msg:not(.me)')
    .last()
    .evaluate((m) => ({ text: m.querySelector('p')!.textContent, links: Array.from(m.querySelectorAll('a')).map((a) => a.getAttribute('href')) }));

describe('quotes to pick from', () => {
  it('are a named list in the live log, each quote with its source links and a button described by it, then "none"; focus moves to the list', async () => {
    const page = await visit();
    await openChat(page);
    const reply = await offered(page, FIRST);
    expect(reply).toMatchObject({ escalated: false, sources: [], suggestions: [] });
    expect(await log(page).getByText(reply.answer).count()).toBe(1); // the prompt
    expect(await focused(page)).toBe('Possible answers');
    // Announced as answers are: the list is added inside the polite live log.
    expect(await offerList(page).evaluate((el) => el.closest('[aria-live]')?.getAttribute('aria-live'))).toBe('polite');
    expect(await items(page).count()).toBe(reply.choices.length);
    for (const [i, c] of reply.choices.entries()) {
      const item = items(page).nth(i);
      expect(await item.locator(':scope > p').textContent()).toBe(c.answer);
      const hrefs = await item.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs).toEqual(c.sources.map((s) => new URL(s.url).href));
      const button = item.getByRole('button', { name: 'This one', exact: true });
      const description = await button.evaluate((b) => (b.getRootNode() as ShadowRoot).getElementById(b.getAttribute('aria-describedby')!)?.textContent);
      expect(description).toBe(c.answer);
    }
    await log(page).getByRole('button', { name: NONE }).waitFor();
    expect(await log(page).getByRole('button', { name: 'Helpful', exact: true }).count()).toBe(0); // no thumbs on the question back
  });

  it('picking one shows it as the answer, with its sources and thumbs; buttons are disabled while the pick is in flight', async () => {
    const page = await visit();
    await openChat(page);
    const reply = await offered(page, FIRST);
    const chosen = reply.choices[reply.choices.length - 1]!;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await page.route(
      `${origins.api}/api/chat`,
      async (r) => {
        await gate;
        await r.continue();
      },
      { times: 1 },
    );
    const sent = page.waitForRequest(chatCall(origins.api));
    await items(page)
      .nth(reply.choices.length - 1)
      .getByRole('button', { name: 'This one' })
      .click();
    expect((await sent).postDataJSON()).toEqual({ conversationId: reply.conversationId, choice: chosen.id });
    await log(page).locator('.wait').waitFor();
    expect(await pickButtons(page)).toEqual([true]); // no second pick can be sent
    release();
    await log(page).getByRole('button', { name: 'Helpful', exact: true }).waitFor();
    await settled(page);
    // The offer (prompt and list) is replaced by the answer picked.
    expect(await log(page).getByRole('list', { name: 'Possible answers' }).count()).toBe(0);
    expect(await log(page).getByText(reply.answer).count()).toBe(0);
    expect(await lastReply(page)).toEqual({ text: chosen.answer, links: chosen.sources.map((s) => new URL(s.url).href) });
    expect(await focused(page)).toBe(BOX);
    const feedback = page.waitForRequest((r) => r.url() === `${origins.api}/api/feedback`);
    await log(page).getByRole('button', { name: 'Helpful', exact: true }).click();
    expect((await feedback).postDataJSON()).toEqual({ conversationId: reply.conversationId, helpful: true });
    await log(page).getByText('Thanks for your feedback.').waitFor();
  });

  it('"None of these" asks the team: the escalation and its contact form, which takes an address', async () => {
    const page = await visit();
    await openChat(page);
    const reply = await offered(page, SECOND);
    const sent = page.waitForRequest(chatCall(origins.api));
    await log(page).getByRole('button', { name: NONE }).click();
    expect((await sent).postDataJSON()).toEqual({ conversationId: reply.conversationId, choice: 'none' });
    const email = log(page).getByRole('textbox', { name: 'Email' });
    await email.waitFor();
    expect(await focused(page)).toBe(BOX);
    expect(await log(page).getByRole('list', { name: 'Possible answers' }).count()).toBe(0);
    expect((await lastReply(page)).text).toMatch(/passing your question to the helpdesk/);
    expect(await log(page).getByRole('button', { name: 'Helpful', exact: true }).count()).toBe(0);
    await email.fill('visitor@example.com');
    await log(page).getByRole('button', { name: 'Send to helpdesk' }).click();
    await log(page)
      .getByText(/forwarded to the helpdesk.*visitor@example\.com/)
      .waitFor();
  });

  it('by keyboard: focus lands on the list, Tab reaches every button with a visible focus ring, Enter picks', async () => {
    const page = await visit();
    await page.goto(origins.host);
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    for (let i = 0; i < 10 && (await focused(page)) !== 'Open chat'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe(BOX);
    const replied = page.waitForResponse((r) => chatCall(origins.api)(r.request()));
    await page.keyboard.type(FIRST);
    await page.keyboard.press('Enter');
    const reply = (await (await replied).json()) as Offer;
    await offerList(page).waitFor();
    expect(await focused(page)).toBe('Possible answers');
    const ring = () =>
      page.evaluate(() => {
        const el = document.querySelector('faq-chat')!.shadowRoot!.activeElement!;
        const s = getComputedStyle(el);
        return el.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      });
    expect(await ring()).toBe(true);
    const reached: string[] = [];
    for (let i = 0; i < 20 && reached.at(-1) !== NONE; i++) {
      await page.keyboard.press('Tab');
      reached.push((await focused(page))!);
      expect(await ring(), reached.at(-1)).toBe(true);
    }
    // Each quote's source links, then its button; then "none".
    const expected = reply.choices.flatMap((c) => [...c.sources.map((s) => s.title), 'This one']);
    expect(reached).toEqual([...expected, NONE]);
    await page.keyboard.press('Shift+Tab'); // back to the last quote's button
    expect(await focused(page)).toBe('This one');
    await page.keyboard.press('Enter');
    await log(page).getByRole('button', { name: 'Helpful', exact: true }).waitFor();
    expect((await lastReply(page)).text).toBe(reply.choices.at(-1)!.answer);
    expect(await focused(page)).toBe(BOX);
  });

  it('an offer still open is offered again after a reload (without taking focus); one passed over by a new question keeps its quotes, without buttons', async () => {
    const page = await visit();
    await openChat(page);
    const first = await offered(page, FIRST);
    await page.reload();
    await offerList(page).waitFor();
    expect(await focused(page)).toBeNull();
    expect(await items(page).count()).toBe(first.choices.length);
    expect(await pickButtons(page)).toEqual([false]);
    // A new question closes the earlier offer: its quotes stay as they were said, without buttons.
    const second = await offered(page, SECOND);
    for (const again of [false, true]) {
      if (again) await page.reload();
      await offerList(page).waitFor();
      const lists = log(page).getByRole('list', { name: 'Possible answers' });
      expect(await lists.count()).toBe(2);
      expect(await lists.first().getByRole('button').count()).toBe(0);
      expect(await lists.first().locator(':scope > li > p').allTextContents()).toEqual(first.choices.map((c) => c.answer));
      expect(await log(page).getByRole('button', { name: 'This one' }).count()).toBe(second.choices.length);
    }
    // The reloaded offer still picks.
    await items(page).first().getByRole('button', { name: 'This one' }).click();
    await log(page).getByRole('button', { name: 'Helpful', exact: true }).waitFor();
    expect((await lastReply(page)).text).toBe(second.choices[0]!.answer);
    await page.reload();
    await log(page).getByRole('button', { name: 'Helpful', exact: true }).waitFor();
    expect(await log(page).getByRole('button', { name: 'This one' }).count()).toBe(0);
  });

  it('a pick the service refuses (the offer was already answered elsewhere) is shown like other refusals; the buttons work again', async () => {
    const page = await visit();
    await openChat(page);
    const reply = await offered(page, FIRST);
    // The same conversation answered the offer first (another tab, say).
    const elsewhere = await fetch(`${origins.api}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: reply.conversationId, choice: reply.choices[0]!.id }),
    });
    expect(elsewhere.status).toBe(200);
    await items(page).first().getByRole('button', { name: 'This one' }).click();
    const alert = log(page).getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/no choices are open|no longer open/i);
    expect(await pickButtons(page)).toEqual([false]);
    expect(await focused(page)).toBe('This one');
    // Asking again clears the refusal.
    await ask(page, FIRST);
    await settled(page);
    expect(await log(page).getByRole('alert').count()).toBe(0);
  });

  it('meets WCAG AA contrast in light and dark schemes, and fits a 360 px phone', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await visit();
      await page.emulateMedia({ colorScheme });
      await openChat(page);
      await offered(page, FIRST);
      const low = (await contrasts(page)).filter((c) => c.ratio < 4.5);
      expect(low, colorScheme).toEqual([]);
    }
    const phone = await visit({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await openChat(phone);
    await offered(phone, FIRST);
    expect(await log(phone).evaluate((l) => l.scrollWidth <= l.clientWidth)).toBe(true);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('has no axe-core violations at WCAG 2.2 AA while offering quotes, in light and dark schemes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await visit();
      await page.emulateMedia({ colorScheme });
      await openChat(page);
      await offered(page, FIRST);
      const report = await axeWidget(page);
      expect(report.violations, colorScheme).toEqual([]);
      // It looked inside the shadow root: the panel, the list, its links and buttons.
      expect(report.checked, colorScheme).toBeGreaterThan(10);
    }
  });

  it('saves a screenshot of the offered quotes at desktop width', async () => {
    const page = await visit();
    await openChat(page);
    await offered(page, FIRST);
    await shot(page, 'widget-choices');
  });
});
