// Visitors' picks as the Suggestions tab sees them at a busy site: sentences
// of OMA's About page matched to visitors' wordings by several distinct
// clients (one vote each, as picks record them), some with a vote against,
// two pairs visitors taught on their own (learned, one of them wrong), one
// accepted and one rejected by staff, a wording with a long unbroken link,
// and enough single picks for a second page.
import type { Store } from '../../src/store/types.js';

const ABOUT = 'https://omaspecworks.org/omaspecworks/about';
const HOME = `${ABOUT}#about-oma-speckworks`;
const IPR = `${ABOUT}#all-oma-members-operate-under-the-same-ipr-policy`;

const GROUPS = 'The OMA SpecWorks working groups are active in a variety of technologies including messaging, location, device management, APIs, IoT and more.';
const LAUNCHED =
  'Launched in 2018, OMA SpecWorks joins together the Open Mobile Alliance (OMA) and the IPSO Alliance with a new mission to build technical documents including specifications, smart objects, and white papers for a connected world, enabling interoperability across networks and growth in fixed and mobile wireless markets and the Internet of Things (IoT).';
const LAUNCHED_QUOTE = 'Launched in 2018, OMA SpecWorks joins together the Open Mobile Alliance (OMA) and the IPSO Alliance …';
const SAME_POLICY = 'All OMA members operate under the same IPR policy.';
const HELPDESK = 'For questions regarding the OMA IPR Policy please contact the OMA Membership helpdesk@omaorg.org.';
const EQUAL =
  'Members come to OMA SpecWorks to work together in a transparent environment where companies of all shapes and sizes can contribute on an equal footing to the next generation of wireless technology standards.';
const GUIDELINES = 'Full details of OMA’s IPR policy may be found in: The Open Mobile Alliance Application Form; The OMA IPR guidelines.';
const NONCONF = 'In the event that You do provide any content in connection with this Web site, it shall be deemed to be provided on a non-confidential basis.';

export interface SeededPair {
  key: string;
  sentence: string;
  quote?: string;
  url: string;
  wordings: string[];
  clients: number;
  against?: number;
  status?: 'learned' | 'accepted' | 'rejected';
}

export const PAIRS: SeededPair[] = [
  {
    key: 'iot oma work',
    sentence: GROUPS,
    url: HOME,
    wordings: ['Does OMA work on IoT?', 'does oma do iot stuff', 'Is OMA involved in the Internet of Things?', 'IoT work at OMA?'],
    clients: 7,
    status: 'learned',
  },
  { key: 'oma technolog', sentence: GROUPS, url: HOME, wordings: ['What technologies do you work on?', 'which tech areas does OMA cover'], clients: 5 },
  {
    key: 'found oma specwork',
    sentence: LAUNCHED,
    quote: LAUNCHED_QUOTE,
    url: HOME,
    wordings: ['When was OMA SpecWorks founded?', 'when was oma specworks founded', 'What year was OMA SpecWorks founded??'],
    clients: 4,
  },
  { key: 'ipr member rule', sentence: SAME_POLICY, url: IPR, wordings: ['What IPR rules apply to members?', 'ipr rules for members'], clients: 4, against: 1 },
  { key: 'ipr polici', sentence: SAME_POLICY, url: IPR, wordings: ['Is there an IPR policy?'], clients: 3, status: 'accepted' },
  { key: 'compani join small', sentence: EQUAL, url: HOME, wordings: ['Can small companies join?', 'is it only for big companies'], clients: 3 },
  { key: 'ask ipr', sentence: HELPDESK, url: IPR, wordings: ['Who do I ask about IPR?', 'IPR contact?'], clients: 3 },
  // Visitors taught a wrong pair: staff see it under Learned and undo it.
  { key: 'ceo oma', sentence: LAUNCHED, quote: LAUNCHED_QUOTE, url: HOME, wordings: ['Who is the CEO of OMA?'], clients: 3, status: 'learned' },
  {
    key: 'guidelin ipr link',
    sentence: GUIDELINES,
    url: IPR,
    wordings: [
      'Where are the IPR guidelines? https://omaspecworks.org/wp-content/uploads/2018/02/Member_IPRGuidelines_v53006.pdf?from=chat-widget-and-a-very-long-tracking-parameter-0123456789abcdef',
      'IPR guidelines pdf',
    ],
    clients: 2,
  },
  { key: 'confidenti content', sentence: NONCONF, url: IPR, wordings: ['Is what I send you confidential?'], clients: 2, status: 'rejected' },
];

const MORE_SENTENCES: [string, string][] = [
  [GROUPS, HOME],
  [SAME_POLICY, IPR],
  [EQUAL, HOME],
  [HELPDESK, IPR],
  [GUIDELINES, IPR],
];
const MORE_WORDINGS = ['Tell me about {}', 'What about {}?', 'info on {}', '{} please', 'Question about {}'];
const TOPICS = ['device management', 'messaging', 'location', 'APIs', 'membership levels', 'LwM2M', 'smart objects', 'white papers', 'testing', 'IPSO'];

/** Records the pairs (one vote per distinct client) and their decisions; 60 single picks more for a second page. The suggestions' ids by key. */
export async function seedSuggestions(store: Store, now = Date.now()): Promise<Record<string, number>> {
  const pairs: SeededPair[] = [...PAIRS];
  for (let i = 0; i < 60; i++) {
    const [sentence, url] = MORE_SENTENCES[i % MORE_SENTENCES.length]!;
    const topic = TOPICS[i % TOPICS.length]!;
    pairs.push({
      key: `more ${i}`,
      sentence,
      url,
      wordings: [MORE_WORDINGS[Math.floor(i / TOPICS.length) % MORE_WORDINGS.length]!.replace('{}', topic)],
      clients: 1,
    });
  }
  const ids: Record<string, number> = {};
  for (const [n, p] of pairs.entries()) {
    const at = now - (pairs.length - n) * 60_000;
    const vote = (clientKey: string, verdict: 1 | -1, wording: string) =>
      store.vote({ wordingKey: p.key, wording, sentence: p.sentence, quote: p.quote ?? p.sentence, url: p.url, clientKey, verdict }, at);
    for (let i = 0; i < p.clients; i++) await vote(`${p.key}-client-${i}`, 1, p.wordings[i % p.wordings.length]!);
    for (let i = 0; i < (p.against ?? 0); i++) await vote(`${p.key}-against-${i}`, -1, p.wordings[0]!);
    const s = (await store.suggestionFor(p.key, p.sentence))!;
    ids[p.key] = s.id;
    if (p.status === 'rejected') await store.rejectSuggestion(s.id, { question: s.wording, wrong: s.sentence }, at);
    else if (p.status) await store.acceptSuggestion(s.id, { kind: 'quote', question: s.wording, answer: s.sentence }, p.status, at);
  }
  return ids;
}
