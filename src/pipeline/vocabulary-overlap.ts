// Which of a site's vocabulary synonyms general English (the WordNet lexicon
// built from the same pages) already bridges as a synonym or derived form:
// those entries add nothing a new site would not get anyway, so a vocabulary
// can stay site words only. An english.ts verb class is not counted: it
// reaches every site's words at a weaker, fitted share (lexClass), so a site
// that names one event with one word ("launch" for founding) may still say so.
import { CODE_RELATION, type BuiltIndex, type Relation } from '../engine/types.js';

export interface Overlap {
  /** The visitor's phrase, as analysed (lemmas). */
  visitor: string;
  /** The page terms it was mapped to, each with the WordNet relation that already links them. */
  covered: { page: string; relation: Relation }[];
}

/** Synonym entries every one of whose single-word alternatives the lexicon already links. */
export function coveredSynonyms(index: BuiltIndex): Overlap[] {
  const out: Overlap[] = [];
  for (const [visitor, alternatives] of Object.entries(index.synonyms)) {
    const lex = new Map(index.lexicon[visitor] ?? []);
    const covered = alternatives.map((alt) =>
      alt.length === 1 && ['s', 'd'].includes(lex.get(alt[0]!) ?? '') ? { page: alt[0]!, relation: CODE_RELATION[lex.get(alt[0]!)!]! } : undefined,
    );
    if (covered.every((c) => c !== undefined)) out.push({ visitor, covered: covered as Overlap['covered'] });
  }
  return out;
}
