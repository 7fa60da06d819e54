// The grading rules of ../shared/eval/run.mjs, in-process: an `answer` case
// passes when not escalated and an expected phrase is in the answer or a
// cited source; `escalate` when escalated; `smalltalk` when not escalated,
// non-empty and (where given) containing an expected phrase. Only the last
// turn of a multi-turn case is graded.
export interface EvalTurn { q: string; expect?: string[] }
export interface EvalCase { id: string; kind: 'answer' | 'escalate' | 'smalltalk'; turns: EvalTurn[] }
export interface EvalSet { name: string; cases: EvalCase[] }
export interface ChatReply { answer: string; sources: { title: string; url: string }[]; escalated: boolean; conversationId?: string }

const norm = (s: string) => String(s ?? '').toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ');

export function passes(kind: EvalCase['kind'], turn: EvalTurn, body: ChatReply): boolean {
  const hay = norm([body.answer, ...body.sources.flatMap((s) => [s.title, s.url])].join(' \n '));
  const hit = !turn.expect || turn.expect.some((e) => hay.includes(norm(e)));
  if (kind === 'escalate') return body.escalated === true;
  if (kind === 'smalltalk') return !body.escalated && body.answer.trim().length > 0 && hit;
  return !body.escalated && hit;
}

export interface EvalSummary {
  answer: number; escalate: number; smalltalk: number;
  counts: Record<EvalCase['kind'], [number, number]>;
  medianAnswerChars: number;
  failures: { id: string; kind: string; q: string; escalated: boolean; answer: string }[];
}

/** Run a set through `ask` (one conversation per case) and grade it. */
export async function runEval(set: EvalSet, ask: (q: string, conversationId?: string) => Promise<ChatReply>): Promise<EvalSummary> {
  const counts: EvalSummary['counts'] = { answer: [0, 0], escalate: [0, 0], smalltalk: [0, 0] };
  const lengths: number[] = [];
  const failures: EvalSummary['failures'] = [];
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
    if (c.kind === 'answer' && !last.body.escalated) lengths.push(last.body.answer.length);
    counts[c.kind][1] += 1;
    if (ok) counts[c.kind][0] += 1;
    else failures.push({ id: c.id, kind: c.kind, q: c.turns.map((t) => t.q).join(' / '), escalated: last.body.escalated, answer: last.body.answer.slice(0, 240) });
  }
  const pct = ([ok, n]: [number, number]) => (n ? ok / n : 1);
  const sorted = [...lengths].sort((a, b) => a - b);
  return {
    answer: pct(counts.answer), escalate: pct(counts.escalate), smalltalk: pct(counts.smalltalk),
    counts,
    medianAnswerChars: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : 0,
    failures,
  };
}

export function summaryLine(name: string, s: EvalSummary): string {
  const row = (k: EvalCase['kind']) => `${k} ${s.counts[k][0]}/${s.counts[k][1]} (${((s.counts[k][1] ? s.counts[k][0] / s.counts[k][1] : 1) * 100).toFixed(1)}%)`;
  return `${name}: ${row('answer')}, ${row('escalate')}, ${row('smalltalk')}; median answer ${s.medianAnswerChars} chars`;
}
