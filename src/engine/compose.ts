// Compose: the verbatim sentences (or, for a long sentence, the clauses) of
// the best passage that carry the asked fact, within a character budget, and
// the sources they come from. Nothing here writes a fact of its own.
import type { Messages } from '../knowledge/schema.js';
import type { Query } from './query.js';
import type { PassageScore } from './score.js';
import type { PassageData } from './types.js';

/** How far over the character budget one sentence may run before it is cut to clauses. */
const WHOLE_SENTENCE_SLACK = 1.25;

export interface Source {
  title: string;
  url: string;
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

/** Words of a text-fragment end at most; longer quotes are matched by their first and last words. */
const FRAGMENT_WORDS = 6;

/** Percent-encoding for a text directive term: '-', ',' and '&' are syntax there (WICG Text Fragments). */
const fragmentTerm = (s: string) => encodeURIComponent(s).replace(/-/g, '%2D');

/**
 * A URL text fragment (`#:~:text=start,end`) for the first piece of a quote,
 * so the link scrolls to and highlights the quoted words on the real page.
 * The section anchor is kept (`#section:~:text=…`): browsers without text
 * fragments still land on the section.
 */
export function withTextFragment(url: string, quoted: string): string {
  // The first verbatim piece within one block of the page: a quote may join
  // clauses with "…", and a lead-in ("…:") with its list items (";").
  const piece = quoted
    .split(/\s*…\s*|[;:]\s+/)
    .map((x) => x.trim())
    .find((x) => x.length > 0);
  if (!piece || /^[a-z]+:/i.test(url) === false) return url;
  const words = piece
    .replace(/[.:;,!?]+$/, '')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return url;
  const directive =
    words.length <= FRAGMENT_WORDS * 2
      ? `text=${fragmentTerm(words.join(' '))}`
      : `text=${fragmentTerm(words.slice(0, FRAGMENT_WORDS).join(' '))},${fragmentTerm(words.slice(-FRAGMENT_WORDS).join(' '))}`;
  return `${url}${url.includes('#') ? '' : '#'}:~:${directive}`;
}

/** Where a passage is cited: its page section (linked to the quoted words when given), plus any page it links to. */
export function sourcesOf(p: PassageData, quoted?: string): Source[] {
  const section =
    p.kind === 'link'
      ? []
      : [
          {
            title: p.heading && p.heading !== p.pageTitle ? `${p.pageTitle} — ${p.heading}` : p.pageTitle,
            url: quoted ? withTextFragment(p.url, quoted) : p.url,
          },
        ];
  const links = p.links.map((l) => ({ title: l.title, url: l.url }));
  const seen = new Set<string>();
  return [...section, ...links].filter((s) => !seen.has(s.url) && seen.add(s.url));
}

/** Summed weight of the question terms a piece of text has. */
function termsCovered(terms: Iterable<string>, wanted: Map<string, number>): number {
  let n = 0;
  for (const t of terms) n += wanted.get(t) ?? 0;
  return n;
}

/** The best window of clauses of a long sentence, marked with ellipses where cut. */
function clauseQuote(clauses: { text: string; terms: string[] }[], wanted: Map<string, number>, max: number): { text: string; covered: number } {
  let best = { from: 0, to: 0, score: -1, covered: 0 };
  for (let from = 0; from < clauses.length; from++) {
    let len = 0;
    let score = 0;
    // Each question word counts once per window, however often it recurs.
    const seen = new Set<string>();
    for (let to = from; to < clauses.length; to++) {
      len += clauses[to]!.text.length + 1;
      if (len > max && to > from) break;
      for (const t of clauses[to]!.terms) {
        if (seen.has(t)) continue;
        seen.add(t);
        score += wanted.get(t) ?? 0;
      }
      // Prefer more covered question weight, then more context (a longer
      // quote within the budget), then earlier.
      const s = score + Math.min(len, max) / (max * 100);
      if (s > best.score) best = { from, to, score: s, covered: score };
    }
  }
  const text = clauses
    .slice(best.from, best.to + 1)
    .map((c) => c.text)
    .join(' ')
    .replace(/[,;:]$/, '');
  return { text: `${best.from > 0 ? '… ' : ''}${text}${best.to < clauses.length - 1 ? ' …' : ''}`, covered: best.covered };
}

const flat = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** The fewest clauses that hold `part`, marked with ellipses where cut; undefined when no window holds it. */
function windowWith(clauses: { text: string }[], part: string): string | undefined {
  const want = flat(part);
  for (let size = 1; size <= clauses.length; size++) {
    for (let from = 0; from + size <= clauses.length; from++) {
      const text = clauses
        .slice(from, from + size)
        .map((c) => c.text)
        .join(' ');
      if (!flat(text).includes(want)) continue;
      const body = text.replace(/[,;:]$/, '');
      return `${from > 0 ? '… ' : ''}${body}${from + size < clauses.length ? ' …' : ''}`;
    }
  }
  return undefined;
}

/** The quote for a scored passage: 1–3 sentences, at most `max` characters where possible. */
export function quote(score: PassageScore, query: Query, messages: Messages, max: number): string {
  const p = score.passage;
  if (p.kind === 'link') return fill(messages.link, { title: p.text, url: p.url });
  const sentences = p.sentences;
  // A lead-in ("… may be found in:") is quoted with its list items.
  if (sentences.length > 1 && sentences[0]!.text.endsWith(':')) {
    return `${sentences[0]!.text} ${sentences
      .slice(1)
      .map((s) => s.text)
      .join('; ')}`;
  }
  const wanted = new Map<string, number>();
  for (const t of query.terms) {
    const w = t.fromContext ? t.weight / 2 : t.weight;
    for (const term of [t.term, ...t.alternatives.flat()]) wanted.set(term, Math.max(w, wanted.get(term) ?? 0));
  }
  const chosen = [score.best.index];
  const first = sentences[score.best.index]!;
  if (first.text.length > max && first.clauses && score.altQuote) {
    // The author (or staff) pointed at a part of this sentence: quote that part.
    const pointed = windowWith(first.clauses, score.altQuote);
    if (pointed) return pointed;
  }
  if (first.text.length > max && first.clauses) {
    // The shortest quote that carries every question word the sentence has;
    // a sentence a little over the budget is quoted whole rather than lose one.
    const cut = clauseQuote(first.clauses, wanted, max);
    const whole = termsCovered(new Set(first.clauses.flatMap((c) => c.terms)), wanted);
    if (cut.covered >= whole || first.text.length > max * WHOLE_SENTENCE_SLACK) return cut.text;
  }
  let length = first.text.length;
  const coveredBy = (i: number) => new Set(sentences[i]!.terms.filter((t) => wanted.has(t)));
  const have = coveredBy(score.best.index);
  // Add a neighbour only when it carries question terms the quote lacks.
  for (const i of [score.best.index + 1, score.best.index - 1]) {
    const s = sentences[i];
    if (!s || chosen.length >= 3 || length + s.text.length + 1 > max) continue;
    const adds = [...coveredBy(i)].filter((t) => !have.has(t));
    if (adds.length === 0) continue;
    adds.forEach((t) => have.add(t));
    chosen.push(i);
    length += s.text.length + 1;
  }
  return chosen
    .sort((a, b) => a - b)
    .map((i) => sentences[i]!.text)
    .join(' ');
}
