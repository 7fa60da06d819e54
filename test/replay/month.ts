// A month of visitors, replayed the same on Node and inside workerd: every
// question of a first set is asked by several visitors (distinct clients); an
// oracle plays the visitor — it picks the choice that holds the answer (from
// the set's labels), and "none of these" when no choice does or the question
// is out of scope. Then, after a restart, a second set asks the same facts
// in new words: how many are now quoted directly and rightly, how many
// helped, how precise the direct quotes are, and whether near misses stay
// unquoted. No Node-only imports.
import type { EvalCase, EvalSet } from '../../src/eval/grade.js';

export interface Reply {
  answer: string;
  escalated: boolean;
  conversationId: string;
  sources: { title: string; url: string }[];
  choices?: { id: string; answer: string; sources: { title: string; url: string }[] }[];
}

/** One visitor's client: a question (or, with `choice`, an answer to the last reply's choices), from one address. */
export type Ask = (client: string, body: { message: string } | { conversationId: string; choice?: string; message?: string }) => Promise<Reply>;

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ');
const holds = (expect: string[] | undefined, r: { answer: string; sources: { title: string; url: string }[] }) => {
  const hay = norm([r.answer, ...r.sources.flatMap((s) => [s.title, s.url])].join(' \n '));
  return (expect ?? []).some((e) => hay.includes(norm(e)));
};

/** Ask a case's turns in one conversation; the last reply. */
async function askCase(ask: Ask, client: string, c: EvalCase): Promise<Reply> {
  let r: Reply | undefined;
  for (const t of c.turns) r = await ask(client, r ? { conversationId: r.conversationId, message: t.q } : { message: t.q });
  return r!;
}

/** The first set asked by `visitors` distinct clients each, the oracle answering every offer of choices. Returns the ids of the cases the visitors picked a right choice for. */
export async function month(ask: Ask, first: EvalSet, visitors: number, site: string): Promise<Set<string>> {
  const picked = new Set<string>();
  for (let v = 0; v < visitors; v++) {
    const client = `198.51.100.${(hash(site) + v * 37) % 250}`;
    for (const c of first.cases) {
      if (c.kind === 'smalltalk') continue;
      const r = await askCase(ask, client, c);
      if (!r.choices) continue;
      const right = c.kind === 'answer' ? r.choices.find((x) => holds(c.turns[c.turns.length - 1]!.expect, x)) : undefined;
      await ask(client, { conversationId: r.conversationId, choice: right ? right.id : 'none' });
      if (right) picked.add(c.id);
    }
  }
  return picked;
}

export interface SecondFigures {
  /** Answer cases of the second set. */
  cases: number;
  /** …of which the first pass taught (its first-set case was picked right). */
  taught: number;
  directRight: number;
  /** Direct right among the taught ones. */
  taughtDirectRight: number;
  helped: number;
  /** Direct quotes given to answer and escalate cases, and how many were right. */
  direct: number;
  right: number;
  nearMisses: number;
  nearMissesUnquoted: number;
}

/** The second set (cases carry `of`: the first-set case they reword; near misses have none). */
export async function second(ask: Ask, set: EvalSet & { cases: (EvalCase & { of?: string })[] }, taught: Set<string>, client: string): Promise<SecondFigures> {
  const f: SecondFigures = { cases: 0, taught: 0, directRight: 0, taughtDirectRight: 0, helped: 0, direct: 0, right: 0, nearMisses: 0, nearMissesUnquoted: 0 };
  for (const c of set.cases) {
    if (c.kind === 'smalltalk') continue;
    const r = await askCase(ask, client, c);
    const expect = c.turns[c.turns.length - 1]!.expect;
    const direct = !r.escalated && !r.choices;
    const right = c.kind === 'answer' && direct && holds(expect, r);
    if (direct) {
      f.direct += 1;
      if (right) f.right += 1;
    }
    if (c.kind === 'answer') {
      f.cases += 1;
      const wasTaught = c.of !== undefined && taught.has(c.of);
      if (wasTaught) f.taught += 1;
      if (right) f.directRight += 1;
      if (right && wasTaught) f.taughtDirectRight += 1;
      if (right || (!r.escalated && (r.choices ?? []).some((x) => holds(expect, x)))) f.helped += 1;
    } else if (c.of === undefined) {
      f.nearMisses += 1;
      if (!direct) f.nearMissesUnquoted += 1;
    }
  }
  return f;
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) % 9973;
  return h;
}
