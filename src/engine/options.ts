// Engine options with their defaults, in one place. Each field says what it
// means, its default and a sensible range.
export interface EngineOptions {
  /**
   * Lowest confidence (0–1) that is answered; below it the question is
   * escalated. Default 0.45, calibrated on the dev and team sets (see DESIGN.md for the
   * trade-off curve). Sensible range 0.3–0.7: lower answers more near-misses,
   * higher escalates more answerable questions.
   */
  threshold: number;
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

export const DEFAULT_ENGINE_OPTIONS: Omit<EngineOptions, 'helpdeskEmail'> = {
  threshold: 0.45,
  maxAnswerChars: 300,
  candidates: 15,
  maxSuggestions: 3,
  suggestionMinConfidence: 0.35,
  contextMaxAgeMs: 30 * 60 * 1000,
};
