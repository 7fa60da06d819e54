// The prebuilt index: everything the engine needs at answer time, as plain
// JSON. `npm run build` writes it; the Node server and the Worker load it, so
// no page is parsed or analysed on the request path.
import type { Link } from '../pipeline/ingest.js';
import type { Messages, SiteSettings, WidgetTexts } from '../knowledge/schema.js';
import type { AliasTable } from '../nlp/analyse.js';

export const INDEX_VERSION = 15;

export interface ClauseData {
  text: string;
  terms: string[];
}

export interface SentenceData {
  text: string;
  terms: string[];
  stems: string[];
  /** Terms used as a verb here ("formed"), and terms used otherwise ("forms"): a verb in a question matches a verb best. */
  verbs: string[];
  nonVerbs: string[];
  entities: string[];
  /** Names (proper nouns, alias ids) the sentence mentions. */
  names: string[];
  /** For sentences too long to quote whole: clauses (verbatim substrings) and their terms. */
  clauses?: ClauseData[];
}

export interface PassageData {
  id: number;
  /** `text` is quoted from a page, `link` points to another page, `staff` is an answer staff wrote (added at run time). */
  kind: 'text' | 'link' | 'staff';
  /** For `staff`, and for a page passage staff pointed questions at: the staff answer's id. */
  staffId?: number;
  pageTitle: string;
  heading: string;
  url: string;
  text: string;
  links: Link[];
  sentences: SentenceData[];
  /** Terms of the page title and section heading: context, weaker than the text. */
  contextTerms: string[];
  questions: AltQuestionData[];
}

/** A question a passage's sentence answers (the site author's, or one staff answered). */
export interface AltQuestionData {
  question: string;
  /** The sentence that answers it. */
  sentence: number;
  terms: string[];
  /** Stems of `terms`, in the same order: "membership" and "members" are one word in different forms. */
  stems?: string[];
  /** What it asks for (staff questions): a staff answer does not answer another kind of question. */
  focus?: string;
  /** The part of the sentence that answers it (questions.yml, or a quote staff pointed at): quoted whatever clause the words would pick. */
  quote?: string;
  /**
   * A visitor's wording staff taught (an escalation they resolved): used to
   * match questions, never shown to another visitor as a suggestion — only
   * the knowledge author's questions are.
   */
  taught?: true;
}

export interface SmallTalkData {
  intent: string;
  /** Phrases normalised to lower-case words joined by single spaces. */
  phrases: string[];
  reply: string;
  offerEscalation: boolean;
  suggestions: string[];
  keywords: string[][];
}

/** What the service says about the site it speaks for (knowledge/site.yml, with defaults filled in). */
export interface SiteInfo {
  name: string;
  origin: string;
  helpdesk: string;
  title: string;
  greeting: string;
}

export function siteInfo(s: SiteSettings): SiteInfo {
  return {
    name: s.name,
    origin: s.origin,
    helpdesk: s.helpdesk,
    title: s.title ?? `${s.name} help`,
    greeting: s.greeting ?? `Hi! Ask me about ${s.name}. I answer from our pages and show where each answer comes from.`,
  };
}

/** How a visitor's word relates to a page word in WordNet (src/pipeline/lexicon.ts). */
/** How a visitor's word relates to a page word: a WordNet relation, or `class` (one of english.ts's hand-checked verb classes). */
export type Relation = 'class' | 'synonym' | 'derived' | 'broader' | 'narrower' | 'antonym';
export const RELATION_CODE: Record<Relation, string> = { class: 'c', synonym: 's', derived: 'd', broader: 'b', narrower: 'n', antonym: 'a' };
export const CODE_RELATION: Record<string, Relation> = { c: 'class', s: 'synonym', d: 'derived', b: 'broader', n: 'narrower', a: 'antonym' };

/** Visitor word → [page term, relation code] pairs. */
export type LexiconData = Record<string, [string, string][]>;

export interface BuiltIndex {
  version: number;
  site: SiteInfo;
  /** General English relations of the pages' words (WordNet), keyed by the visitor's word. */
  lexicon: LexiconData;
  /** Everyday English synonyms (WordNet's common senses), as groups of words that mean the same: for comparing wordings someone judged. */
  common: string[][];
  passages: PassageData[];
  /** Number of passages each term occurs in (text, context or questions). */
  df: Record<string, number>;
  aliases: AliasTable;
  /** Visitor phrase (analysed terms joined by spaces) → alternatives, each a list of page terms. */
  synonyms: Record<string, string[][]>;
  smalltalk: SmallTalkData[];
  /** messages.yml with defaults; `widget` complete (GET /api/widget/config serves it). */
  messages: Messages & { widget: WidgetTexts };
  /** MiniSearch.toJSON() of the passages; load with the same SEARCH_OPTIONS. */
  search: unknown;
}
