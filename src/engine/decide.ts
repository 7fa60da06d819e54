// The one decision of a turn: quote directly, offer a short choice of quotes,
// or escalate. Lexical evidence cannot reliably say which one sentence
// answers a new wording, but the right one is often among the first few;
// so the engine quotes directly only when the calibrated probability that
// its top sentence answers reaches `direct.threshold`, offers the shortlist
// when the probability that one of its choices answers reaches
// `choice.threshold`, and escalates otherwise. Both models and thresholds
// are fitted by `npm run train` (scripts/lib/decision.ts) and read from
// model.json; nothing here is tuned by hand.
import type { Query } from './query.js';
import type { PassageScore } from './score.js';

/**
 * What the decision looks at, one number each with what it means, computed
 * from the ranked candidates alone (so pages, staff answers and every site
 * are read alike). Few on purpose: more (the runner-up's score, the lead
 * over it, BM25, how many words the site knows, question length, word-vector
 * similarities) fitted the sites they were fitted on better and new sites
 * worse (DESIGN.md, "Ask, don't guess").
 */
export const FEATURES = {
  score: 'logit of the top answerability score (coverage × what is missing)',
  coverage: 'weighted share of the question words the top sentence covers (≤ 1.5)',
  focus: 'the top sentence states the asked kind of fact (a date for “when”, a price for “how much”…)',
  missing: 'key terms (names, nouns, numbers) the top passage lacks (≤ 3)',
  alternate: 'similarity of an alternate question (author’s or staff’s) of the top passage that matches, else 0',
  judged: 'share of the question’s words the top sentence’s alternate questions (author’s or staff’s) have',
  authored: 'share of the site’s passages with alternate questions (the author’s or staff’s): how much of its visitors’ wording it was taught',
  // A taught site's words meet its visitors' (its vocabulary and questions
  // were written for them), so the same evidence means more there:
  coverageTaught: 'coverage × authored',
  focusTaught: 'focus × authored',
  scoreTaught: 'score × authored',
  missingTaught: 'missing × authored',
} as const;
export type FeatureName = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];

/** A logistic model over the features: P = σ(bias + Σ weight · feature). */
export interface Logistic {
  weights: Record<FeatureName, number>;
  bias: number;
  /** Lowest probability that takes this outcome. */
  threshold: number;
}

export interface DecisionModel {
  /** P(the top sentence answers the question): quote it alone at or above its threshold. */
  direct: Logistic;
  /** P(one of the offered choices answers it): offer them at or above its threshold, else escalate. */
  choice: Logistic;
}

export type Outcome = 'direct' | 'choices' | 'escalate';

export interface Decision {
  outcome: Outcome;
  /** Probability that the top sentence answers. */
  direct: number;
  /** Probability that one of the choices answers. */
  choice: number;
}

/** The features, and whether the question leans on an earlier turn. */
export interface Evidence {
  x: Record<FeatureName, number>;
  followUp: boolean;
}

/** What the decision knows of the site: how much of its visitors' wording it was taught. */
export interface SiteEvidence {
  /** Share of its passages that have alternate questions (0–1). */
  authored: number;
}

const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const logit = (p: number) => {
  const s = clip(p, 0.001, 0.999);
  return Math.log(s / (1 - s));
};

/** The evidence of a ranked candidate list (raw scores, before calibration). */
export function evidence(query: Query, ranked: readonly PassageScore[], site: SiteEvidence): Evidence {
  const top = ranked[0];
  const score = logit(top?.confidence ?? 0);
  const coverage = clip(top?.best.coverage ?? 0, 0, 1.5);
  const focus = top?.focusMet ? 1 : 0;
  const missing = Math.min(3, top?.missing.length ?? 3);
  const a = site.authored;
  return {
    x: {
      score,
      coverage,
      focus,
      missing,
      alternate: top?.alternate ?? 0,
      judged: top?.questionCoverage ?? 0,
      authored: a,
      coverageTaught: coverage * a,
      focusTaught: focus * a,
      scoreTaught: score * a,
      missingTaught: missing * a,
    },
    followUp: query.terms.some((t) => t.fromContext),
  };
}

/**
 * Someone already judged this wording: the question is one the knowledge
 * author or staff wrote for that sentence, every specific word both ways,
 * and it is not a follow-up leaning on an earlier turn. Their judgement
 * stands for it: quoted directly whatever the models say.
 */
export const judged = (e: Evidence) => e.x.alternate >= 1 && !e.followUp;

export function probability(m: Pick<Logistic, 'weights' | 'bias'>, x: Record<FeatureName, number>): number {
  let z = m.bias;
  for (const f of FEATURE_NAMES) z += (m.weights[f] ?? 0) * x[f];
  return 1 / (1 + Math.exp(-z));
}

/**
 * Direct when sure, choices when the shortlist is plausible, the helpdesk
 * otherwise. `thresholds` overrides the fitted ones (a deployment's setting).
 */
export function decide(e: Evidence | undefined, model: DecisionModel, thresholds: { direct?: number; choice?: number } = {}): Decision {
  if (!e) return { outcome: 'escalate', direct: 0, choice: 0 };
  if (judged(e)) return { outcome: 'direct', direct: 1, choice: 1 };
  const direct = probability(model.direct, e.x);
  const choice = probability(model.choice, e.x);
  const outcome: Outcome =
    direct >= (thresholds.direct ?? model.direct.threshold) ? 'direct' : choice >= (thresholds.choice ?? model.choice.threshold) ? 'choices' : 'escalate';
  return { outcome, direct, choice };
}
