// One import: read the sources, apply them to knowledge/pages/, then compare
// with the last import (drift) and list what now cites nothing (orphans).
// Node only: the Worker never imports this.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadKnowledge, loadSite } from '../knowledge/load.js';
import { sentences } from '../nlp/analyse.js';
import { pagePassages } from '../pipeline/ingest.js';
import { pageKey } from './address.js';
import { applyPages } from './apply-pages.js';
import { pageDrift, type Drift } from './drift.js';
import { findOrphans, type Orphans, type PagePassages } from './orphans.js';
import { DEFAULT_FETCH_SETTINGS, PoliteFetcher, ROBOT_NAME, type PoliteFetchSettings } from './polite-fetch.js';
import { readSource, type Problem, type ReadPage } from './read-source.js';
import { readStaffAnswers } from './staff-answers.js';
import { classifySource, describeSource } from './sources.js';
import { readState, STATE_VERSION, writeState, type GonePage, type ImportState, type PageRecord } from './state.js';

export interface ImportOptions {
  sources: string[];
  knowledgeDir: string;
  /** The service's SQLite database, for staff answers citing pages (skipped when the file does not exist). */
  databasePath: string;
  /** Progress lines (stderr in the command). */
  log?: (line: string) => void;
  fetch?: Partial<Omit<PoliteFetchSettings, 'log'>>;
  now?: () => Date;
}

export interface ImportReport {
  knowledgeDir: string;
  sources: string[];
  importedAt: string;
  pages: {
    /** Page files now kept by the import. */
    total: number;
    written: string[];
    unchanged: number;
    notModified: number;
    deleted: string[];
    skipped: Problem[];
    failed: Problem[];
  };
  drift: Drift;
  orphans: Orphans;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const posix = (path: string) => path.split(/[\\/]/).join('/');

export function userAgent(site: { origin: string; helpdesk: string }): string {
  return `${ROBOT_NAME}/1.0 (+${site.origin}; the site's FAQ assistant reading its pages; ${site.helpdesk})`;
}

export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const log = options.log ?? (() => {});
  const knowledgeDir = resolve(options.knowledgeDir);
  const site = loadSite(knowledgeDir);
  const previous = readState(knowledgeDir);
  const sources = options.sources.map(classifySource);
  let fetcher: PoliteFetcher | undefined;
  const ctx = {
    knowledgeDir,
    site,
    log,
    previous: new Map((previous?.pages ?? []).map((p) => [p.from, p])),
    fetcher: () => (fetcher ??= new PoliteFetcher({ ...DEFAULT_FETCH_SETTINGS, userAgent: userAgent(site), ...options.fetch, log })),
  };

  const pages: ReadPage[] = [];
  const skipped: Problem[] = [];
  const failed: Problem[] = [];
  const failedSources = new Set<string>();
  const partialSources = new Set<string>();
  /** Pages (by where they are read from) this import tried to read, whatever came of it. */
  const tried = new Set<string>();
  for (const source of sources) {
    log(`reading ${describeSource(source)}`);
    try {
      const result = await readSource(source, ctx);
      pages.push(...result.pages);
      skipped.push(...result.skipped);
      failed.push(...result.failed);
      if (result.partial) partialSources.add(source.arg);
      for (const p of [...result.pages, ...result.skipped, ...result.failed]) tried.add(p.from);
    } catch (err) {
      log(`  failed: ${(err as Error).message} (its pages from the previous import are kept)`);
      failed.push({ source: source.arg, from: source.arg, reason: (err as Error).message });
      failedSources.add(source.arg);
    }
  }

  // Two sources (or two URLs) giving the same page file: the first one wins.
  const byPath = new Map<string, ReadPage>();
  for (const page of pages) {
    const first = byPath.get(page.path);
    if (!first) byPath.set(page.path, page);
    else skipped.push({ source: page.source, from: page.from, reason: `same page file pages/${page.path} as ${first.from}` });
  }

  const named = new Set(options.sources);
  const failedPages = new Set(failed.map((f) => f.from));
  const applied = applyPages(
    knowledgeDir,
    [...byPath.values()],
    previous?.pages ?? [],
    (p) => !named.has(p.source) || failedSources.has(p.source) || failedPages.has(p.from) || (partialSources.has(p.source) && !tried.has(p.from)),
  );
  for (const f of applied.failed) log(`  FAILED ${f.from}: ${f.reason}`);
  failed.push(...applied.failed);

  // Sentences as ingest makes them, for every page (orphans look at all of them).
  const knowledge = loadKnowledge(knowledgeDir);
  const passages: PagePassages[] = knowledge.pages.map((page) => ({ page, passages: pagePassages(page, sentences) }));
  const byFile = new Map(passages.map((p) => [posix(p.page.file), p]));
  const records: PageRecord[] = [...applied.files]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([file, origin]) => {
      const page = byFile.get(file);
      if (!page) return [];
      return [
        {
          ...origin,
          file,
          url: page.page.url,
          sha256: sha256(readFileSync(join(knowledgeDir, file))),
          sentences: page.passages.flatMap((p) => p.sentences),
        } satisfies PageRecord,
      ];
    });

  const importedAt = (options.now?.() ?? new Date()).toISOString();
  const drift = pageDrift(previous?.pages ?? [], records, site.origin, previous?.importedAt);
  const gone = goneSince(previous?.gone ?? [], drift, records, site.origin, importedAt);
  const orphans = findOrphans(knowledge, passages, gone, readStaffAnswers(options.databasePath));

  const state: ImportState = { version: STATE_VERSION, importedAt, sources: options.sources, pages: records, gone };
  writeState(knowledgeDir, state);
  return {
    knowledgeDir,
    sources: options.sources,
    importedAt,
    pages: {
      total: records.length,
      written: applied.written,
      unchanged: applied.unchanged,
      notModified: applied.notModified,
      deleted: applied.deleted,
      skipped,
      failed,
    },
    drift,
    orphans,
  };
}

/** Pages removed now or by an earlier import and not back since. */
function goneSince(before: GonePage[], drift: Drift, now: PageRecord[], origin: string, at: string): GonePage[] {
  const present = new Set(now.map((p) => pageKey(p.url, origin)));
  const gone = new Map<string, GonePage>();
  for (const g of [...before, ...drift.removed.map((r) => ({ url: r.url, file: r.file, removedAt: at }))]) {
    const key = pageKey(g.url, origin);
    if (!present.has(key) && !gone.has(key)) gone.set(key, g);
  }
  return [...gone.values()];
}
