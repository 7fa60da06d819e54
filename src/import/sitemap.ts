// sitemap.xml → the page URLs it lists, following sitemap index files. A
// sitemap that cannot be read fails the whole source: a partial list would
// make the pages it misses look removed.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DOMParser } from 'linkedom';
import { sameSite } from './address.js';
import type { PoliteFetcher } from './polite-fetch.js';

export interface Sitemap {
  kind: 'urlset' | 'sitemapindex';
  locs: string[];
}

/** Sitemap index files may nest; deeper than this is a loop or a mistake. */
const MAX_DEPTH = 3;

export function parseSitemap(xml: string, where: string): Sitemap {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const kind = doc.documentElement?.localName;
  if (kind !== 'urlset' && kind !== 'sitemapindex')
    throw new Error(`${where} is not a sitemap (its root element is <${kind ?? 'none'}>, not <urlset> or <sitemapindex>)`);
  const locs = Array.from(doc.getElementsByTagName('loc'), (el) => el.textContent?.trim() ?? '').filter(Boolean);
  return { kind, locs };
}

/** Sitemaps may be served gzipped as files (sitemap.xml.gz). */
const text = (body: Buffer) => (body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body).toString('utf8');

async function fetchSitemap(url: URL, fetcher: PoliteFetcher): Promise<string> {
  const res = await fetcher.get(url, { accept: 'application/xml,text/xml;q=0.9,*/*;q=0.1' });
  if (res.kind === 'ok') return text(res.body);
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
 * in the order listed, without duplicates. Entries of a fetched sitemap must
 * be on its site, as the sitemap protocol requires.
 */
export async function sitemapPageUrls(source: URL | string, fetcher: PoliteFetcher, log: (line: string) => void): Promise<URL[]> {
  const pages = new Map<string, URL>();
  const seen = new Set<string>();
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
        if (!pages.has(url.toString())) pages.set(url.toString(), url);
      } else if (!seen.has(url.toString())) {
        if (depth >= MAX_DEPTH) throw new Error(`${where}: sitemap index files nested deeper than ${MAX_DEPTH}`);
        seen.add(url.toString());
        await visit(url, await fetchSitemap(url, fetcher), depth + 1);
      }
    }
  };
  if (source instanceof URL) {
    seen.add(source.toString());
    await visit(source, await fetchSitemap(source, fetcher), 0);
  } else {
    await visit(source, text(readFileSync(source)), 0);
  }
  return [...pages.values()];
}
