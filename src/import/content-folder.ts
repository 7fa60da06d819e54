// A static site's content folder (Hugo's content/, a Jekyll site's pages):
// its markdown pages, read as bytes so they are copied verbatim. The knowledge
// loader gives each its address from its path, as the site's generator does.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import matter from 'gray-matter';
import { PageFrontMatter } from '../knowledge/schema.js';

export interface ContentPage {
  /** Path under the folder, with forward slashes ("omaspecworks/about.md"). */
  path: string;
  /** The file's absolute path. */
  file: string;
  bytes: Buffer;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

const MARKDOWN = /\.(md|markdown)$/i;

/**
 * Folders never published as pages: hidden ones, dependencies, and
 * underscore folders (Jekyll's _drafts, _includes, _site …; Hugo's content
 * has _index.md files, not _folders).
 */
const UNPUBLISHED_DIR = /^(\.|_)|^node_modules$/;

function markdownFiles(folder: string, dir = folder): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!UNPUBLISHED_DIR.test(entry.name)) out.push(...markdownFiles(folder, path));
    } else if (entry.isFile() && MARKDOWN.test(entry.name) && !entry.name.startsWith('.')) {
      out.push(path);
    }
  }
  return out.sort();
}

/** Why the knowledge loader could not take a page as it is, if it could not. */
function unusable(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  if (/^\+\+\+\s*$/m.test(text.split('\n', 1)[0] ?? '')) return 'its front matter is TOML (+++); the knowledge loader reads YAML front matter (---)';
  let data: Record<string, unknown>;
  try {
    data = matter(text).data;
  } catch (err) {
    return `its front matter is not valid YAML (${(err as Error).message.split('\n')[0]})`;
  }
  // Drafts are not on the site, so the bot must not quote them.
  if (data.draft === true) return 'a draft (draft: true): not published';
  const front = PageFrontMatter.safeParse(data);
  if (!front.success) return 'its front matter has no title, which the knowledge loader needs';
  return undefined;
}

export function contentPages(folder: string): { pages: ContentPage[]; skipped: SkippedFile[] } {
  const pages: ContentPage[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of markdownFiles(folder)) {
    const bytes = readFileSync(file);
    const reason = unusable(bytes);
    if (reason) skipped.push({ file, reason });
    else pages.push({ path: relative(folder, file).split(/[\\/]/).join('/'), file, bytes });
  }
  return { pages, skipped };
}
