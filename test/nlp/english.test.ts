// The general-English module (src/nlp/english.ts), one test per entry: each
// cue does what its list says, so an entry that stops working (or a list that
// is edited by mistake) fails a test named after it.
import { describe, expect, it } from 'vitest';
import {
  AGENT_NOUNS,
  ANAPHORA,
  ASPECT_NOUNS,
  EVENT_VERB_CLASSES,
  CHAT_SPELLINGS,
  CONTACT_VERBS,
  ENTITY_NOUNS,
  FILLER,
  FOCUS_NOUNS,
  FOLLOW_UP_OPENERS,
  FUTURE_WORDS,
  LIGHT_VERBS,
  TEMPORAL,
  TIME_AMOUNTS,
  WHERE_CUES,
  WRAPPERS,
  YES_NO_OPENERS,
  type Focus,
} from '../../src/nlp/english.js';
import { analyse, mendQuestionWord } from '../../src/nlp/analyse.js';
import { buildQuery } from '../../src/engine/query.js';
import { isFollowUp } from '../../src/engine/conversation.js';
import { focusMet } from '../../src/engine/score.js';
import { sentenceData } from '../../src/engine/sentence-data.js';
import type { PassageData } from '../../src/engine/types.js';
import { indexOf, LIBRARY_KNOWLEDGE, SITE_KNOWLEDGE } from '../helpers/knowledge.js';
import { buildLexicon } from '../../src/pipeline/lexicon.js';

const index = indexOf(SITE_KNOWLEDGE);
const focusOf = (q: string) => buildQuery(index, q).focus;

describe('FOCUS_NOUNS: a noun that names the asked kind of fact', () => {
  it.each(Object.entries(FOCUS_NOUNS))('"%s" asks for a %s', (noun, focus) => {
    expect(focusOf(`Which ${noun} is it?`)).toBe(focus);
    // …and as the head of a keyword query ("launch date").
    expect(focusOf(`IPR policy ${noun}?`)).toBe(focus);
  });
});

/** Question words open a question of their kind (detectFocus). */
const OPENERS: [string, Focus][] = [
  ['when was the IPR policy adopted?', 'date'],
  ['who chairs the working groups?', 'person'],
  ['how much is the membership?', 'money'],
  ['how many working groups are there?', 'count'],
  ['how long does a review take?', 'duration'],
  ['how often do the working groups meet?', 'duration'],
  ['how late is the helpdesk open?', 'date'],
  ['where are the IPR declarations?', 'place'],
  ['why is there an IPR policy?', 'reason'],
  ['how do I declare a patent?', 'procedure'],
  ['who do I write to about patents?', 'contact'],
  ['how much notice do I give?', 'duration'],
  ['how much food does a voucher give?', 'count'],
  ['I am 5 months pregnant, do I pay?', 'yesno'],
];
describe('question openers', () => {
  it.each(OPENERS)('"%s" asks for a %s', (q, focus) => expect(focusOf(q)).toBe(focus));
});

describe('YES_NO_OPENERS: an auxiliary opening a yes/no question', () => {
  it.each([...YES_NO_OPENERS])('"%s …?" is a yes/no question', (opener) => {
    expect(focusOf(`${opener} the IPR policy public?`)).toBe('yesno');
  });
});

describe('CONTACT_VERBS: "who do I … ?" asks for a contact point', () => {
  it.each([...CONTACT_VERBS])('"who do I %s about membership?"', (verb) => {
    expect(focusOf(`who do I ${verb} about membership?`)).toBe('contact');
  });
});

describe('FILLER: words that frame a request, never searched for', () => {
  it.each([...FILLER])('"%s" is not a term', (word) => {
    expect(analyse(`${word} membership rules`).terms.map((t) => t.term)).not.toContain(word);
  });
});

describe('CHAT_SPELLINGS: chat forms of question words, mended at the start of a question', () => {
  it.each(Object.entries(CHAT_SPELLINGS))('"%s" reads as "%s"', (chat, word) => {
    expect(mendQuestionWord(`${chat} is the IPR policy`)).toBe(`${word} is the IPR policy`);
  });
});

describe('ANAPHORA: a pronoun points back to the previous turn', () => {
  it.each([...ANAPHORA])('a question with "%s" is a follow-up', (word) => {
    expect(isFollowUp(buildQuery(index, `what is the purpose of ${word} policy for members?`))).toBe(true);
  });
});

describe('FOLLOW_UP_OPENERS: openers that change one detail of the previous question', () => {
  it.each(FOLLOW_UP_OPENERS.map((o) => o.join(' ')))('"%s …" is a follow-up', (opener) => {
    expect(isFollowUp(buildQuery(index, `${opener} the working groups?`))).toBe(true);
  });
});

describe('ENTITY_NOUNS: "which <noun> …" asks for names', () => {
  it.each([...ENTITY_NOUNS])('"which %s joined?" asks for names', (noun) => {
    expect(focusOf(`which ${noun} joined OMA SpecWorks?`)).toBe('names');
  });
});

describe('WRAPPERS: polite openers are skipped when reading what is asked', () => {
  it.each(WRAPPERS.map((w) => w.join(' ')))('"%s when …" still asks for a date', (wrapper) => {
    expect(focusOf(`${wrapper} when OMA SpecWorks was launched`)).toBe('date');
  });
});

describe('TIME_AMOUNTS: "how much <time word>" asks for a duration', () => {
  it.each([...TIME_AMOUNTS])('"how much %s …"', (word) => {
    expect(focusOf(`how much ${word} do I need to give?`)).toBe('duration');
  });
});

describe('FUTURE_WORDS: a question about what is to come', () => {
  it.each([...FUTURE_WORDS])('"%s" makes a question about the future', (word) => {
    expect(buildQuery(index, `when is the ${word} release of the IPR policy?`).future).toBe(true);
  });
});

const passage = (text: string): PassageData => ({
  id: 0,
  kind: 'text',
  pageTitle: 'P',
  heading: '',
  url: 'https://x.example/p',
  text,
  links: [],
  sentences: [sentenceData(text, index.aliases)],
  contextTerms: [],
  questions: [],
});

describe('TEMPORAL: words that state a timing without a calendar date', () => {
  it.each([...TEMPORAL])('a sentence with "%s" answers "when"', (word) => {
    const p = passage(`Members report it ${word} the release of the specification.`);
    expect(focusMet('date', p.sentences[0]!, p)).toBe(true);
  });
});

describe('WHERE_CUES: words that tell where to find something', () => {
  it.each([...WHERE_CUES])('a sentence with "%s" answers "where"', (word) => {
    const p = passage(`The declarations ${word} is kept by the membership team.`);
    expect(focusMet('place', p.sentences[0]!, p)).toBe(true);
  });
});

describe('ASPECT_NOUNS: "the <aspect> of X" names the kind of answer, not the subject (unless the site\'s vocabulary says what it means)', () => {
  const library = indexOf(LIBRARY_KNOWLEDGE);
  it.each([...ASPECT_NOUNS])('"%s" weighs little and is not a key term', (noun) => {
    const t = buildQuery(library, `what is the ${noun} of the book club?`).terms.find((x) => x.term === noun);
    if (!t) return expect(t).toBeUndefined(); // dropped altogether is fine too
    expect(t.key).toBe(false);
  });
});

describe('LIGHT_VERBS: verbs that frame a claim rather than make it', () => {
  it.each([...LIGHT_VERBS])('"%s" is never a key term', (verb) => {
    for (const t of buildQuery(index, `when does it ${verb} the IPR policy?`).terms) if (t.term === verb) expect(t.key).toBe(false);
  });
});

describe('AGENT_NOUNS: a person or body that acts answers "who"', () => {
  it.each([...AGENT_NOUNS])('a sentence naming a "%s" answers "who"', (noun) => {
    const p = passage(`The collection is looked after by the ${noun} every day.`);
    expect(focusMet('person', p.sentences[0]!, p)).toBe(true);
  });
  it('a sentence with neither a name nor an agent does not', () => {
    const p = passage('The collection is looked after every day.');
    expect(focusMet('person', p.sentences[0]!, p)).toBe(false);
  });
});

describe('EVENT_VERB_CLASSES: verbs of one event reach each other when the page uses one as a verb', () => {
  const cases = EVENT_VERB_CLASSES.flatMap(({ asked, stated }) => stated.map((page) => [page, asked.find((v) => v !== page)!] as const));
  it.each(cases)('a page verb "%s" is reached by a visitor\'s "%s"', async (page, visitor) => {
    const lexicon = await buildLexicon(new Map([[page, new Set(['v' as const])]]));
    expect(lexicon[visitor]).toContainEqual([page, 'c']);
  });
  it('a page verb with common other senses is not reached ("industry leading")', async () => {
    const lexicon = await buildLexicon(new Map([['lead', new Set(['v' as const])]]));
    expect(lexicon.run?.some(([page, code]) => page === 'lead' && code === 'c') ?? false).toBe(false);
  });
  it('a page noun of the same spelling is not ("an application form")', async () => {
    const lexicon = await buildLexicon(new Map([['form', new Set(['n' as const])]]));
    expect(lexicon.start?.some(([page]) => page === 'form') ?? false).toBe(false);
  });
});
