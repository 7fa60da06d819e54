// What changed between two versions of a page's sentences: added, removed,
// and changed — a removed sentence and an added one at the same place that
// share most of their words are one sentence edited, which is what someone
// fixing a questions.yml quote needs to see side by side.

export interface SentenceChange {
  before: string;
  after: string;
}

export interface SentenceDiff {
  added: string[];
  removed: string[];
  changed: SentenceChange[];
}

/** Share of words two sentences have in common (Dice) above which an edit is a change. */
export const SAME_SENTENCE = 0.5;

const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.size + wb.size === 0) return 1;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return (2 * shared) / (wa.size + wb.size);
}

/** Runs of removed and added sentences between the sentences both versions keep (a longest common subsequence). */
function hunks(before: string[], after: string[]): { removed: string[]; added: string[] }[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: length of the common subsequence of before[i..] and after[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: { removed: string[]; added: string[] }[] = [];
  let current = { removed: [] as string[], added: [] as string[] };
  const flush = () => {
    if (current.removed.length || current.added.length) out.push(current);
    current = { removed: [], added: [] };
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      flush();
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) current.removed.push(before[i++]!);
    else current.added.push(after[j++]!);
  }
  flush();
  return out;
}

export function diffSentences(before: string[], after: string[]): SentenceDiff {
  const diff: SentenceDiff = { added: [], removed: [], changed: [] };
  // The unchanged start and end are left out of the quadratic part.
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before.at(-1 - end) === after.at(-1 - end)) end++;
  for (const hunk of hunks(before.slice(start, before.length - end), after.slice(start, after.length - end))) {
    // Pair the most similar first, so an edit is not matched with a neighbour.
    const pairs = hunk.removed
      .flatMap((r, ri) => hunk.added.map((a, ai) => ({ ri, ai, score: similarity(r, a) })))
      .filter((p) => p.score >= SAME_SENTENCE)
      .sort((x, y) => y.score - x.score);
    const pairedRemoved = new Map<number, number>();
    const pairedAdded = new Set<number>();
    for (const p of pairs) {
      if (pairedRemoved.has(p.ri) || pairedAdded.has(p.ai)) continue;
      pairedRemoved.set(p.ri, p.ai);
      pairedAdded.add(p.ai);
    }
    hunk.removed.forEach((r, ri) => {
      const ai = pairedRemoved.get(ri);
      if (ai === undefined) diff.removed.push(r);
      else diff.changed.push({ before: r, after: hunk.added[ai]! });
    });
    hunk.added.forEach((a, ai) => {
      if (!pairedAdded.has(ai)) diff.added.push(a);
    });
  }
  return diff;
}
