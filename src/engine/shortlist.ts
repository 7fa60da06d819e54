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

/** Every sentence of the ranked passages as a candidate, best first. */
export function candidates(ranked: readonly PassageScore[], options: Pick<ShortlistOptions, 'otherSentenceFocusUnmet'>): Candidate[] {
  const out: Candidate[] = [];
  for (const r of ranked) {
    if (r.rank <= 0) continue;
    // A staff answer and a link are one text: their best "sentence" only.
    if (r.passage.kind !== 'text') {
      out.push({ score: r, sentence: r.best.index, weight: r.rank });
      continue;
    }
    for (const s of r.sentences) {
      if (s.index === r.best.index) out.push({ score: r, sentence: s.index, weight: r.rank });
      else if (s.coverage > 0 && r.best.coverage > 0)
        out.push({
          score: r,
          sentence: s.index,
          weight: r.rank * Math.min(1, s.coverage / r.best.coverage) * (s.focusMet ? 1 : options.otherSentenceFocusUnmet),
        });
    }
  }
  return out.sort((a, b) => b.weight - a.weight);
}

const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** Two quotes say nearly the same: one holds the other, or they share most words. */
function nearlySame(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x.includes(y) || y.includes(x)) return true;
  const wa = words(a);
  const wb = words(b);
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.max(1, Math.min(wa.size, wb.size)) >= 0.8;
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

/** Up to `maxChoices` distinct quotes, best first. */
export function shortlist(ranked: readonly PassageScore[], answer: Answerer, options: ShortlistOptions): Choice[] {
  const out: Choice[] = [];
  const list = candidates(ranked, options);
  const first = list[0]?.weight ?? 0;
  for (const c of list) {
    if (out.length >= options.maxChoices) break;
    if (c.weight < first * options.minShare) break;
    const text = c.score.passage.kind === 'text' ? c.score.passage.sentences[c.sentence]!.text : c.score.passage.text;
    if (out.some((o) => o.passage === c.score.passage.id && o.sentence === c.sentence)) continue;
    const a = answer(c.score, c.sentence);
    // The same sentence quoted by another choice (with its neighbours), or near-identical text.
    if (out.some((o) => o.answer.includes(text) || nearlySame(o.answer, a.answer))) continue;
    out.push({ passage: c.score.passage.id, sentence: c.sentence, ...a });
  }
  return out;
}
