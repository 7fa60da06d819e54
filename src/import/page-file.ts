// Where a fetched page is written: pages/<its path on the site>.md, so the
// file tree reads like the site ("/omaspecworks/about/" → omaspecworks/about.md).
// The page's real address goes into its front matter `url`, which the loader
// prefers to the file path.
import { stringify } from 'yaml';

/** The page file (under pages/) for a path on the site. */
export function pageFileForPath(pathname: string): string {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // A malformed escape stays as it is; the sanitising below makes it safe.
  }
  const segments = path
    .replace(/\/index\.html?$/i, '/')
    .replace(/\.html?$/i, '')
    .split('/')
    // Only letters, digits, dot, dash and underscore in a file name; never "." or "..".
    .map((s) => s.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^\.+/, ''))
    .filter(Boolean);
  return segments.length === 0 ? 'index.md' : `${segments.join('/')}.md`;
}

export interface FrontMatter {
  title: string;
  /** The page's path on the site. */
  url: string;
  description?: string;
}

/** A page file's text: YAML front matter, then the markdown. */
export function pageFileText(front: FrontMatter, markdown: string): string {
  const data: Record<string, string> = { title: front.title, url: front.url };
  if (front.description) data.description = front.description;
  return `---\n${stringify(data, { lineWidth: 0 })}---\n\n${markdown.trim()}\n`;
}
