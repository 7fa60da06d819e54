// What a command-line source is: a content folder, a local HTML file or
// sitemap, or a URL of a sitemap or a page.
import { existsSync, statSync } from 'node:fs';

export type Source =
  | { kind: 'content-folder'; arg: string; dir: string }
  | { kind: 'html-file'; arg: string; file: string }
  | { kind: 'sitemap-file'; arg: string; file: string }
  | { kind: 'sitemap-url'; arg: string; url: URL }
  | { kind: 'page-url'; arg: string; url: URL };

const SITEMAP = /\.xml(\.gz)?$/i;
const HTML = /\.x?html?$/i;

export class SourceError extends Error {
  override name = 'SourceError';
}

export function classifySource(arg: string): Source {
  if (/^https?:\/\//i.test(arg)) {
    let url: URL;
    try {
      url = new URL(arg);
    } catch {
      throw new SourceError(`${arg} is not a valid URL`);
    }
    return SITEMAP.test(url.pathname) ? { kind: 'sitemap-url', arg, url } : { kind: 'page-url', arg, url };
  }
  if (!existsSync(arg)) throw new SourceError(`${arg}: no such folder or file (a source is a content folder, an .html file, a sitemap.xml, or an http(s) URL)`);
  if (statSync(arg).isDirectory()) return { kind: 'content-folder', arg, dir: arg };
  if (SITEMAP.test(arg)) return { kind: 'sitemap-file', arg, file: arg };
  if (HTML.test(arg)) return { kind: 'html-file', arg, file: arg };
  throw new SourceError(`${arg} is not a content folder, an .html file or a sitemap (.xml)`);
}

export function describeSource(source: Source): string {
  switch (source.kind) {
    case 'content-folder':
      return `content folder ${source.dir}`;
    case 'html-file':
      return `HTML file ${source.file}`;
    case 'sitemap-file':
      return `sitemap ${source.file}`;
    case 'sitemap-url':
      return `sitemap ${source.url}`;
    case 'page-url':
      return `page ${source.url}`;
  }
}
