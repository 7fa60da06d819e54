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

/**
 * A question's stored words (src/service/assistant.ts `signature`): each token
 * is a term with the page words it also means, `term~alt~alt`.
 */
interface Word {
  term: string;
  means: string[];
}
const wordsOf = (e: Escalation): Word[] => {
  const seen = new Set<string>();
  return (e.terms ?? '')
    .split(' ')
    .filter(Boolean)
    .flatMap((token) => {
      const [term, ...means] = token.split('~');
      if (!term || seen.has(term)) return [];
      seen.add(term);
      return [{ term, means: [term, ...means] }];
    });
};

/** Weighted share of `a`'s words that `b` has, a word matching through what either also means. */
function coverage(a: Word[], b: Word[], weight: (t: string) => number): number {
  const theirs = new Set(b.flatMap((w) => w.means));
  let total = 0;
  let covered = 0;
  for (const w of a) {
    const x = weight(w.term);
    total += x;
    if (w.means.some((m) => theirs.has(m))) covered += x;
  }
  return total > 0 ? covered / total : 0;
}

/** Both ways: "membership fees" and "membership fees for universities" are not the same question. */
export function termSimilarity(a: Word[], b: Word[], weight: (t: string) => number): number {
  return Math.min(coverage(a, b, weight), coverage(b, a, weight));
}

/** Group newest-first escalations by their stored terms. */
export function groupSimilar(list: Escalation[], g: Grouping): Group[] {
  const groups: { group: Group; terms: Word[] }[] = [];
  const byTerm = new Map<string, number[]>(); // word (or what it also means) → indexes into groups, newest last
  for (const e of list) {
    const terms = wordsOf(e);
    const specific = terms.filter((w) => g.weight(w.term) > 0).flatMap((w) => w.means);
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

export interface Frequent {
  question: string;
  count: number;
  ids: string[];
}

/**
 * Wordings asked often (same words, three times or more) merged by the group
 * of meaning they fall in: one suggestion per question, counting every open
 * wording of it, named by its most asked wording (a tidy one if there is a
 * tie: capital first, question mark last, shortest).
 */
export function frequentByGroup(frequent: Frequent[], groups: Group[]): Frequent[] {
  const groupOf = new Map<string, Group>();
  for (const g of groups) for (const e of [g.lead, ...g.others]) groupOf.set(e.id, g);
  const tidy = (f: Frequent) => f.count * 1000 + (/^[A-Z].*\?$/.test(f.question) ? 500 : 0) - f.question.length;
  const merged = new Map<Group | string, { best: Frequent; ids: string[] }>();
  for (const f of frequent) {
    const key = groupOf.get(f.ids[0] ?? '') ?? f.question;
    const had = merged.get(key);
    if (!had) merged.set(key, { best: f, ids: [...f.ids] });
    else merged.set(key, { best: tidy(f) > tidy(had.best) ? f : had.best, ids: [...had.ids, ...f.ids] });
  }
  return [...merged]
    .map(([key, { best, ids }]) => {
      if (typeof key === 'string') return { question: best.question, count: ids.length, ids };
      const all = [key.lead, ...key.others].map((e) => e.id);
      return { question: best.question, count: all.length, ids: [best.ids[0]!, ...all.filter((id) => id !== best.ids[0])] };
    })
    .sort((a, b) => b.count - a.count);
}
