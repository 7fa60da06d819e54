// Question → Query: the analysed terms with their weights, typo corrections,
// synonym expansions and the question's focus (what kind of fact it asks for).
import { analyse, mendQuestionWord, questionPart, type Analysis, type Term } from '../nlp/analyse.js';
import {
  ADDRESS_KINDS,
  ASPECT_NOUNS,
  CONTACT_VERBS,
  ENTITY_NOUNS,
  FOCUS_NOUNS,
  FUTURE_WORDS,
  LIGHT_VERBS,
  MONEY_FOLLOWERS,
  OPENER_NOISE,
  PLACE_NAMES,
  KEY_POS,
  POS_WEIGHT,
  TIME_AMOUNTS,
  WRAPPERS,
  YES_NO_OPENERS,
  type Focus,
} from '../nlp/english.js';
import { CODE_RELATION, type BuiltIndex, type Relation } from './types.js';
import { closestTerm } from './fuzzy.js';

export interface QueryTerm {
  term: string;
  stem: string;
  pos: string;
  /** Rarity × part of speech: how much the term says about what is asked. */
  weight: number;
  /** A name, noun or number: if no passage has it, the pages don't answer the question. */
  key: boolean;
  /** Written in digits: matched exactly, never by stem or synonym. */
  digits: boolean;
  /** Other page terms that also count as a match (synonyms), each alternative a term list. */
  alternatives: string[][];
  /** Page words WordNet relates to this word (synonyms, related forms, broader/narrower words, antonyms). */
  related: { term: string; relation: Relation }[];
  /** The visitor's spelling when the term was corrected ("membrship"). */
  correctedFrom?: string;
  /** Carried over from an earlier turn of the conversation. */
  fromContext?: boolean;
  /** Names the kind of answer ("which *areas*", "a *description* of"), not the subject. */
  frame?: boolean;
  /** The claim a yes/no question checks ("is it *free*?"): a passage without it does not say yes or no. */
  claim?: boolean;
}

export interface Query {
  text: string;
  terms: QueryTerm[];
  focus: Focus;
  analysis: Analysis;
  /** Points back to the previous turn ("and for members?", "when was it …"): the inherited topic is meant. */
  followUp?: boolean;
  /** Asks about something still to come ("when will …", "the next …"): a past date does not answer it. */
  future?: boolean;
}

export function idf(index: BuiltIndex, term: string): number {
  const n = index.passages.length;
  const df = index.df[term] ?? 0;
  // BM25's idf: a word on most passages ("OMA") says far less than a rare one.
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

const isWord = (x: string) => /[\p{L}\p{N}]/u.test(x);

/** How many opening words are greetings and polite wrappers ("hi, could you tell me …"). */
function openingWrapper(w: string[]): { skip: number; wrapped: boolean } {
  const at = (i: number) => w[i] ?? '';
  let i = 0;
  let wrapped = false;
  for (let moved = true; moved;) {
    moved = false;
    while (OPENER_NOISE.has(at(i))) {
      i++;
      moved = true;
    }
    for (const wrapper of WRAPPERS) {
      if (wrapper.every((x, k) => at(i + k) === x)) {
        i += wrapper.length;
        wrapped = moved = true;
        break;
      }
    }
  }
  return { skip: i, wrapped };
}

/** Positions (in `words`) of the opening wrapper's words: they are not searched for ("any *idea* what …"). */
function wrapperPositions(words: string[]): Set<number> {
  const alnum: number[] = [];
  words.forEach((x, i) => {
    if (isWord(x)) alnum.push(i);
  });
  const { skip } = openingWrapper(alnum.map((i) => words[i]!));
  return new Set(alnum.slice(0, skip));
}

/** What the question asks for, from its opening words and focus nouns. */
export function detectFocus(words: string[], terms: Term[]): Focus {
  const w = words.filter(isWord);
  const at = (i: number) => w[i] ?? '';
  // Skip greetings and polite wrappers so "could you tell me when …" reads as "when …".
  const { skip: i, wrapped } = openingWrapper(w);
  const first = at(i);
  const second = at(i + 1);
  if (first === 'how' && second === 'much') {
    // "How much food / notice …" asks for an amount, not a price.
    const third = at(i + 2);
    if (TIME_AMOUNTS.has(third)) return 'duration';
    if (third && !MONEY_FOLLOWERS.has(third) && terms.some((t) => t.pos === 'NOUN' && words[t.at] === third && !FOCUS_NOUNS[t.term])) return 'count';
    return 'money';
  }
  if (first === 'how' && second === 'many') return 'count';
  if (first === 'how' && (second === 'long' || second === 'often' || second === 'soon' || second === 'quickly')) return 'duration';
  // "How late / early …" asks for a time.
  if (first === 'how' && (second === 'late' || second === 'early')) return 'date';
  if (first === 'how' && ['do', 'can', 'should', 'would', 'could', 'may'].includes(second)) {
    return w.some((x) => CONTACT_VERBS.has(x)) ? 'contact' : 'procedure';
  }
  if (first === 'when') return 'date';
  if (first === 'who' || first === 'whom' || first === 'whose') {
    if (w.some((x) => CONTACT_VERBS.has(x))) return 'contact';
    // "Who can / may / is allowed to …" asks who is eligible, not for a name.
    if (['can', 'may', 'could', 'should', 'must'].includes(second)) return 'open';
    // "Who is OMA SpecWorks?": only names follow, so it asks what they are.
    if ((second === 'is' || second === 'are' || second === 'was') && terms.length > 0 && terms.every((t) => t.pos === 'PROPN')) return 'definition';
    return 'person';
  }
  // "Where do I send / write …" asks for a contact point.
  if (first === 'where') return w.some((x) => CONTACT_VERBS.has(x) && x !== 'ask') ? 'contact' : 'place';
  if (first === 'why') return 'reason';
  const asksWhich = w.includes('what') || w.includes('which');
  // "which year …", and keyword queries such as "launch date" or "membership
  // fees" (a few words, no question word): the noun names what is asked.
  const keywordQuery =
    w.length - i <= 5 && !YES_NO_OPENERS.has(first) && !['what', "what's", 'whats', 'how', 'is', 'are', 'i', "i'm", 'im', 'my', 'we', 'our'].includes(first);
  // The head of an English noun phrase comes last: "out of hours *number*", "launch *date*".
  // Read from the words, not only the terms: some focus nouns ("name",
  // "amount") are stop words to the tagger.
  const termAt = new Map(terms.map((t) => [t.at, t.term]));
  let focusNoun: Focus | undefined;
  words.forEach((word, k) => {
    const f = FOCUS_NOUNS[termAt.get(k) ?? ''] ?? FOCUS_NOUNS[word] ?? FOCUS_NOUNS[word.replace(/s$/, '')];
    // "a 14 year old" gives an age, it does not ask for a date.
    if (f === 'date' && /^years?$/.test(word) && words[k + 1] === 'old') return;
    if (f) focusNoun = f;
  });
  if (focusNoun && (asksWhich || keywordQuery)) return focusNoun;
  // "Which companies …", "what organisations …": names are asked for.
  for (let k = 0; k < w.length - 1; k++) {
    if (w[k] !== 'which' && w[k] !== 'what') continue;
    // The noun right after it, past a number or a "main/other": "which two organisations".
    const next = /^(two|three|four|five|several|\d+|other|main|key|major|big|leading)$/.test(w[k + 1]!) ? w[k + 2] : w[k + 1];
    if (terms.some((t) => ENTITY_NOUNS.has(t.term) && words[t.at] === next)) return 'names';
  }
  if (YES_NO_OPENERS.has(first)) return 'yesno';
  // "I am 5 months pregnant, do I pay?": the question is the last clause.
  const lastComma = words.lastIndexOf(',');
  if (lastComma > 0 && YES_NO_OPENERS.has(words[lastComma + 1] ?? '')) return 'yesno';
  if (first === 'what' || first === "what's" || first === 'whats' || first === 'define' || first === 'meaning' || wrapped || w.includes('what'))
    return 'definition';
  return 'open';
}

/** Focus nouns that are asked for rather than looked up: the fact itself is checked instead. */
const DROPPED_FOCUS: Focus[] = ['date', 'duration', 'count', 'place'];

function synonymAlternatives(index: BuiltIndex, key: string): string[][] {
  return index.synonyms[key] ?? [];
}

/** Build the query for a question. Focus nouns ("year", "fee") are asked for, not searched. */
export function buildQuery(index: BuiltIndex, text: string): Query {
  const analysis = analyse(mendQuestionWord(questionPart(text)), index.aliases);
  const focus = detectFocus(analysis.words, analysis.terms);
  const wrapper = wrapperPositions(analysis.words);
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const list = analysis.terms;
  // "Which areas …", "what documents …": the head noun of the phrase after
  // which/what names the kind of answer wanted, so the passage need not use
  // that word. Its modifiers ("what *programming* language") still count.
  const answerType = new Set<number>();
  const termAt = new Map(list.map((t) => [t.at, t]));
  analysis.words.forEach((w, i) => {
    if (w !== 'which' && w !== 'what') return;
    let head: number | undefined;
    for (let k = i + 1; k <= i + 4 && k < analysis.words.length; k++) {
      const t = termAt.get(k);
      if (!t) {
        if (k === i + 1) continue;
        break;
      } // "which two …": skip one small word
      if (t.pos === 'NOUN') head = k;
      else if (t.pos !== 'ADJ' && t.pos !== 'NUM') break;
    }
    if (head !== undefined) answerType.add(head);
  });
  for (let i = 0; i < list.length; i++) {
    const t = list[i]!;
    let term = t.term;
    let correctedFrom: string | undefined;
    const focusNoun = FOCUS_NOUNS[term];
    // "which year", "launch date", "link to …": the kind of fact is checked
    // against the passage instead. "fee", "city", "name" stay: pages that state
    // no price, place or person must not match them.
    if (focusNoun && focusNoun === focus && DROPPED_FOCUS.includes(focus) && !(focus === 'place' && PLACE_NAMES.has(term))) continue;
    if (wrapper.has(t.at)) continue;
    // "Where do I send …", "who do I write to": the contact verb is the focus.
    if (focus === 'contact' && CONTACT_VERBS.has(term)) continue;
    // "email address", "web address": an electronic address, named by its modifier.
    if (term === 'address' && i > 0 && ADDRESS_KINDS.has(list[i - 1]!.term)) continue;
    // A real word WordNet relates to a page word is not a typo.
    if (!t.digits && index.df[term] === undefined && !index.synonyms[term] && !index.lexicon[term]) {
      const fixed = closestTerm(index, term, t.known);
      if (fixed) {
        correctedFrom = term;
        term = fixed;
      }
    }
    if (seen.has(term)) continue;
    seen.add(term);
    const alternatives = [...synonymAlternatives(index, term)];
    const related = (index.lexicon[term] ?? []).map(([page, code]) => ({ term: page, relation: CODE_RELATION[code]! }));
    // Two-word synonym keys ("smart home") match adjacent terms.
    const next = list[i + 1];
    if (next) alternatives.push(...synonymAlternatives(index, `${term} ${next.term}`));
    const posWeight = t.digits ? 1.2 : (POS_WEIGHT[t.pos] ?? 0.5);
    const typeWord =
      !t.digits && t.pos === 'NOUN' && (answerType.has(t.at) || (ASPECT_NOUNS.has(term) && synonymAlternatives(index, term).length === 0)) && list.length > 1;
    // In "when was X renovated?" / "who founded X?" the verb is the event asked
    // about: a passage without it does not answer.
    // Likewise the verb of a how-to question that the pages never use ("how
    // do I *cancel* …") is the action asked about.
    // (Measured: for yes/no questions this escalated more paraphrases than
    // out-of-scope questions, so it applies to how-to questions only.)
    const unknownClaim =
      focus === 'procedure' && index.df[term] === undefined && !LIGHT_VERBS.has(term) && !correctedFrom && synonymAlternatives(index, term).length === 0;
    // "Where is X *headquartered*?": an event the pages never name is not stated by them.
    const unknownEvent =
      focus === 'place' && index.df[term] === undefined && !LIGHT_VERBS.has(term) && !correctedFrom && synonymAlternatives(index, term).length === 0;
    const eventVerb = t.pos === 'VERB' && (focus === 'date' || focus === 'person' || unknownClaim || unknownEvent);
    // "Is the process *transparent*?": a yes/no question's adjective is its claim.
    // Only one the pages use can be checked; an unknown one is likely the
    // visitor's own wording ("mandatory", "involved").
    const claimAdjective = focus === 'yesno' && t.pos === 'ADJ' && index.df[term] !== undefined;
    // Light verbs stay light even when tagged as nouns ("deal with …").
    const light = LIGHT_VERBS.has(term);
    const isKey = !typeWord && !light && (t.digits || KEY_POS.has(t.pos) || eventVerb || claimAdjective);
    terms.push({
      term,
      stem: correctedFrom ? term : t.stem,
      pos: t.pos,
      // A verb or adjective the pages never use is usually the visitor's own
      // phrasing ("stay confidential"), so it weighs less than a rare page word.
      // Aspect nouns ("a short *description* of …") frame the request: nearly no weight.
      weight:
        idf(index, term) *
        posWeight *
        (typeWord || light ? 0.5 : 1) *
        (ASPECT_NOUNS.has(term) && typeWord ? 0.2 : 1) *
        (!isKey && index.df[term] === undefined && alternatives.length === 0 ? 0.5 : 1),
      key: isKey,
      ...(claimAdjective ? { claim: true } : {}),
      digits: t.digits,
      alternatives,
      related,
      correctedFrom,
      ...(typeWord ? { frame: true } : {}),
    });
  }
  const w = analysis.words;
  const future = w.some((x) => FUTURE_WORDS.has(x)) || (w[0] === 'when' && w[1] === 'will');
  return { text, terms, focus, analysis, ...(future ? { future } : {}) };
}
