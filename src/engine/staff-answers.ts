// Staff answers in the conversation: a visitor's question gets a staff answer
// when it asks the same thing as a question staff answered. Both questions go
// through the same analysis as the pages (buildQuery: lemmas, aliases,
// synonyms, rarity weights), and each must cover the other's terms, weighted
// by rarity: "Who's the CEO of OMA?" matches "who is the ceo", but "Who is the
// CEO's assistant?" does not match "Who is the CEO?" (the staff question
// covers only part of it). Platform-neutral; the store holds the answers.
import { buildQuery, type QueryTerm } from './query.js';
import { editDistance } from './fuzzy.js';
import type { BuiltIndex } from './types.js';
import type { Focus } from '../nlp/english.js';
import type { StaffAnswer, Store } from '../store/types.js';

interface Analysed {
  terms: QueryTerm[];
  focus: Focus;
}

export interface StaffMatch {
  answer: StaffAnswer;
  /** 0–1: the weaker of the two coverages. */
  score: number;
}

/** Foci that say nothing specific about the asked fact. */
const LOOSE: ReadonlySet<Focus> = new Set(['open', 'definition']);

/** The visitor's own spelling of a term (before any typo correction). */
const spelling = (t: QueryTerm) => t.correctedFrom ?? t.term;

function sameTerm(a: QueryTerm, b: QueryTerm): boolean {
  if (spelling(a) === spelling(b)) return true;
  // Stems only for uncorrected words: two different unknown words "corrected"
  // to the same page word must not count as the same.
  if (!a.correctedFrom && !b.correctedFrom && a.stem === b.stem) return true;
  // One side misspelt a word the other spelt right.
  if ((a.correctedFrom && !b.correctedFrom && a.term === b.term) || (b.correctedFrom && !a.correctedFrom && b.term === a.term)) return true;
  const x = spelling(a);
  const y = spelling(b);
  if (!a.digits && !b.digits && Math.min(x.length, y.length) >= 5 && editDistance(x, y, 1) <= 1) return true;
  // Site synonyms, one word each way ("price" also means "fee").
  return a.alternatives.some((alt) => alt.length === 1 && alt[0] === b.term) || b.alternatives.some((alt) => alt.length === 1 && alt[0] === a.term);
}

/**
 * Weighted share of `of`'s terms that `by` has; 0 when `by` lacks a specific
 * term. Only site-wide words (the organisation's name, on most pages) may be
 * left out: "membership fees" and "meeting fees" share the rare word "fees"
 * but are different questions.
 */
function coverage(of: QueryTerm[], by: QueryTerm[], generic: (t: QueryTerm) => boolean): number {
  let total = 0;
  let covered = 0;
  for (const t of of) {
    total += t.weight;
    if (by.some((u) => sameTerm(t, u))) covered += t.weight;
    else if (!generic(t)) return 0;
  }
  return total > 0 ? covered / total : 0;
}

export function similarity(a: Analysed, b: Analysed, generic: (t: QueryTerm) => boolean = () => false): number {
  if (a.terms.length === 0 || b.terms.length === 0) return 0;
  if (!LOOSE.has(a.focus) && !LOOSE.has(b.focus) && a.focus !== b.focus) return 0;
  return Math.min(coverage(a.terms, b.terms, generic), coverage(b.terms, a.terms, generic));
}

export interface StaffAnswersOptions {
  /** Lowest similarity that counts as the same question (AppConfig.staffAnswerMinScore). */
  minScore: number;
  /**
   * How long a fetched list of staff answers is reused (ms). Edits made
   * through this process apply at once (invalidate); edits by another
   * process or isolate within this time. Default 10 s.
   */
  refreshMs?: number;
  now?: () => number;
  /** Question analysis to use (the engine's cached one, so a visitor's question is analysed once). */
  query?: (text: string) => { terms: QueryTerm[]; focus: Analysed['focus'] };
}

export interface StaffAnswers {
  /** The best staff answer for a question, if one is close enough. */
  match(question: string): Promise<StaffMatch | undefined>;
  /** Similarity of two questions (0–1), for grouping escalations. */
  similarity(a: string, b: string): number;
  /** Forget the cached list: the next match reads the store again. */
  invalidate(): void;
}

export function createStaffAnswers(index: BuiltIndex, store: Store, options: StaffAnswersOptions): StaffAnswers {
  const now = options.now ?? Date.now;
  const refreshMs = options.refreshMs ?? 10_000;
  // Analyses are cached by text; bounded so free text cannot grow it forever.
  const analyses = new Map<string, Analysed>();
  let cached: { at: number; list: StaffAnswer[] } | undefined;
  // On at least half the passages: says nothing about what is asked.
  const generic = (t: QueryTerm) => !t.correctedFrom && (index.df[t.term] ?? 0) >= index.passages.length / 2;

  function analysed(text: string): Analysed {
    let a = analyses.get(text);
    if (!a) {
      const q = options.query ? options.query(text) : buildQuery(index, text);
      a = { terms: q.terms, focus: q.focus };
      if (analyses.size >= 5000) analyses.delete(analyses.keys().next().value!);
      analyses.set(text, a);
    }
    return a;
  }

  async function list(): Promise<StaffAnswer[]> {
    if (!cached || now() - cached.at > refreshMs) cached = { at: now(), list: await store.listStaffAnswers() };
    return cached.list;
  }

  return {
    async match(question) {
      const answers = await list();
      if (answers.length === 0) return undefined;
      const q = analysed(question);
      let best: StaffMatch | undefined;
      for (const answer of answers) {
        const score = similarity(q, analysed(answer.question), generic);
        if (score >= options.minScore && (!best || score > best.score || (score === best.score && answer.updatedAt > best.answer.updatedAt))) {
          best = { answer, score };
        }
      }
      return best;
    },
    similarity: (a, b) => similarity(analysed(a), analysed(b), generic),
    invalidate() {
      cached = undefined;
    },
  };
}
