// Drift between two imports: pages added and removed, and per page the
// sentences added, removed or changed, sentences being what ingest makes of
// the page (what the bot quotes). Pages are matched by address.
import { pageKey } from './address.js';
import { diffSentences, type SentenceDiff } from './sentence-diff.js';
import type { PageRecord } from './state.js';

export interface PageRef {
  url: string;
  file: string;
  sentences: number;
}

export interface PageDrift extends SentenceDiff {
  url: string;
  file: string;
}

export interface Drift {
  /** When the previous import ran; absent on the first import, where every page is added. */
  since?: string;
  added: PageRef[];
  removed: PageRef[];
  changed: PageDrift[];
  unchanged: number;
}

const ref = (p: PageRecord): PageRef => ({ url: p.url, file: p.file, sentences: p.sentences.length });

export function pageDrift(before: PageRecord[], after: PageRecord[], origin: string, since?: string): Drift {
  const key = (p: PageRecord) => pageKey(p.url, origin);
  const old = new Map(before.map((p) => [key(p), p]));
  const now = new Map(after.map((p) => [key(p), p]));
  const drift: Drift = { ...(since ? { since } : {}), added: [], removed: [], changed: [], unchanged: 0 };
  for (const [k, page] of now) {
    const was = old.get(k);
    if (!was) {
      drift.added.push(ref(page));
      continue;
    }
    const diff = diffSentences(was.sentences, page.sentences);
    if (diff.added.length || diff.removed.length || diff.changed.length) drift.changed.push({ url: page.url, file: page.file, ...diff });
    else drift.unchanged++;
  }
  for (const [k, page] of old) if (!now.has(k)) drift.removed.push(ref(page));
  return drift;
}

export const hasDrift = (d: Drift) => d.added.length + d.removed.length + d.changed.length > 0;
