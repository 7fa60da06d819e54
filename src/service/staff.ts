// What staff do, in one place for the JSON API and the staff page: review
// open questions (grouped by meaning), resolve them with an answer or with the
// sentence of the pages that answers them, teach and correct without an
// escalation, read the log of questions and the figures. Every change to
// staff knowledge goes through here, so the assistant applies it at once.
import { GROUP_WINDOW, groupSimilar, type Group } from '../admin/groups.js';
import type { AppConfig } from '../config.js';
import type { Engine } from '../engine/engine.js';
import { withTextFragment } from '../engine/compose.js';
import { ApiError } from '../http/errors.js';
import { visitorReplyMail } from '../mail/visitor-reply.js';
import type { Correction, Escalation, EscalationCounts, LoggedTurn, NewStaffAnswer, OfferedChoice, StaffAnswer, Store, VisitorReply } from '../store/types.js';
import type { Assistant } from './assistant.js';
import { distinctWordings, lesson, taughtWording, wordingKey, type Wording } from './taught.js';

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
  /** Open questions without a search: the groups of the newest GROUP_WINDOW (openGroups()), computed for this list already. */
  groups?: Group[];
}

/** How a question is resolved: staff's own answer, the sentence of the pages that answers it, or neither (dismissed). */
export type Resolution = { answer: string; sourceUrl?: string; question?: string } | { quote: string; question?: string } | { dismiss: true };

/** How a wrong reply is corrected. */
export type CorrectionInput = { escalate: true } | { quote: string } | { answer: string; sourceUrl?: string };

/** An open question's group (itself alone when not open) and its distinct wordings: what the item view shows is what resolving teaches. */
export interface GroupWordings {
  members: Escalation[];
  wordings: Wording[];
  /** Distinct wordings beyond the cap: resolved with the rest, not taught. */
  more: number;
}

/** What staff taught for a question (its corrections and the staff answers that answer it), and what the bot replies to it now. */
export interface Taught {
  corrections: Correction[];
  answers: StaffAnswer[];
  now: { escalated: boolean; answer: string; choices?: Pick<OfferedChoice, 'answer'>[] };
}

export interface StaffService {
  list(status: Escalation['status'] | undefined, options?: { page?: number; search?: string }): Promise<StaffList>;
  openGroups(): Promise<Group[]>;
  /** Open questions asked three times or more in the last week, most asked first. */
  frequent(now?: number): Promise<{ question: string; count: number; ids: string[] }[]>;
  /** The sentences of the pages that come closest to answering, for staff to point at one. */
  candidates(question: string): { quote: string; url: string; title: string; confidence: number }[];
  /** The group of `e` among `groups` (default: the open questions' groups now) and its distinct wordings. */
  groupOf(e: Escalation, groups?: Group[]): Promise<GroupWordings>;
  resolve(id: string, how: Resolution): Promise<{ resolved: string[]; staffAnswer?: StaffAnswer; replies: number }>;
  /** A staff answer without an escalation: staff's text, or a quote of the pages. */
  teach(input: { question: string; answer: string; sourceUrl?: string } | { question: string; quote: string }): Promise<StaffAnswer>;
  /** A reply (a logged turn) was wrong: it should have escalated, or quoted this, or said this. */
  correct(turnId: number, how: CorrectionInput): Promise<{ correction?: number; staffAnswer?: StaffAnswer }>;
  /** What was taught for a question of the log, and its effect; undefined when nothing was. */
  taughtFor(question: string): Promise<Taught | undefined>;
  log(options: {
    page?: number;
    filter?: 'low' | 'unhelpful';
    search?: string;
  }): Promise<{ items: LoggedTurn[]; page: number; hasMore: boolean; total: number; pages: number }>;
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

  /** The newest GROUP_WINDOW open questions, grouped (bounded: see src/admin/groups.ts). */
  async function openGroups(): Promise<Group[]> {
    return groupSimilar(await store.listEscalations('open', { limit: GROUP_WINDOW }), grouping);
  }

  /** The question and alternates a resolution or correction teaches: links and addresses out (src/service/taught.ts). */
  function taught(question: string, wordings: readonly string[]) {
    const l = lesson(question, wordings);
    if (!l.question)
      throw new ApiError(
        400,
        'Nothing to teach: the question is only a link or an address (those are never taught); dismiss it, or give the question to teach',
      );
    return l;
  }

  async function groupOf(e: Escalation, groups?: Group[]): Promise<GroupWordings> {
    const all = e.status === 'open' ? (groups ?? (await openGroups())) : [];
    const group = all.find((g) => g.lead.id === e.id || g.others.some((o) => o.id === e.id));
    const members = group ? [group.lead, ...group.others] : [e];
    return { members, ...distinctWordings(e, members) };
  }

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
    groupOf,
    async list(status, { page = 1, search } = {}) {
      // Bounded whatever is stored: a page is read from SQL (filtered there
      // by the search), and only the newest GROUP_WINDOW questions are read
      // whole to be grouped; older ones are one row each after them.
      const at = Math.max(1, Math.floor(page));
      const from = (at - 1) * PAGE_SIZE;
      const needle = search?.trim() || undefined;
      const find = needle ? { search: needle } : {};
      const [counts, found] = await Promise.all([store.countEscalations(), needle ? store.countEscalations(needle) : undefined]);
      const matching = found ?? counts;
      const single = (e: Escalation) => ({ escalation: e, similar: [] as Escalation[] });
      const listed = (items: StaffList['items'], total: number): StaffList => ({
        items,
        total,
        page: at,
        pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
        counts,
      });
      if (status === 'forwarded' || status === 'resolved') {
        return listed((await store.listEscalations(status, { limit: PAGE_SIZE, offset: from, ...find })).map(single), matching[status]);
      }
      // Open questions, alone or among all: the window's groups (and other rows), newest first, then the rows past the window.
      const window = await store.listEscalations(status, { limit: GROUP_WINDOW, ...find });
      const groups = groupSimilar(
        window.filter((e) => e.status === 'open'),
        grouping,
      );
      const head = [...groups.map((g) => ({ escalation: g.lead, similar: g.others })), ...window.filter((e) => e.status !== 'open').map(single)].sort(
        (a, b) => b.escalation.createdAt - a.escalation.createdAt,
      );
      const rows = status === 'open' ? matching.open : matching.open + matching.forwarded + matching.resolved;
      const total = head.length + Math.max(0, rows - window.length);
      const items = head.slice(from, from + PAGE_SIZE);
      if (items.length < PAGE_SIZE && from + items.length < total) {
        const past = await store.listEscalations(status, { limit: PAGE_SIZE - items.length, offset: GROUP_WINDOW + Math.max(0, from - head.length), ...find });
        items.push(...past.map(single));
      }
      return { ...listed(items, total), ...(status === 'open' && !needle ? { groups } : {}) };
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
      // and becomes one of its questions: the distinct wordings staff saw on
      // the item view, without links or addresses.
      const { members, wordings } = await groupOf(e);
      const others = members.filter((x) => x.id !== id);
      const { question, questions } = taught(
        how.question ?? e.question,
        wordings.map((w) => w.text),
      );
      const answer = answerOf(how, question, questions);
      const replies = [e, ...others].flatMap((x) => replyFor(x, x.question, answer.shown, answer.url) ?? []);
      const { shown: _s, url: _u, ...stored } = answer;
      const r = await store.resolveEscalations([id, ...others.map((x) => x.id)], stored, replies);
      if (!r) throw new ApiError(404, 'No such escalation');
      assistant.knowledgeChanged();
      if (replies.length) outbox?.kick();
      return { ...r, replies: replies.length };
    },

    async teach(input) {
      const { shown: _s, url: _u, ...stored } = answerOf(input, taught(input.question, []).question, []);
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
        // The correction above keeps the visitor's words (it matches what was asked); the answer is taught without links.
        const { shown: _s, url: _u, ...stored } = answerOf(how, taught(turn.question, []).question, []);
        out.staffAnswer = await store.addStaffAnswer(stored);
      } else if (turn.escalated) {
        throw new ApiError(409, 'That question was already escalated');
      }
      assistant.knowledgeChanged();
      return out;
    },

    async log({ page = 1, filter, search }) {
      const at = Math.max(1, Math.floor(page));
      const which = {
        ...(filter === 'low' ? { maxConfidence: 0.7 } : {}),
        ...(filter === 'unhelpful' ? { unhelpful: true } : {}),
        ...(search?.trim() ? { search: search.trim() } : {}),
      };
      const [rows, total] = await Promise.all([store.recentTurns({ limit: PAGE_SIZE + 1, offset: (at - 1) * PAGE_SIZE, ...which }), store.countTurns(which)]);
      return { items: rows.slice(0, PAGE_SIZE), page: at, hasMore: rows.length > PAGE_SIZE, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
    },

    async taughtFor(question) {
      // Corrections keep the visitor's words; staff answers the taught ones (or have them among their wordings).
      const keys = new Set([wordingKey(question), wordingKey(taughtWording(question))]);
      const [corrections, answers] = await Promise.all([store.listCorrections(), store.listStaffAnswers()]);
      const mine = {
        corrections: corrections.filter((c) => wordingKey(c.question) === wordingKey(question)),
        answers: answers.filter((a) => [a.question, ...a.questions].some((q) => keys.has(wordingKey(q)))),
      };
      if (!mine.corrections.length && !mine.answers.length) return undefined;
      // The effect: the question asked now, as a new visitor would (the engine is pure: nothing is recorded).
      await assistant.sync();
      const reply = engine.ask(question);
      return {
        ...mine,
        now: {
          escalated: reply.escalated,
          answer: reply.answer,
          ...(reply.choices?.length ? { choices: reply.choices.map((c) => ({ answer: c.answer })) } : {}),
        },
      };
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
