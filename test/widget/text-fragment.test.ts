// Source links land on the quoted sentence: the engine links each quote as
// `page#section:~:text=start,end` (withTextFragment in src/engine/compose.ts).
// Here real Chromium opens such a link, produced by the real engine for a
// real question, on a local copy of the page, and the quote must be scrolled
// into view and painted as the target text.
//
// Chromium only acts on a text directive for a browser-initiated navigation
// or one with a user gesture: Playwright's page.goto (CDP Page.navigate) is
// the first kind, the visitor's click on the widget's link (a new tab) the
// second; both are tested. Headless Chromium (156 here, `--headless`) needs no
// extra flag for either: launchChromium's flags are the ones every widget test
// uses.
import GithubSlugger from 'github-slugger';
import matter from 'gray-matter';
import { Marked } from 'marked';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../http/app-fixture.js';
import { firstQuote } from '../helpers/knowledge.js';
import { ask, freshPage, launchChromium, listen, startOrigins, type Watched } from './browser.js';

const QUESTION = 'Is the Open Mobile Alliance obliged to use my content?';
const QUOTE_START = 'Nothing contained herein shall be deemed';
const VIEWPORT = { width: 1000, height: 600 };
// Painted on the text a fragment targets; nothing else on the page has it.
const MARK = [255, 0, 255] as const;

/** knowledge/pages/omaspecworks/about.md as the site renders it: headings carry the ids ingest gives their sections (GitHub slugs). */
function aboutPage(): string {
  const { content, data } = matter(readFileSync('knowledge/pages/omaspecworks/about.md', 'utf8'));
  const slugger = new GithubSlugger();
  const marked = new Marked({
    renderer: {
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens);
        const text = inner
          .replace(/<[^>]+>/g, '')
          .replace(/&amp;/g, '&')
          .replace(/&#39;/g, "'")
          .replace(/&quot;/g, '"');
        return `<h${depth} id="${slugger.slug(text)}">${inner}</h${depth}>\n`;
      },
    },
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${String(data.title)} | OMA SpecWorks</title>
<style>
body{font:18px/1.6 Georgia,serif;margin:0}main{max-width:36rem;margin:0 auto;padding:1rem}
header{height:240px;background:#123;color:#fff;padding:1rem}
::target-text{background-color:rgb(${MARK.join(',')});color:#000}
</style></head><body><header>OMA SpecWorks — site navigation</header><main><h1>${String(data.title)}</h1>
${marked.parse(content) as string}</main></body></html>`;
}

let site: Server;
let html: string;
let origin: string;
let browser: Browser;
let link: string;
let opened: Watched[] = [];

beforeAll(async () => {
  html = aboutPage();
  site = createServer((req, res) => {
    const found = req.url === '/omaspecworks/about';
    res.writeHead(found ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(found ? html : 'not found');
  });
  origin = `http://127.0.0.1:${await listen(site, '127.0.0.1')}`;
  browser = await launchChromium();
  // The link exactly as the service sends it, moved to the local copy of the site.
  const engine = testEngine();
  // Quoted directly, or first among the choices: either way its source link.
  const reply = firstQuote(engine.ask(QUESTION));
  expect(reply?.answer).toContain(QUOTE_START);
  const url = reply!.sources[0]!.url;
  expect(url.startsWith(`${engine.index.site.origin}/omaspecworks/about#`)).toBe(true);
  expect(url).toContain(':~:text=');
  link = origin + url.slice(engine.index.site.origin.length);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => site?.close(done));
});

afterEach(async () => {
  const all = opened;
  opened = [];
  await Promise.all(all.map((w) => w.context.close()));
  expect(all.flatMap((w) => w.errors)).toEqual([]);
});

async function open(url: string): Promise<Page> {
  const w = await freshPage(browser, { viewport: VIEWPORT });
  opened.push(w);
  await w.page.goto(url);
  return w.page;
}

/** The quote is on screen, the page scrolled to it. */
async function inView(page: Page) {
  // The directive is acted on after load; wait for the scroll rather than racing it.
  await page.waitForFunction(() => scrollY > 0);
  const b = await quoteBox(page);
  expect(b.scrollY).toBeGreaterThan(0);
  expect(b.top).toBeGreaterThanOrEqual(0);
  expect(b.bottom).toBeLessThanOrEqual(b.height);
}

/** Where the quoted words are, relative to the viewport (the Range over them, not their long list item). */
const quoteBox = (page: Page) =>
  page.evaluate((start) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent!.indexOf(start);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + start.length);
      const r = range.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: innerHeight, width: innerWidth, scrollY };
    }
    throw new Error(`"${start}" is not on the page`);
  }, QUOTE_START);

/** Share of the quote's box painted in the ::target-text colour, read back from a screenshot. */
async function marked(page: Page): Promise<number> {
  const b = await quoteBox(page);
  const png = await page.screenshot({ clip: { x: b.left, y: b.top, width: b.right - b.left, height: b.bottom - b.top } });
  const reader = await browser.newPage();
  try {
    return await reader.evaluate(
      async ([data, mark]) => {
        const img = new Image();
        img.src = `data:image/png;base64,${data}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        [canvas.width, canvas.height] = [img.width, img.height];
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const px = ctx.getImageData(0, 0, img.width, img.height).data;
        let hits = 0;
        for (let i = 0; i < px.length; i += 4) if (mark.every((c, k) => Math.abs(px[i + k]! - c) < 40)) hits++;
        return hits / (px.length / 4);
      },
      [png.toString('base64'), MARK] as const,
    );
  } finally {
    await reader.close();
  }
}

describe('a source link with a text fragment', () => {
  it('starts below the fold on the page itself', async () => {
    const page = await open(`${origin}/omaspecworks/about`);
    const b = await quoteBox(page);
    expect(b.scrollY).toBe(0);
    expect(b.top).toBeGreaterThan(b.height);
  });

  it('scrolls the quoted sentence into view and highlights it', async () => {
    const page = await open(link);
    await inView(page);
    // Chromium exposes no script API for the match (and does not select it),
    // but paints it with ::target-text: the page's colour must be there.
    expect(await page.evaluate(() => 'fragmentDirective' in document)).toBe(true);
    expect(await marked(page)).toBeGreaterThan(0.2);
  });

  it('without the text directive only reaches the section heading, where the quote is still out of view', async () => {
    // The control: the section anchor alone would not have put the quote on screen.
    const page = await open(link.replace(/:~:.*$/, ''));
    await page.waitForFunction(() => scrollY > 0);
    const b = await quoteBox(page);
    expect(b.top).toBeGreaterThan(b.height);
    expect(await page.evaluate(() => location.hash)).toBe('#all-oma-members-operate-under-the-same-ipr-policy');
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('all-oma-members-operate-under-the-same-ipr-policy')!).display)).toBe('block');
  });

  it('does the same when the visitor clicks the source link in the widget (a new tab)', async () => {
    const origins = await startOrigins();
    try {
      const w = await freshPage(browser, { viewport: VIEWPORT });
      opened.push(w);
      // The site itself is not reachable from here: its address serves the local copy.
      await w.context.route('https://omaspecworks.org/**', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
      await w.page.goto(origins.host);
      await w.page.getByRole('button', { name: 'Open chat' }).click();
      await ask(w.page, QUESTION);
      // The answer's source, or the first choice's when the bot offers choices (all three may come from that section).
      const source = w.page
        .getByRole('log')
        .getByRole('link', { name: /All OMA members operate/ })
        .first();
      const [tab] = await Promise.all([w.context.waitForEvent('page'), source.click()]);
      await tab.waitForLoadState();
      expect(tab.url()).toContain(':~:text=');
      await inView(tab);
    } finally {
      await origins.close();
    }
  });
});
