// "Not this one", as a visitor meets it: a thumbs-down on a quote answers with
// the other quotes to pick from (or, with nothing else to offer, the helpdesk),
// shown in the log as any reply. Real Chromium, a host site on another origin,
// the real service behind it, with ANSWER_THRESHOLD 0 (engine option
// threshold: 0) so the first reply is a direct quote. Two services: the OMA
// knowledge, where a thumbs-down has other quotes to offer, and the small
// library knowledge, where for some questions it has none.
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../src/contract.js';
import type { Engine } from '../../src/engine/engine.js';
import { engineFor, LIBRARY_KNOWLEDGE, SITE_KNOWLEDGE } from '../helpers/knowledge.js';
import { ask, axeWidget, focused, freshPage, launchChromium, settled, startOrigins, type Origins, type Watched } from './browser.js';

/**
 * What the service answers a thumbs-down on the direct quote to `question`
 * with (as the assistant's notThisOne works it out): 'choices', 'escalated',
 * or undefined when the question is not answered with a direct quote.
 */
function afterThumbsDown(engine: Engine, question: string) {
  const r = engine.ask(question, {});
  if (r.kind !== 'answer') return undefined;
  const found = engine.findQuote(r.answer.split(/(?<=[.!?])\s+|\s*…\s*/).find((x) => x.trim().length >= 8) ?? r.answer);
  if (!found) return undefined;
  const instead = engine.instead(question, found.passage.sentences[found.sentence]!.text, 0);
  return instead.escalated ? 'escalated' : instead.kind === 'choices' ? 'choices' : undefined;
}

const oma = engineFor(SITE_KNOWLEDGE, { threshold: 0 });
const library = engineFor(LIBRARY_KNOWLEDGE, { threshold: 0 });
const OTHERS = ['When was OMA SpecWorks launched?', 'Does OMA work on IoT?', 'What is LwM2M?'].find((q) => afterThumbsDown(oma, q) === 'choices');
const NOTHING_ELSE = ['When is story time?', 'What can I borrow?', 'When does the book club meet?'].find((q) => afterThumbsDown(library, q) === 'escalated');

let withOthers: Origins;
let withNothingElse: Origins;
let browser: Browser;
let opened: Watched[] = [];

beforeAll(async () => {
  expect(OTHERS, 'a question whose quote has others to offer instead').toBeDefined();
  expect(NOTHING_ELSE, 'a question whose quote has nothing to offer instead').toBeDefined();
  [withOthers, withNothingElse] = await Promise.all([startOrigins({ engine: oma }), startOrigins({ engine: library })]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([withOthers?.close(), withNothingElse?.close()]);
});

afterEach(async () => {
  const all = opened;
  opened = [];
  await Promise.all(all.map((w) => w.context.close()));
  expect(all.flatMap((w) => w.errors)).toEqual([]);
  expect(all.flatMap((w) => w.dialogs)).toEqual([]);
  expect(all.flatMap((w) => w.notes)).toEqual([]);
});

const BOX = 'Type your question…';
const THANKS = 'Thanks for your feedback.';
const log = (p: Page) => p.getByRole('log');
const offerList = (p: Page) =>
  log(p)
    .getByRole('list', { name: 'Possible answers' })
    .filter({ has: p.getByRole('button') });
const items = (p: Page) => offerList(p).locator(':scope > li');
const call = (api: string, path: string) => (r: Response) => r.url() === `${api}${path}` && r.request().method() === 'POST';
type Feedback = { ok: true; reply?: ChatResponse };

/** A fresh visitor on the host site, chat open, asking `question`: the direct quote it got. */
async function quoted(origins: Origins, question: string, colorScheme: 'light' | 'dark' = 'light') {
  const w = await freshPage(browser);
  opened.push(w);
  const page = w.page;
  await page.emulateMedia({ colorScheme });
  await page.goto(origins.host);
  await page.getByRole('button', { name: 'Open chat' }).click();
  const replied = page.waitForResponse(call(origins.api, '/api/chat'));
  await ask(page, question);
  const first = (await (await replied).json()) as ChatResponse;
  expect(first).toMatchObject({ escalated: false });
  expect(first.choices).toBeUndefined();
  await log(page).getByRole('button', { name: 'Not helpful' }).waitFor();
  await settled(page);
  return { page, first };
}

/** Presses thumbs-down on the quote: the service's answer, once the widget has shown it. */
async function thumbsDown(page: Page, origins: Origins): Promise<Feedback> {
  const answered = page.waitForResponse(call(origins.api, '/api/feedback'));
  await log(page).getByRole('button', { name: 'Not helpful' }).click();
  const response = await answered;
  expect([response.status(), response.request().postDataJSON()]).toEqual([201, { conversationId: expect.any(String), helpful: false }]);
  return (await response.json()) as Feedback;
}

describe('a thumbs-down on a quote', () => {
  it('shows the other quotes to pick from, focused and in the live log, after the thanks; a pick answers', async () => {
    const { page, first } = await quoted(withOthers, OTHERS!);
    const { reply } = await thumbsDown(page, withOthers);
    expect(reply).toMatchObject({ conversationId: first.conversationId, escalated: false });
    const choices = reply!.choices!;
    expect(choices.length).toBeGreaterThan(0);
    await offerList(page).waitFor();
    expect(await focused(page)).toBe('Possible answers');
    expect(await offerList(page).evaluate((el) => el.closest('[aria-live]')?.getAttribute('aria-live'))).toBe('polite');
    // The quote and its thanks stay as they were; the prompt and the other quotes follow, with their buttons.
    const bubbles = log(page).locator('.msg:not(.me)');
    expect(await bubbles.nth(-2).locator(':scope > p').first().textContent()).toBe(first.answer);
    expect(await bubbles.nth(-2).getByText(THANKS).count()).toBe(1);
    expect(await bubbles.last().locator(':scope > p').first().textContent()).toBe(reply!.answer);
    expect(await items(page).locator(':scope > p').allTextContents()).toEqual(choices.map((c) => c.answer));
    expect(await log(page).getByRole('button', { name: 'This one' }).count()).toBe(choices.length);
    await log(page).getByRole('button', { name: 'None of these — ask the team' }).waitFor();
    // Kept like any reply: still open after a reload.
    await page.reload();
    await offerList(page).waitFor();
    expect(await log(page).getByText(THANKS).count()).toBe(1);
    // Picked like any choices.
    const chosen = choices.at(-1)!;
    const picked = page.waitForResponse(call(withOthers.api, '/api/chat'));
    await items(page).last().getByRole('button', { name: 'This one' }).click();
    expect((await picked).request().postDataJSON()).toEqual({ conversationId: first.conversationId, choice: chosen.id });
    await log(page).getByRole('button', { name: 'Helpful', exact: true }).waitFor();
    await settled(page);
    expect(await log(page).getByRole('list', { name: 'Possible answers' }).count()).toBe(0);
    expect(await bubbles.last().locator(':scope > p').first().textContent()).toBe(chosen.answer);
    expect(await focused(page)).toBe(BOX);
  });

  it('with nothing else to offer, passes the question to the helpdesk: the escalation and its contact form', async () => {
    const { page, first } = await quoted(withNothingElse, NOTHING_ELSE!);
    const { reply } = await thumbsDown(page, withNothingElse);
    expect(reply).toMatchObject({ conversationId: first.conversationId, escalated: true, escalationId: expect.any(String) });
    expect(reply!.choices).toBeUndefined();
    const email = log(page).getByRole('textbox', { name: 'Email' });
    await email.waitFor();
    expect(await log(page).locator('.msg:not(.me)').last().locator(':scope > p').first().textContent()).toBe(reply!.answer);
    expect(await log(page).getByText(THANKS).count()).toBe(1);
    expect(await focused(page)).toBe(THANKS); // where the pressed button was; Tab goes on to the form
    for (const source of reply!.sources) {
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe(source.title);
    }
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.querySelector('faq-chat')!.shadowRoot!.activeElement?.getAttribute('type'))).toBe('email');
    await email.fill('visitor@example.com');
    await log(page).getByRole('button', { name: 'Send to helpdesk' }).click();
    await log(page)
      .getByText(/forwarded to the helpdesk.*visitor@example\.com/)
      .waitFor();
    expect(await withNothingElse.store.getEscalation(reply!.escalationId!)).toMatchObject({
      conversationId: first.conversationId,
      question: NOTHING_ELSE,
      status: 'forwarded',
      contact: { email: 'visitor@example.com' },
    });
  });

  it('a thumbs-up only thanks', async () => {
    const { page } = await quoted(withOthers, OTHERS!);
    const answered = page.waitForResponse(call(withOthers.api, '/api/feedback'));
    await log(page).getByRole('button', { name: 'Helpful', exact: true }).click();
    expect(await (await answered).json()).toEqual({ ok: true });
    await log(page).getByText(THANKS).waitFor();
    await page.waitForTimeout(200);
    expect(await log(page).locator('.msg:not(.me)').count()).toBe(2); // the greeting and the quote
    expect(await focused(page)).toBe(THANKS);
  });

  it('has no axe-core violations at WCAG 2.2 AA with the other quotes, or the contact form, shown, in light and dark schemes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [origins, question, shown] of [
        [withOthers, OTHERS!, (p: Page) => offerList(p).waitFor()],
        [withNothingElse, NOTHING_ELSE!, (p: Page) => log(p).getByRole('textbox', { name: 'Email' }).waitFor()],
      ] as const) {
        const { page } = await quoted(origins, question, colorScheme);
        await thumbsDown(page, origins);
        await shown(page);
        const report = await axeWidget(page);
        expect(report.violations, `${colorScheme}: ${question}`).toEqual([]);
        expect(report.checked, `${colorScheme}: ${question}`).toBeGreaterThan(10);
      }
    }
  });
});
