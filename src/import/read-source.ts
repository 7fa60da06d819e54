// Reading one source into page files to write: a content folder's pages as
// they are, HTML pages (fetched, from a sitemap, or local files) converted to
// markdown. Nothing is written here; what is read is applied in one go.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SiteSettings } from '../knowledge/schema.js';
import { contentPages } from './content-folder.js';
import { canonicalUrl, htmlToMarkdown, MAX_NESTING, type ExtractedPage } from './html-to-markdown.js';
import { pageFileForPath, pageFileText } from './page-file.js';
import type { FetchResult, PoliteFetcher } from './polite-fetch.js';
import { sitemapPageUrls } from './sitemap.js';
import type { Source } from './sources.js';
import type { PageRecord } from './state.js';
import { siteSuffixes, withoutSiteSuffix } from './titles.js';

/** A page file to be written under pages/ (no bytes: a 304, the file stays as it is). */
export interface ReadPage {
  source: string;
  from: string;
  /** Path under pages/, forward slashes. */
  path: string;
  bytes?: Buffer;
  etag?: string;
  lastModified?: string;
}

export interface Problem {
  source: string;
  from: string;
  reason: string;
}

export interface SourceResult {
  pages: ReadPage[];
  /** Not imported, on purpose: robots.txt, a draft, not found, not HTML … */
  skipped: Problem[];
  /** Could not be read this time: the previous import's page is kept as it was. */
  failed: Problem[];
  /**
   * The source's list was cut short (a sitemap over the cap): pages an
   * earlier import brought from it and not read this time are kept.
   */
  partial?: boolean;
}

export interface ReadContext {
  knowledgeDir: string;
  site: SiteSettings;
  /** The previous import's pages, by where they were read from. */
  previous: Map<string, PageRecord>;
  fetcher: () => PoliteFetcher;
  log: (line: string) => void;
}

const empty = (): SourceResult => ({ pages: [], skipped: [], failed: [] });

export async function readSource(source: Source, ctx: ReadContext): Promise<SourceResult> {
  switch (source.kind) {
    case 'content-folder': {
      const { pages, skipped } = contentPages(source.dir);
      for (const s of skipped) ctx.log(`  skipped ${s.file}: ${s.reason}`);
      return {
        pages: pages.map((p) => ({ source: source.arg, from: p.file, path: p.path, bytes: p.bytes })),
        skipped: skipped.map((s) => ({ source: source.arg, from: s.file, reason: s.reason })),
        failed: [],
      };
    }
    case 'html-file':
      return readHtmlFile(source.arg, source.file, ctx);
    case 'page-url':
      return fetchPages(source.arg, [source.url], ctx);
    case 'sitemap-url':
    case 'sitemap-file': {
      const { urls, truncated } = await sitemapPageUrls(source.kind === 'sitemap-url' ? source.url : source.file, ctx.fetcher(), ctx.log);
      ctx.log(`  ${urls.length} page${urls.length === 1 ? '' : 's'} listed`);
      if (!truncated) return fetchPages(source.arg, urls, ctx);
      ctx.log(`  cut short: ${truncated}`);
      const result = await fetchPages(source.arg, urls, ctx);
      return { ...result, skipped: [{ source: source.arg, from: source.arg, reason: truncated }, ...result.skipped], partial: true };
    }
  }
}

/** An HTML page converted, its file not yet written (titles are settled once the source's pages are all in). */
type Converted = ExtractedPage & { path: string; pathOnSite: string };

/** An HTML page whose path on the site is `pathOnSite`, converted; none without main content. */
function htmlPage(html: string, pageUrl: URL, pathOnSite: string): Converted | undefined {
  const page = htmlToMarkdown(html, pageUrl);
  if (!page.markdown) return undefined;
  return { ...page, path: pageFileForPath(pathOnSite), pathOnSite };
}

/** The page file's bytes, its title without the site's name. */
function pageBytes(page: Converted, suffixes: Set<string>): Buffer {
  const title = withoutSiteSuffix(page.title, suffixes);
  return Buffer.from(pageFileText({ title, url: page.pathOnSite, ...(page.description ? { description: page.description } : {}) }, page.markdown));
}

const flattenedNote = `nested deeper than ${MAX_NESTING} elements: flattened to plain paragraphs below that depth`;

function decode(body: Buffer, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return body.toString('utf8');
  }
}

async function fetchPages(sourceArg: string, urls: URL[], ctx: ReadContext): Promise<SourceResult> {
  const result = empty();
  const fetcher = ctx.fetcher();
  // All at once: the fetcher keeps to its two requests at a time. Whatever
  // goes wrong with one page (a converter error, say) fails that page only,
  // never the source: its previous version is kept.
  const outcomes = await Promise.all(
    urls.map(async (url): Promise<PageFetch & { url: URL }> => {
      try {
        return { url, ...(await fetchPage(url, fetcher, ctx)) };
      } catch (err) {
        const problem = `could not be imported: ${(err as Error).message}`;
        ctx.log(`  ${url} ${problem} (the previous import's page is kept)`);
        return { url, problem, failed: true };
      }
    }),
  );
  const converted = outcomes.flatMap((o) => (o.page && 'title' in o.page ? [o.page] : []));
  const suffixes = siteSuffixes(
    converted.map((p) => p.title),
    [ctx.site.name, ...converted.map((p) => p.siteName)],
  );
  for (const { url, page, problem, failed } of outcomes) {
    const from = url.toString();
    if (page && 'title' in page) {
      const { etag, lastModified } = page;
      result.pages.push({
        source: sourceArg,
        from,
        path: page.path,
        bytes: pageBytes(page, suffixes),
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
      });
    } else if (page) result.pages.push({ source: sourceArg, from, ...page });
    else if (failed) result.failed.push({ source: sourceArg, from, reason: problem });
    else result.skipped.push({ source: sourceArg, from, reason: problem });
  }
  return result;
}

/** A page fetched: converted, or kept as it is (304). */
type Fetched = (Converted & { etag?: string; lastModified?: string }) | Omit<ReadPage, 'source' | 'from' | 'bytes'>;
type PageFetch = { page: Fetched; problem?: undefined; failed?: undefined } | { page?: undefined; problem: string; failed: boolean };

async function fetchPage(url: URL, fetcher: PoliteFetcher, ctx: ReadContext): Promise<PageFetch> {
  const before = ctx.previous.get(url.toString());
  // Validators only help while the page file they describe is still there.
  const usable = before && existsSync(join(ctx.knowledgeDir, before.file)) ? before : undefined;
  const res: FetchResult = await fetcher.get(url, {
    ...(usable?.etag ? { etag: usable.etag } : {}),
    ...(usable?.lastModified ? { lastModified: usable.lastModified } : {}),
  });
  const say = (what: string) => ctx.log(`  ${url} ${what}`);
  switch (res.kind) {
    case 'not-modified': {
      say('not modified (304): kept as it is');
      const path = usable!.file.replace(/^pages\//, '');
      return { page: { path, ...(usable!.etag ? { etag: usable!.etag } : {}), ...(usable!.lastModified ? { lastModified: usable!.lastModified } : {}) } };
    }
    case 'ok': {
      if (!/\b(text\/html|application\/xhtml\+xml)\b/i.test(res.contentType) && res.contentType) {
        say(`skipped: not an HTML page (${res.contentType})`);
        return { problem: `not an HTML page (${res.contentType})`, failed: false };
      }
      const page = htmlPage(decode(res.body, res.contentType), res.url, res.url.pathname);
      if (!page) {
        say('skipped: no main content found');
        return { problem: 'no main content found', failed: false };
      }
      say(`fetched → pages/${page.path}${page.flattened ? ` (${flattenedNote})` : ''}`);
      return { page: { ...page, ...(res.etag ? { etag: res.etag } : {}), ...(res.lastModified ? { lastModified: res.lastModified } : {}) } };
    }
    case 'gone':
      say(`skipped: HTTP ${res.status}`);
      return { problem: `HTTP ${res.status}`, failed: false };
    case 'disallowed':
      say('skipped: disallowed by robots.txt');
      return { problem: `disallowed by robots.txt (${res.url})`, failed: false };
    case 'off-site':
      say(`skipped: redirects off the site to ${res.location}`);
      return { problem: `redirects off the site to ${res.location}`, failed: false };
    case 'failed':
      say(`failed: ${res.reason} (the previous import's page is kept)`);
      return { problem: res.reason, failed: true };
  }
}

/**
 * A saved HTML page. Its address is its canonical link (or og:url); without
 * one it is guessed from the file name, and said so.
 */
function readHtmlFile(sourceArg: string, file: string, ctx: ReadContext): SourceResult {
  const html = readFileSync(file, 'utf8');
  const canonical = canonicalUrl(html);
  let pageUrl: URL;
  if (canonical) pageUrl = new URL(canonical, `${ctx.site.origin}/`);
  else {
    const name = basename(file).replace(/\.x?html?$/i, '');
    const path = name === 'index' ? `/${basename(dirname(file))}/` : `/${name}`;
    ctx.log(`  ${file} has no canonical link: its address is taken to be ${path}`);
    pageUrl = new URL(path, `${ctx.site.origin}/`);
  }
  const page = htmlPage(html, pageUrl, pageUrl.pathname);
  if (!page) return { ...empty(), skipped: [{ source: sourceArg, from: file, reason: 'no main content found' }] };
  ctx.log(`  ${file} → pages/${page.path}${page.flattened ? ` (${flattenedNote})` : ''}`);
  const bytes = pageBytes(page, siteSuffixes([], [ctx.site.name, page.siteName]));
  return { ...empty(), pages: [{ source: sourceArg, from: file, path: page.path, bytes }] };
}
