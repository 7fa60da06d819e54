// Applying what the sources gave to knowledge/pages/: write new and changed
// page files, leave identical ones untouched, and delete the pages an earlier
// import wrote that are no longer on the site. Pages the import never wrote
// (hand-made ones) are never deleted, and nothing outside pages/ is ever
// written or deleted (pageFilePath checks every path). One page that cannot
// be written or deleted is reported and the others go on: the import still
// records what it did.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Problem, ReadPage } from './read-source.js';
import { pageFilePath, type PageRecord } from './state.js';

export interface Applied {
  /** Files (relative to the knowledge directory) now managed by the import, with where each came from. */
  files: Map<string, Pick<PageRecord, 'source' | 'from' | 'etag' | 'lastModified'>>;
  written: string[];
  unchanged: number;
  notModified: number;
  deleted: string[];
  /** Pages that could not be written or deleted this time (an earlier version, if any, stays as it was). */
  failed: Problem[];
}

const reason = (err: unknown) => (err as Error).message;

/**
 * @param keep previous pages whose source or page could not be read this
 *   time, or whose source was not named this time: they stay as they are.
 */
export function applyPages(knowledgeDir: string, pages: ReadPage[], previous: PageRecord[], keep: (p: PageRecord) => boolean): Applied {
  const applied: Applied = { files: new Map(), written: [], unchanged: 0, notModified: 0, deleted: [], failed: [] };
  const notWritten = new Set<string>();
  for (const page of pages) {
    const file = `pages/${page.path}`;
    const origin = {
      source: page.source,
      from: page.from,
      ...(page.etag ? { etag: page.etag } : {}),
      ...(page.lastModified ? { lastModified: page.lastModified } : {}),
    };
    try {
      const path = pageFilePath(knowledgeDir, file);
      if (!page.bytes) applied.notModified++;
      else if (existsSync(path) && readFileSync(path).equals(page.bytes)) applied.unchanged++;
      else {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, page.bytes);
        applied.written.push(file);
      }
      applied.files.set(file, origin);
    } catch (err) {
      applied.failed.push({ source: page.source, from: page.from, reason: `${file} could not be written: ${reason(err)}` });
      notWritten.add(file);
    }
  }
  for (const record of previous) {
    if (applied.files.has(record.file)) continue;
    let path: string;
    try {
      path = pageFilePath(knowledgeDir, record.file);
    } catch (err) {
      applied.failed.push({ source: record.source, from: record.from, reason: `${record.file} not deleted: ${reason(err)}` });
      continue;
    }
    if (!existsSync(path)) continue;
    // A page that failed to be written keeps its earlier version, recorded as it was.
    if (notWritten.has(record.file) || keep(record)) {
      applied.files.set(record.file, record);
      continue;
    }
    try {
      unlinkSync(path);
      removeEmptyFolders(dirname(path), join(knowledgeDir, 'pages'));
      applied.deleted.push(record.file);
    } catch (err) {
      applied.failed.push({ source: record.source, from: record.from, reason: `${record.file} could not be deleted: ${reason(err)}` });
      applied.files.set(record.file, record);
    }
  }
  return applied;
}

function removeEmptyFolders(dir: string, stop: string): void {
  for (let d = dir; d.startsWith(stop) && d !== stop; d = dirname(d)) {
    if (readdirSync(d).length > 0) return;
    rmdirSync(d);
  }
}
