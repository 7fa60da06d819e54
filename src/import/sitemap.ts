// sitemap.xml → the page URLs it lists, following sitemap index files. A
// sitemap that cannot be read fails the whole source: a partial list would
// make the pages it misses look removed. A list longer than the cap is cut
// (and said so): the pages it leaves out are not taken for removed.
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DOMParser } from 'linkedom';
import { sameSite } from './address.js';
import type { PoliteFetcher } from './polite-fetch.js';

export interface Sitemap {
  kind: 'urlset' | 'sitemapindex';
  locs: string[];
}

export interface SitemapPages {
  urls: URL[];
  /** Why the list was cut short, when it was: the pages past the cap are neither read nor taken for removed. */
  truncated?: string;
}

/** Sitemap index files may nest; deeper than this is a loop or a mistake. */
const MAX_DEPTH = 3;

/**
 * A sitemap's size as text, after decompression, like the download cap
 * (polite-fetch's 10 MB): a gzip of spaces 1 000 times smaller than that
 * would otherwise inflate to gigabytes and crash the import.
 */
export const MAX_SITEMAP_BYTES = 10 * 1024 * 1024;

/**
 * Pages one sitemap source may list (index files and all): every listed page
 * is fetched and held until the import writes them, so the list is cut here,
 * before anything is fetched, to keep the import's memory bounded (a
 * 20 000-page sitemap took 480 MB).
 */
export const MAX_SITEMAP_PAGES = 5_000;

/** Sitemap files (the index and the sitemaps it lists) one source may fetch. */
export const MAX_SITEMAP_FILES = 50;

const MB = (bytes: number) => `${bytes / 1024 / 1024} MB`;

export function parseSitemap(xml: string, where: string): Sitemap {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const kind = doc.documentElement?.localName;
  if (kind !== 'urlset' && kind !== 'sitemapindex')
    throw new Error(`${where} is not a sitemap (its root element is <${kind ?? 'none'}>, not <urlset> or <sitemapindex>)`);
  const locs = Array.from(doc.getElementsByTagName('loc'), (el) => el.textContent?.trim() ?? '').filter(Boolean);
  return { kind, locs };
}

/**
 * A sitemap's text. Sitemaps may be served gzipped as files (sitemap.xml.gz),
 * which nothing decompresses on the way (no Content-Encoding), so the cap is
 * applied here too: zlib stops at maxOutputLength instead of inflating on.
 */
export function sitemapText(body: Buffer, where: string): string {
  if (body[0] !== 0x1f || body[1] !== 0x8b) {
    if (body.length > MAX_SITEMAP_BYTES) throw new Error(`${where} is larger than ${MB(MAX_SITEMAP_BYTES)}, the import's cap for a sitemap`);
    return body.toString('utf8');
  }
  try {
    return gunzipSync(body, { maxOutputLength: MAX_SITEMAP_BYTES }).toString('utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new Error(`${where} is larger than ${MB(MAX_SITEMAP_BYTES)} once decompressed, the import's cap for a sitemap`);
    throw new Error(`${where} is not valid gzip (${(err as Error).message})`);
  }
}

function readSitemapFile(file: string): string {
  // A gzipped file may be small and inflate to anything; sitemapText caps that.
  if (statSync(file).size > MAX_SITEMAP_BYTES) throw new Error(`${file} is larger than ${MB(MAX_SITEMAP_BYTES)}, the import's cap for a sitemap`);
  return sitemapText(readFileSync(file), file);
}

async function fetchSitemap(url: URL, fetcher: PoliteFetcher): Promise<string> {
  const res = await fetcher.get(url, { accept: 'application/xml,text/xml;q=0.9,*/*;q=0.1' });
  if (res.kind === 'ok') return sitemapText(res.body, `sitemap ${url}`);
  const why =
    res.kind === 'gone'
      ? `HTTP ${res.status}`
      : res.kind === 'failed'
        ? res.reason
        : res.kind === 'disallowed'
          ? 'disallowed by robots.txt'
          : res.kind === 'off-site'
            ? `redirected off the site to ${res.location}`
            : res.kind;
  throw new Error(`sitemap ${url} could not be read: ${why}`);
}

/**
 * The page URLs of a sitemap (a URL, or a local file whose entries are URLs),
 * in the order listed, without duplicates, at most MAX_SITEMAP_PAGES of them.
 * Entries of a fetched sitemap must be on its site, as the sitemap protocol
 * requires.
 */
export async function sitemapPageUrls(source: URL | string, fetcher: PoliteFetcher, log: (line: string) => void): Promise<SitemapPages> {
  const pages = new Map<string, URL>();
  const seen = new Set<string>();
  let listed = 0;
  let unread = 0;
  const visit = async (where: URL | string, xml: string, depth: number) => {
    const sitemap = parseSitemap(xml, where.toString());
    for (const loc of sitemap.locs) {
      let url: URL;
      try {
        url = new URL(loc);
      } catch {
        log(`  ${where}: skipped "${loc}" (not a URL)`);
        continue;
      }
      if (!/^https?:$/.test(url.protocol) || (where instanceof URL && !sameSite(url, where))) {
        log(`  ${where}: skipped ${loc} (not on the sitemap's site)`);
        continue;
      }
      url.hash = '';
      if (sitemap.kind === 'urlset') {
        if (pages.has(url.toString())) continue;
        listed++;
        if (pages.size < MAX_SITEMAP_PAGES) pages.set(url.toString(), url);
      } else if (!seen.has(url.toString())) {
        if (depth >= MAX_DEPTH) throw new Error(`${where}: sitemap index files nested deeper than ${MAX_DEPTH}`);
        seen.add(url.toString());
        // Past either cap the rest is not fetched at all: nothing more could be imported from it.
        if (pages.size >= MAX_SITEMAP_PAGES || seen.size > MAX_SITEMAP_FILES) unread++;
        else await visit(url, await fetchSitemap(url, fetcher), depth + 1);
      }
    }
  };
  if (source instanceof URL) {
    seen.add(source.toString());
    await visit(source, await fetchSitemap(source, fetcher), 0);
  } else {
    await visit(source, readSitemapFile(source), 0);
  }
  const urls = [...pages.values()];
  const cut = [
    listed > urls.length ? `lists ${listed} pages; only the first ${MAX_SITEMAP_PAGES} are imported (the import's cap per sitemap)` : '',
    unread > 0
      ? `${unread} of the sitemap files it lists ${unread === 1 ? 'was' : 'were'} not read (the import's caps: ${MAX_SITEMAP_PAGES} pages, ${MAX_SITEMAP_FILES} sitemap files per source)`
      : '',
  ].filter(Boolean);
  return cut.length ? { urls, truncated: `${cut.join('; ')}; pages an earlier import brought from the rest are kept as they are` } : { urls };
}
