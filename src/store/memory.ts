// In-memory store: everything kept in one process, nothing survives a
// restart. Used by engine tests and as the fallback when no database is
// configured; the SQLite and D1 adapters make the data durable. Conversations
// are bounded in count and age (oldest dropped first) so a long-running
// process does not grow without limit.
import type { TurnMemory } from '../engine/conversation.js';
import type {
  Escalation, Feedback, OutboxMail, StaffAnswer, Store, TranscriptTurn, TurnRecord,
} from './types.js';

export interface MemoryStoreOptions {
  /** Most conversations remembered. Default 10 000. */
  maxConversations?: number;
  /** A conversation idle longer than this (ms) is forgotten. Default 30 min. */
  maxAgeMs?: number;
}

interface Conversation {
  memory?: TurnMemory;
  updatedAt: number;
  turns: (TranscriptTurn & { staffAnswerId?: number })[];
}

const newestFirst = <T extends { createdAt: number }>(list: T[]) =>
  list.map((x, i) => [x, i] as const).sort((a, b) => b[0].createdAt - a[0].createdAt || b[1] - a[1]).map(([x]) => x);
const copy = <T>(x: T): T => structuredClone(x);

export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const max = options.maxConversations ?? 10_000;
  const maxAge = options.maxAgeMs ?? 30 * 60 * 1000;
  // A Map iterates in insertion order; re-inserting on use makes it an LRU.
  const conversations = new Map<string, Conversation>();
  const escalations = new Map<string, Escalation>();
  const staffAnswers = new Map<number, StaffAnswer>();
  const feedback: Feedback[] = [];
  const outbox: OutboxMail[] = [];
  let seq = 0;

  function live(id: string): Conversation | undefined {
    const c = conversations.get(id);
    if (c && Date.now() - c.updatedAt > maxAge) {
      conversations.delete(id);
      return undefined;
    }
    return c;
  }

  return {
    async lastTurn(id) {
      return live(id)?.memory;
    },
    async recordTurn(turn: TurnRecord) {
      const now = Date.now();
      const c = live(turn.conversationId) ?? { updatedAt: now, turns: [] };
      conversations.delete(turn.conversationId);
      conversations.set(turn.conversationId, c);
      while (conversations.size > max) conversations.delete(conversations.keys().next().value!);
      c.updatedAt = now;
      if (turn.memory) c.memory = turn.memory;
      c.turns.push({ question: turn.question, answer: turn.answer, escalated: turn.escalated, createdAt: now, staffAnswerId: turn.staffAnswerId });
      if (!turn.escalated) return {};
      const escalationId = crypto.randomUUID();
      escalations.set(escalationId, { id: escalationId, conversationId: turn.conversationId, question: turn.question, status: 'open', createdAt: now });
      return { escalationId };
    },
    async transcript(id) {
      return (conversations.get(id)?.turns ?? []).map(({ question, answer, escalated, createdAt }) => ({ question, answer, escalated, createdAt }));
    },
    async getEscalation(id) {
      const e = escalations.get(id);
      return e && copy(e);
    },
    async listEscalations(status) {
      return newestFirst([...escalations.values()].filter((e) => !status || e.status === status)).map(copy);
    },
    async forwardEscalation(id, contact, mail, now = Date.now()) {
      const e = escalations.get(id);
      if (!e) return undefined;
      e.contact = { ...contact };
      e.forwardedAt = now;
      if (e.status !== 'resolved') e.status = 'forwarded';
      outbox.push({ ...copy(mail), id: ++seq, escalationId: id, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now });
      return copy(e);
    },
    async resolveEscalations(ids, answer, now = Date.now()) {
      const first = ids[0];
      if (first === undefined || !escalations.has(first)) return undefined;
      let staffAnswer: StaffAnswer | undefined;
      if (answer) {
        staffAnswer = { ...answer, id: ++seq, escalationId: first, createdAt: now, updatedAt: now };
        staffAnswers.set(staffAnswer.id, staffAnswer);
      }
      const resolved: string[] = [];
      for (const id of ids) {
        const e = escalations.get(id);
        if (!e) continue;
        e.status = 'resolved';
        e.resolvedAt = now;
        if (staffAnswer) e.staffAnswerId = staffAnswer.id;
        resolved.push(id);
      }
      return { resolved, staffAnswer: staffAnswer && copy(staffAnswer) };
    },
    async listStaffAnswers() {
      return [...staffAnswers.values()].map(copy);
    },
    async addStaffAnswer(a, now = Date.now()) {
      const s: StaffAnswer = { ...a, id: ++seq, createdAt: now, updatedAt: now };
      staffAnswers.set(s.id, s);
      return copy(s);
    },
    async updateStaffAnswer(id, change, now = Date.now()) {
      const s = staffAnswers.get(id);
      if (!s) return undefined;
      if (change.question !== undefined) s.question = change.question;
      if (change.answer !== undefined) s.answer = change.answer;
      if ('sourceUrl' in change) s.sourceUrl = change.sourceUrl;
      s.updatedAt = now;
      return copy(s);
    },
    async removeStaffAnswer(id) {
      return staffAnswers.delete(id);
    },
    async recordFeedback({ conversationId, helpful, comment }, now = Date.now()) {
      const last = conversations.get(conversationId)?.turns.at(-1);
      if (!last) return undefined;
      const f: Feedback = { id: ++seq, conversationId, question: last.question, answer: last.answer, helpful, comment, createdAt: now };
      feedback.push(f);
      return copy(f);
    },
    async listFeedback(helpful) {
      return newestFirst(feedback.filter((f) => helpful === undefined || f.helpful === helpful)).map(copy);
    },
    async claimMail(now, leaseMs, limit) {
      const due = outbox.filter((m) => m.status === 'pending' && m.nextAttemptAt <= now)
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id).slice(0, limit);
      for (const m of due) {
        m.nextAttemptAt = now + leaseMs;
        m.attempts++;
      }
      return due.map(copy).sort((a, b) => a.id - b.id);
    },
    async markMailSent(id, now = Date.now()) {
      const m = outbox.find((x) => x.id === id);
      if (m) Object.assign(m, { status: 'sent', sentAt: now, lastError: undefined });
    },
    async markMailFailed(id, error, retryAt) {
      const m = outbox.find((x) => x.id === id);
      if (m && m.status === 'pending') Object.assign(m, { nextAttemptAt: retryAt, lastError: error.slice(0, 500) });
    },
    async listOutbox(limit = 100) {
      return [...outbox].reverse().slice(0, limit).map(copy);
    },
    async stats(since, top = 5) {
      const turns = [...conversations.values()].flatMap((c) => c.turns).filter((t) => t.createdAt >= since);
      const escalated = turns.filter((t) => t.escalated);
      const groups = new Map<string, { question: string; count: number; last: number }>();
      for (const t of escalated) {
        const key = t.question.trim().toLowerCase();
        const g = groups.get(key) ?? { question: t.question, count: 0, last: 0 };
        g.count++;
        g.last = Math.max(g.last, t.createdAt);
        groups.set(key, g);
      }
      const answered = turns.length - escalated.length;
      return {
        since, asked: turns.length, answered, escalated: escalated.length,
        answeredRate: turns.length ? answered / turns.length : 0,
        topUnanswered: [...groups.values()].sort((a, b) => b.count - a.count || b.last - a.last).slice(0, top)
          .map(({ question, count }) => ({ question, count })),
      };
    },
    async purge(before) {
      let deleted = 0;
      for (const [id, c] of conversations) {
        const keep = c.turns.filter((t) => t.createdAt >= before);
        deleted += c.turns.length - keep.length;
        c.turns = keep;
        if (c.updatedAt < before) {
          conversations.delete(id);
          deleted++;
        }
      }
      for (let i = feedback.length - 1; i >= 0; i--) if (feedback[i]!.createdAt < before) { feedback.splice(i, 1); deleted++; }
      for (let i = outbox.length - 1; i >= 0; i--) if (outbox[i]!.status === 'sent' && outbox[i]!.createdAt < before) { outbox.splice(i, 1); deleted++; }
      for (const [id, e] of escalations) if (e.status === 'resolved' && e.createdAt < before) { escalations.delete(id); deleted++; }
      return { deleted };
    },
  };
}
