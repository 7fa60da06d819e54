// Where a fetched page is written: pages/<its path on the site>.md, so the
// file tree reads like the site ("/omaspecworks/about/" → omaspecworks/about.md).
// The page's real address goes into its front matter `url`, which the loader
// prefers to the file path.
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';

/**
 * A file name's longest part from one path segment, in UTF-8 bytes: file
 * systems refuse names over 255 bytes (ENAMETOOLONG), and ".md" and the
 * writer's temporary suffixes need room too.
 */
export const MAX_SEGMENT_BYTES = 120;
/** Folders deep a page file may be; the rest of a longer path becomes one (shortened) name. */
export const MAX_SEGMENTS = 20;

/**
 * A segment within MAX_SEGMENT_BYTES: longer ones keep their start and end
 * with a hash of the whole, so two long addresses that share a start still
 * get two files.
 */
function shortened(segment: string): string {
  if (Buffer.byteLength(segment) <= MAX_SEGMENT_BYTES) return segment;
  const hash = createHash('sha256').update(segment).digest('hex').slice(0, 12);
  let head = '';
  // Whole code points only, so a multi-byte letter is never cut in half.
  for (const ch of segment) {
    if (Buffer.byteLength(head + ch) > MAX_SEGMENT_BYTES - hash.length - 1) break;
    head += ch;
  }
  return `${head}-${hash}`;
}

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
  if (segments.length > MAX_SEGMENTS) segments.splice(MAX_SEGMENTS - 1, Infinity, segments.slice(MAX_SEGMENTS - 1).join('-'));
  return segments.length === 0 ? 'index.md' : `${segments.map(shortened).join('/')}.md`;
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
