// One sentence as the engine reads it: its analysed terms, stems, verbs,
// entities and names, and (when long) its clauses. Used by the build for the
// pages and by the engine for what staff write at run time, so both are read
// the same way. Platform-neutral.
import { analyse, type AliasTable, type Term } from '../nlp/analyse.js';
import type { ClauseData, SentenceData } from './types.js';

/** Sentences longer than this are also split into clauses for shorter quotes. */
export const CLAUSE_SPLIT_CHARS = 220;

const uniq = <T>(xs: T[]) => [...new Set(xs)];

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

export function sentenceData(text: string, aliases: AliasTable, onTerm?: (t: Term) => void): SentenceData {
  const a = analyse(text, aliases, { heads: true });
  if (onTerm) for (const t of a.terms) onTerm(t);
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
