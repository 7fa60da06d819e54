// How hard ADMIN_TOKEN is to guess, estimated in bits the way zxcvbn does
// it (a token is as weak as its cheapest description: words, runs, repeats,
// random characters), without zxcvbn's word lists: those are megabytes, and
// this runs in the Worker too, whose bundle has a budget (1.5 MB gzipped).
// zxcvbn-ts with only its smallest list measured 233 KB gzipped and 150–400 ms
// per check on a random 64-character token; this is a few lines and µs.
//
// The estimate is deliberately stingy towards what people type and fair to
// what machines make:
// - a random token is charged log2(alphabet) bits a character, the alphabet
//   being what its characters are drawn from: 16 for hex (`openssl rand
//   -hex`), 64 for base64, else the sum of the classes it uses (26 lower, 26
//   upper, 10 digits, 33 others);
// - a run of four or more letters that could be a word (lower-case, or one
//   capital then lower-case, or all capitals) is charged 2 bits a letter: a
//   word from a 10 000-word list is about 13 bits for 5–7 letters;
// - a run of three or more characters with a constant step (aaa, 1234,
//   abcdef, 9876) is charged its start, its length and its direction;
// - a symbol already used before (the "-" between words) costs 1 bit;
// - a token that is one piece repeated costs that piece and the count.
//
// Samples (bits): 32 random hex 115–128, 44 random base64 ≈ 230; 32 letters of
// dictionary words ≈ 64, "correct-horse-battery-staple-42" ≈ 80,
// "test-admin-token-0123456789abcdef" ≈ 60.

/** Fewest estimated bits an ADMIN_TOKEN must have: 32 random hex characters are 128. */
export const MIN_TOKEN_BITS = 100;

const WORD_BITS_PER_LETTER = 2;
const classOf = (ch: string) => (/[a-z]/.test(ch) ? 'lower' : /[A-Z]/.test(ch) ? 'upper' : /[0-9]/.test(ch) ? 'digit' : 'other');

function alphabetSize(token: string): number {
  if (/^[0-9a-f]+$/.test(token) || /^[0-9A-F]+$/.test(token)) return 16;
  if (/^[A-Za-z0-9+/=_-]+$/.test(token) && /[a-z]/.test(token) && /[A-Z]/.test(token)) return 64;
  const sizes = { lower: 26, upper: 26, digit: 10, other: 33 };
  const used = new Set([...token].map(classOf));
  return [...used].reduce((sum, c) => sum + sizes[c], 0);
}

/** Length of the run with a constant step (0 or ±1) starting at i. */
function steppedRun(token: string, i: number): number {
  if (i + 2 >= token.length) return 0;
  const step = token.charCodeAt(i + 1) - token.charCodeAt(i);
  if (Math.abs(step) > 1) return 0;
  let j = i + 1;
  while (j + 1 < token.length && token.charCodeAt(j + 1) - token.charCodeAt(j) === step) j++;
  return j - i + 1 >= 3 ? j - i + 1 : 0;
}

const WORD = /^(?:[A-Z]?[a-z]{3,}|[A-Z]{4,})/;

// The 211 commonest letter pairs of English (most of the pairs in running
// text; a random pair is one of them 31 % of the time): a run of letters at
// least 60 % of whose pairs are among them reads as words.
const ENGLISH_PAIRS = new Set(
  (
    'th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ' +
    'ca el ta la ns di fo ho pe ec pr no ct us ac ot il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ad ol rt po we na ul ni ts mo ow pa im mi ai sh ' +
    'ir su id os iv ia am fi ci vi pl ig tu ev ld ry mp fe bl ab gh ty op wo sa ay ex ke fr oo av ag if ap gr od bo sp rd do uc bu ei ov by rm ep tt oc fa ' +
    'ef cu rn sc gi da yo cr cl du ga qu ue ff ba ey ls va um pp ua up lu go ht ru ug ds lt pi rc rr eg au ck ew mu br bi pt ak pu ui rg ib tl ny ki rk ys ' +
    'ob mm fu ph og ms ye ud mb ip ub'
  ).split(' '),
);

/** Most of the run's letter pairs are common English ones. */
function readsAsWords(run: string): boolean {
  const lower = run.toLowerCase();
  let common = 0;
  for (let i = 0; i + 1 < lower.length; i++) if (ENGLISH_PAIRS.has(lower.slice(i, i + 2))) common++;
  return common >= 0.6 * (lower.length - 1);
}

/** The token cut into stepped runs, word-shaped runs and single characters. */
function pieces(token: string, hex: boolean): { kind: 'run' | 'word' | 'char'; text: string }[] {
  const out: { kind: 'run' | 'word' | 'char'; text: string }[] = [];
  let i = 0;
  while (i < token.length) {
    const run = steppedRun(token, i);
    // Hex has only a–f for letters: its "words" are chance.
    const shaped = hex ? null : WORD.exec(token.slice(i));
    const word = shaped && readsAsWords(shaped[0]) ? shaped : null;
    const kind = run ? 'run' : word ? 'word' : 'char';
    const length = run || word?.[0].length || 1;
    out.push({ kind, text: token.slice(i, i + length) });
    i += length;
  }
  return out;
}

function pieceBits(token: string, perChar: number, hex: boolean): number {
  const parts = pieces(token, hex);
  // A token mostly made of words and runs was made by a person: its words
  // are charged as words. A few word-shaped runs in an otherwise random token
  // (base64 has them by chance) are charged as the random characters they are.
  const patterned = parts.filter((p) => p.kind !== 'char').reduce((n, p) => n + p.text.length, 0);
  const words = patterned * 2 >= token.length;
  const symbols = new Set<string>();
  let bits = 0;
  for (const { kind, text } of parts) {
    if (kind === 'run') bits += perChar + Math.log2(text.length) + 1;
    else if (kind === 'word') bits += (words ? Math.min(perChar, WORD_BITS_PER_LETTER) : perChar) * text.length;
    else if (classOf(text) === 'other' && symbols.has(text)) bits += 1;
    else bits += perChar;
    if (kind === 'char' && classOf(text) === 'other') symbols.add(text);
  }
  return bits;
}

/** Estimated bits of guessing a token takes (see the top of this file). */
export function tokenBits(token: string): number {
  if (token === '') return 0;
  const alphabet = alphabetSize(token);
  const perChar = Math.log2(alphabet);
  const hex = alphabet === 16;
  // One piece repeated: the piece, and how many times.
  for (let size = 1; size <= token.length / 2; size++) {
    if (token.length % size === 0 && token.slice(0, size).repeat(token.length / size) === token) {
      return pieceBits(token.slice(0, size), perChar, hex) + Math.log2(token.length / size);
    }
  }
  return pieceBits(token, perChar, hex);
}
