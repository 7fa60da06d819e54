// An HTML page → its main content as markdown, the way the site's own source
// would have it: headings, paragraphs, lists and links kept; navigation,
// header, footer, sidebars and cookie banners dropped. Readability finds the
// article; turndown writes the markdown.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';
import { sameSite } from './address.js';

export interface ExtractedPage {
  title: string;
  /** The meta description, if the page has one. */
  description?: string;
  /** The site's name as the page gives it (og:site_name), for taking it off the title. */
  siteName?: string;
  markdown: string;
  /** Elements nested deeper than MAX_NESTING had their content flattened to paragraphs of text. */
  flattened?: boolean;
}

/**
 * How deep elements may nest before their content is flattened to plain
 * paragraphs. Readability and turndown walk the tree recursively, and 3 000
 * nested elements overflowed the stack and failed the whole source; real
 * pages nest a few dozen deep, and both libraries handle 2 000.
 */
export const MAX_NESTING = 200;

/**
 * Flattens what lies deeper than `max` elements: each element at that depth
 * keeps its text, as one paragraph per block (linkedom's innerText marks
 * blocks with line breaks), and loses its markup. Iterative throughout
 * (linkedom keeps the tree as a linked list, innerText walks it in a loop),
 * so no depth can overflow the stack here.
 */
function flattenDeepElements(document: Document, max: number): boolean {
  const root = document.documentElement;
  let flattened = false;
  let el: Element | null = root;
  let depth = 0;
  while (el) {
    if (depth >= max && el.firstElementChild) {
      const paragraphs = (el as HTMLElement).innerText
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      el.replaceChildren(
        ...paragraphs.map((text) => {
          const p = document.createElement('p');
          p.textContent = text;
          return p;
        }),
      );
      flattened = true;
    }
    const child: Element | null = depth < max ? el.firstElementChild : null;
    if (child) {
      el = child;
      depth++;
      continue;
    }
    while (el && el !== root && !el.nextElementSibling) {
      el = el.parentElement;
      depth--;
    }
    el = el && el !== root ? el.nextElementSibling : null;
  }
  return flattened;
}

/**
 * Page furniture removed before Readability looks: it scores text, and a
 * long cookie notice or a wordy footer can outscore a short page. Headers and
 * footers inside the article or main region are the article's own.
 */
const FURNITURE = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'form',
  'button',
  'dialog',
  'nav',
  'aside',
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="complementary"]',
  '[role="dialog"]',
  '[role="alertdialog"]',
  '[role="search"]',
  '[aria-hidden="true"]',
  '[hidden]',
].join(',');
const CONSENT = /cookie|consent|gdpr/i;

function removeFurniture(document: Document): void {
  for (const el of Array.from(document.querySelectorAll(FURNITURE))) el.remove();
  for (const el of Array.from(document.querySelectorAll('header, footer'))) {
    if (!el.parentElement?.closest('article, main, [role="main"]')) el.remove();
  }
  for (const el of Array.from(document.querySelectorAll('[id], [class]'))) {
    if (CONSENT.test(el.getAttribute('id') ?? '') || CONSENT.test(el.getAttribute('class') ?? '')) el.remove();
  }
}

/**
 * Links on the site become site paths ("/omaspecworks/about/ipr"), as the
 * site's markdown has them, so the knowledge loader resolves them against
 * site.yml's origin whichever host the page was fetched from; links
 * elsewhere become absolute. Empty targets stay empty (ingest reads them as
 * text), in-page #anchors stay as they are.
 */
function rewriteLinks(document: Document, pageUrl: URL): void {
  const rewrite = (el: Element, attr: string) => {
    const value = el.getAttribute(attr)?.trim();
    if (!value || value.startsWith('#')) return;
    let target: URL;
    try {
      target = new URL(value, pageUrl);
    } catch {
      return;
    }
    if (target.protocol === 'javascript:') el.removeAttribute(attr);
    else el.setAttribute(attr, sameSite(target, pageUrl) ? `${target.pathname}${target.search}${target.hash}` : target.toString());
  };
  for (const a of Array.from(document.querySelectorAll('a[href]'))) rewrite(a, 'href');
  for (const img of Array.from(document.querySelectorAll('img[src]'))) rewrite(img, 'src');
}

const meta = (document: Document, selector: string) => document.querySelector(selector)?.getAttribute('content')?.trim() || undefined;

function markdownOf(html: string): string {
  const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '*', codeBlockStyle: 'fenced', emDelimiter: '_' });
  return turndown.turndown(html).trim();
}

/** The page's own idea of its address: its canonical link, or og:url. */
export function canonicalUrl(html: string): string | undefined {
  const { document } = parseHTML(html) as unknown as { document: Document };
  return document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() || meta(document, 'meta[property="og:url"]');
}

export function htmlToMarkdown(html: string, pageUrl: URL): ExtractedPage {
  const { document } = parseHTML(html) as unknown as { document: Document };
  // First, before anything walks the tree recursively.
  const flattened = flattenDeepElements(document, MAX_NESTING);
  const description = meta(document, 'meta[name="description" i]');
  const siteName = meta(document, 'meta[property="og:site_name"]');
  const ogTitle = meta(document, 'meta[property="og:title"]');
  const documentTitle = document.querySelector('title')?.textContent?.trim();
  removeFurniture(document);
  rewriteLinks(document, pageUrl);
  const article = new Readability(document, { keepClasses: false }).parse();
  // Readability gives up on a very short page: its main region is then the content.
  const content = article?.content ?? (document.querySelector('main, article, [role="main"]') ?? document.body)?.innerHTML ?? '';
  const title = ogTitle || article?.title?.trim() || documentTitle || pageUrl.pathname;
  return {
    title,
    ...(description ? { description } : {}),
    ...(siteName ? { siteName } : {}),
    markdown: markdownOf(content),
    ...(flattened ? { flattened } : {}),
  };
}
