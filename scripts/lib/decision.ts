// Fitting the decision (src/engine/decide.ts): two logistic models over the
// ranked candidates' features — P(the top sentence answers) and P(one of the
// choices answers) — and their thresholds: the direct one for precision
// first, the choice one so that out-of-scope questions are still escalated.
// Figures use the grader's definitions (src/eval/grade.ts).
import {
  decide,
  evidence,
  FEATURE_NAMES,
  judged,
  probability,
  type DecisionModel,
  type Evidence,
  type FeatureName,
  type Logistic,
  type Outcome,
} from '../../src/engine/decide.js';
import { passes } from '../../src/eval/grade.js';
import type { CaseData } from './training.js';
import type { Params } from '../../src/engine/model.js';

/** One case as the decision sees it. */
export interface Sample {
  group: string;
  set: string;
  id: string;
  kind: 'answer' | 'escalate';
  /** The evidence; undefined when nothing shares a word with the question (always escalated). */
  e?: Evidence;
  /** Quoting the top sentence alone passes the case. */
  top: boolean;
  /** One of the choices the engine would offer passes it. */
  listed: boolean;
}

/** Each case read once under `params`: its features, and whether the direct quote and the choices would be right. */
export function samples(cases: CaseData[], params?: Params): Sample[] {
  const out: Sample[] = [];
  for (const c of cases) {
    if (c.kind === 'smalltalk') continue;
    const base = { group: c.group, set: c.set, id: c.id, kind: c.kind };
    if (!c.query) {
      out.push({ ...base, top: false, listed: false });
      continue;
    }
    const ranked = c.engine.rank(c.query, params, { raw: true });
    if (ranked.length === 0) {
      out.push({ ...base, top: false, listed: false });
      continue;
    }
    const e = evidence(c.query, ranked, c.engine.site);
    const right = (answer: string, sources: { title: string; url: string }[]) =>
      c.kind === 'answer' && passes('answer', c.last, { answer, sources, escalated: false });
    const top = c.engine.quoteFor(c.query, ranked[0]!, ranked[0]!.best.index);
    const listed = c.engine.shortlistFor(c.query, ranked).some((ch) => right(ch.answer, ch.sources));
    out.push({ ...base, e, top: right(top.answer, top.sources), listed });
  }
  return out;
}

export interface Figures {
  /** Answer cases given one direct quote that is right. */
  answer: number;
  /** Answer cases given that, or choices of which one is right. */
  helped: number;
  /** Out-of-scope cases escalated. */
  escalate: number;
  /** Out-of-scope cases given no direct quote. */
  unquoted: number;
  /** Right direct quotes / direct quotes. */
  precision: number;
  /** Direct quotes given. */
  direct: number;
  cases: number;
}

export function outcomeOf(s: Sample, model: DecisionModel): Outcome {
  return decide(s.e, model).outcome;
}

export function figures(ss: Sample[], model: DecisionModel, outcome: (s: Sample) => Outcome = (s) => outcomeOf(s, model)): Figures {
  const answer = ss.filter((s) => s.kind === 'answer');
  const escalate = ss.filter((s) => s.kind === 'escalate');
  const o = new Map(ss.map((s) => [s, outcome(s)]));
  const direct = ss.filter((s) => o.get(s) === 'direct');
  const share = (n: number, d: number) => (d ? n / d : 1);
  return {
    answer: share(answer.filter((s) => o.get(s) === 'direct' && s.top).length, answer.length),
    helped: share(answer.filter((s) => (o.get(s) === 'direct' && s.top) || (o.get(s) === 'choices' && s.listed)).length, answer.length),
    escalate: share(escalate.filter((s) => o.get(s) === 'escalate').length, escalate.length),
    unquoted: share(escalate.filter((s) => o.get(s) !== 'direct').length, escalate.length),
    precision: share(direct.filter((s) => s.kind === 'answer' && s.top).length, direct.length),
    direct: direct.length,
    cases: ss.length,
  };
}

/**
 * Logistic regression (gradient descent on standardised features, a little
 * L2), returned with the standardisation folded into the weights so the
 * engine computes one dot product. Every case weighs the same: a site whose
 * knowledge holds judged wordings (alternate questions) shows what such
 * evidence is worth, which a site-balanced fit would drown in the plain sites.
 */
export function fitLogistic(
  rows: { x: Record<FeatureName, number>; y: number }[],
  l2 = 0.01,
  iterations = 3000,
  use: readonly FeatureName[] = FEATURE_NAMES,
): Omit<Logistic, 'threshold'> {
  const d = FEATURE_NAMES.length;
  // Features left out are held at zero: their weight stays 0.
  const X = rows.map((r) => FEATURE_NAMES.map((f) => (use.includes(f) ? r.x[f] : 0)));
  const weight = rows.map(() => 1);
  const mu = FEATURE_NAMES.map((_, j) => X.reduce((s, x) => s + x[j]!, 0) / (X.length || 1));
  const sd = FEATURE_NAMES.map((_, j) => Math.sqrt(X.reduce((s, x) => s + (x[j]! - mu[j]!) ** 2, 0) / (X.length || 1)));
  const Z = X.map((x) => x.map((v, j) => (sd[j]! > 1e-9 ? (v - mu[j]!) / sd[j]! : 0)));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const total = weight.reduce((s, v) => s + v, 0) || 1;
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < Z.length; i++) {
      const z = Z[i]!;
      let t = b;
      for (let j = 0; j < d; j++) t += w[j]! * z[j]!;
      const e = (1 / (1 + Math.exp(-t)) - rows[i]!.y) * weight[i]!;
      for (let j = 0; j < d; j++) g[j]! += e * z[j]!;
      gb += e;
    }
    for (let j = 0; j < d; j++) w[j]! -= 0.5 * (g[j]! / total + l2 * w[j]!);
    b -= (0.5 * gb) / total;
  }
  // σ(b + Σ w·(x−μ)/σ) = σ(b − Σ w·μ/σ + Σ (w/σ)·x)
  const weights = Object.fromEntries(FEATURE_NAMES.map((f, j) => [f, sd[j]! > 1e-9 ? +(w[j]! / sd[j]!).toFixed(4) : 0])) as Record<FeatureName, number>;
  const bias = +(b - FEATURE_NAMES.reduce((s, _, j) => s + (sd[j]! > 1e-9 ? (w[j]! * mu[j]!) / sd[j]! : 0), 0)).toFixed(4);
  return { weights, bias };
}

/** What the thresholds are chosen for. */
export interface Targets {
  /** Direct quotes must be right at least this often, pooled. */
  precision: number;
  /** …and on every site that got at least three of them. */
  sitePrecision: number;
  /** Out-of-scope questions must be escalated at least this often (pooled and on average per site). */
  escalate: number;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / (xs.length || 1);
const groupsOf = (ss: Sample[]) => [...new Set(ss.map((s) => s.group))];

/**
 * The lowest direct threshold at which direct quotes are right at least
 * `targets.precision` of the time pooled, and `targets.sitePrecision` on
 * every site that got three or more, there and at every higher threshold:
 * precision first, then as many direct answers as that allows.
 */
export function directThreshold(ss: Sample[], m: Omit<Logistic, 'threshold'>, targets: Pick<Targets, 'precision' | 'sitePrecision'>): number {
  // Judged wordings are quoted whatever the threshold: they count from the start.
  const always = ss.filter((s) => s.e && judged(s.e));
  const scored = ss
    .filter((s) => s.e && !judged(s.e))
    .map((s) => ({ s, p: probability(m, s.e!.x) }))
    .sort((a, b) => b.p - a.p);
  const right = new Map<string, [number, number]>();
  for (const s of always) {
    const [r, n] = right.get(s.group) ?? [0, 0];
    right.set(s.group, [r + (s.top ? 1 : 0), n + 1]);
  }
  let pooled: [number, number] = [always.filter((s) => s.top).length, always.length];
  let best = 1.01;
  for (let i = 0; i < scored.length; i++) {
    const { s, p } = scored[i]!;
    const site = right.get(s.group) ?? [0, 0];
    right.set(s.group, [site[0] + (s.top ? 1 : 0), site[1] + 1]);
    pooled = [pooled[0] + (s.top ? 1 : 0), pooled[1] + 1];
    // Ties are decided together: a threshold cannot split equal probabilities.
    if (scored[i + 1]?.p === p) continue;
    const sitesOk = [...right.values()].every(([r, n]) => n < 3 || r / n >= targets.sitePrecision);
    if (pooled[0] / pooled[1] < targets.precision || !sitesOk) break;
    best = +p.toFixed(4);
  }
  return best;
}

/** The lowest choice threshold at which out-of-scope questions are still escalated at the target rate (pooled and mean per site). */
export function choiceThreshold(ss: Sample[], model: Omit<DecisionModel, 'choice'> & { choice: Omit<Logistic, 'threshold'> }, target: number): number {
  const ts = [
    ...new Set(
      ss
        .filter((s) => s.e)
        .map((s) => +probability(model.choice, s.e!.x).toFixed(4))
        .concat([1.01]),
    ),
  ].sort((a, b) => a - b);
  const groups = groupsOf(ss);
  for (const t of ts) {
    const m: DecisionModel = { direct: model.direct, choice: { ...model.choice, threshold: t } };
    const pooled = figures(ss, m).escalate;
    const perSite = mean(
      groups.map(
        (g) =>
          figures(
            ss.filter((s) => s.group === g),
            m,
          ).escalate,
      ),
    );
    if (pooled >= target && perSite >= target) return t;
  }
  return 1.01;
}

/**
 * What each model reads. The choice model reads the top score alone (and how
 * much of it someone judged): measured leave-one-organisation-out and on
 * held-out sites, every further input fitted the training sites better and
 * new sites worse (DESIGN.md, "Ask, don't guess").
 */
export const DIRECT_FEATURES: readonly FeatureName[] = FEATURE_NAMES;
export const CHOICE_FEATURES: readonly FeatureName[] = ['score', 'alternate', 'judged', 'authored', 'scoreTaught'];

/** Both models and thresholds fitted on `ss`. */
export function fitDecision(ss: Sample[], targets: Targets): DecisionModel {
  const rows = ss.filter((s) => s.e);
  const direct = fitLogistic(
    rows.map((s) => ({ x: s.e!.x, y: s.top ? 1 : 0 })),
    undefined,
    undefined,
    DIRECT_FEATURES,
  );
  const choice = fitLogistic(
    rows.map((s) => ({ x: s.e!.x, y: s.listed || s.top ? 1 : 0 })),
    undefined,
    undefined,
    CHOICE_FEATURES,
  );
  const d: Logistic = { ...direct, threshold: directThreshold(ss, direct, targets) };
  return { direct: d, choice: { ...choice, threshold: choiceThreshold(ss, { direct: d, choice }, targets.escalate) } };
}
