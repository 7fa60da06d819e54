// A busy site's staff page, for the staff page tests: 200 open questions in
// visitors' many wordings (asked through /api/chat, so they are stored and
// grouped as real ones are), some asked word for word three times or more
// (the suggestions), and a month of answered questions, some with a thumbs
// down, some offered choices (picked, declined or left), for the log and the
// chart.
import type { OfferedChoice, Store } from '../../src/store/types.js';

const DAY = 24 * 60 * 60 * 1000;

/** Questions the OMA pages do not answer, and how often each is asked (sums to 200). */
export const TOPICS: [string, number][] = [
  ['What are the membership fees?', 23],
  ['Who is the CEO?', 17],
  ['Is there parking at the office?', 14],
  ['Do you offer internships?', 12],
  ['How do I reset my password?', 10],
  ['Is there a newsletter?', 9],
  ['Can I get a refund?', 8],
  ['What is the phone number?', 8],
  ['When is the next member meeting?', 7],
  ['Do you have job openings?', 7],
  ['How do I unsubscribe?', 6],
  ['Can I visit the office?', 6],
  ['Where is your office?', 5],
  ['Who do I contact for press enquiries?', 5],
  ['Do you sell t-shirts?', 4],
  ['Is the office open on Sundays?', 4],
  ['Can I pay by credit card?', 4],
  ['Do you have a mobile app?', 3],
  ['How do I change my email address?', 3],
  ['Is there a student discount?', 3],
  ['How do I cancel my membership?', 3],
  ['Who designed your logo?', 2],
  ['Can I bring my dog to the meeting?', 2],
  ['Do you have a podcast?', 2],
  ['What is the wifi password?', 2],
  ['Where can I download the annual report?', 2],
  ['Is there a mailing address for invoices?', 2],
  ['Do you sponsor hackathons?', 2],
  ['Can I volunteer?', 2],
  ['What time zone are you in?', 2],
  ['Are your meetings recorded?', 2],
  ['Do you offer webinars?', 2],
  ['Can I transfer my membership to a colleague?', 2],
  ['What is your VAT number?', 2],
  ['Do you have a code of conduct for events?', 2],
  ['Is there a dress code at meetings?', 2],
  ['How do I book a meeting room?', 2],
  ['Can I get an invoice?', 2],
  ['Is lunch provided at the meeting?', 2],
  ['Do you have a LinkedIn page?', 1],
  ['What languages do you support?', 1],
  ['Do you accept PayPal?', 1],
];

/** Ways visitors dress the same question. */
const DRESS: ((q: string) => string)[] = [
  (q) => q,
  (q) => q.toLowerCase().replace('?', ''),
  (q) => `Hi, ${q.charAt(0).toLowerCase()}${q.slice(1)}`,
  (q) => `Hello! ${q}`,
  (q) => `${q} Thanks!`,
  (q) => `Please tell me: ${q.toLowerCase()}`,
  (q) => `${q}??`,
  (q) => `Good morning. ${q}`,
];

/** The 200 wordings, in a mixed (fixed) order as visitors would ask them. */
export function openWordings(): string[] {
  const out: string[] = [];
  for (const [q, n] of TOPICS) for (let i = 0; i < n; i++) out.push(DRESS[i % DRESS.length]!(q));
  return out.map((_, i) => out[(i * 37) % out.length]!);
}

type Ask = (message: string) => Promise<{ escalated: boolean; conversationId: string; escalationId?: string }>;

/** Asks every wording (200 open questions) and returns their escalation ids. */
export async function seedOpen(ask: Ask): Promise<string[]> {
  const ids: string[] = [];
  for (const q of openWordings()) {
    const r = await ask(q);
    if (!r.escalated || !r.escalationId) throw new Error(`expected "${q}" to escalate`);
    ids.push(r.escalationId);
  }
  return ids;
}

const ABOUT = 'https://omaspecworks.org/omaspecworks/about';
const IPR = `${ABOUT}#all-oma-members-operate-under-the-same-ipr-policy`;

/** Quotes of OMA's pages as the bot offers them when unsure (about the IPR policy). */
export const IPR_CHOICES: Omit<OfferedChoice, 'id'>[] = [
  {
    answer: 'All OMA members operate under the same IPR policy.',
    sources: [{ title: 'About — All OMA members operate under the same IPR policy.', url: IPR }],
    passage: 3,
    sentence: 0,
  },
  {
    answer:
      'Each Open Mobile Alliance member has agreed to use reasonable endeavors to inform the Open Mobile Alliance in a timely manner of Essential IPR as it becomes aware that the Essential IPR is related to work being performed within the Open Mobile Alliance.',
    sources: [{ title: 'About — All OMA members operate under the same IPR policy.', url: IPR }],
    passage: 3,
    sentence: 2,
  },
  {
    answer: 'For questions regarding the OMA IPR Policy please contact the OMA Membership helpdesk@omaorg.org.',
    sources: [{ title: 'About — All OMA members operate under the same IPR policy.', url: IPR }],
    passage: 3,
    sentence: 9,
  },
];

/**
 * A question the bot offered choices for, recorded as the assistant records
 * it (recordTurn with `choices`), then the visitor's pick when `pick` is
 * given: an offered choice's index, or 'none' (asked the team, which opens an
 * escalation). Each in its own conversation. Returns the offering turn's id
 * and the escalation a 'none' opened.
 */
export async function offerChoices(
  store: Store,
  o: { conversationId: string; question: string; quotes?: Omit<OfferedChoice, 'id'>[]; pick?: number | 'none'; confidence?: number },
  at = Date.now(),
): Promise<{ turn: number; choices: OfferedChoice[]; escalationId?: string }> {
  const choices = (o.quotes ?? IPR_CHOICES).map((q, i) => ({ id: `c${i + 1}`, ...q }));
  const confidence = o.confidence ?? 0.62;
  await store.recordTurn(
    {
      conversationId: o.conversationId,
      question: o.question,
      answer: 'I’m not sure which of these answers your question. Is it one of them?',
      escalated: false,
      confidence,
      choices,
    },
    undefined,
    at,
  );
  const offer = await store.openOffer(o.conversationId);
  if (!offer) throw new Error(`expected an open offer in ${o.conversationId}`);
  if (o.pick === undefined) return { turn: offer.turn, choices };
  const picked = o.pick === 'none' ? undefined : choices[o.pick]!;
  const reply = await store.recordPick(
    {
      conversationId: o.conversationId,
      question: o.question,
      answer: picked ? picked.answer : 'I couldn’t find this on our pages, so I’m passing your question to the helpdesk.',
      escalated: !picked,
      confidence,
      pick: { turn: offer.turn, choice: picked ? picked.id : 'none' },
    },
    undefined,
    at + 30_000,
  );
  if (!reply) throw new Error(`expected the pick in ${o.conversationId} to be recorded`);
  return { turn: offer.turn, choices, ...(reply.escalationId ? { escalationId: reply.escalationId } : {}) };
}

/**
 * A month of questions straight into the store (dated), most answered, some
 * offered choices (picked, declined or left without a pick), for the log and
 * the chart; the unanswered ones dismissed.
 */
export async function seedMonth(store: Store, now = Date.now()): Promise<void> {
  const escalated: string[] = [];
  for (let d = 29; d >= 1; d--) {
    const asked = 4 + ((d * 7) % 9);
    const answered = Math.round(asked * (0.55 + ((d * 13) % 40) / 100));
    for (let i = 0; i < asked; i++) {
      const unanswered = i >= answered;
      const { escalationId } = await store.recordTurn(
        {
          conversationId: `seed-${d}-${i}`,
          question: unanswered ? 'Is the office open on Sundays?' : 'When was OMA SpecWorks launched?',
          answer: unanswered ? 'I couldn’t find this on our pages.' : 'Launched in 2018, OMA SpecWorks is the successor of the Open Mobile Alliance.',
          escalated: unanswered,
          confidence: unanswered ? 0.1 : 0.6 + ((i * 17) % 40) / 100,
        },
        undefined,
        now - d * DAY + i * 60_000,
      );
      if (escalationId) escalated.push(escalationId);
      // Now and then a visitor did not like the answer.
      if (!unanswered && i === 1 && d % 4 === 0)
        await store.recordFeedback({ conversationId: `seed-${d}-${i}`, helpful: false, comment: 'I wanted the month' }, now - d * DAY + i * 60_000 + 5_000);
    }
    // Questions the bot was unsure of: choices, then a pick, none of them, or nothing.
    for (let k = 0; k < d % 3; k++) {
      const outcome = (d + k) % 3;
      const { escalationId } = await offerChoices(
        store,
        { conversationId: `seed-${d}-c${k}`, question: 'What is the IPR policy?', ...(outcome === 2 ? {} : { pick: outcome === 0 ? (d + k) % 2 : 'none' }) },
        now - d * DAY + (30 + k) * 60_000,
      );
      if (escalationId) escalated.push(escalationId);
    }
  }
  // Those were dealt with long ago: the open ones are the 200.
  await store.resolveEscalations(escalated);
}
