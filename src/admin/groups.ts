// Similar open questions shown once on the staff page: each group is led by
// its newest question and counts the others, so staff answer "membership
// fees?" once instead of for every wording of it.
//
// Near-linear: each question is compared only with the groups that share one
// of its specific words (an inverted index over the terms stored with each
// escalation when it was asked), and with at most MAX_CANDIDATES of them, so
// thousands of open questions group in milliseconds, not all pairs.
//
// Bounded by construction whatever visitors send: the terms stored per
// question are capped (SIGNATURE_LIMITS in src/service/assistant.ts), and
// only the newest GROUP_WINDOW open questions are grouped — older ones are
// listed one per row after them, paged in SQL (src/service/staff.ts). So a
// view of the inbox reads and compares at most GROUP_WINDOW questions of at
// most 16 terms, however many are open.
import type { Escalation } from '../store/types.js';

/**
 * Open questions grouped on the staff page, the newest first: 2 000 groups in
 * ≈30 ms with the longest questions allowed. A site this busy answers (or
 * dismisses) its newest questions first; older ones stay listed, ungrouped.
 */
export const GROUP_WINDOW = 2000;

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
  // Plain loops: this runs for every question of the window on every view.
  const seen = new Set<string>();
  const words: Word[] = [];
  for (const token of (e.terms ?? '').split(' ')) {
    if (!token) continue;
    const means = token.split('~');
    const term = means[0]!;
    if (!term || seen.has(term)) continue;
    seen.add(term);
    words.push({ term, means });
  }
  return words;
};

/** Weighted share of `a`'s words that `b` has, a word matching through what either also means. */
function coverage(a: Word[], b: Word[] | Set<string>, weight: (t: string) => number): number {
  const theirs = b instanceof Set ? b : meansOf(b);
  let total = 0;
  let covered = 0;
  for (const w of a) {
    const x = weight(w.term);
    total += x;
    if (w.means.some((m) => theirs.has(m))) covered += x;
  }
  return total > 0 ? covered / total : 0;
}

function meansOf(words: Word[]): Set<string> {
  const set = new Set<string>();
  for (const w of words) for (const m of w.means) set.add(m);
  return set;
}

/** Both ways: "membership fees" and "membership fees for universities" are not the same question. */
export function termSimilarity(a: Word[], b: Word[], weight: (t: string) => number, aMeans?: Set<string>, bMeans?: Set<string>): number {
  return Math.min(coverage(a, bMeans ?? b, weight), coverage(b, aMeans ?? a, weight));
}

/** Group newest-first escalations by their stored terms. */
export function groupSimilar(list: Escalation[], g: Grouping): Group[] {
  // Each group's words, and the set of all they mean (made when first compared).
  const groups: { group: Group; terms: Word[]; means?: Set<string> }[] = [];
  const byTerm = new Map<string, number[]>(); // word (or what it also means) → indexes into groups, newest last
  // A word's weight once per grouping (each is asked for again in every comparison).
  const weights = new Map<string, number>();
  const weight = (t: string) => {
    let x = weights.get(t);
    if (x === undefined) weights.set(t, (x = g.weight(t)));
    return x;
  };
  for (const e of list) {
    const terms = wordsOf(e);
    const specific: string[] = [];
    for (const w of terms) if (weight(w.term) > 0) for (const m of w.means) specific.push(m);
    const seen = new Set<number>();
    for (const t of specific) {
      const postings = byTerm.get(t);
      if (postings) for (let i = postings.length - 1; i >= 0 && seen.size < MAX_CANDIDATES; i--) seen.add(postings[i]!);
    }
    let best: { index: number; score: number } | undefined;
    let means: Set<string> | undefined;
    for (const i of seen) {
      const other = groups[i]!;
      const score = termSimilarity(terms, other.terms, weight, (means ??= meansOf(terms)), (other.means ??= meansOf(other.terms)));
      if (score >= g.minSimilarity && (!best || score > best.score)) best = { index: i, score };
    }
    if (best) {
      groups[best.index]!.group.others.push(e);
      continue;
    }
    const index = groups.push({ group: { lead: e, others: [] }, terms, ...(means ? { means } : {}) }) - 1;
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
