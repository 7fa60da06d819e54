// The staff loop replayed, the same on Node and inside workerd: questions
// escalate, staff resolve half with an answer of their own and half by
// pointing at the sentence of the pages that answers, and then other wordings
// of each are answered with that answer or quote, while near misses (another
// specific word, another kind of fact asked for) still escalate. No
// Node-only imports: test/replay/*.test.ts and test/worker/replay.test.ts
// run it.
export interface Reply {
  answer: string;
  escalated: boolean;
  escalationId?: string;
  conversationId: string;
  sources: { url: string }[];
  choices?: { id: string; answer: string }[];
}
export interface Client {
  /** A question, or — with `choice` — the visitor's answer to the choices the conversation's last reply offered. */
  chat(message: string, choice?: { conversationId: string; choice: string }): Promise<Reply>;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

interface Taught {
  question: string;
  /** Staff's own answer … */
  answer?: string;
  /** … or the sentence of the pages that answers it. */
  quote?: string;
  wordings: string[];
  nearMisses: string[];
}

export const TAUGHT: Taught[] = [
  {
    question: 'How much does membership cost?',
    answer: 'Membership fees depend on the membership level; the helpdesk sends the current fee schedule on request.',
    wordings: ['membership cost?', 'What does membership cost?', 'how much does OMA membership cost?'],
    nearMisses: ['How much does the conference cost?'],
  },
  {
    question: 'Who is the CEO of OMA SpecWorks?',
    answer: 'Seth Newberry is the General Manager of OMA SpecWorks.',
    wordings: ["who's the CEO?", 'who is the ceo', 'Who is the CEO of OMA?'],
    nearMisses: ["Who is the CEO's assistant?"],
  },
  {
    question: 'Where is OMA SpecWorks headquartered?',
    answer: 'OMA SpecWorks is based in San Diego, California.',
    wordings: ['Where is OMA headquartered?', 'where is oma specworks headquartered', 'Could you tell me where OMA SpecWorks is headquartered?'],
    nearMisses: ['Where are the meetings held?'],
  },
  {
    question: 'How do I register for the member portal?',
    answer: 'The membership team sends portal access to every new member company within two working days of joining.',
    wordings: ['how can I register for the member portal?', 'How do I register for the portal?', 'how to register for the member portal'],
    nearMisses: ['How much does it cost to register for the member portal?'],
  },
  {
    question: 'Can a university get involved?',
    quote: 'companies of all shapes and sizes can contribute on an equal footing',
    wordings: ['can universities get involved?', 'could a university get involved with OMA SpecWorks?', 'Can a university get involved in OMA SpecWorks?'],
    nearMisses: ['Can a university get a discount?'],
  },
  {
    question: 'Is there a mailbox for IPR policy questions?',
    quote: 'For questions regarding the OMA IPR Policy please contact the OMA Membership',
    wordings: [
      'mailbox for IPR policy questions?',
      'is there a mailbox for ipr policy questions',
      'Could you tell me if there is a mailbox for IPR policy questions?',
    ],
    nearMisses: ['Is there a phone number for IPR policy questions?'],
  },
  {
    question: 'Does the organisation vet third-party patents?',
    quote: 'the Open Mobile Alliance has not conducted an independent IPR review of the Documents',
    wordings: ['does the organization vet third party patents?', 'Does OMA vet third-party patents?', 'does OMA SpecWorks vet third-party patents'],
    nearMisses: ['Does the organisation vet its suppliers?'],
  },
  {
    question: 'Is the licence I give free of charge?',
    quote: 'royalty-free, nonexclusive license',
    wordings: ['is the license I give free of charge?', 'licence I give - free of charge?', 'Is the licence that I give free of charge?'],
    nearMisses: ['Is the conference free of charge?'],
  },
];

/** What a taught question is answered with, directly: staff's text, or the quoted sentence. */
const answeredWith = (t: Taught, r: Reply) => !r.escalated && !r.choices && r.answer.toLowerCase().includes((t.answer ?? t.quote!).toLowerCase().slice(0, 40));

/** Escalate every taught question and resolve each as staff would; returns the escalation ids. */
export async function teach(client: Client): Promise<void> {
  for (const t of TAUGHT) {
    let r = await client.chat(t.question);
    // Offered choices, the visitor finds none of them answers: "ask the team".
    if (r.choices) r = await client.chat('', { conversationId: r.conversationId, choice: 'none' });
    if (!r.escalated || !r.escalationId) throw new Error(`"${t.question}" was not escalated: the scenario needs questions the pages leave open`);
    const resolved = await client.admin('POST', `/api/admin/escalations/${r.escalationId}/resolve`, t.answer ? { answer: t.answer } : { quote: t.quote });
    if (resolved.status !== 200) throw new Error(`resolving "${t.question}" answered ${resolved.status}: ${JSON.stringify(resolved.body)}`);
  }
}

export interface Outcome {
  answered: number;
  wordings: number;
  /** Near misses not quoted directly (escalated, or choices the visitor can decline). */
  nearMissesUnquoted: number;
  nearMisses: number;
  failures: string[];
}

/** Ask every other wording and near miss, and count. */
export async function check(client: Client): Promise<Outcome> {
  const out: Outcome = { answered: 0, wordings: 0, nearMissesUnquoted: 0, nearMisses: 0, failures: [] };
  for (const t of TAUGHT) {
    for (const w of [t.question, ...t.wordings]) {
      const r = await client.chat(w);
      out.wordings += 1;
      if (answeredWith(t, r)) out.answered += 1;
      else out.failures.push(`wording not answered: ${w} → ${r.escalated ? 'escalated' : r.answer.slice(0, 60)}`);
    }
    for (const n of t.nearMisses) {
      const r = await client.chat(n);
      out.nearMisses += 1;
      if (r.escalated || r.choices) out.nearMissesUnquoted += 1;
      else out.failures.push(`near miss answered: ${n} → ${r.answer.slice(0, 60)}`);
    }
  }
  return out;
}

/** Wrong replies corrected from a thumbs-down: to "should have escalated", and to the quote that answers. */
export const CORRECTED = {
  escalate: { question: 'Does OMA SpecWorks check its specs before publishing?', rewording: 'does oma specworks check its specs before publishing them' },
  quote: {
    question: 'Who can I email about the IPR rules?',
    rewording: 'who can i email about the IPR rules',
    quote: 'For questions regarding the OMA IPR Policy please contact the OMA Membership',
  },
};

export interface Corrected {
  before: Reply[];
  after: Reply[];
}

/** A visitor gives a wrong reply a thumbs-down; staff find it in the log and correct it. */
export async function correct(
  client: Client & { feedback(conversationId: string, helpful: boolean): Promise<number> },
): Promise<{ escalate: Corrected; quote: Corrected }> {
  const out = {} as { escalate: Corrected; quote: Corrected };
  for (const [kind, c] of Object.entries(CORRECTED) as ['escalate' | 'quote', typeof CORRECTED.quote][]) {
    const before = [await client.chat(c.question), await client.chat(c.rewording)];
    if (before[0]!.escalated) throw new Error(`"${c.question}" was escalated: the scenario needs a wrong answer to correct`);
    if ((await client.feedback(before[0]!.conversationId, false)) !== 201) throw new Error('feedback was not taken');
    const log = await client.admin('GET', '/api/admin/turns?filter=unhelpful');
    const turn = (log.body.items as { id: number; question: string }[]).find((t) => t.question === c.question);
    if (!turn) throw new Error(`the thumbs-down on "${c.question}" is not in the log`);
    const fixed = await client.admin('POST', `/api/admin/turns/${turn.id}/correct`, kind === 'escalate' ? { escalate: true } : { quote: c.quote });
    if (fixed.status !== 201) throw new Error(`correcting answered ${fixed.status}: ${JSON.stringify(fixed.body)}`);
    out[kind] = { before, after: [await client.chat(c.question), await client.chat(c.rewording)] };
  }
  return out;
}
