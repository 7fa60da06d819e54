// Real Chromium for the widget tests (Debian's package, as .ci/run installs),
// plus the origins an embedding involves: the service (API + widget.js), a
// host site that embeds it with one script tag and is listed in
// ALLOWED_ORIGINS, and a stranger site that embeds it without being listed.
import { serve } from '@hono/node-server';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, chromiumProblem } from '../../scripts/prereqs.mjs';
import { createApp } from '../../src/app.js';
import type { AppConfig } from '../../src/config.js';
import type { Engine } from '../../src/engine/engine.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { testEngine } from '../http/app-fixture.js';

/**
 * Chromium at CHROMIUM_PATH or /usr/bin/chromium. Missing, the widget tests
 * fail — never skip — with one line saying what to install (the same line
 * `npm test` stops with before running anything: scripts/prereqs.mjs).
 */
export async function launchChromium(): Promise<Browser> {
  const problem = chromiumProblem();
  if (problem) throw new Error(problem);
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export const listen = (server: Server, host: string) =>
  new Promise<number>((done) => {
    server.listen(0, host, () => done((server.address() as AddressInfo).port));
  });

/** The attributes the host page's tag has unless the URL says `?bare`. */
export const HOST_ATTRIBUTES = { 'data-title': 'Ask OMA SpecWorks', 'data-greeting': 'Hello from the test site!' };

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A host site's page: hostile global CSS and one script tag. The URL shapes
 * it: /strict adds a strict CSP; `?bare` drops the default data- attributes;
 * any `data-…=` query parameter is put on the tag; `?twice` adds a second tag.
 */
export function hostPage(api: string, url: URL) {
  const strict = url.pathname === '/strict';
  const csp = strict
    ? `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${api}; connect-src ${api}; style-src 'nonce-h'">`
    : '';
  const attrs: Record<string, string> = url.searchParams.has('bare') ? {} : { ...HOST_ATTRIBUTES };
  for (const [k, v] of url.searchParams) if (k.startsWith('data-')) attrs[k] = v;
  const tag = `<script src="${api}/widget.js" async${Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${attr(v)}"`)
    .join('')}></script>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${csp}
<title>A member's site</title>
<style nonce="h">*{font-size:30px!important;font-family:serif!important}button{background:red!important;color:yellow!important}p{display:none}</style>
</head><body><h1>A member's site</h1><a href="/other">Another page</a>
${tag}${url.searchParams.has('twice') ? tag : ''}
</body></html>`;
}

export interface Origins {
  /** The service: API and widget.js. */
  api: string;
  /** A site listed in ALLOWED_ORIGINS. */
  host: string;
  /** A site not listed: the service refuses its origin. */
  stranger: string;
  store: Store;
  close(): Promise<void>;
}

/**
 * Service on 127.0.0.1, host and stranger sites on localhost (other ports):
 * three origins. The service runs the real engine (the OMA knowledge unless
 * another engine is given) over an in-memory store.
 */
export async function startOrigins(opts: { engine?: Engine; config?: Partial<AppConfig> } = {}): Promise<Origins> {
  let api = '';
  const site = () =>
    createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(hostPage(api, new URL(req.url ?? '/', 'http://x')));
    });
  const [hostSite, strangerSite] = [site(), site()];
  const host = `http://localhost:${await listen(hostSite, 'localhost')}`;
  const stranger = `http://localhost:${await listen(strangerSite, 'localhost')}`;
  const store = openSqliteStore(':memory:');
  const app = createApp({
    engine: opts.engine ?? testEngine(),
    store,
    // Limits are tested on their own; these tests are all one unknown client.
    config: { allowedOrigins: [host], rateLimitPerMinute: 0, loginAttemptsPerMinute: 0, openQuestionsPerClient: 0, ...opts.config },
    log: () => {},
  });
  const service = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as unknown as Server;
  const apiPort = await new Promise<number>((done) => {
    const port = () => (service.address() as AddressInfo | null)?.port;
    if (port()) done(port()!);
    else service.once('listening', () => done(port()!));
  });
  api = `http://127.0.0.1:${apiPort}`;
  return {
    api,
    host,
    stranger,
    store,
    close: async () => {
      await Promise.all(
        [hostSite, strangerSite, service].map(
          (s) =>
            new Promise((done) => {
              s.closeAllConnections?.();
              s.close(done);
            }),
        ),
      );
    },
  };
}

/** What a page did that a test may check: uncaught errors, alert()s, the widget's console lines. */
export interface Watched {
  page: Page;
  context: BrowserContext;
  errors: string[];
  dialogs: string[];
  notes: string[];
}

/** A fresh context (own storage) and page, watched. */
export async function freshPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  context.setDefaultTimeout(15_000); // fail with what was awaited, before the test's own timeout
  const page = await context.newPage();
  const w: Watched = { page, context, errors: [], dialogs: [], notes: [] };
  page.on('pageerror', (e) => w.errors.push(e.message));
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.text().startsWith('[faq chat]')) w.notes.push(m.text());
  });
  return w;
}

/** aria-label (or text) of the element focused inside the widget, if focus is in it. */
export const focused = (p: Page) =>
  p.evaluate(() => {
    const active = document.activeElement?.tagName === 'FAQ-CHAT' ? document.activeElement.shadowRoot?.activeElement : null;
    return active ? (active.getAttribute('aria-label') ?? active.textContent) : null;
  });

/** Types a question into the open widget and sends it with Enter (the box named by the service's texts unless `name`). */
export async function ask(p: Page, text: string, name = 'Type your question…') {
  const box = p.getByRole('textbox', { name });
  await box.fill(text);
  await box.press('Enter');
}

/** Opens the page, opens the chat, asks the launch-date question and waits for the quote. */
export async function openAndAsk(p: Page, url: string) {
  await p.goto(url);
  await p.getByRole('button', { name: 'Open chat' }).click();
  await ask(p, 'When was OMA SpecWorks launched?');
  await p
    .getByRole('log')
    .getByText(/Launched in 2018/)
    .waitFor();
}

/** Waits until no reply is pending. */
export const settled = (p: Page) => p.locator('faq-chat .wait').waitFor({ state: 'detached' });

const ARTEFACTS = 'test-results/widget';

/** Saves a screenshot to test-results/widget/; `UPDATE_SCREENSHOTS=1 npx vitest run test/widget` refreshes the README's copy in docs/screenshots/. */
export async function shot(p: Page, name: string) {
  mkdirSync(ARTEFACTS, { recursive: true });
  await p.screenshot({ path: `${ARTEFACTS}/${name}.png`, animations: 'disabled' });
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync('docs/screenshots', { recursive: true });
    copyFileSync(`${ARTEFACTS}/${name}.png`, `docs/screenshots/${name}.png`);
  }
}

/** Contrast ratio of every text element in the widget against its nearest opaque background. */
export const contrasts = (p: Page) =>
  p.evaluate(() => {
    const lum = (c: string) => {
      const [r, g, b] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
        const x = Number(v) / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const background = (el: Element | null): string => {
      for (let e = el; e; e = e.parentElement ?? (e.getRootNode() as ShadowRoot).host ?? null) {
        const c = getComputedStyle(e).backgroundColor;
        if (!/^rgba\(.*, 0\)$|transparent/.test(c)) return c;
      }
      return 'rgb(255, 255, 255)';
    };
    const root = document.querySelector('faq-chat')!.shadowRoot!;
    return Array.from(root.querySelectorAll('h2, p, a, li, label, button, input, .rate'))
      .filter((el) => el.textContent!.trim() || (el as HTMLInputElement).value)
      .map((el) => {
        const [a, b] = [lum(getComputedStyle(el).color), lum(background(el))];
        return {
          el: `${el.tagName.toLowerCase()}.${el.className} "${el.textContent!.trim().slice(0, 24)}"`,
          ratio: Math.round(((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)) * 100) / 100,
        };
      });
  });

/** The WCAG 2.2 AA rule set: the success criteria of levels A and AA in WCAG 2.0, 2.1 and 2.2. */
export const WCAG22AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A rule axe-core found broken, with each element it failed on: where (host, then path in its shadow root), what, and why. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; why: string }[];
}

export interface AxeReport {
  violations: AxeViolation[];
  /** Rules that could not decide on an element (id and target): for a person to check, not failures. */
  incomplete: string[];
  /** How many elements inside the widget's shadow root some rule checked and passed: proof axe looked inside. */
  checked: number;
}

let axeSource: string | undefined;

/**
 * Runs axe-core (a devDependency: missing, this throws rather than skips) on
 * the widget — the faq-chat element and its open shadow root, which axe
 * walks — at WCAG 2.2 AA, once its animations have ended. Injected with evaluate, not a script tag, so a
 * page's strict CSP does not block it; a second run on the page reuses it.
 */
export async function axeWidget(p: Page, tags: string[] = WCAG22AA): Promise<AxeReport> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(axeSource);
  // Colours mid-transition (the panel fades in) are not what a visitor reads: let finite animations end first.
  await p.evaluate(() =>
    Promise.all(
      (document.querySelector('faq-chat')?.shadowRoot?.getAnimations() ?? [])
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => {})),
    ),
  );
  return p.evaluate(async (values) => {
    interface Result {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: unknown[]; html: string; failureSummary?: string }[];
    }
    const { axe } = window as unknown as {
      axe: { run(c: unknown, o: unknown): Promise<{ violations: Result[]; incomplete: Result[]; passes: Result[] }> };
    };
    const r = await axe.run({ include: [['faq-chat']] }, { runOnly: { type: 'tag', values }, resultTypes: ['violations', 'incomplete', 'passes'] });
    const where = (t: unknown[]) => t.map((x) => (Array.isArray(x) ? x.join(' >>> ') : String(x))).join(' | ');
    return {
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: where(n.target), html: n.html, why: n.failureSummary ?? '' })),
      })),
      incomplete: r.incomplete.flatMap((v) => v.nodes.map((n) => `${v.id}: ${where(n.target)}`)),
      checked: new Set(r.passes.flatMap((v) => v.nodes.filter((n) => Array.isArray(n.target[0]) && n.target[0].length > 1).map((n) => where(n.target)))).size,
    };
  }, tags);
}
