// The grading rules of ../shared/eval/run.mjs, in-process: an `answer` case
// passes when not escalated and an expected phrase is in the answer or a
// cited source; `escalate` when escalated; `smalltalk` when not escalated,
// non-empty and (where given) containing an expected phrase. Only the last
// turn of a multi-turn case is graded. Precision: of the replies that quoted
// something to an answer or escalate case, the share that quoted the right
// thing — a wrong quote is worse than an escalation.
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
}

const norm = (s: string) =>
  String(s ?? '')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ');

export function passes(kind: EvalCase['kind'], turn: EvalTurn, body: ChatReply): boolean {
  const hay = norm([body.answer, ...body.sources.flatMap((s) => [s.title, s.url])].join(' \n '));
  const hit = !turn.expect || turn.expect.some((e) => hay.includes(norm(e)));
  if (kind === 'escalate') return body.escalated === true;
  if (kind === 'smalltalk') return !body.escalated && body.answer.trim().length > 0 && hit;
  return !body.escalated && hit;
}

/** A rate, or null when there was nothing to count (never a silent 100%). */
export type Rate = number | null;

export interface EvalFailure {
  id: string;
  kind: string;
  q: string;
  escalated: boolean;
  answer: string;
  expect?: string[];
}

export interface EvalSummary {
  answer: Rate;
  escalate: Rate;
  smalltalk: Rate;
  /** Right quotes / all quotes given to answer and escalate cases. */
  precision: Rate;
  counts: Record<EvalCase['kind'] | 'quoted', [number, number]>;
  medianAnswerChars: number;
  failures: EvalFailure[];
  /** Every graded last reply, for tools that fit or sweep on them. */
  replies: { id: string; kind: EvalCase['kind']; ok: boolean; escalated: boolean; confidence?: number }[];
}

export const rate = ([ok, n]: [number, number]): Rate => (n ? ok / n : null);

/** Run a set through `ask` (one conversation per case) and grade it. */
export async function runEval(set: EvalSet, ask: (q: string, conversationId?: string) => Promise<ChatReply>): Promise<EvalSummary> {
  const counts: EvalSummary['counts'] = { answer: [0, 0], escalate: [0, 0], smalltalk: [0, 0], quoted: [0, 0] };
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
      ...(last.body.confidence !== undefined ? { confidence: last.body.confidence } : {}),
    });
    if (c.kind === 'answer' && !last.body.escalated) lengths.push(last.body.answer.length);
    if (c.kind !== 'smalltalk' && !last.body.escalated) {
      counts.quoted[1] += 1;
      if (ok) counts.quoted[0] += 1;
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
        ...(last.turn.expect ? { expect: last.turn.expect } : {}),
      });
  }
  const sorted = [...lengths].sort((a, b) => a - b);
  return {
    answer: rate(counts.answer),
    escalate: rate(counts.escalate),
    smalltalk: rate(counts.smalltalk),
    precision: rate(counts.quoted),
    counts,
    medianAnswerChars: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : 0,
    failures,
    replies,
  };
}

export const pct = (r: Rate) => (r === null ? 'n/a' : `${(r * 100).toFixed(1)}%`);

export function summaryLine(name: string, s: EvalSummary): string {
  const row = (k: EvalCase['kind']) => `${k} ${s.counts[k][0]}/${s.counts[k][1]} (${pct(s[k])})`;
  return `${name}: ${row('answer')}, ${row('escalate')}, ${row('smalltalk')}; precision ${s.counts.quoted[0]}/${s.counts.quoted[1]} (${pct(s.precision)}); median answer ${s.medianAnswerChars} chars`;
}

/** The minimums a summary falls short of; a rate with no cases falls short (nothing was shown). */
export function shortfalls(
  s: EvalSummary,
  minimums: Partial<Record<'answer' | 'escalate' | 'smalltalk' | 'precision', number>> & { medianAnswerChars?: number },
): string[] {
  const out: string[] = [];
  for (const k of ['answer', 'escalate', 'smalltalk', 'precision'] as const) {
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
