// Edit distance for typo tolerance, shared by the analysis (alias words)
// and the engine (page words). It runs for every unknown word of a question
// against every page word of about its length, so it allocates nothing: a
// 1 000-character message of made-up words is 60 such words (the cap in
// analyse.ts) × a few hundred page words.

// Rows of the dynamic programme, reused by every call (grown when a word is longer).
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps),
 * capped at max+1: any distance above `max` is returned as max+1.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  if (max <= 0) return 1;
  if (max === 1) return withinOne(a, b);
  return aligned(a, b, max);
}

/** 1 when one substitution, insertion, deletion or adjacent swap turns `a` into `b` (a ≠ b, lengths within one), else 2. */
function withinOne(a: string, b: string): number {
  // Character by character, no slices: this runs thousands of times a question.
  const short = a.length <= b.length ? a : b;
  const long = short === a ? b : a;
  const n = short.length;
  let i = 0;
  while (i < n && short.charCodeAt(i) === long.charCodeAt(i)) i++;
  if (n !== long.length) return sameFrom(short, i, long, i + 1) ? 1 : 2;
  if (sameFrom(short, i + 1, long, i + 1)) return 1;
  return short.charCodeAt(i) === long.charCodeAt(i + 1) && short.charCodeAt(i + 1) === long.charCodeAt(i) && sameFrom(short, i + 2, long, i + 2) ? 1 : 2;
}

/** `a` from `i` on equals `b` from `j` on. */
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

function aligned(a: string, b: string, max: number): number {
  const n = b.length + 1;
  if (rows[0]!.length < n) rows = [new Int32Array(n * 2), new Int32Array(n * 2), new Int32Array(n * 2)];
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j < n; j++) {
    prev[j] = j;
    prev2[j] = 0;
  }
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = prev[j - 1]! + (ai === bj ? 0 : 1);
      if (prev[j]! + 1 < v) v = prev[j]! + 1;
      if (cur[j - 1]! + 1 < v) v = cur[j - 1]! + 1;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && prev2[j - 2]! + 1 < v) v = prev2[j - 2]! + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n - 1]!, max + 1);
}
