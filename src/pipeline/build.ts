// Build: knowledge source → analysed passages + search index (BuiltIndex).
// Runs at build time (npm run build) or when the Node server finds the index
// stale; never per request.
import MiniSearch from 'minisearch';
import { DEFAULT_WIDGET_TEXTS } from '../knowledge/defaults.js';
import type { KnowledgeSource } from '../knowledge/schema.js';
import { analyse, phraseKey, phraseKeys, sentences as splitSentences, type AliasTable } from '../nlp/analyse.js';
import { ingest } from './ingest.js';
import { buildCommonSynonyms, buildLexicon, type WordnetPos } from './lexicon.js';
import { INDEX_VERSION, siteInfo, type BuiltIndex, type PassageData } from '../engine/types.js';
import { sentenceData } from '../engine/sentence-data.js';
import { SEARCH_OPTIONS, type SearchDoc } from '../engine/search-options.js';

/** Words that name what a link passage is, in any knowledge set. */
const LINK_WORDS = ['page', 'link', 'webpage'];

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

const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** wink's part-of-speech tags as WordNet's. */
const WORDNET_POS: Record<string, WordnetPos> = { NOUN: 'n', PROPN: 'n', VERB: 'v', ADJ: 'a', ADV: 'r' };

export async function buildIndex(source: KnowledgeSource): Promise<BuiltIndex> {
  const aliases = compileAliases(source.vocabulary.aliases);
  const pos = new Map<string, Set<WordnetPos>>();
  const terms = (s: string) => uniq(analyse(s, aliases).terms.map((t) => t.term));
  const termsAndStems = (s: string) => {
    const list = analyse(s, aliases).terms.filter((t, i, all) => all.findIndex((x) => x.term === t.term) === i);
    return { terms: list.map((t) => t.term), stems: list.map((t) => t.stem) };
  };
  const passages: PassageData[] = ingest(source, splitSentences).map((p) => ({
    id: p.id,
    kind: p.kind,
    pageTitle: p.pageTitle,
    heading: p.heading,
    url: p.url,
    text: p.text,
    links: p.links,
    sentences: p.sentences.map((s) =>
      sentenceData(s, aliases, (t) => {
        // Which parts of speech each word has on the pages, for its WordNet senses.
        const wn = WORDNET_POS[t.pos];
        if (!wn) return;
        let set = pos.get(t.term);
        if (!set) pos.set(t.term, (set = new Set()));
        set.add(wn);
      }),
    ),
    // A linked page is a page: "the terms of use page", "link to the FAQ".
    contextTerms: uniq([...terms(`${p.pageTitle} ${p.heading} ${p.context ?? ''}`), ...(p.kind === 'link' ? LINK_WORDS : [])]),
    questions: p.questions.map((q) => ({ ...q, ...termsAndStems(q.question) })),
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
  search.addAll(
    passages.map((p) => ({
      id: p.id,
      text: p.sentences.flatMap((s) => s.terms).join(' '),
      context: p.contextTerms.join(' '),
      questions: p.questions.flatMap((q) => q.terms).join(' '),
    })),
  );

  const normalise = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  return {
    version: INDEX_VERSION,
    site: siteInfo(source.site),
    lexicon: await buildLexicon(pos),
    common: buildCommonSynonyms(),
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
