// The shortlist: when the engine is not sure which sentence answers, the few
// sentences most likely to, each quoted verbatim with its source, best first.
// Sentences, not passages: the right sentence is often the second of a
// passage whose best-covered sentence is another. No two choices quote the
// same sentence or near-identical text.
import type { Messages } from '../knowledge/schema.js';
import { quote, sourcesOf, type Source } from './compose.js';
import type { Query } from './query.js';
import type { PassageScore } from './score.js';

export interface Candidate {
  score: PassageScore;
  /** The sentence of the passage this candidate quotes. */
  sentence: number;
  /** Ordering weight (the passage's rank, less for a sentence other than its best). */
  weight: number;
}

export interface Choice {
  passage: number;
  sentence: number;
  answer: string;
  sources: Source[];
}

export interface ShortlistOptions {
  /** Most choices offered (1–3). */
  maxChoices: number;
  /** A candidate weighing less than this share of the first is not offered. */
  minShare: number;
  /** Longest quote in characters (as for a direct answer). */
  maxAnswerChars: number;
  /** How a sentence other than its passage's best counts: × its coverage relative to the best, × this when it does not state the asked kind of fact. */
  otherSentenceFocusUnmet: number;
}

/** Passages whose sentences are weighed for the shortlist: the right sentence is in the top three passages' sentences nearly always when it is anywhere near. */
const PASSAGES_WEIGHED = 8;

/** Every sentence of the best ranked passages as a candidate, best first, down to `minShare` of the first. */
export function candidates(ranked: readonly PassageScore[], options: Pick<ShortlistOptions, 'otherSentenceFocusUnmet' | 'minShare'>): Candidate[] {
  const out: Candidate[] = [];
  // The first passage's best sentence weighs most of all (ranked is sorted by rank): the floor is known up front.
  const floor = (ranked[0]?.rank ?? 0) * options.minShare;
  for (const r of ranked.slice(0, PASSAGES_WEIGHED)) {
    if (r.rank <= 0 || r.rank < floor) continue;
    // A staff answer and a link are one text: their best "sentence" only.
    if (r.passage.kind !== 'text') {
      out.push({ score: r, sentence: r.best.index, weight: r.rank });
      continue;
    }
    for (const s of r.sentences) {
      if (s.index === r.best.index) out.push({ score: r, sentence: s.index, weight: r.rank });
      else if (s.coverage > 0 && r.best.coverage > 0) {
        const weight = r.rank * Math.min(1, s.coverage / r.best.coverage) * (s.focusMet ? 1 : options.otherSentenceFocusUnmet);
        if (weight >= floor) out.push({ score: r, sentence: s.index, weight });
      }
    }
  }
  return out.sort((a, b) => b.weight - a.weight);
}

const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** A quote with what comparing it needs, made once. */
interface Said {
  lower: string;
  words: Set<string>;
}
const said = (text: string): Said => ({ lower: text.toLowerCase(), words: words(text) });

/** Two quotes say nearly the same: one holds the other, or they share most words. */
function nearlySame(a: Said, b: Said): boolean {
  if (a.lower.includes(b.lower) || b.lower.includes(a.lower)) return true;
  let shared = 0;
  for (const w of a.words) if (b.words.has(w)) shared++;
  return shared / Math.max(1, Math.min(a.words.size, b.words.size)) >= 0.8;
}

/** The quote a candidate gives (a staff answer is its text after the team's lead-in). */
export type Answerer = (score: PassageScore, sentence: number) => { answer: string; sources: Source[] };

/** The text quoted for a scored passage at one of its sentences, with its sources. */
export function pageAnswer(query: Query, messages: Messages, maxAnswerChars: number): Answerer {
  return (score, sentence) => {
    const at = sentence === score.best.index ? score : { ...score, best: { ...score.best, index: sentence }, altQuote: undefined };
    const answer = quote(at, query, messages, maxAnswerChars);
    return { answer, sources: sourcesOf(score.passage, answer) };
  };
}

/** Up to `maxChoices` distinct quotes, best first (none weighing less than `minShare` of the first). */
export function shortlist(ranked: readonly PassageScore[], answer: Answerer, options: ShortlistOptions): Choice[] {
  const out: Choice[] = [];
  const taken: Said[] = [];
  for (const c of candidates(ranked, options)) {
    if (out.length >= options.maxChoices) break;
    const text = c.score.passage.kind === 'text' ? c.score.passage.sentences[c.sentence]!.text : c.score.passage.text;
    // The same sentence quoted by another choice (with its neighbours)…
    if (out.some((o) => (o.passage === c.score.passage.id && o.sentence === c.sentence) || o.answer.includes(text))) continue;
    const a = answer(c.score, c.sentence);
    // …or near-identical text.
    const mine = said(a.answer);
    if (taken.some((t) => nearlySame(t, mine))) continue;
    out.push({ passage: c.score.passage.id, sentence: c.sentence, ...a });
    taken.push(mine);
  }
  return out;
}
