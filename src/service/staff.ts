// What staff do, in one place for the JSON API and the staff page: review
// open questions (grouped by meaning), resolve them with an answer or with the
// sentence of the pages that answers them, teach and correct without an
// escalation, read the log of questions and the figures. Every change to
// staff knowledge goes through here, so the assistant applies it at once.
import { groupSimilar, type Group } from '../admin/groups.js';
import type { AppConfig } from '../config.js';
import type { Engine } from '../engine/engine.js';
import { withTextFragment } from '../engine/compose.js';
import { ApiError } from '../http/errors.js';
import { visitorReplyMail } from '../mail/visitor-reply.js';
import type { Escalation, EscalationCounts, LoggedTurn, NewStaffAnswer, StaffAnswer, Store, VisitorReply } from '../store/types.js';
import type { Assistant } from './assistant.js';

const DAY = 24 * 60 * 60 * 1000;

/** Items per page of the staff views. */
export const PAGE_SIZE = 25;

export interface StaffList {
  items: { escalation: Escalation; similar: Escalation[] }[];
  /** Items (groups, for open questions) matching, in all. */
  total: number;
  page: number;
  pages: number;
  counts: EscalationCounts;
}

/** How a question is resolved: staff's own answer, the sentence of the pages that answers it, or neither (dismissed). */
export type Resolution = { answer: string; sourceUrl?: string; question?: string } | { quote: string; question?: string } | { dismiss: true };

/** How a wrong reply is corrected. */
export type CorrectionInput = { escalate: true } | { quote: string } | { answer: string; sourceUrl?: string };

export interface StaffService {
  list(status: Escalation['status'] | undefined, options?: { page?: number; search?: string }): Promise<StaffList>;
  openGroups(): Promise<Group[]>;
  /** Open questions asked three times or more in the last week, most asked first. */
  frequent(now?: number): Promise<{ question: string; count: number; ids: string[] }[]>;
  /** The sentences of the pages that come closest to answering, for staff to point at one. */
  candidates(question: string): { quote: string; url: string; title: string; confidence: number }[];
  resolve(id: string, how: Resolution): Promise<{ resolved: string[]; staffAnswer?: StaffAnswer; replies: number }>;
  /** A staff answer without an escalation: staff's text, or a quote of the pages. */
  teach(input: { question: string; answer: string; sourceUrl?: string } | { question: string; quote: string }): Promise<StaffAnswer>;
  /** A reply (a logged turn) was wrong: it should have escalated, or quoted this, or said this. */
  correct(turnId: number, how: CorrectionInput): Promise<{ correction?: number; staffAnswer?: StaffAnswer }>;
  log(options: { page?: number; filter?: 'low' | 'unhelpful'; search?: string }): Promise<{ items: LoggedTurn[]; page: number; hasMore: boolean }>;
  answeredPerDay(days?: number, now?: number): Promise<{ day: string; asked: number; answered: number }[]>;
  /** Staff answers pointing at a sentence no longer on the pages. */
  unplaced(): number[];
  changed(): void;
}

export interface StaffParts {
  engine: Engine;
  store: Store;
  assistant: Assistant;
  config: Pick<AppConfig, 'groupSimilarity' | 'helpdeskEmail'>;
  /** Kicked after replies to visitors are queued. */
  outbox?: { kick(): void };
}

export function createStaffService({ engine, store, assistant, config, outbox }: StaffParts): StaffService {
  const { index } = engine;
  const n = index.passages.length;
  const grouping = {
    // How much a word says when grouping: nothing for words on most passages, the rarer the more.
    weight: (t: string) => {
      const df = index.df[t] ?? 0;
      return df > n / 2 ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5));
    },
    minSimilarity: config.groupSimilarity,
  };

  async function openGroups(): Promise<Group[]> {
    return groupSimilar(await store.listEscalations('open'), grouping);
  }

  const matches = (e: Escalation, search: string) => e.question.toLowerCase().includes(search) || (e.contact?.email.toLowerCase().includes(search) ?? false);

  function replyFor(e: Escalation, question: string, answer: string, sourceUrl: string | undefined): VisitorReply | undefined {
    if (!e.contact) return undefined;
    return {
      escalationId: e.id,
      mail: visitorReplyMail({ to: e.contact.email, question, answer, sourceUrl, siteName: index.site.name, helpdeskEmail: config.helpdeskEmail }),
    };
  }

  /** The staff answer for a text or a quote (400 when the quote is not on the pages). */
  function answerOf(
    how: { answer: string; sourceUrl?: string } | { quote: string },
    question: string,
    questions: string[],
  ): NewStaffAnswer & { shown: string; url?: string } {
    if ('quote' in how) {
      const found = engine.findQuote(how.quote);
      if (!found) throw new ApiError(400, 'That text is not on the pages: paste a sentence (or part of one) exactly as the page has it');
      return {
        kind: 'quote',
        question,
        questions,
        answer: how.quote.trim(),
        shown: how.quote.trim(),
        url: withTextFragment(found.passage.url, how.quote.trim()),
      };
    }
    return {
      kind: 'answer',
      question,
      questions,
      answer: how.answer,
      ...(how.sourceUrl ? { sourceUrl: how.sourceUrl } : {}),
      shown: how.answer,
      url: how.sourceUrl,
    };
  }

  return {
    openGroups,
    async list(status, { page = 1, search } = {}) {
      const at = Math.max(1, Math.floor(page));
      const needle = search?.trim().toLowerCase();
      const counts = await store.countEscalations();
      const paged = (all: StaffList['items']): StaffList => ({
        items: all.slice((at - 1) * PAGE_SIZE, at * PAGE_SIZE),
        total: all.length,
        page: at,
        pages: Math.max(1, Math.ceil(all.length / PAGE_SIZE)),
        counts,
      });
      const grouped = async () =>
        (await openGroups())
          .map((g) => ({ escalation: g.lead, similar: g.others }))
          .filter((g) => !needle || [g.escalation, ...g.similar].some((e) => matches(e, needle)));
      if (status === 'open') return paged(await grouped());
      if (status === undefined || needle) {
        const rows = (await store.listEscalations(status)).filter((e) => e.status !== 'open' || status !== undefined);
        const others = rows.filter((e) => !needle || matches(e, needle)).map((e) => ({ escalation: e, similar: [] as Escalation[] }));
        const open = status === undefined ? await grouped() : [];
        return paged([...open, ...others].sort((a, b) => b.escalation.createdAt - a.escalation.createdAt));
      }
      const rows = await store.listEscalations(status, { limit: PAGE_SIZE, offset: (at - 1) * PAGE_SIZE });
      return {
        items: rows.map((e) => ({ escalation: e, similar: [] })),
        total: counts[status],
        page: at,
        pages: Math.max(1, Math.ceil(counts[status] / PAGE_SIZE)),
        counts,
      };
    },

    frequent: (now = Date.now()) => store.frequentOpen(now - 7 * DAY, 3),

    candidates(question) {
      return engine.candidatesFor(question, 5).map((c) => ({
        quote: c.sentence,
        url: withTextFragment(c.passage.url, c.sentence),
        title: c.passage.heading || c.passage.pageTitle,
        confidence: c.confidence,
      }));
    },

    async resolve(id, how) {
      const e = await store.getEscalation(id);
      if (!e) throw new ApiError(404, 'No such escalation');
      if (e.status === 'resolved') throw new ApiError(409, 'Escalation is already resolved');
      if ('dismiss' in how) {
        const r = await store.resolveEscalations([id]);
        if (!r) throw new ApiError(404, 'No such escalation');
        return { ...r, replies: 0 };
      }
      // Every wording of the same question is answered by the same answer,
      // and becomes one of its questions.
      const group = e.status === 'open' ? (await openGroups()).find((g) => g.lead.id === id || g.others.some((o) => o.id === id)) : undefined;
      const members = group ? [group.lead, ...group.others] : [e];
      const others = members.filter((x) => x.id !== id);
      const question = how.question ?? e.question;
      const answer = answerOf(how, question, [...new Set([e.question, ...others.map((x) => x.question)].filter((q) => q !== question))]);
      const replies = [e, ...others].flatMap((x) => replyFor(x, x.question, answer.shown, answer.url) ?? []);
      const { shown: _s, url: _u, ...stored } = answer;
      const r = await store.resolveEscalations([id, ...others.map((x) => x.id)], stored, replies);
      if (!r) throw new ApiError(404, 'No such escalation');
      assistant.knowledgeChanged();
      if (replies.length) outbox?.kick();
      return { ...r, replies: replies.length };
    },

    async teach(input) {
      const { shown: _s, url: _u, ...stored } = answerOf(input, input.question, []);
      const a = await store.addStaffAnswer(stored);
      assistant.knowledgeChanged();
      return a;
    },

    async correct(turnId, how) {
      const turn = await store.getTurn(turnId);
      if (!turn) throw new ApiError(404, 'No such turn');
      const out: { correction?: number; staffAnswer?: StaffAnswer } = {};
      // What was said is wrong for this question, whatever replaces it; "should
      // have escalated" stops every reply to it, so it goes to the helpdesk.
      if (!turn.escalated)
        out.correction = (await store.addCorrection({ question: turn.question, wrong: turn.answer, ...('escalate' in how ? { escalate: true } : {}) })).id;
      if (!('escalate' in how)) {
        const { shown: _s, url: _u, ...stored } = answerOf(how, turn.question, []);
        out.staffAnswer = await store.addStaffAnswer(stored);
      } else if (turn.escalated) {
        throw new ApiError(409, 'That question was already escalated');
      }
      assistant.knowledgeChanged();
      return out;
    },

    async log({ page = 1, filter, search }) {
      const at = Math.max(1, Math.floor(page));
      const rows = await store.recentTurns({
        limit: PAGE_SIZE + 1,
        offset: (at - 1) * PAGE_SIZE,
        ...(filter === 'low' ? { maxConfidence: 0.7 } : {}),
        ...(filter === 'unhelpful' ? { unhelpful: true } : {}),
        ...(search?.trim() ? { search: search.trim() } : {}),
      });
      return { items: rows.slice(0, PAGE_SIZE), page: at, hasMore: rows.length > PAGE_SIZE };
    },

    async answeredPerDay(days = 30, now = Date.now()) {
      const since = now - days * DAY;
      const rows = new Map((await store.answeredPerDay(since)).map((r) => [r.day, r]));
      // Every day of the window, also those without questions.
      return Array.from({ length: days }, (_, i) => {
        const day = new Date(now - (days - 1 - i) * DAY).toISOString().slice(0, 10);
        return rows.get(day) ?? { day, asked: 0, answered: 0 };
      });
    },

    unplaced: () => assistant.unplaced(),
    changed: () => assistant.knowledgeChanged(),
  };
}
