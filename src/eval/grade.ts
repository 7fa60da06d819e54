// The grading rules of ../shared/eval/run.mjs, in-process. A reply is a
// direct quote, choices (1–3 quotes offered when the bot is unsure; then
// `escalated` is false and `answer` is the prompt) or an escalation.
//   answer     an answer case got one direct quote holding an expected phrase
//              (in the answer or a cited source's title or url)
//   helped     an answer case got that, or choices of which one holds it
//   escalate   an escalate case was escalated
//   unquoted   an escalate case got no direct quote (escalated, or choices)
//   smalltalk  a small-talk case got a direct, non-empty reply (holding an
//              expected phrase where given)
//   precision  right direct quotes / direct quotes given to answer and
//              escalate cases: a wrong quote is worse than an escalation
// Only the last turn of a multi-turn case is graded.
export interface EvalTurn {
  q: string;
  expect?: string[];
}
export interface EvalCase {
  id: string;
  kind: 'answer' | 'escalate' | 'smalltalk';
  turns: EvalTurn[];
}
export interface EvalSet {
  name: string;
  about?: string;
  cases: EvalCase[];
}
export interface ChatReply {
  answer: string;
  sources: { title: string; url: string }[];
  escalated: boolean;
  conversationId?: string;
  confidence?: number;
  choices?: { id?: string; answer: string; sources: { title: string; url: string }[] }[];
}

const norm = (s: string) =>
  String(s ?? '')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ');

/** The text holds an expected phrase (or none is expected). */
function holds(turn: EvalTurn, text: { answer: string; sources: { title: string; url: string }[] }): boolean {
  const hay = norm([text.answer, ...text.sources.flatMap((s) => [s.title, s.url])].join(' \n '));
  return !turn.expect || turn.expect.some((e) => hay.includes(norm(e)));
}

/** One quote, neither escalated nor a choice. */
export const isDirect = (body: ChatReply) => !body.escalated && (body.choices?.length ?? 0) === 0;

export function passes(kind: EvalCase['kind'], turn: EvalTurn, body: ChatReply): boolean {
  if (kind === 'escalate') return body.escalated === true;
  if (kind === 'smalltalk') return isDirect(body) && body.answer.trim().length > 0 && holds(turn, body);
  return isDirect(body) && holds(turn, body);
}

/** An answer case got the right direct quote, or choices of which one holds the answer. */
export function helps(turn: EvalTurn, body: ChatReply): boolean {
  return passes('answer', turn, body) || (!body.escalated && (body.choices ?? []).some((c) => holds(turn, c)));
}

/** A rate, or null when there was nothing to count (never a silent 100%). */
export type Rate = number | null;

export interface EvalFailure {
  id: string;
  kind: string;
  q: string;
  escalated: boolean;
  answer: string;
  /** The quotes offered, when the reply offered choices. */
  choices?: string[];
  /** An answer case that failed but whose choices held the answer. */
  helped?: boolean;
  expect?: string[];
}

export interface EvalSummary {
  answer: Rate;
  escalate: Rate;
  smalltalk: Rate;
  /** Right direct quotes / all direct quotes given to answer and escalate cases. */
  precision: Rate;
  /** Answer cases given the right direct quote or choices holding it. */
  helped: Rate;
  /** Escalate cases given no direct quote. */
  unquoted: Rate;
  counts: Record<EvalCase['kind'] | 'quoted' | 'helped' | 'unquoted', [number, number]>;
  medianAnswerChars: number;
  failures: EvalFailure[];
  /** Every graded last reply, for tools that fit or sweep on them. */
  replies: { id: string; kind: EvalCase['kind']; ok: boolean; escalated: boolean; choices: number; confidence?: number }[];
}

export const rate = ([ok, n]: [number, number]): Rate => (n ? ok / n : null);

/** Run a set through `ask` (one conversation per case) and grade it. */
export async function runEval(set: EvalSet, ask: (q: string, conversationId?: string) => Promise<ChatReply>): Promise<EvalSummary> {
  const counts: EvalSummary['counts'] = { answer: [0, 0], escalate: [0, 0], smalltalk: [0, 0], quoted: [0, 0], helped: [0, 0], unquoted: [0, 0] };
  const lengths: number[] = [];
  const failures: EvalFailure[] = [];
  const replies: EvalSummary['replies'] = [];
  for (const c of set.cases) {
    let conversationId: string | undefined;
    let last: { turn: EvalTurn; body: ChatReply } | undefined;
    for (const turn of c.turns) {
      const body = await ask(turn.q, conversationId);
      conversationId = body.conversationId ?? conversationId;
      last = { turn, body };
    }
    if (!last) continue;
    const ok = passes(c.kind, last.turn, last.body);
    replies.push({
      id: c.id,
      kind: c.kind,
      ok,
      escalated: last.body.escalated,
      choices: last.body.choices?.length ?? 0,
      ...(last.body.confidence !== undefined ? { confidence: last.body.confidence } : {}),
    });
    const direct = isDirect(last.body);
    if (c.kind === 'answer' && direct) lengths.push(last.body.answer.length);
    if (c.kind !== 'smalltalk' && direct) {
      counts.quoted[1] += 1;
      if (ok) counts.quoted[0] += 1;
    }
    const helped = c.kind === 'answer' && helps(last.turn, last.body);
    if (c.kind === 'answer') {
      counts.helped[1] += 1;
      if (helped) counts.helped[0] += 1;
    }
    if (c.kind === 'escalate') {
      counts.unquoted[1] += 1;
      if (!direct) counts.unquoted[0] += 1;
    }
    counts[c.kind][1] += 1;
    if (ok) counts[c.kind][0] += 1;
    else
      failures.push({
        id: c.id,
        kind: c.kind,
        q: c.turns.map((t) => t.q).join(' / '),
        escalated: last.body.escalated,
        answer: last.body.answer.slice(0, 240),
        ...(last.body.choices?.length ? { choices: last.body.choices.map((x) => x.answer.slice(0, 160)) } : {}),
        ...(c.kind === 'answer' ? { helped } : {}),
        ...(last.turn.expect ? { expect: last.turn.expect } : {}),
      });
  }
  const sorted = [...lengths].sort((a, b) => a - b);
  return {
    answer: rate(counts.answer),
    escalate: rate(counts.escalate),
    smalltalk: rate(counts.smalltalk),
    precision: rate(counts.quoted),
    helped: rate(counts.helped),
    unquoted: rate(counts.unquoted),
    counts,
    medianAnswerChars: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : 0,
    failures,
    replies,
  };
}

export const pct = (r: Rate) => (r === null ? 'n/a' : `${(r * 100).toFixed(1)}%`);

export function summaryLine(name: string, s: EvalSummary): string {
  const row = (k: EvalCase['kind'] | 'helped' | 'unquoted') => `${k} ${s.counts[k][0]}/${s.counts[k][1]} (${pct(s[k])})`;
  return `${name}: ${row('answer')}, ${row('escalate')}, ${row('smalltalk')}; precision ${s.counts.quoted[0]}/${s.counts.quoted[1]} (${pct(s.precision)}); ${row('helped')}, ${row('unquoted')}; median answer ${s.medianAnswerChars} chars`;
}

/** The figures a minimum can be set for. */
export const GRADED = ['answer', 'escalate', 'smalltalk', 'precision', 'helped', 'unquoted'] as const;
export type Graded = (typeof GRADED)[number];

/** The minimums a summary falls short of; a rate with no cases falls short (nothing was shown). */
export function shortfalls(s: EvalSummary, minimums: Partial<Record<Graded, number>> & { medianAnswerChars?: number }): string[] {
  const out: string[] = [];
  for (const k of GRADED) {
    const min = minimums[k];
    if (min === undefined) continue;
    const v = s[k];
    if (v === null) out.push(`${k}: no cases`);
    else if (v < min) out.push(`${k} ${pct(v)} < ${pct(min)}`);
  }
  if (minimums.medianAnswerChars !== undefined && s.medianAnswerChars > minimums.medianAnswerChars)
    out.push(`median answer ${s.medianAnswerChars} > ${minimums.medianAnswerChars} chars`);
  return out;
}
