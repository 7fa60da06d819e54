// What an analysed question (a Query) costs to keep, estimated from its text
// and terms, so the engine's cache of analysed questions is bounded in bytes
// and not only in entries: a visitor's question is a few words (≈2 KB kept),
// a flood of 1 000-character messages of made-up words is 60 words each
// (≈20 KB kept). Counted as V8 keeps them on a 64-bit build: an object's
// header and fields, 8 bytes an array slot, strings at two bytes a character
// (the worst case; most are one byte). Measured against the heap after GC
// (test/engine/query-cache.test.ts): the estimate is at or above what the
// heap holds, and within twice it.
import type { Query } from './query.js';

/** One object (header and a few fields), the unit the estimate counts in. */
const OBJECT = 64;
const SLOT = 8;
const chars = (s: string | undefined) => (s ? 2 * s.length + 16 : 0);

export function querySize(key: string, q: Query): number {
  // The Query, its analysis and their arrays, the cache entry and its map slot: ≈0.5 KB before any word.
  let bytes = 8 * OBJECT + chars(key) + chars(q.text);
  const a = q.analysis;
  bytes += OBJECT + a.words.length * SLOT;
  for (const w of a.words) bytes += chars(w);
  bytes += OBJECT + a.entities.length * SLOT;
  // Each analysed term: its object (7 fields) and the lemma and stem made for it.
  bytes += OBJECT + a.terms.length * SLOT;
  for (const t of a.terms) bytes += OBJECT + chars(t.term) + chars(t.stem);
  // Each query term: its object (up to 12 fields), its alternatives and related words.
  bytes += OBJECT + q.terms.length * SLOT;
  for (const t of q.terms) {
    bytes += 2 * OBJECT + chars(t.term) + chars(t.correctedFrom);
    bytes += OBJECT + t.alternatives.length * SLOT;
    for (const alt of t.alternatives) bytes += OBJECT + alt.length * SLOT;
    bytes += OBJECT + t.related.length * (SLOT + OBJECT);
  }
  return bytes;
}
