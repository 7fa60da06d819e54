// Ingest: knowledge pages (markdown) → passages. A passage is what one answer
// can quote from: a paragraph, a list item, a sentence-like heading, or a
// lead-in paragraph ("… may be found in:") together with its list. Each keeps
// its page, section heading and a stable #anchor so answers can link to it.
import { Lexer, type Token, type Tokens } from 'marked';
import GithubSlugger from 'github-slugger';
import { KnowledgeError } from '../knowledge/load.js';
import type { KnowledgeSource, SourcePage } from '../knowledge/schema.js';

export interface Link {
  title: string;
  url: string;
}

export interface AltQuestion {
  question: string;
  /** Index of the sentence that answers it. */
  sentence: number;
  /** The part of that sentence the author pointed at (questions.yml `quote`). */
  quote?: string;
}

export interface Passage {
  id: number;
  /** `text` is quoted; `link` points to a page the bot knows by title and address only. */
  kind: 'text' | 'link';
  pageTitle: string;
  /** Nearest section heading, '' before the first one. */
  heading: string;
  /** Page URL with the section's #anchor; for a link passage, the linked page. */
  url: string;
  text: string;
  sentences: string[];
  /** Links inside the passage, cited alongside it. */
  links: Link[];
  questions: AltQuestion[];
  /** Words that say what the passage is about besides its heading (a table's column names). */
  context?: string;
}

export type SentenceSplitter = (text: string) => string[];

/** Plain text of inline tokens, collecting link targets on the way (made absolute against `base`). */
function inlineText(tokens: Token[] | undefined, links: Link[], base?: string): string {
  if (!tokens) return '';
  let out = '';
  for (const t of tokens) {
    if (t.type === 'link') {
      const link = t as Tokens.Link;
      const title = inlineText(link.tokens, links, base);
      // An empty target ("[Members]()") is text, not a link.
      const href = link.href?.trim();
      if (href) links.push({ title, url: resolveHref(href, base) });
      out += title;
    } else if (t.type === 'br') out += ' ';
    else if (t.type === 'html') out += '';
    else if ('tokens' in t && Array.isArray(t.tokens)) out += inlineText(t.tokens, links, base);
    else if (t.type === 'escape' || t.type === 'text' || t.type === 'codespan') out += decode((t as Tokens.Text).text);
    else if ('text' in t && typeof t.text === 'string') out += decode(t.text);
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** A page's link, absolute: relative ones against the page's own address. */
function resolveHref(href: string, base: string | undefined): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || !base) return href;
  try {
    return new URL(href, base).toString();
  } catch {
    return href;
  }
}

function decode(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

const endsLikeSentence = (s: string) => /[.!?]$/.test(s);

/** Passages of one page, in reading order. */
export function pagePassages(page: SourcePage, split: SentenceSplitter): Omit<Passage, 'id' | 'questions'>[] {
  const slugger = new GithubSlugger();
  const out: Omit<Passage, 'id' | 'questions'>[] = [];
  let heading = '';
  let anchor = '';
  const here = () => (anchor ? `${page.url}#${anchor}` : page.url);
  const push = (sentences: string[], links: Link[], context?: string) => {
    const text = sentences.join(' ');
    if (text) out.push({ kind: 'text', pageTitle: page.title, heading, url: here(), text, sentences, links, ...(context ? { context } : {}) });
  };
  const tokens = new Lexer().lex(page.markdown);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'heading') {
      const h = t as Tokens.Heading;
      const links: Link[] = [];
      const text = inlineText(h.tokens, links, page.url);
      anchor = slugger.slug(text);
      // An h3 under an h2 keeps the h2's title visible in the citation.
      heading = text;
      // A heading written as a statement is a fact of its own.
      if (endsLikeSentence(text)) push([text], links);
    } else if (t.type === 'paragraph') {
      const links: Link[] = [];
      const text = inlineText((t as Tokens.Paragraph).tokens, links, page.url);
      const next = tokens.slice(i + 1).find((x) => x.type !== 'space');
      if (text.endsWith(':') && next?.type === 'list') {
        // "Full details … may be found in:" means nothing without its list.
        const list = next as Tokens.List;
        const items = list.items.map((item) => inlineText(item.tokens, links, page.url));
        push([text, ...items], links);
        i = tokens.indexOf(next);
      } else push(split(text), links);
    } else if (t.type === 'table') {
      // A table row is one fact ("Porcelain crown | £650"): quoted as its
      // cells, as the page's source writes them, about its column names.
      const table = t as Tokens.Table;
      const links: Link[] = [];
      const header = table.header.map((cell) => inlineText(cell.tokens, links, page.url)).join(' ');
      for (const row of table.rows) {
        const rowLinks: Link[] = [];
        const cells = row.map((cell) => inlineText(cell.tokens, rowLinks, page.url)).filter(Boolean);
        if (cells.length) push([cells.join(' | ')], rowLinks, header);
      }
    } else if (t.type === 'list') {
      for (const item of (t as Tokens.List).items) {
        const links: Link[] = [];
        const text = inlineText(item.tokens, links, page.url);
        const only = links.length === 1 && links[0]!.title === text ? links[0]! : undefined;
        if (only) out.push({ kind: 'link', pageTitle: page.title, heading, url: only.url, text, sentences: [text], links: [only] });
        else push(split(text), links);
      }
    }
  }
  return out;
}

/**
 * All passages of a knowledge set: page passages, then linked pages that only
 * appear in links.yml. Alternate questions are attached to the sentence that
 * contains their quote; a quote found nowhere is an error, so page edits can't
 * silently orphan them.
 */
export function ingest(source: KnowledgeSource, split: SentenceSplitter): Passage[] {
  const passages: Passage[] = [];
  for (const page of source.pages) {
    for (const p of pagePassages(page, split)) passages.push({ ...p, id: passages.length, questions: [] });
  }
  for (const entry of source.links) {
    const same = (p: Passage) => p.kind === 'link' && p.url === entry.url && p.text.toLowerCase() === entry.title.toLowerCase();
    let target = passages.find(same);
    if (!target) {
      target = {
        id: passages.length,
        kind: 'link',
        pageTitle: entry.title,
        heading: '',
        url: entry.url,
        text: entry.title,
        sentences: [entry.title],
        links: [{ title: entry.title, url: entry.url }],
        questions: [],
      };
      passages.push(target);
    }
    for (const question of entry.questions) target.questions.push({ question, sentence: 0 });
  }
  for (const group of source.questions) {
    const quote = group.quote.toLowerCase();
    const target = passages.find((p) => p.kind === 'text' && p.text.toLowerCase().includes(quote));
    if (!target)
      throw new KnowledgeError(
        `questions.yml: quote not found in any page: "${group.quote}". Each quote must be part of a sentence on a page, as written there`,
      );
    const sentence = Math.max(
      0,
      target.sentences.findIndex((s) => s.toLowerCase().includes(quote)),
    );
    for (const question of group.questions) target.questions.push({ question, sentence, quote: group.quote });
  }
  return passages;
}
