// Applying what the sources gave to knowledge/pages/: write new and changed
// page files, leave identical ones untouched, and delete the pages an earlier
// import wrote that are no longer on the site. Pages the import never wrote
// (hand-made ones) are never deleted.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ReadPage } from './read-source.js';
import type { PageRecord } from './state.js';

export interface Applied {
  /** Files (relative to the knowledge directory) now managed by the import, with where each came from. */
  files: Map<string, Pick<PageRecord, 'source' | 'from' | 'etag' | 'lastModified'>>;
  written: string[];
  unchanged: number;
  notModified: number;
  deleted: string[];
}

/**
 * @param keep previous pages whose source or page could not be read this
 *   time, or whose source was not named this time: they stay as they are.
 */
export function applyPages(knowledgeDir: string, pages: ReadPage[], previous: PageRecord[], keep: (p: PageRecord) => boolean): Applied {
  const applied: Applied = { files: new Map(), written: [], unchanged: 0, notModified: 0, deleted: [] };
  for (const page of pages) {
    const file = `pages/${page.path}`;
    applied.files.set(file, {
      source: page.source,
      from: page.from,
      ...(page.etag ? { etag: page.etag } : {}),
      ...(page.lastModified ? { lastModified: page.lastModified } : {}),
    });
    if (!page.bytes) {
      applied.notModified++;
      continue;
    }
    const path = join(knowledgeDir, file);
    if (existsSync(path) && readFileSync(path).equals(page.bytes)) {
      applied.unchanged++;
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, page.bytes);
    applied.written.push(file);
  }
  for (const record of previous) {
    if (applied.files.has(record.file)) continue;
    const path = join(knowledgeDir, record.file);
    if (!existsSync(path)) continue;
    if (keep(record)) {
      applied.files.set(record.file, record);
      continue;
    }
    unlinkSync(path);
    removeEmptyFolders(dirname(path), join(knowledgeDir, 'pages'));
    applied.deleted.push(record.file);
  }
  return applied;
}

function removeEmptyFolders(dir: string, stop: string): void {
  for (let d = dir; d.startsWith(stop) && d !== stop; d = dirname(d)) {
    if (readdirSync(d).length > 0) return;
    rmdirSync(d);
  }
}
