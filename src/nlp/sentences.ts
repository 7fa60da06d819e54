// Sentence splitting: wink-nlp finds the boundaries, and this module takes
// back the ones that fall inside a token a sentence cannot end in ("7.|15pm",
// "app.|example.|com", "README.|md"). It only ever merges wink's pieces, never
// splits them further, and every sentence is cut from the input itself, so
// answers can quote it verbatim.

/** One kind of token no sentence boundary may fall inside. */
export interface ProtectedKind {
  kind: string;
  /**
   * Global pattern for the token. A boundary is inside a match when it lies
   * after the match's first character and no later than its end; the
   * abbreviation patterns take in the space after them (and look ahead at
   * what follows), so a boundary right after one of them is inside it.
   */
  pattern: RegExp;
}

/** Every kind, one line each on what it keeps whole. */
export const PROTECTED: readonly ProtectedKind[] = [
  /** Clock times written with a dot: "7.15pm", "9.30 am", "10.45", "7.15p.m."; and the dot inside any "a.m."/"p.m.". */
  { kind: 'time', pattern: /\b\d{1,2}\.[0-5]\d(?:\s?[ap]\.?m\b\.?)?|\b[ap]\.m\./gi },
  /** Domain names and hosts, with any path: "app.example.com", "docs.python.org/3/" (the top-level label is lower case, so "hi.She" is not one). */
  {
    kind: 'host',
    pattern: /\b[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[a-z]{2,}\b(?:\/\S*[^\s.,;:!?'")\]])?/g,
  },
  /** E-mail addresses: "help@example.org". */
  { kind: 'email', pattern: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g },
  /** File names and bare extensions: "README.md", "config.yaml", ".md files" (extension all lower or all upper case, 2–5 characters). */
  { kind: 'file', pattern: /(?:\b[\w-]+|(?<![\w.]))\.(?:[a-z][a-z0-9]{1,4}|[A-Z][A-Z0-9]{1,4})\b/g },
  /** Decimals and version numbers: "1.5", "£7.50", "3.14", "2.0", "v2.1.3". */
  { kind: 'number', pattern: /\d+(?:\.\d+)+/g },
  /** "e.g.", "i.e." and "vs.", which never end a sentence. */
  { kind: 'never-last', pattern: /\b(?:e\.g|i\.e|vs)\.\s*(?=\S)/gi },
  /** Titles before a name: "Dr. Smith", "Mr.", "Mrs.", "Ms.", "St. James" (not "Main St." after a capitalised word). */
  { kind: 'title', pattern: /\b(?:Dr|Mr|Mrs|Ms|(?<![A-Z][\w'-]*\s+)St)\.\s*(?=[A-Z])/g },
  /** "approx." before a number or a lower-case word, "no." before a number: "approx. 5 km", "no. 4". */
  { kind: 'before-number', pattern: /\b(?:[Aa]pprox\.\s*(?=[\d£$€a-z])|[Nn]o\.\s*(?=\d))/g },
  /** "etc.", "a.m." and "p.m." mid-sentence: followed by a lower-case word, a digit or , ; : ) — before a capital they end the sentence. */
  { kind: 'mid-sentence', pattern: /\b(?:etc|[ap]\.m)\.\s*(?=[a-z\d,;:)])/g },
  /** Initials before a name: "J. R. Smith" (a lone capital, not the end of "U.S."). */
  { kind: 'initial', pattern: /(?<![\w.])[A-Z]\.\s*(?=[A-Z])/g },
];

/** Where each of wink's pieces starts in `text` (pieces it changed, if any, are left out: no cut there). */
function cutsOf(text: string, pieces: string[]): number[] {
  const cuts: number[] = [];
  let from = 0;
  for (const raw of pieces) {
    const piece = raw.trim();
    if (!piece) continue;
    const at = text.indexOf(piece, from);
    if (at < 0) continue;
    if (at > 0) cuts.push(at);
    from = at + piece.length;
  }
  return cuts;
}

/** Spans [start, end] of every protected token in `text`. */
function protectedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const { pattern } of PROTECTED) {
    for (const m of text.matchAll(pattern)) spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

/**
 * The sentences of `text`: wink's split (`wink` returns its pieces), with
 * the boundaries inside protected tokens taken back. Each sentence is a
 * trimmed substring of `text`, in order, and together they hold all of its
 * non-space text.
 */
export function splitSentences(text: string, wink: (t: string) => string[]): string[] {
  const spans = protectedSpans(text);
  const cuts = cutsOf(text, wink(text)).filter((c) => !spans.some(([start, end]) => start < c && c <= end));
  const out: string[] = [];
  let from = 0;
  for (const to of [...cuts, text.length]) {
    const sentence = text.slice(from, to).trim();
    if (sentence) out.push(sentence);
    from = to;
  }
  return out;
}
