// Page addresses: a page file's path under pages/ becomes its address on the
// site the way the site's generator makes it, so a page copied verbatim from
// the site's content folder keeps its real address. Front matter `url` (a
// path or an absolute URL) or `slug` wins, as in Hugo and Jekyll.
import type { SiteSettings } from './schema.js';

export interface PageAddressInput {
  /** Path of the page file under pages/, with forward slashes ("about/team.md"). */
  path: string;
  url?: string;
  slug?: string;
}

/** The page's path on the site (starting with /), from its file path and front matter. */
export function pagePath({ path, url, slug }: PageAddressInput, rules: SiteSettings['urls']): string {
  if (url) return url;
  const parts = path
    .replace(/\.(md|markdown)$/i, '')
    .split('/')
    .filter(Boolean);
  const last = parts.at(-1) ?? '';
  // a/index.md and a/_index.md are the page of folder a.
  const isIndex = /^_?index$/i.test(last);
  if (isIndex) parts.pop();
  else if (slug) parts[parts.length - 1] = slug;
  const joined = parts.join('/');
  let out: string;
  if (rules.style === 'jekyll') out = isIndex || !joined ? `/${joined}${joined ? '/' : ''}` : `/${joined}.html`;
  else if (rules.style === 'plain') out = `/${joined}`;
  else out = joined ? `/${joined}${rules.trailingSlash ? '/' : ''}` : '/';
  return `${rules.prefix.replace(/\/+$/, '')}${out}`;
}

/** An absolute URL on the site for a path (absolute URLs and mailto: pass through). */
export function absoluteUrl(url: string, origin: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return new URL(url, `${origin}/`).toString();
}
