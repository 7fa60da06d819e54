// The part of wordpos (WordNet reader, build time only) the lexicon builder uses.
declare module 'wordpos' {
  interface Pointer {
    pointerSymbol: string;
    synsetOffset: string | number;
    pos: string;
    sourceTarget: string;
  }
  interface Synset {
    synsetOffset: number;
    pos: string;
    synonyms: string[];
    ptrs: Pointer[];
    lemma: string;
    gloss: string;
  }
  export default class WordPOS {
    constructor(options?: Record<string, unknown>);
    lookup(word: string): Promise<Synset[]>;
    seek(offset: number, pos: string): Promise<Synset>;
  }
}
