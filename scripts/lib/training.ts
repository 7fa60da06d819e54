// Fitting the answer model's numbers (src/engine/model.ts) on labelled
// question sets: every case's last turn is read once by the real engine; then
// the parameters (how much each kind of match counts, what each missing piece
// costs) are searched coordinate by coordinate for the most right answers at
// the precision target, the threshold is the lowest score that keeps that
// precision, and a logistic (Platt) calibration turns scores into
// probabilities. Also: leave-one-organisation-out evaluation. Node-side
// tooling only (npm run train, npm run eval -- --loo).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import type { ModelFile, Params } from '../../src/engine/model.js';
import { figures as decisionFigures, fitDecision, samples, type Targets } from './decision.js';
import { quote, sourcesOf } from '../../src/engine/compose.js';
import type { TurnMemory } from '../../src/engine/conversation.js';
import type { Query } from '../../src/engine/query.js';
import { passes, type EvalCase, type EvalSet, type EvalTurn } from '../../src/eval/grade.js';
import { indexPathFor, loadOrBuildIndex } from '../../src/pipeline/index-file.js';

/** A labelled set with the knowledge it is about. Sets of one group share a site. */
export interface LabelledSet {
  group: string;
  knowledge: string;
  set: EvalSet;
}

const readSet = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as EvalSet;

/** The labelled sets the model is fitted on: the OMA team's sets and the plain-page organisations. */
export function trainingSets(root = process.cwd()): LabelledSet[] {
  const out: LabelledSet[] = [];
  const fixtures = join(root, 'test/fixtures');
  const omaSets = [
    'eval/dev.json',
    ...readdirSync(fixtures)
      .filter((f) => /^visitor-questions.*\.json$/.test(f))
      .map((f) => `test/fixtures/${f}`),
  ];
  for (const f of omaSets) out.push({ group: 'oma', knowledge: join(root, 'knowledge'), set: readSet(join(root, f)) });
  for (const org of readdirSync(join(fixtures, 'orgs')).sort()) {
    const dir = join(fixtures, 'orgs', org);
    if (existsSync(join(dir, 'questions.json'))) out.push({ group: org, knowledge: join(dir, 'knowledge'), set: readSet(join(dir, 'questions.json')) });
  }
  return out;
}

/**
 * Sets never fitted on, run only to judge: other organisations
 * (test/fixtures/holdout, and test/fixtures/fresh — written blind for the
 * three-outcome engine and first run on it) and new OMA wording.
 */
export function heldOutSets(root = process.cwd()): LabelledSet[] {
  const out: LabelledSet[] = [];
  for (const folder of ['holdout', 'fresh']) {
    const dir = join(root, 'test/fixtures', folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (name.endsWith('.json')) out.push({ group: name.replace(/\.json$/, ''), knowledge: join(root, 'knowledge'), set: readSet(path) });
      else if (existsSync(join(path, 'questions.json')))
        out.push({ group: name, knowledge: join(path, 'knowledge'), set: readSet(join(path, 'questions.json')) });
    }
  }
  return out;
}

/** One answer or escalate case, read by the engine up to its last question. */
export interface CaseData {
  group: string;
  set: string;
  id: string;
  kind: EvalCase['kind'];
  engine: Engine;
  /** The last question as the engine reads it; absent when it is answered as small talk. */
  query?: Query;
  last: EvalTurn;
}

const engines = new Map<string, Engine>();
async function engineFor(knowledge: string): Promise<Engine> {
  let e = engines.get(knowledge);
  if (!e) {
    const { index } = await loadOrBuildIndex(resolve(knowledge), indexPathFor(knowledge));
    e = createEngine(index);
    engines.set(knowledge, e);
  }
  return e;
}

/** Every answer and escalate case of the sets (small talk is not the model's business). */
export async function extract(sets: LabelledSet[]): Promise<CaseData[]> {
  const out: CaseData[] = [];
  for (const { group, knowledge, set } of sets) {
    const engine = await engineFor(knowledge);
    for (const c of set.cases) {
      if (c.kind === 'smalltalk') continue;
      let previous: TurnMemory | undefined;
      const now = Date.now();
      for (const turn of c.turns.slice(0, -1)) previous = engine.ask(turn.q, { previous, now }).memory;
      const last = c.turns[c.turns.length - 1]!;
      const small = engine.ask(last.q, { previous, now }).kind === 'smalltalk';
      out.push({ group, set: set.name, id: c.id, kind: c.kind, engine, last, ...(small ? {} : { query: engine.resolve(last.q, previous, now) }) });
    }
  }
  return out;
}

export interface Decision {
  group: string;
  set: string;
  id: string;
  kind: EvalCase['kind'];
  score: number;
  right: boolean;
}

/** The engine's top passage per case under `params`: its raw score, and whether quoting it passes. */
export function decide(cases: CaseData[], params: Params): Decision[] {
  return cases.map((c) => {
    const base = { group: c.group, set: c.set, id: c.id, kind: c.kind };
    if (!c.query) return { ...base, score: 0, right: false };
    const top = c.engine.rank(c.query, params, { raw: true })[0];
    if (!top) return { ...base, score: 0, right: false };
    const answer = quote(top, c.query, c.engine.index.messages, c.engine.options.maxAnswerChars);
    const right = c.kind === 'answer' && passes('answer', c.last, { answer, sources: sourcesOf(top.passage, answer), escalated: false });
    return { ...base, score: top.confidence, right };
  });
}

export interface Figures {
  answer: number;
  escalate: number;
  precision: number;
  answered: number;
  cases: number;
}

/** Answer rate, escalate rate and precision of decisions at a threshold. */
export function figures(ds: Decision[], threshold: number): Figures {
  const answerCases = ds.filter((d) => d.kind === 'answer');
  const escalateCases = ds.filter((d) => d.kind === 'escalate');
  const quoted = ds.filter((d) => d.score >= threshold);
  const rightQuotes = quoted.filter((d) => d.kind === 'answer' && d.right).length;
  return {
    answer: answerCases.filter((d) => d.score >= threshold && d.right).length / (answerCases.length || 1),
    escalate: escalateCases.filter((d) => d.score < threshold).length / (escalateCases.length || 1),
    precision: quoted.length ? rightQuotes / quoted.length : 1,
    answered: quoted.length,
    cases: ds.length,
  };
}

/** Mean of each group's figures, so every site counts the same. */
export function macro(ds: Decision[], threshold: number): Figures {
  const groups = [...new Set(ds.map((d) => d.group))];
  const fs = groups.map((g) =>
    figures(
      ds.filter((d) => d.group === g),
      threshold,
    ),
  );
  const mean = (k: keyof Figures) => fs.reduce((s, f) => s + f[k], 0) / (fs.length || 1);
  return { answer: mean('answer'), escalate: mean('escalate'), precision: mean('precision'), answered: mean('answered'), cases: ds.length };
}

/** The lowest threshold at which both the pooled and the per-site mean precision reach `target`. */
export function thresholdFor(ds: Decision[], target: number): number {
  const scores = [...new Set(ds.map((d) => d.score).filter((s) => s > 0))].sort((a, b) => a - b);
  for (const t of scores) if (figures(ds, t).precision >= target && macro(ds, t).precision >= target) return t;
  return 1.01;
}

/** What the site with authored knowledge (OMA) must keep: its team sets' answer and escalate rates (the product's targets). */
export const AUTHORED_MINIMUMS = { answer: 0.95, escalate: 0.93 };

const authored = (d: Decision) => d.group === 'oma';

/**
 * Utility of quoting at threshold t on the plain-page sites (what a new site
 * has on day one): a right quote earns 1, a wrong one costs
 * target/(1−target) — at a precision of `target` they balance — and an
 * escalation nothing: a wrong quote is worse than an escalation.
 */
export function utility(ds: Decision[], t: number, target: number): number {
  const cost = target / (1 - target);
  // (When only the authored site is there — leaving the plain sites out is not
  // a fold, but the function stays defined — its own utility counts.)
  const plain = ds.some((d) => !authored(d)) ? ds.filter((d) => !authored(d)) : ds;
  const quoted = plain.filter((d) => d.score >= t);
  const right = quoted.filter((d) => d.right).length;
  return (right - cost * (quoted.length - right)) / (plain.length || 1);
}

/** Whether the authored site keeps its minimums at threshold t (trivially, when it is not among the sets). */
function authoredKept(ds: Decision[], t: number): { ok: boolean; slack: number } {
  const own = ds.filter(authored);
  if (own.length === 0) return { ok: true, slack: 0 };
  const f = figures(own, t);
  return {
    ok: f.answer >= AUTHORED_MINIMUMS.answer && f.escalate >= AUTHORED_MINIMUMS.escalate,
    slack: Math.min(f.answer - AUTHORED_MINIMUMS.answer, f.escalate - AUTHORED_MINIMUMS.escalate),
  };
}

/** The threshold with the most plain-site utility among those that keep the authored site's minimums (else the one closest to keeping them). */
export function bestThreshold(ds: Decision[], target: number): number {
  const scores = [...new Set(ds.map((d) => d.score).filter((s) => s > 0))].sort((a, b) => a - b);
  let best: { t: number; u: number; ok: boolean; slack: number } | undefined;
  for (const t of scores) {
    const k = authoredKept(ds, t);
    const u = utility(ds, t, target);
    const better = !best || (k.ok && !best.ok) || (k.ok === best.ok && (k.ok ? u > best.u + 1e-12 : k.slack > best.slack));
    if (better) best = { t, u, ...k };
  }
  return best?.t ?? 1.01;
}

/** What the search maximises: keep the authored site's minimums first, then the plain sites' utility. */
function objective(ds: Decision[], target: number): number {
  const t = bestThreshold(ds, target);
  const k = authoredKept(ds, t);
  return k.ok ? 1 + utility(ds, t, target) : k.slack;
}

type Path = [keyof Params, string];
const PATHS: Path[] = [
  ...(
    ['otherUse', 'question', 'passage', 'context', 'stem', 'synonym', 'corrected', 'fromContext', 'lexClass', 'lexSynonym', 'lexRelated', 'lexAntonym'] as const
  ).map((k): Path => ['match', k]),
  ...(['missingElsewhere', 'missingEverywhere', 'notInSentence', 'focusUnmet', 'nothingSpecific'] as const).map((k): Path => ['penalty', k]),
  ['alternate', 'sameQuestion'],
];
const get = (p: Params, [a, b]: Path) => (p[a] as Record<string, number>)[b]!;
const set = (p: Params, [a, b]: Path, v: number): Params => ({ ...p, [a]: { ...(p[a] as Record<string, number>), [b]: v } });

/** Coordinate search from `start`: each parameter tried at a few multiples, kept when the objective improves. */
export function searchParams(
  cases: CaseData[],
  start: Params,
  target: number,
  sweeps = 2,
  log: (s: string) => void = () => {},
  score: (p: Params) => number = (p) => objective(decide(cases, p), target),
): Params {
  let best = start;
  let bestScore = score(best);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let moved = false;
    for (const path of PATHS) {
      const cur = get(best, path);
      for (const k of [0.5, 0.75, 0.9, 1.1, 1.3, 1.6]) {
        const lo = path[1] === 'sameQuestion' ? 0.5 : 0.02;
        const v = +Math.min(1, Math.max(lo, cur * k)).toFixed(3);
        if (v === cur) continue;
        const candidate = set(best, path, v);
        const value = score(candidate);
        if (value > bestScore + 1e-9) {
          best = candidate;
          bestScore = value;
          moved = true;
          log(`  ${path.join('.')} ${cur} → ${v}: ${value.toFixed(4)}`);
          break;
        }
      }
    }
    if (!moved) break;
  }
  return best;
}

/** Platt scaling: fit σ(a·logit(score) + b) to whether the top passage was right. */
export function calibrate(ds: Decision[]): { a: number; b: number } {
  const rows = ds
    .filter((d) => d.score > 0)
    .map((d) => {
      const s = Math.min(0.999, Math.max(0.001, d.score));
      return { x: Math.log(s / (1 - s)), y: d.right ? 1 : 0 };
    });
  let a = 1;
  let b = 0;
  for (let it = 0; it < 3000; it++) {
    let ga = 0;
    let gb = 0;
    for (const r of rows) {
      const p = 1 / (1 + Math.exp(-(a * r.x + b)));
      ga += (p - r.y) * r.x;
      gb += p - r.y;
    }
    a -= (0.5 * ga) / rows.length;
    b -= (0.5 * gb) / rows.length;
  }
  return { a: +a.toFixed(4), b: +b.toFixed(4) };
}

/** What fitting aims for: the scorer's own precision target, and the decision's targets. */
export interface FitTargets extends Targets {
  /** Precision at which a top-1 quote is worth an escalation, for the scorer's parameter search. */
  scorer: number;
}

/**
 * The model fitted on `cases`: the scorer's parameters (searched only with
 * `refitParams`; otherwise `start` is kept), the Platt calibration of a
 * passage's score, and the decision's two models and thresholds.
 */
export function fitModel(
  cases: CaseData[],
  start: Params,
  targets: FitTargets,
  options: { refitParams?: boolean; log?: (s: string) => void; fittedOn?: string } = {},
): ModelFile {
  // The scorer's numbers are searched for what the decision makes of them:
  // the share of answerable questions helped (quoted right, or among the
  // choices) plus the share quoted directly, on average per site, with both
  // thresholds refitted for every candidate (so precision and escalation
  // stay at their targets).
  const decisionScore = (p: Params) => {
    const ss = samples(cases, p);
    const m = fitDecision(ss, targets);
    const groups = [...new Set(ss.map((s) => s.group))];
    const per = groups.map((g) =>
      decisionFigures(
        ss.filter((s) => s.group === g),
        m,
      ),
    );
    return per.reduce((sum, f) => sum + (f.helped + f.answer) / 2, 0) / (per.length || 1);
  };
  const params = options.refitParams ? searchParams(cases, start, targets.scorer, 2, options.log, decisionScore) : start;
  const calibration = calibrate(decide(cases, params));
  const decision = fitDecision(samples(cases, params), targets);
  return { params, calibration, decision, ...(options.fittedOn ? { fittedOn: options.fittedOn } : {}) };
}
