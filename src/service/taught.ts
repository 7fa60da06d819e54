// What a visitor typed, before it is taught to the bot. Resolving an open
// question makes every wording of its group an alternate question of the
// staff answer (or quote), so a visitor who asks a real question followed by
// a link and an address, and lands in a group staff resolve, would otherwise
// get that link and address stored in the bot's knowledge (and in the
// exported answers, where a mail client or a markdown viewer makes them
// clickable). So:
//
// - staff see every wording of the group in full before resolving it (the
//   item view), with the parts that will not be taught struck out: that is
//   `linkSpans`;
// - what is taught has its web addresses, link schemes and e-mail addresses
//   removed (`taughtWording`), wordings that then say the same are taught
//   once, and at most MAX_TAUGHT_WORDINGS of them (`lesson`).
//
// Why patterns here and not a library: wink-nlp (already loaded for the
// engine) finds `https://…` URLs and e-mail addresses but not `www.x.com`,
// `x.com/path`, `http://10.0.0.1:8080/` or a link inside markdown (measured
// on those), and a linkifier would be a new dependency in the Worker bundle
// for this one job. Erring towards removal is cheap here — a stripped
// "node.js" only costs a taught wording one word for matching — while a
// link left in is what the attacker wanted.

/** Distinct wordings a resolution teaches (and the item view shows) at most: a staff answer's alternate questions are a capped list. */
export const MAX_TAUGHT_WORDINGS = 100;

/** Dots a browser reads as dots in a host name (IDNA maps the full-width and ideographic ones). */
const DOT = '[.\\u3002\\uFF0E\\uFF61]';
/** A link runs to the next space; a closing mark after it belongs to the sentence ("see x.com/a." → "x.com/a"). */
const REST = '(?:\\S*[^\\s.,;:!?)\\]}\'"”’»…])?';
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';

const LINK = new RegExp(
  [
    // Any scheme with `//` (http, https, ftp, hxxp, …).
    `(?<url>\\b[a-z][a-z0-9+.-]{0,31}:\\/\\/${REST})`,
    // Schemes that make a link without `//`.
    `(?<scheme>\\b(?:mailto|javascript|vbscript|data|tel|sms|file|blob):${REST})`,
    // E-mail addresses.
    `(?<email>[\\p{L}\\p{N}._%+'-]{1,64}@(?:${LABEL}${DOT})+\\p{L}{2,63})`,
    // www. hosts, whatever follows.
    `(?<www>\\bwww\\d{0,3}${DOT}${REST})`,
    // IPv4 hosts (a version number has fewer parts).
    `(?<ip>(?<![\\p{L}\\p{N}.])\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?(?:(?:\\/|[?#](?=\\S))${REST})?(?![\\p{L}\\p{N}]))`,
    // Bare host names, with a port or path if any: checked further in `isHost`.
    `(?<host>(?<![\\p{L}\\p{N}@._%+-])(?:${LABEL}${DOT})+(?<tld>\\p{L}{2,24}|xn--[a-z0-9-]{1,59})(?![\\p{L}\\p{N}-])(?<path>(?::\\d{1,5})?(?:\\/|[?#](?=\\S))${REST}|:\\d{1,5})?)`,
  ].join('|'),
  'giu',
);

/** Top-level domains beyond the two-letter country codes that a visitor would write without `www.` or a path. */
const GENERIC_TLDS = new Set(
  (
    'com net org edu gov mil int info biz name pro mobi app dev xyz online site top club shop store link click live tech cloud zip mov page blog ' +
    'news one icu vip win bid loan work support help email today world life space website fun buzz run ink io ai co me ly gg to tv cc ws'
  ).split(' '),
);

/**
 * A bare `word.word` is a host when it has a port or a path, or ends in a
 * real-looking top-level domain written in one case ("evil.com",
 * "EVIL.COM"), not a sentence run together ("fees.Thanks", "Hi.What").
 */
function isHost(tld: string, path: string | undefined): boolean {
  if (path) return true;
  if (tld.startsWith('xn--')) return true;
  if (tld !== tld.toLowerCase() && tld !== tld.toUpperCase()) return false;
  const t = tld.toLowerCase();
  return /^[a-z]{2}$/.test(t) || GENERIC_TLDS.has(t);
}

export interface Span {
  text: string;
  /** A web address, a link or an e-mail address: shown to staff, never taught. */
  link: boolean;
}

/** The text cut into plain parts and the links and addresses in it, in order; joined, the spans are the text. */
export function linkSpans(text: string): Span[] {
  const spans: Span[] = [];
  let at = 0;
  for (const m of text.matchAll(LINK)) {
    const g = m.groups!;
    if (g.host !== undefined && !isHost(g.tld!, g.path)) continue;
    if (m.index > at) spans.push({ text: text.slice(at, m.index), link: false });
    spans.push({ text: m[0], link: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) spans.push({ text: text.slice(at), link: false });
  return spans;
}

/**
 * The wording as it may be taught: links and addresses removed, with what
 * they leave behind (empty brackets, runs of the same mark, spacing) tidied.
 * Empty when nothing but links was asked.
 */
export function taughtWording(text: string): string {
  return linkSpans(text)
    .filter((s) => !s.link)
    .map((s) => s.text)
    .join(' ')
    .replace(/\[\s*\]|\(\s*\)|<\s*>|\{\s*\}/g, ' ')
    .replace(/([^\p{L}\p{N}\s])\1{2,}/gu, '$1')
    .replace(/\s+([?!.,;:])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The key two wordings share when they are the same wording: case and spacing ignored. */
export const wordingKey = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * What resolving teaches: the question (staff's, else the visitor's
 * wording; the first wording that is not only links when it is), and the
 * other wordings as its alternates — links removed, each once (case and
 * spacing ignored), at most `max`. `question` is empty when every wording
 * was only links: then there is nothing to teach.
 */
export function lesson(question: string, wordings: readonly string[], max = MAX_TAUGHT_WORDINGS): { question: string; questions: string[] } {
  const taught = [question, ...wordings].map(taughtWording).filter(Boolean);
  const main = taught[0] ?? '';
  const seen = new Set([wordingKey(main)]);
  const questions: string[] = [];
  for (const w of taught.slice(1)) {
    const key = wordingKey(w);
    if (seen.has(key)) continue;
    seen.add(key);
    if (questions.length < max) questions.push(w);
  }
  return { question: main, questions };
}

/** One wording of a group of open questions, as staff see it: how often and when it was last asked. */
export interface Wording {
  text: string;
  count: number;
  latest: number;
}

/**
 * A group's distinct wordings (case and spacing ignored) — `members` is the
 * whole group, the item's own question among them — the item's own first
 * (in its own spelling), then the most asked, then the newest; at most
 * `max`, with how many more there were. What staff see on the item view is
 * what resolving teaches.
 */
export function distinctWordings<T extends { id: string; question: string; createdAt: number }>(
  own: T,
  members: readonly T[],
  max = MAX_TAUGHT_WORDINGS,
): { wordings: Wording[]; more: number } {
  const byKey = new Map<string, Wording>();
  const group = members.some((m) => m.id === own.id) ? members : [own, ...members];
  for (const m of group) {
    const key = wordingKey(m.question);
    const w = byKey.get(key);
    if (!w) byKey.set(key, { text: m.question, count: 1, latest: m.createdAt });
    else {
      w.count++;
      w.latest = Math.max(w.latest, m.createdAt);
    }
  }
  const ownKey = wordingKey(own.question);
  byKey.get(ownKey)!.text = own.question;
  const all = [...byKey.entries()]
    .sort(([ka, a], [kb, b]) => Number(kb === ownKey) - Number(ka === ownKey) || b.count - a.count || b.latest - a.latest)
    .map(([, w]) => w);
  return { wordings: all.slice(0, max), more: Math.max(0, all.length - max) };
}
