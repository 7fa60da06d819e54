// One analysis for passages and questions alike: wink-nlp tokens → lower-case
// lemmas, stop words and punctuation dropped, numbers / e-mail addresses / URLs
// kept whole, hyphenated words also split, and site aliases rewritten to one
// canonical term. Using the same function on both sides is what makes a
// question's terms comparable with a passage's.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { CHAT_SPELLINGS, FILLER, QUESTION_WORDS } from './english.js';
import { editDistance } from './edit-distance.js';
import { splitSentences } from './sentences.js';

/** Plural names as written ("Rights") keep their -s; the head-noun term drops it. */
const singular = (w: string) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);

type Nlp = ReturnType<typeof winkNLP>;
/** The part of wink's core model read here: its lexicon of words (node_modules/wink-nlp/src/cache.js). */
interface CoreModel {
  features: { lexeme: { list: string[]; hash: Record<string, number>; intrinsicSize: number } };
}
/** wink's Porter stemmer (what its.stem applies to a token's text). */
const porter = (model as unknown as { addons: { stem: (word: string) => string } }).addons.stem;
let shared: Nlp | undefined;
let core: CoreModel | undefined;
/** The model's custom-entity meta model, read once (see nlp()). */
let metaCER: unknown;
let lexiconSize = 0;
/** New words counted so far (an index into the lexicon) and their characters. */
let counted = 0;
let newChars = 0;
/** Times the pipeline was loaded afresh. */
let reloads = 0;

/**
 * wink keeps every word it has not seen before in its lexicon, for the life
 * of the pipeline (the word, a hash entry and its packed features: ≈0.8 KB
 * a word as measured in workerd, where 20 000 of them swung the isolate's
 * live heap by 18 MB): a flood of made-up words would grow memory for good.
 * Past this many new words — or this many characters of them, for long ones
 * — the pipeline is loaded afresh before the next text (≈120 ms, once every
 * ~170 hostile messages of 60 new words; a visitor's few typos take years
 * to get there). A word's analysis does not depend on what was read before
 * it, so nothing answered changes (test/nlp/bounds.test.ts).
 */
export const MAX_NEW_WORDS = 10_000;
export const MAX_NEW_WORD_CHARS = 200_000;

/** The wink pipeline, loaded once per process (≈200 ms), on first use. */
export function nlp(): Nlp {
  if (!shared) {
    // Loaded through a wrapper of the model's core, to see the lexicon it fills.
    // Its custom-entity meta model is read once and kept: the model's loader
    // replaces its module-level copy with that copy's JSON on every call
    // (wink-eng-lite-web-model 1.x, load-cer-meta-model.js), so each new
    // pipeline would parse a string twice the size of the last one's — the
    // heap doubles with every reload after the tenth (test/nlp/bounds.test.ts).
    const models = model as unknown as { core: () => CoreModel; metaCER: () => unknown };
    metaCER ??= models.metaCER();
    const tracked = { ...model, core: () => (core = models.core()), metaCER: () => metaCER } as unknown as typeof model;
    shared = winkNLP(tracked, ['sbd', 'pos', 'ner']);
    // wink gives every word it has not seen a fresh id above its lexicon.
    lexiconSize = core!.features.lexeme.intrinsicSize;
    counted = lexiconSize;
    newChars = 0;
  }
  return shared;
}

/** The pipeline for the next text: a fresh one when the current one has kept too many new words. */
function pipeline(): Nlp {
  if (shared && core) {
    const list = core.features.lexeme.list;
    for (; counted < list.length; counted++) newChars += list[counted]!.length;
    if (list.length - lexiconSize > MAX_NEW_WORDS || newChars > MAX_NEW_WORD_CHARS) renewPipeline();
  }
  return nlp();
}

/** Drop the pipeline (and what it kept): the next text loads a fresh one. Exported for tests of what a renewal keeps. */
export function renewPipeline(): void {
  if (!shared) return;
  shared = undefined;
  core = undefined;
  // Memoised stems of words the old pipeline read go with it.
  partStems.clear();
  reloads++;
}

/** How many words wink keeps beyond its own lexicon now, and how often the pipeline was renewed (for tests and diagnostics). */
export function lexiconGrowth(): { newWords: number; reloads: number } {
  return { newWords: core ? core.features.lexeme.list.length - lexiconSize : 0, reloads };
}

export interface Term {
  /** Canonical lower-case lemma (or alias group id, e.g. `ipr`). */
  term: string;
  pos: string;
  /** Porter stem of the lemma, for matching related word forms (create / creation). */
  stem: string;
  /** Written in digits (years, versions): such a term must be matched exactly. */
  digits: boolean;
  /** Known to the English lexicon (not a typo or a made-up word). */
  known: boolean;
  /** wink entity type this token belongs to (DATE, CARDINAL, MONEY, …). */
  entity?: string;
  /** Position of the token in `Analysis.words`. */
  at: number;
}

export interface Analysis {
  /** Content terms in text order (duplicates kept). */
  terms: Term[];
  /** Every word in lower case (stop words included), for question-type cues. */
  words: string[];
  /** Entity types found (DATE, CARDINAL, MONEY, EMAIL, URL, …). */
  entities: string[];
  /** The text has a proper noun (a name). */
  hasName: boolean;
}

/** Aliases compiled to lemma sequences; see knowledge/vocabulary.yml. */
export interface AliasTable {
  /** Lemma sequence joined by spaces → canonical term. */
  phrases: Record<string, string>;
  maxLength: number;
}

interface Unit extends Term {
  stop: boolean;
  /** The word as written, lower-cased: names keep their inflection ("Rights"), so aliases match either form. */
  surface: string;
}

const URLISH = new Set(['email', 'url']);
const URL_NOISE = new Set(['http', 'https', 'www', 'com', 'org', 'net', 'mailto', 'html', 'htm', 'php', 'wp', 'content', 'uploads']);

const partStems = new Map<string, string>();
/** Longest word whose stem is memoised: bounds the memo in bytes (50 000 × 2 × 32 characters at most). */
const MEMO_WORD_CHARS = 32;
/** Porter stem of one word, memoised (bounded). */
function stemOf(word: string): string {
  let stem = partStems.get(word);
  if (stem === undefined) {
    const n = nlp();
    // A word of plain letters that is not in wink's own lexicon (new, or
    // added by an earlier text) is one token of that text, and its.stem is
    // the Porter stem of a token's text: stemmed directly, it is not read
    // through the pipeline (nor kept in wink's lexicon).
    const id = core?.features.lexeme.hash[word];
    stem =
      /^[a-z]+$/.test(word) && (id === undefined || id >= lexiconSize)
        ? porter(word)
        : ((
            n
              .readDoc(word)
              .tokens()
              .out(n.its.stem as never) as unknown as string[]
          )[0] ?? word);
    if (partStems.size < 50_000 && word.length <= MEMO_WORD_CHARS) partStems.set(word, stem);
  }
  return stem;
}

/** Raw token units: lemmas with flags, before aliases and stop-word removal. */
function units(text: string): { units: Unit[]; entities: string[]; words: string[] } {
  const n = pipeline();
  const its = n.its;
  // Curly apostrophes and quotes confuse the tokenizer ("OMA’s" → "’s").
  // A capitalised word opening a sentence is tagged as a name and left
  // un-lemmatised ("Children", "Members"); lower-case it first. All-caps
  // words (OMA, IPR) keep their case.
  const cleaned = text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/(^|[.!?]\s+)([A-Z][a-z]+)\b/g, (_m, lead: string, word: string) => lead + word.toLowerCase());
  const doc = n.readDoc(cleaned);
  const tokens = doc.tokens();
  // wink's typings don't cover every its.* helper; read each column as an array.
  const col = <T>(f: unknown) => tokens.out(f as never) as unknown as T[];
  const values = col<string>(its.normal);
  const lemmas = col<string>(its.lemma);
  const pos = col<string>(its.pos);
  const types = col<string>(its.type);
  const stops = col<boolean>(its.stopWordFlag);
  const ids = col<number>(its.uniqueId);
  const entityOf: (string | undefined)[] = new Array(values.length);
  const entities: string[] = [];
  const spans = doc.entities().out(its.span as never) as unknown as [number, number][];
  const kinds = doc.entities().out(its.type as never) as unknown as string[];
  spans.forEach(([from, to], k) => {
    const type = kinds[k]!;
    entities.push(type);
    for (let i = from; i <= to; i++) entityOf[i] = type;
  });
  const out: Unit[] = [];
  // One object literal per unit (no spreads): this loop runs for every token
  // of every question.
  const unit = (i: number, term: string, stem: string, surface: string, stop: boolean, tag: string): Unit => ({
    term,
    stem,
    surface,
    stop,
    pos: tag,
    digits: /\d/.test(values[i]!),
    known: ids[i]! < lexiconSize,
    entity: entityOf[i],
    at: i,
  });
  for (let i = 0; i < values.length; i++) {
    const type = types[i]!;
    if (type === 'punctuation' || type === 'emoji' || type === 'emoticon') continue;
    const value = values[i]!;
    if (URLISH.has(type)) {
      out.push(unit(i, value, value, value, false, pos[i]!));
      // The words inside an address are searchable too (helpdesk@… answers "helpdesk").
      for (const piece of value.split(/[^a-z0-9]+/)) {
        if (piece.length >= 3 && !URL_NOISE.has(piece)) out.push(unit(i, piece, piece, piece, false, 'NOUN'));
      }
      continue;
    }
    // Dotted abbreviations ("F.A.Q.", "F.A.Q") are the word without dots.
    const lemma = value.includes('.') && /^(?:[a-z]\.)+[a-z]?\.?$/i.test(value) ? value.replace(/\./g, '') : lemmas[i]!.toLowerCase();
    if (lemma.includes('-') && /[a-z]-[a-z]/.test(lemma)) {
      // "non-confidential" → non, confidential: hyphenated words match their parts
      // the same way whether wink split them or not.
      for (const part of lemma.split('-')) if (part) out.push(unit(i, part, stemOf(part), part, false, pos[i]!));
      continue;
    }
    // Stem the lemma, not the word as written: "found" (of find) must not
    // share a stem with "founding". Stems are memoised per word, which is
    // cheaper than wink's stem column for every token (≈30 µs a question).
    const stop = stops[i]!;
    out.push(unit(i, lemma, stop ? lemma : stemOf(lemma), value, stop, pos[i]!));
  }
  return { units: out, entities, words: values };
}

/** Lemma sequence of a phrase, as used for alias and synonym keys. */
export function phraseKey(text: string): string {
  return units(text)
    .units.map((u) => u.term)
    .join(' ');
}

/** The keys a phrase is recognised by: its lemmas and its words as written. */
export function phraseKeys(text: string): string[] {
  const list = units(text).units;
  return [...new Set([list.map((u) => u.term).join(' '), list.map((u) => u.surface).join(' ')])];
}

// The words alias phrases start with, per alias table (built once; the table
// comes with the index and never changes).
const firstWordCache = new WeakMap<AliasTable, Set<string>>();
function firstWords(aliases: AliasTable): Set<string> {
  let set = firstWordCache.get(aliases);
  if (!set) firstWordCache.set(aliases, (set = new Set(Object.keys(aliases.phrases).map((k) => k.split(' ')[0]!))));
  return set;
}

/** Rewrite alias phrases (longest first) to their canonical term. */
/** Every word used in an alias form (for correcting typos inside alias phrases). */
const aliasWordCache = new WeakMap<AliasTable, string[]>();
function aliasWords(aliases: AliasTable): string[] {
  let words = aliasWordCache.get(aliases);
  if (!words) {
    words = [...new Set(Object.keys(aliases.phrases).flatMap((k) => k.split(' ')))].filter((w) => w.length >= 5 && /^[a-z]+$/.test(w));
    aliasWordCache.set(aliases, words);
  }
  return words;
}

const aliasFixes = new WeakMap<AliasTable, Map<string, string | null>>();

/** A misspelt word of an alias phrase ("intelectual property") spelt right, so the phrase still matches. */
function fixAliasTypo(u: Unit, aliases: AliasTable): Unit {
  if (u.known || u.digits || u.term.length < 5) return u;
  let fixes = aliasFixes.get(aliases);
  if (!fixes) aliasFixes.set(aliases, (fixes = new Map()));
  let fixed = fixes.get(u.term);
  if (fixed === undefined) {
    const words = aliasWords(aliases);
    const max = u.term.length >= 8 ? 2 : 1;
    fixed = words.includes(u.term) ? null : (words.find((w) => editDistance(u.term, w, max) <= max) ?? null);
    // Bounded: free text must not grow it for ever (nor long words make it large).
    if (fixes.size < 10_000 && u.term.length <= MEMO_WORD_CHARS) fixes.set(u.term, fixed);
  }
  return fixed ? { ...u, term: fixed, surface: fixed, stem: stemOf(fixed), known: true } : u;
}

function applyAliases(input: Unit[], aliases: AliasTable | undefined, heads: boolean): Unit[] {
  if (!aliases || aliases.maxLength === 0) return input;
  const firsts = firstWords(aliases);
  const list = input.map((u) => fixAliasTypo(u, aliases));
  const out: Unit[] = [];
  for (let i = 0; i < list.length;) {
    // Most words start no alias: skip building the candidate phrases for them.
    if (!firsts.has(list[i]!.term) && !firsts.has(list[i]!.surface)) {
      out.push(list[i++]!);
      continue;
    }
    let matched = 0;
    for (let len = Math.min(aliases.maxLength, list.length - i); len >= 1 && !matched; len--) {
      const span = list.slice(i, i + len);
      const canonical = aliases.phrases[span.map((u) => u.term).join(' ')] ?? aliases.phrases[span.map((u) => u.surface).join(' ')];
      if (canonical !== undefined) {
        const first = list[i]!;
        out.push({ ...first, term: canonical, stem: canonical, pos: 'PROPN', stop: false, known: true, digits: false });
        // In the pages, the head noun of a multi-word name is still said:
        // "the IPSO Alliance" is also an alliance ("which alliances …?"). Not
        // in questions: a visitor who names the thing asks for the thing, and
        // other forms of the name (the abbreviation) don't carry the noun.
        const head = span[span.length - 1]!;
        if (heads && len > 1 && !head.stop && (head.pos === 'NOUN' || head.pos === 'PROPN') && head.term !== canonical) {
          out.push({ ...head, pos: 'NOUN', term: singular(head.term), stem: head.stem });
        }
        matched = len;
      }
    }
    if (matched) i += matched;
    else out.push(list[i++]!);
  }
  return out;
}

/**
 * Words a question is read by at most: a word is a run of letters or digits,
 * or any other character but a space (as wink splits them: "don't" is three).
 * The longest of the 2 243 questions of the dev and team sets has 36; a
 * 1 000-character message of made-up words has 165 and, read whole, costs
 * ≈30 ms and ≈50 KB of analysis. Past the cap the message is read by its
 * last words: a long message sets the scene first and asks last.
 */
export const MAX_QUESTION_WORDS = 60;
const WORD = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

/** The text from its `max`-th word from the end (all of it when it has fewer). */
export function lastWords(text: string, max = MAX_QUESTION_WORDS): string {
  // Each word is at least one character: a short text is under the cap.
  if (text.length <= max) return text;
  const starts: number[] = [];
  for (const m of text.matchAll(WORD)) starts.push(m.index);
  return starts.length <= max ? text : text.slice(starts[starts.length - max]);
}

/**
 * A message of several sentences ("Hi! I'm new here - what is X?") is asked
 * by its questions: keep the sentences that end with "?" when there are any.
 * Only its last MAX_QUESTION_WORDS words are read.
 */
export function questionPart(message: string): string {
  // A run of one mark ("?????", "!!!", "....") reads as that mark once: a
  // question followed by 200 "?" is still read by its words.
  const text = lastWords(message.replace(/([^\s\p{L}\p{M}\p{N}])\1+/gu, '$1'));
  if (!/[.!?]\s+\S/.test(text)) return text;
  const parts = sentences(text);
  if (parts.length < 2 || !parts.some((p) => p.trim().endsWith('?'))) return text;
  // Short exclamations ("Hi!", "Thanks.") go; a statement that sets the
  // scene ("I'm not a member. Can I …?") stays.
  const kept = parts.filter((p) => p.trim().endsWith('?') || p.trim().split(/\s+/).length > 3);
  return kept.join(' ').trim();
}

export interface AnalyseOptions {
  /** Also index the head noun of multi-word names (for page text). */
  heads?: boolean;
}

/**
 * A visitor's spelling of the opening question word mended ("wen was …",
 * "waht is …"): chat spellings, and unknown words one edit from a question
 * word. Real words ("were", "how") are left alone.
 */
export function mendQuestionWord(text: string): string {
  const m = /^(\s*)([A-Za-z]+)\b/.exec(text);
  if (!m) return text;
  const word = m[2]!.toLowerCase();
  if (QUESTION_WORDS.includes(word)) return text;
  let fixed = CHAT_SPELLINGS[word];
  if (!fixed && word.length >= 2 && word.length <= 6) {
    const near = QUESTION_WORDS.find((q) => editDistance(word, q, 1) <= 1);
    // Only a near miss costs a lexicon look-up.
    if (near) {
      const n = nlp();
      const known =
        (
          n
            .readDoc(word)
            .tokens()
            .out(n.its.uniqueId as never) as unknown as number[]
        )[0]! < lexiconSize;
      if (!known) fixed = near;
    }
  }
  return fixed ? m[1] + fixed + text.slice(m[0].length) : text;
}

export function analyse(text: string, aliases?: AliasTable, options: AnalyseOptions = {}): Analysis {
  const { units: raw, entities, words } = units(text);
  const list = applyAliases(raw, aliases, options.heads ?? false);
  const terms: Term[] = [];
  let hasName = false;
  for (const u of list) {
    if (u.pos === 'PROPN') hasName = true;
    if (u.stop && !u.digits) continue;
    if (FILLER.has(u.term)) continue;
    if (u.term.length < 2 && !u.digits) continue;
    // Leftover contractions ("i'm", "'s") carry no topic.
    if (u.term.includes("'")) continue;
    const { stop: _stop, surface: _surface, ...term } = u;
    terms.push(term);
  }
  return { terms, words, entities, hasName };
}

/** Sentence boundaries as wink sees them, less those inside times, hosts, file names, numbers and abbreviations (see sentences.ts). */
export function sentences(text: string): string[] {
  return splitSentences(text, (t) => pipeline().readDoc(t).sentences().out() as string[]);
}
