// Answerability: does this passage answer this question? Lexical search finds
// candidates; this decides with the NLP analysis: how much of the question's
// weighted terms the best sentence covers (each kind of match — the same word,
// another form, the site's vocabulary, a WordNet relation, a neighbouring
// sentence, the heading — counting its own share), whether every
// name/noun/number the question turns on is there, and whether the kind of
// fact asked for (a date, a number, a price, a name) is stated. How much each
// of these counts is a parameter fitted by `npm run train` (model.ts), not a
// number set here; what stays here is the logic.
import { AGENT_NOUNS, LIGHT_VERBS, TEMPORAL, WHERE_CUES, type Focus } from '../nlp/english.js';
import type { Query, QueryTerm } from './query.js';
import type { PassageData, SentenceData } from './types.js';
import { DEFAULT_PARAMS, type Params } from './model.js';

/** Shortest stem that may match a different word form. */
const MIN_STEM = 4;

/** Where a term was found: in the sentence itself, an alternate question of it, the passage, the heading. */
const AT = { sentence: 3, question: 2, passage: 1, context: 0.5 } as const;

export interface TermMatch {
  term: string;
  quality: number;
  /** How it matched; `synonym` names the alternative (kept as data: strings are built only to explain). */
  via: 'exact' | 'stem' | 'synonym' | 'wordnet' | 'antonym' | '';
  synonym?: string[];
  /** Found in the sentence itself (or its alternate questions), not only elsewhere in the passage. */
  inSentence: boolean;
}

export interface SentenceScore {
  index: number;
  coverage: number;
  matches: TermMatch[];
}

/** A match in words, for --explain. */
export function describeMatch(m: TermMatch, t: QueryTerm): string {
  const via = m.via === 'synonym' || m.via === 'wordnet' || m.via === 'antonym' ? `${m.via}:${m.synonym!.join(' ')}` : m.via;
  return `${m.term}=${m.quality.toFixed(2)} ${via}${t.correctedFrom ? `(typo:${t.correctedFrom})` : ''}`;
}

export interface PassageScore {
  passage: PassageData;
  lexical: number;
  best: SentenceScore;
  /** Key terms (names, nouns, numbers) the passage lacks entirely. */
  missing: string[];
  focusMet: boolean;
  /** The raw score (0–1); the engine turns it into a probability (model.ts). */
  confidence: number;
  /** Score adjusted for ordering: ties go to text over links, definitions, lexical score. */
  rank: number;
  /** When an alternate question decided: the part of the sentence its author pointed at (quoted whatever else). */
  altQuote?: string;
  /** Weighted share of the question's words the chosen sentence's alternate questions (the author's or staff's) have. */
  questionCoverage: number;
  /** Similarity of the closest alternate question (the author's or staff's) of the passage that matches the question, when one does. */
  alternate?: number;
  /** Every sentence's coverage and whether it states the asked kind of fact (for a shortlist of sentences). */
  sentences: { index: number; coverage: number; focusMet: boolean }[];
  /** Each factor applied to the score, for --explain ("coverage 0.8", "key term missing ×0.4"…). */
  factors: { factor: string; value: number }[];
}

/** Ordering only (never the confidence): a link wins only when it clearly covers more; "what is X?" prefers a sentence starting with X. */
const LINK_FACTOR = 0.9;
const DEFINITION_BONUS = 0.05;
const LEXICAL_TIE_BREAK = 0.03;

interface Bags {
  sentence: Set<string>;
  verbs: Set<string>;
  nonVerbs: Set<string>;
  stems: Set<string>;
  questions: Set<string>;
  passage: Set<string>;
  passageStems: Set<string>;
  context: Set<string>;
}

// Term sets per passage and per sentence, built once per passage (the index
// never changes at run time), so scoring a question allocates no sets.
const bagCache = new WeakMap<PassageData, Bags[]>();

function bags(p: PassageData): Bags[] {
  let b = bagCache.get(p);
  if (!b) {
    const passage = new Set(p.sentences.flatMap((s) => s.terms));
    const passageStems = new Set(p.sentences.flatMap((s) => s.stems));
    const context = new Set(p.contextTerms);
    b = p.sentences.map((s, i) => ({
      passage,
      passageStems,
      context,
      sentence: new Set(s.terms),
      verbs: new Set(s.verbs),
      nonVerbs: new Set(s.nonVerbs),
      stems: new Set(s.stems),
      questions: new Set(p.questions.filter((q) => q.sentence === i).flatMap((q) => q.terms)),
    }));
    bagCache.set(p, b);
  }
  return b;
}

/** Where in the sentence's surroundings a term is, and what that place counts. */
function where(term: string, b: Bags, m: Params['match']): [at: number, quality: number] {
  if (b.sentence.has(term)) return [AT.sentence, 1];
  if (b.questions.has(term)) return [AT.question, m.question];
  if (b.passage.has(term)) return [AT.passage, m.passage];
  if (b.context.has(term)) return [AT.context, m.context];
  return [0, 0];
}

function matchTerm(t: QueryTerm, b: Bags, m: Params['match']): TermMatch {
  let [level, quality] = where(t.term, b, m);
  // The same lemma in another part of speech ("formed" / "in various forms")
  // is a weaker match than the same use.
  if (level === AT.sentence && !t.fromContext && (t.pos === 'VERB' ? !b.verbs.has(t.term) : t.pos === 'NOUN' && !b.nonVerbs.has(t.term))) {
    quality = m.otherUse;
  }
  let via: TermMatch['via'] = quality ? 'exact' : '';
  let synonym: string[] | undefined;
  if (!t.digits) {
    if (quality < 1 && t.stem.length >= MIN_STEM) {
      const [at, place] = b.sentence.size && b.stems.has(t.stem) ? [AT.sentence, 1] : b.passageStems.has(t.stem) ? [AT.passage, m.passage] : [0, 0];
      if (place * m.stem > quality) {
        quality = place * m.stem;
        level = at;
        via = 'stem';
      }
    }
    for (const alt of t.alternatives) {
      let weakest: [number, number] = [Infinity, Infinity]; // the alternative's weakest word decides
      for (const a of alt) {
        const w = where(a, b, m);
        if (w[1] < weakest[1]) weakest = w;
      }
      const q = weakest[1] * m.synonym;
      if (q > quality) {
        quality = q;
        level = weakest[0];
        via = 'synonym';
        synonym = alt;
      }
    }
    // General English: a verb class of english.ts, WordNet's synonym or
    // related form, broader or narrower word, antonym — each its own, fitted, share.
    for (const r of t.related) {
      const [at, place] = where(r.term, b, m);
      if (!place) continue;
      const share =
        r.relation === 'class'
          ? m.lexClass
          : r.relation === 'synonym' || r.relation === 'derived'
            ? m.lexSynonym
            : r.relation === 'antonym'
              ? m.lexAntonym
              : m.lexRelated;
      if (place * share > quality) {
        quality = place * share;
        level = at;
        via = r.relation === 'antonym' ? 'antonym' : 'wordnet';
        synonym = [r.term];
      }
    }
  }
  if (t.correctedFrom) quality *= m.corrected;
  if (t.fromContext) quality *= m.fromContext;
  return { term: t.term, quality, via, synonym, inSentence: level >= AT.question };
}

const YEAR = /\b(1[89]|20)\d\d\b/;
const CLOCK = /\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b|\bnoon\b|\bmidnight\b/i;
const WEEKDAY = /\b(mon|tues|wednes|thurs|fri|satur|sun)days?\b/i;
const MONTH = /\b(january|february|march|april|may|june|july|august|september|october|november|december)\b/i;
/** An amount of money written out: a currency sign or name next to a number. */
const CURRENCY = /[£$€¥]\s?\d|\d\s?(?:pence|euros?|dollars?|pounds?|usd|eur|gbp)\b/i;
/** A number standing on its own (not inside a word such as "LwM2M"). */
const STANDALONE_NUMBER = /(?<![\p{L}\p{N}])\d+(?:[.,]\d+)*(?![\p{L}\p{N}])/gu;
const YEAR_ONLY = /^(1[89]|20)\d\d$/;
/** A telephone number. */
const PHONE = /\+?\d[\d\s()-]{7,}\d/;
const DURATIONISH =
  /\b\d+\s*(?:-|to)?\s*\d*\s*(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|working days|business days)\b|\b(minutes?|hours?|days?|weeks?|months?|years?)\b/i;
const TEMPORAL_DATA = [...TEMPORAL];
const hasTemporalWord = (s: SentenceData) => s.terms.some((t) => TEMPORAL.has(t)) || TEMPORAL_DATA.some((w) => s.text.toLowerCase().includes(` ${w} `));

/** Whether a sentence states the kind of fact the question asks for. */
export function focusMet(
  focus: Focus,
  s: SentenceData,
  p: PassageData,
  asked: Set<string> = new Set(),
  common: (term: string) => boolean = () => false,
): boolean {
  switch (focus) {
    // "Where": somewhere to find it — a page, a link, an address.
    case 'place':
      return p.kind === 'link' || p.links.length > 0 || s.entities.includes('URL') || s.entities.includes('EMAIL') || s.terms.some((t) => WHERE_CUES.has(t));
    // "How long / how soon": a stated period or date, or a stated timing.
    case 'duration':
      return s.entities.includes('DURATION') || s.entities.includes('DATE') || DURATIONISH.test(s.text) || hasTemporalWord(s);
    // "When / what time": a date, a year, a clock time, a weekday or month, or a stated timing.
    case 'date':
      return (
        s.entities.includes('DATE') ||
        s.entities.includes('TIME') ||
        YEAR.test(s.text) ||
        CLOCK.test(s.text) ||
        WEEKDAY.test(s.text) ||
        MONTH.test(s.text) ||
        hasTemporalWord(s)
      );
    case 'money':
      return s.entities.includes('MONEY') || CURRENCY.test(s.text);
    // "How many": a number of things — not a year ("in 2018") and not a digit inside a name ("LwM2M").
    case 'count':
      return s.entities.includes('CARDINAL') || [...s.text.matchAll(STANDALONE_NUMBER)].some((m) => !YEAR_ONLY.test(m[0]));
    // "Who …": a name, or a person or body that acts ("a board of trustees").
    case 'person':
      return s.names.length > 0 || s.terms.some((t) => AGENT_NOUNS.has(t));
    // Names beyond those asked about, and not ones on most pages ("IPR").
    case 'names':
      return s.names.some((n) => !asked.has(n) && !common(n));
    case 'contact':
      return s.entities.includes('EMAIL') || PHONE.test(s.text) || p.links.some((l) => l.url.startsWith('mailto:') || l.url.startsWith('tel:'));
    default:
      return true;
  }
}

// focusMet depends only on the (fixed) sentence and the focus: remember it
// instead of lower-casing and scanning every sentence for every question.
const focusCache = new WeakMap<SentenceData, Map<Focus, boolean>>();
function focusMetCached(focus: Focus, s: SentenceData, p: PassageData): boolean {
  let m = focusCache.get(s);
  if (!m) focusCache.set(s, (m = new Map()));
  let met = m.get(focus);
  if (met === undefined) m.set(focus, (met = focusMet(focus, s, p)));
  return met;
}

/** The sentence names years and all of them are before this one. */
function onlyPastYears(s: SentenceData): boolean {
  const years = s.text.match(/\b(1[89]|20)\d\d\b/g);
  const now = new Date().getFullYear();
  return years !== null && years.every((y) => Number(y) < now);
}

const SENTENCE_FOCUS = new Set<Focus>(['date', 'count', 'money', 'person', 'names']);
/** Foci that say little about the kind of answer ("what is …", "is it …"): compatible with any. */
const LOOSE_FOCUS = new Set<Focus>(['definition', 'open', 'yesno']);
/** Foci that ask for a kind of fact. */
const FACT_FOCUS = new Set<Focus>(['date', 'duration', 'count', 'money', 'person', 'names', 'contact', 'place']);

/** The words a question says, with their one-word synonyms ("OMA" is also OMA SpecWorks). */
const askedCache = new WeakMap<Query, Set<string>>();
function askedNames(query: Query): Set<string> {
  let set = askedCache.get(query);
  if (!set) {
    set = new Set(query.terms.flatMap((t) => [t.term, ...t.alternatives.filter((a) => a.length === 1).map((a) => a[0]!)]));
    askedCache.set(query, set);
  }
  return set;
}

/** Ranking bonus for matching an author-written question. */
const ALTERNATE_BONUS = 0.1;

/**
 * The alternate question of this passage closest to the visitor's, when the
 * two share at least SAME_QUESTION of their words (a word matches through its
 * synonyms too), with the sentence it points to.
 */
export function alternateMatch(
  query: Query,
  p: PassageData,
  specific: (term: string) => boolean,
  expand: (terms: string[]) => Set<string>,
  sameQuestion: number,
): { similarity: number; sentence: number; focus?: string; quote?: string } | undefined {
  // Words on nearly every page ("OMA SpecWorks") are the implied subject of
  // an author's question ("What does it publish?"): they need not be in it.
  // A follow-up with no words of its own ("who can see them?") is compared
  // by the words it inherits.
  const mine = query.terms.filter((t) => !t.fromContext);
  const own = (mine.length ? mine : query.terms).filter((t) => t.pos !== 'PROPN' || specific(t.term));
  if (!own.some((t) => specific(t.term))) return undefined;
  let found: { similarity: number; sentence: number; focus?: string; quote?: string } | undefined;
  const askedStems = new Set(query.terms.filter((t) => !t.digits).map((t) => t.stem));
  let askedWords: Set<string> | undefined;
  for (const q of p.questions) {
    if (q.terms.length === 0) continue;
    const words = expand(q.terms);
    const stems = new Set(q.stems ?? []);
    // A word matches the same word, another form of it (stem), what the
    // site's vocabulary says it also means, or an everyday synonym (WordNet's
    // common senses only: "call" for "phone", not "visit" for "call" — a
    // question someone judged is matched closely, or not at all).
    const shared = own.filter(
      (t) => words.has(t.term) || (!t.digits && stems.has(t.stem)) || t.alternatives.some((alt) => alt.every((a) => words.has(a))),
    ).length;
    // Every word the visitor used must be in the author's question: an extra
    // word ("version", "how many") may be exactly what the page does not say.
    if (shared < own.length) continue;
    // …and the author's question must not ask for more than the visitor did.
    // (A follow-up's inherited words count as asked: "who can see them?";
    // so do everyday synonyms of what the visitor asked.)
    const asked = (askedWords ??= new Set([...askedNames(query), ...expand(query.terms.map((t) => t.term))]));
    const theirs = q.terms.map((t, i) => [t, q.stems?.[i]] as const).filter(([t]) => specific(t) && !LIGHT_VERBS.has(t));
    const covered = theirs.filter(([t, stem]) => asked.has(t) || (stem !== undefined && askedStems.has(stem))).length;
    const similarity = theirs.length ? covered / theirs.length : 1;
    if (similarity >= sameQuestion && (!found || similarity > found.similarity))
      found = { similarity, sentence: q.sentence, ...(q.focus ? { focus: q.focus } : {}), ...(q.quote ? { quote: q.quote } : {}) };
  }
  return found;
}

/**
 * @param expand a term list plus what its words also mean in the site
 *   vocabulary (synonyms), for comparing a question with an author's question.
 */
export function scorePassage(
  query: Query,
  p: PassageData,
  lexical: number,
  df: (term: string) => number,
  passages: number,
  expand: (terms: string[]) => Set<string> = (t) => new Set(t),
  params: Params = DEFAULT_PARAMS,
): PassageScore {
  const m = params.match;
  const factors: PassageScore['factors'] = [];
  const common = passages / 2;
  const ubiquitous = (term: string) => df(term) > common;
  const sentenceBags = bags(p);
  const own = query.terms.reduce((sum, t) => sum + (t.fromContext ? 0 : t.weight), 0);
  let best: SentenceScore = { index: 0, coverage: 0, matches: [] };
  // (reassigned below when an author-written question matches)
  let bestFocus = false;
  const perSentence: PassageScore['sentences'] = [];
  for (let i = 0; i < p.sentences.length; i++) {
    const b = sentenceBags[i]!;
    const matches = query.terms.map((t) => matchTerm(t, b, m));
    // Terms carried over from an earlier turn weigh half as much as a match
    // gives them: a passage on the earlier topic is preferred, but one that
    // answers the new words alone still can be chosen ("what about X?").
    let covered = 0;
    let total = own;
    matches.forEach((x, k) => {
      const t = query.terms[k]!;
      covered += x.quality * t.weight;
      if (t.fromContext) total += t.weight * m.fromContext * 0.5;
    });
    // Not capped here: among sentences that all cover the question, more
    // matched context still decides which one is quoted.
    const coverage = total > 0 ? covered / total : 0;
    let met = query.focus === 'names' ? focusMet('names', p.sentences[i]!, p, askedNames(query), ubiquitous) : focusMetCached(query.focus, p.sentences[i]!, p);
    // "When will … next …": a sentence dated in the past does not say.
    if (met && query.future && query.focus === 'date' && onlyPastYears(p.sentences[i]!)) met = false;
    perSentence.push({ index: i, coverage, focusMet: met });
    // Prefer a sentence that states the asked kind of fact, then the best covered.
    if (i === 0 || (met && !bestFocus) || (met === bestFocus && coverage > best.coverage + 1e-9)) {
      best = { index: i, coverage, matches };
      bestFocus = met;
    }
  }
  // For a date, number, price or name, the fact must be about the question's
  // subject: its key terms must be in the very sentence that states it.
  const sameSentence = SENTENCE_FOCUS.has(query.focus);
  const missing: string[] = [];
  let confidence = Math.min(1, best.coverage);
  factors.push({ factor: 'coverage', value: confidence });
  query.terms.forEach((t, k) => {
    if (!t.key || t.fromContext) return;
    const m = best.matches[k]!;
    if (m.quality > 0 && (m.inSentence || !sameSentence)) return;
    missing.push(t.term);
    // A key term the pages never use at all means the question is about
    // something else; one used elsewhere in the passage or pages may be a
    // second topic, unless the asked fact must be stated about it.
    // A yes/no question's claim missing is never a second topic: the quote would not say yes or no.
    const elsewhere = df(t.term) > 0 && m.quality === 0 && !sameSentence && !t.claim;
    const factor = elsewhere
      ? params.penalty.missingElsewhere
      : sameSentence && m.quality > 0
        ? params.penalty.notInSentence
        : params.penalty.missingEverywhere;
    confidence *= factor;
    factors.push({
      factor: `${t.term} ${elsewhere ? 'missing (used elsewhere)' : sameSentence && m.quality > 0 ? 'not in the sentence stating the fact' : 'missing'}`,
      value: factor,
    });
  });
  if (!bestFocus) {
    confidence *= params.penalty.focusUnmet;
    factors.push({ factor: `no ${query.focus} stated`, value: params.penalty.focusUnmet });
  }
  // Matching only words that are on nearly every passage ("OMA") while the
  // question's specific words match nothing is no evidence at all.
  // (Adjectives and adverbs are left out: "a *single* IPR policy" qualifies
  // what the ubiquitous words name, it does not change the subject.)
  const specific = query.terms
    .map((t, k) => ({ t, m: best.matches[k]! }))
    .filter(({ t }) => !t.fromContext && !t.frame && !LIGHT_VERBS.has(t.term) && df(t.term) <= common && t.pos !== 'ADJ' && t.pos !== 'ADV');
  if (specific.length > 0 && specific.every(({ m: x }) => x.quality === 0)) {
    confidence *= params.penalty.nothingSpecific;
    factors.push({ factor: 'only words on most pages match', value: params.penalty.nothingSpecific });
  }
  // The visitor asked (nearly) one of the questions the knowledge author
  // wrote for this passage: trust the author about which sentence answers.
  let altQuote: string | undefined;
  const found = alternateMatch(query, p, (t) => df(t) <= common, expand, params.alternate.sameQuestion);
  // A question asking for a date, number or name still needs it stated.
  // In a follow-up, the author's question must also be on the earlier topic:
  // "for what purpose?" after a question about content is not "what is the mission?".
  const onTopic = query.terms.every((t, k) => !t.fromContext || ubiquitous(t.term) || best.matches[k]!.quality > 0);
  // A staff answer answers the kind of question staff answered: asking for
  // a date, a price, a number… of the same thing is another question unless
  // the answer states it ("how long does a refund take?" is not "how do I
  // ask for a refund?").
  const stated = (focus: Focus) => focusMet(focus, p.sentences[found!.sentence]!, p, askedNames(query), ubiquitous);
  const focusOk = !found
    ? false
    : p.kind === 'staff'
      ? !FACT_FOCUS.has(query.focus) || found.focus === query.focus || LOOSE_FOCUS.has(found.focus as Focus) || stated(query.focus)
      : !SENTENCE_FOCUS.has(query.focus) || stated(query.focus);
  const alt = found && onTopic && focusOk ? found : undefined;
  const alternate = alt?.similarity;
  if (alt && alt.similarity > confidence) {
    confidence = alt.similarity;
    factors.push({ factor: 'an alternate question of the site matches', value: alt.similarity });
    best = { ...best, index: alt.sentence };
    bestFocus = true;
    altQuote = alt.quote;
  }
  // How much of the question the alternate questions of the chosen sentence
  // (the author's, or staff's) have: wordings someone already judged.
  // (A follow-up leans on another turn: its own words alone were never judged.)
  const judged = sentenceBags[best.index]?.questions;
  const followUp = query.terms.some((t) => t.fromContext);
  const asked =
    judged && judged.size > 0 && !followUp
      ? query.terms.filter((t) => !t.fromContext && (judged.has(t.term) || t.alternatives.some((a) => a.every((w) => judged.has(w)))))
      : [];
  const questionCoverage = own > 0 ? asked.reduce((sum, t) => sum + t.weight, 0) / own : 0;
  const lead = p.sentences[best.index]!.terms[0];
  const defines = query.focus === 'definition' && lead !== undefined && query.terms.some((t) => !t.fromContext && t.term === lead);
  const rank =
    confidence * (p.kind === 'link' ? LINK_FACTOR : 1) +
    (defines ? DEFINITION_BONUS : 0) +
    (alt ? ALTERNATE_BONUS * alt.similarity : 0) +
    LEXICAL_TIE_BREAK * (lexical / (lexical + 10));
  return {
    passage: p,
    lexical,
    best,
    missing,
    focusMet: bestFocus,
    confidence,
    rank,
    factors,
    sentences: perSentence,
    questionCoverage,
    ...(altQuote ? { altQuote } : {}),
    ...(alternate !== undefined ? { alternate } : {}),
  };
}
