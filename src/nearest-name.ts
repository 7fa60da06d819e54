// The name a misspelt one was meant to be: for settings (ADMIN_TOKN →
// ADMIN_TOKEN) and knowledge-file keys (synonym → synonyms). Distance is the
// project's own edit distance (Levenshtein with adjacent swaps), compared
// without regard to case.
import { editDistance } from './nlp/edit-distance.js';

/**
 * Edits a misspelling of `name` may have and still be taken for it: none for
 * names of up to 4 characters (PORT and HOST are one edit from many unrelated
 * variables: HOME, POST), one up to 9, two beyond.
 */
export const typoBudget = (name: string) => (name.length <= 4 ? 0 : name.length <= 9 ? 1 : 2);

/**
 * The closest of `valid` to `name` (case ignored), or undefined when none is
 * within `budget` edits of it (by default typoBudget of the valid name).
 */
export function nearestName(name: string, valid: Iterable<string>, budget: (candidate: string) => number = typoBudget): string | undefined {
  const given = name.toUpperCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of valid) {
    const max = budget(candidate);
    const distance = editDistance(given, candidate.toUpperCase(), max);
    if (distance <= max && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}
