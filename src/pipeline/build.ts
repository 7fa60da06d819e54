// Build: knowledge source → analysed passages + search index (BuiltIndex).
// Runs at build time (npm run build) or when the Node server finds the index
// stale; never per request.
import MiniSearch from 'minisearch';
import { DEFAULT_WIDGET_TEXTS } from '../knowledge/defaults.js';
import type { KnowledgeSource } from '../knowledge/schema.js';
import { analyse, phraseKey, phraseKeys, sentences as splitSentences, type AliasTable } from '../nlp/analyse.js';
import { ingest } from './ingest.js';
import { buildLexicon, type WordnetPos } from './lexicon.js';
import { INDEX_VERSION, siteInfo, type BuiltIndex, type ClauseData, type PassageData, type SentenceData } from '../engine/types.js';
import { SEARCH_OPTIONS, type SearchDoc } from '../engine/search-options.js';

/** Words that name what a link passage is, in any knowledge set. */
const LINK_WORDS = ['page', 'link', 'webpage'];

/** Sentences longer than this are also split into clauses for shorter quotes. */
export const CLAUSE_SPLIT_CHARS = 220;

const uniq = <T>(xs: T[]) => [...new Set(xs)];

export function compileAliases(groups: string[][]): AliasTable {
  const phrases: Record<string, string> = {};
  let maxLength = 0;
  for (const group of groups) {
    const canonical = phraseKey(group[0]!).replace(/ /g, '_');
    for (const form of group) {
      for (const key of phraseKeys(form)) {
        if (!key) continue;
        phrases[key] = canonical;
        maxLength = Math.max(maxLength, key.split(' ').length);
      }
    }
  }
  return { phrases, maxLength };
}

/** Clauses of a long sentence, as verbatim substrings split after , ; or :. */
function clauses(text: string, aliases: AliasTable): ClauseData[] | undefined {
  if (text.length <= CLAUSE_SPLIT_CHARS) return undefined;
  const cuts = [0];
  const re = /[,;:](?=\s)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) cuts.push(m.index + 1);
  cuts.push(text.length);
  const out: ClauseData[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const piece = text.slice(cuts[i], cuts[i + 1]).trim();
    if (piece) out.push({ text: piece, terms: uniq(analyse(piece, aliases, { heads: true }).terms.map((t) => t.term)) });
  }
  return out.length > 1 ? out : undefined;
}

/** wink's part-of-speech tags as WordNet's. */
const WORDNET_POS: Record<string, WordnetPos> = { NOUN: 'n', PROPN: 'n', VERB: 'v', ADJ: 'a', ADV: 'r' };

function sentenceData(text: string, aliases: AliasTable, pos: Map<string, Set<WordnetPos>>): SentenceData {
  const a = analyse(text, aliases, { heads: true });
  for (const t of a.terms) {
    const p = WORDNET_POS[t.pos];
    if (!p) continue;
    let set = pos.get(t.term);
    if (!set) pos.set(t.term, (set = new Set()));
    set.add(p);
  }
  return {
    text,
    terms: uniq(a.terms.map((t) => t.term)),
    stems: uniq(a.terms.map((t) => t.stem)),
    verbs: uniq(a.terms.filter((t) => t.pos === 'VERB').map((t) => t.term)),
    nonVerbs: uniq(a.terms.filter((t) => t.pos !== 'VERB').map((t) => t.term)),
    entities: uniq(a.entities),
    names: uniq(a.terms.filter((t) => t.pos === 'PROPN').map((t) => t.term)),
    clauses: clauses(text, aliases),
  };
}

export async function buildIndex(source: KnowledgeSource): Promise<BuiltIndex> {
  const aliases = compileAliases(source.vocabulary.aliases);
  const pos = new Map<string, Set<WordnetPos>>();
  const terms = (s: string) => uniq(analyse(s, aliases).terms.map((t) => t.term));
  const passages: PassageData[] = ingest(source, splitSentences).map((p) => ({
    id: p.id,
    kind: p.kind,
    pageTitle: p.pageTitle,
    heading: p.heading,
    url: p.url,
    text: p.text,
    links: p.links,
    sentences: p.sentences.map((s) => sentenceData(s, aliases, pos)),
    // A linked page is a page: "the terms of use page", "link to the FAQ".
    contextTerms: uniq([...terms(`${p.pageTitle} ${p.heading} ${p.context ?? ''}`), ...(p.kind === 'link' ? LINK_WORDS : [])]),
    questions: p.questions.map((q) => ({ ...q, terms: terms(q.question) })),
  }));

  const df: Record<string, number> = {};
  for (const p of passages) {
    const all = uniq([...p.sentences.flatMap((s) => s.terms), ...p.contextTerms, ...p.questions.flatMap((q) => q.terms)]);
    for (const t of all) df[t] = (df[t] ?? 0) + 1;
  }

  const synonyms: Record<string, string[][]> = {};
  for (const [from, targets] of Object.entries(source.vocabulary.synonyms)) {
    const key = terms(from).join(' ');
    if (!key) continue;
    const alternatives = targets.map(terms).filter((t) => t.length > 0);
    synonyms[key] = [...(synonyms[key] ?? []), ...alternatives];
  }

  const search = new MiniSearch<SearchDoc>(SEARCH_OPTIONS);
  search.addAll(passages.map((p) => ({
    id: p.id,
    text: p.sentences.flatMap((s) => s.terms).join(' '),
    context: p.contextTerms.join(' '),
    questions: p.questions.flatMap((q) => q.terms).join(' '),
  })));

  const normalise = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}' ]+/gu, ' ').replace(/\s+/g, ' ').trim();
  return {
    version: INDEX_VERSION,
    site: siteInfo(source.site),
    lexicon: await buildLexicon(pos),
    passages,
    df,
    aliases,
    synonyms,
    smalltalk: source.smalltalk.map((s) => ({ ...s, phrases: s.phrases.map(normalise) })),
    // messages.yml `widget:` may name a few texts; the rest keep their defaults.
    messages: { ...source.messages, widget: { ...DEFAULT_WIDGET_TEXTS, ...source.messages.widget } },
    search: search.toJSON(),
  };
}
