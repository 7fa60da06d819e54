// MiniSearch options shared by the build (index) and the engine (load): the
// index is only valid when read back with the same tokenizer and fields.
import type { Options } from 'minisearch';

export interface SearchDoc {
  id: number;
  text: string;
  context: string;
  questions: string;
}

/** Documents hold analysed terms joined by spaces, so tokenizing is a split. */
export const SEARCH_OPTIONS: Options<SearchDoc> = {
  fields: ['text', 'context', 'questions'],
  tokenize: (s) => s.split(' ').filter(Boolean),
  processTerm: (t) => t,
  searchOptions: {
    boost: { text: 1, context: 0.6, questions: 1.2 },
    combineWith: 'OR',
    fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
    prefix: false,
  },
};
