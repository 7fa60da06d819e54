// Similar open questions shown once on the staff page: each group is led by
// its newest question and counts the others, so staff answer "membership
// fees?" once instead of for every wording of it.
//
// Near-linear: each question is compared only with the groups that share one
// of its specific words (an inverted index over the terms stored with each
// escalation when it was asked), and with at most MAX_CANDIDATES of them, so
// thousands of open questions group in milliseconds, not all pairs.
import type { Escalation } from '../store/types.js';

export interface Group {
  lead: Escalation;
  others: Escalation[];
}

export interface Grouping {
  /** How much a term says (rarity); 0 for words on most pages. */
  weight(term: string): number;
  /** Lowest similarity (0–1) that groups two questions. */
  minSimilarity: number;
}

/** Groups one question is compared with at most (the most recent ones sharing a word). */
const MAX_CANDIDATES = 40;

const termsOf = (e: Escalation) => [...new Set((e.terms ?? '').split(' ').filter(Boolean))];

/** Weighted share of `a`'s terms that `b` has. */
function coverage(a: string[], b: Set<string>, weight: (t: string) => number): number {
  let total = 0;
  let covered = 0;
  for (const t of a) {
    const w = weight(t);
    total += w;
    if (b.has(t)) covered += w;
  }
  return total > 0 ? covered / total : 0;
}

/** Both ways: "membership fees" and "membership fees for universities" are not the same question. */
export function termSimilarity(a: string[], b: string[], weight: (t: string) => number): number {
  return Math.min(coverage(a, new Set(b), weight), coverage(b, new Set(a), weight));
}

/** Group newest-first escalations by their stored terms. */
export function groupSimilar(list: Escalation[], g: Grouping): Group[] {
  const groups: { group: Group; terms: string[] }[] = [];
  const byTerm = new Map<string, number[]>(); // term → indexes into groups, newest last
  for (const e of list) {
    const terms = termsOf(e);
    const specific = terms.filter((t) => g.weight(t) > 0);
    const seen = new Set<number>();
    for (const t of specific) {
      const postings = byTerm.get(t) ?? [];
      for (let i = postings.length - 1; i >= 0 && seen.size < MAX_CANDIDATES; i--) seen.add(postings[i]!);
    }
    let best: { index: number; score: number } | undefined;
    for (const i of seen) {
      const score = termSimilarity(terms, groups[i]!.terms, g.weight);
      if (score >= g.minSimilarity && (!best || score > best.score)) best = { index: i, score };
    }
    if (best) {
      groups[best.index]!.group.others.push(e);
      continue;
    }
    const index = groups.push({ group: { lead: e, others: [] }, terms }) - 1;
    for (const t of specific) {
      let postings = byTerm.get(t);
      if (!postings) byTerm.set(t, (postings = []));
      postings.push(index);
    }
  }
  return groups.map((x) => x.group);
}
