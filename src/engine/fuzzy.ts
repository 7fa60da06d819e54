// Typo tolerance: map a question word the pages never use to the closest word
// they do use ("membrship" → membership), or split a run-together word
// ("omaspecworks" → oma + specworks). Words the English lexicon knows are
// corrected only by one edit, so real words the pages lack ("fee", "city")
// stay unmatched and lead to an escalation instead of a near-miss answer.
import type { BuiltIndex } from './types.js';

const vocabularies = new WeakMap<BuiltIndex, string[]>();

function vocabulary(index: BuiltIndex): string[] {
  let v = vocabularies.get(index);
  if (!v) {
    v = Object.keys(index.df).filter((t) => t.length >= 3 && !/\d/.test(t));
    vocabularies.set(index, v);
  }
  return v;
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), capped at max+1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j]!;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Prefixes that repeat an action ("redistribute", "reuse"): the bare verb is on the pages. */
const REPEAT_PREFIXES = ['re'];

/** The page word a misspelt question word most likely means, or undefined. */
export function closestTerm(index: BuiltIndex, word: string, knownWord: boolean): string | undefined {
  if (word.length < 5 || /\d/.test(word)) return undefined;
  for (const prefix of REPEAT_PREFIXES) {
    const bare = word.slice(prefix.length);
    if (word.startsWith(prefix) && bare.length >= 3 && index.df[bare] !== undefined) return bare;
  }
  const max = knownWord ? (word.length >= 7 ? 1 : 0) : word.length >= 8 ? 2 : 1;
  if (max === 0) return undefined;
  let best: string | undefined;
  let bestDistance = max + 1;
  let bestDf = 0;
  for (const candidate of vocabulary(index)) {
    const d = editDistance(word, candidate, max);
    const df = index.df[candidate] ?? 0;
    if (d < bestDistance || (d === bestDistance && df > bestDf)) {
      best = candidate;
      bestDistance = d;
      bestDf = df;
    }
  }
  return bestDistance <= max ? best : undefined;
}
