// Typo tolerance: map a question word the pages never use to the closest word
// they do use ("membrship" → membership), or split a run-together word
// ("omaspecworks" → oma + specworks). Words the English lexicon knows are
// corrected only by one edit, so real words the pages lack ("fee", "city")
// stay unmatched and lead to an escalation instead of a near-miss answer.
import type { BuiltIndex } from './types.js';
import { editDistance } from '../nlp/edit-distance.js';

export { editDistance };

const vocabularies = new WeakMap<BuiltIndex, string[]>();

function vocabulary(index: BuiltIndex): string[] {
  let v = vocabularies.get(index);
  if (!v) {
    v = Object.keys(index.df).filter((t) => t.length >= 3 && !/\d/.test(t));
    vocabularies.set(index, v);
  }
  return v;
}

/** Prefixes that repeat an action ("redistribute", "reuse"): the bare verb is on the pages. */
const REPEAT_PREFIXES = ['re'];

const corrections = new WeakMap<BuiltIndex, Map<string, string | undefined>>();

/** The page word a misspelt question word most likely means, or undefined (memoised per index, bounded). */
export function closestTerm(index: BuiltIndex, word: string, knownWord: boolean): string | undefined {
  let memo = corrections.get(index);
  if (!memo) corrections.set(index, (memo = new Map()));
  const key = `${knownWord ? 1 : 0}${word}`;
  if (memo.has(key)) return memo.get(key);
  const found = findClosest(index, word, knownWord);
  if (memo.size < 10_000) memo.set(key, found);
  return found;
}

function findClosest(index: BuiltIndex, word: string, knownWord: boolean): string | undefined {
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
