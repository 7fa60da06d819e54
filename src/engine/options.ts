// Engine options with their defaults, in one place. Each field says what it
// means, its default and a sensible range.
export interface EngineOptions {
  /**
   * Lowest probability (0–1) that the top sentence answers at which it is
   * quoted alone. Default: fitted by `npm run train` for direct precision
   * first (src/engine/model.json, docs/model-report.md). Sensible range
   * 0.5–0.95: lower quotes more wrong sentences, higher offers choices more often.
   */
  threshold: number;
  /**
   * Lowest probability (0–1) that one of the choices answers at which the
   * shortlist is offered; below it the question is escalated. Default:
   * fitted by `npm run train`. Sensible range 0.1–0.6: lower offers choices
   * for more out-of-scope questions, higher escalates more answerable ones.
   */
  choiceThreshold: number;
  /** Most quotes offered as choices. Default 3; range 1–3. */
  maxChoices: number;
  /** A choice weighing less than this share of the first is not offered. Default 0.2; range 0–1. */
  minShare: number;
  /** A sentence other than its passage's best, not stating the asked kind of fact, weighs this much as a choice. Default 0.6; range 0–1. */
  otherSentenceFocusUnmet: number;
  /** Longest quote in characters before sentences are cut to clauses. Default 300; range 150–600. */
  maxAnswerChars: number;
  /** Passages taken from lexical search for answerability scoring. Default 15; range 5–50. */
  candidates: number;
  /** Suggestions offered with a reply. Default 3; range 0–5. */
  maxSuggestions: number;
  /** Lowest confidence of a passage whose question is offered as a suggestion. Default 0.35; range 0.2–0.6. */
  suggestionMinConfidence: number;
  /** A previous turn older than this (ms) no longer resolves follow-ups. Default 30 min; range 1–120 min. */
  contextMaxAgeMs: number;
  /** Helpdesk address named in escalations and small talk. Default: the site's (knowledge/site.yml). */
  helpdeskEmail: string;
}

export const DEFAULT_ENGINE_OPTIONS: Omit<EngineOptions, 'helpdeskEmail' | 'threshold' | 'choiceThreshold'> = {
  maxChoices: 3,
  minShare: 0.2,
  otherSentenceFocusUnmet: 0.6,
  maxAnswerChars: 300,
  candidates: 15,
  maxSuggestions: 3,
  suggestionMinConfidence: 0.35,
  contextMaxAgeMs: 30 * 60 * 1000,
};
