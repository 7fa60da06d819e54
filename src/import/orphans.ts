// Everything that cites a sentence or a page the knowledge no longer has:
// questions.yml quotes found in no page (the build fails on them), links in
// links.yml or in pages that point at a removed page, and staff answers whose
// source page was removed or whose quote is gone.
import type { KnowledgeSource, SourcePage } from '../knowledge/schema.js';
import type { Passage } from '../pipeline/ingest.js';
import { pageKey } from './address.js';
import type { StaffAnswerCitation } from './staff-answers.js';
import type { GonePage } from './state.js';

export type PagePassages = { page: SourcePage; passages: Omit<Passage, 'id' | 'questions'>[] };

export interface OrphanedQuestion {
  quote: string;
  questions: string[];
}

export interface OrphanedLink {
  /** "links.yml", or the address of the page holding the link. */
  in: string;
  title: string;
  url: string;
}

export interface OrphanedStaffAnswer extends StaffAnswerCitation {
  reasons: ('page removed' | 'quote not found')[];
}

export interface Orphans {
  questions: OrphanedQuestion[];
  links: OrphanedLink[];
  staffAnswers: OrphanedStaffAnswer[];
}

export const orphanCount = (o: Orphans) => o.questions.length + o.links.length + o.staffAnswers.length;

export function findOrphans(knowledge: KnowledgeSource, pages: PagePassages[], gone: GonePage[], staffAnswers: StaffAnswerCitation[]): Orphans {
  const origin = knowledge.site.origin;
  // A page that is back is not gone, whatever an earlier import said.
  const present = new Set(knowledge.pages.map((p) => pageKey(p.url, origin)));
  const goneKeys = new Set(gone.map((g) => pageKey(g.url, origin)).filter((k) => !present.has(k)));
  const isGone = (url: string) => goneKeys.has(pageKey(url, origin));

  // The same test as ingest's: a quote is found when a text passage contains it, ignoring case.
  const texts = pages.flatMap((p) => p.passages.filter((x) => x.kind === 'text').map((x) => x.text.toLowerCase()));
  const quoted = (quote: string) => texts.some((t) => t.includes(quote.toLowerCase()));

  const links: OrphanedLink[] = knowledge.links.filter((l) => isGone(l.url)).map((l) => ({ in: 'links.yml', title: l.title, url: l.url }));
  for (const { page, passages } of pages) {
    const seen = new Set<string>();
    for (const link of passages.flatMap((p) => p.links)) {
      if (!isGone(link.url) || seen.has(link.url)) continue;
      seen.add(link.url);
      links.push({ in: page.url, title: link.title, url: link.url });
    }
  }

  const staff: OrphanedStaffAnswer[] = [];
  for (const answer of staffAnswers) {
    const reasons: OrphanedStaffAnswer['reasons'] = [];
    if (answer.sourceUrl && isGone(answer.sourceUrl)) reasons.push('page removed');
    if (answer.quote && !quoted(answer.quote)) reasons.push('quote not found');
    if (reasons.length) staff.push({ ...answer, reasons });
  }

  return {
    questions: knowledge.questions.filter((q) => !quoted(q.quote)).map((q) => ({ quote: q.quote, questions: q.questions })),
    links,
    staffAnswers: staff,
  };
}
