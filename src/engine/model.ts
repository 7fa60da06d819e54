// The answer model's numbers, as data: how much each kind of match counts,
// how much each missing piece costs, and how a score becomes a probability.
// All are fitted by `npm run train` (scripts/train.ts) on the labelled
// question sets and committed in model.json with a report
// (docs/model-report.md); none is set by hand here.
import fitted from './model.json' with { type: 'json' };
import type { DecisionModel } from './decide.js';

export interface Params {
  /** Share a term's weight counts with, by how it was found (the same word in the sentence counts 1). */
  match: {
    /** Same lemma, another part of speech ("formed" / "forms"). */
    otherUse: number;
    /** In an alternate question the site's author wrote for the sentence. */
    question: number;
    /** Elsewhere in the same passage. */
    passage: number;
    /** Only in the section heading or page title. */
    context: number;
    /** Another form of the word (same stem). */
    stem: number;
    /** Through the site's vocabulary (knowledge/vocabulary.yml). */
    synonym: number;
    /** A misspelt word corrected to a page word (multiplies the match). */
    corrected: number;
    /** A term inherited from an earlier turn (multiplies the match). */
    fromContext: number;
    /** A verb class of src/nlp/english.ts (start/found/establish …). */
    lexClass: number;
    /** WordNet: a synonym or derivationally related form. */
    lexSynonym: number;
    /** WordNet: a broader or narrower word. */
    lexRelated: number;
    /** WordNet: an antonym ("open" for "closed"). */
    lexAntonym: number;
  };
  /** Factors on the score. */
  penalty: {
    /** Per key term absent from the passage but used elsewhere on the pages (a second topic). */
    missingElsewhere: number;
    /** Per key term the pages never use. */
    missingEverywhere: number;
    /** Per key term of a date/number/price/name question found near, but not in, the sentence stating the fact. */
    notInSentence: number;
    /** The asked kind of fact (date, price, name…) is not stated. */
    focusUnmet: number;
    /** Only words on most pages match. */
    nothingSpecific: number;
  };
  alternate: {
    /** Share of words a visitor's question must share with an author's alternate question. */
    sameQuestion: number;
  };
}

export interface ModelFile {
  params: Params;
  /** A passage's score → the probability that quoting it answers: σ(a · logit(score) + b), fitted on the labelled sets (ordering, suggestions, staff's candidate list). */
  calibration: { a: number; b: number };
  /** Direct quote, choices or escalation (decide.ts): two logistic models and their thresholds. */
  decision: DecisionModel;
  fittedOn?: string;
}

/** The probability that quoting a passage with this raw score answers the question. */
export function calibrated(score: number, c: ModelFile['calibration']): number {
  const s = Math.min(0.999, Math.max(0.001, score));
  return 1 / (1 + Math.exp(-(c.a * Math.log(s / (1 - s)) + c.b)));
}

export const DEFAULT_MODEL = fitted as unknown as ModelFile;
export const DEFAULT_PARAMS: Params = DEFAULT_MODEL.params;
