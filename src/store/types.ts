// The store behind the app: one small async interface, so the Node (SQLite),
// Worker (D1) and in-memory adapters are interchangeable. Each method is one
// atomic step (no read-modify-write left to the caller), so an adapter
// without interactive transactions (D1 batches) can still keep the
// guarantees: e.g. forwarding an escalation and queueing its mail happen
// together or not at all. Times are milliseconds since the epoch.
import type { TurnMemory } from '../engine/conversation.js';

export interface TurnRecord {
  conversationId: string;
  question: string;
  answer: string;
  escalated: boolean;
  confidence: number;
  /** What the turn was about, to resolve the next follow-up. */
  memory?: TurnMemory;
  /** The staff answer this turn replied with, if any. */
  staffAnswerId?: number;
}

export type EscalationStatus = 'open' | 'forwarded' | 'resolved';
export const ESCALATION_STATUSES: readonly EscalationStatus[] = ['open', 'forwarded', 'resolved'];

export interface Contact {
  email: string;
  name?: string;
  message?: string;
}

export interface Escalation {
  id: string;
  conversationId: string;
  question: string;
  status: EscalationStatus;
  createdAt: number;
  forwardedAt?: number;
  resolvedAt?: number;
  /** Set when resolved with an answer. */
  staffAnswerId?: number;
  contact?: Contact;
}

export interface TranscriptTurn {
  question: string;
  answer: string;
  escalated: boolean;
  createdAt: number;
}

export interface StaffAnswer {
  id: number;
  question: string;
  answer: string;
  /** The FAQ page that answers it; the helpdesk is cited when absent. */
  sourceUrl?: string;
  escalationId?: string;
  createdAt: number;
  updatedAt: number;
}

export interface NewStaffAnswer {
  question: string;
  answer: string;
  sourceUrl?: string;
}

export interface Feedback {
  id: number;
  conversationId: string;
  question: string;
  answer: string;
  helpful: boolean;
  comment?: string;
  createdAt: number;
}

export interface NewMail {
  to: string;
  replyTo?: { address: string; name?: string };
  subject: string;
  text: string;
}

export interface OutboxMail extends NewMail {
  id: number;
  escalationId?: string;
  status: 'pending' | 'sent';
  attempts: number;
  /** Pending: when it is next tried (or until when a worker holds it). */
  nextAttemptAt: number;
  lastError?: string;
  createdAt: number;
  sentAt?: number;
}

export interface Stats {
  since: number;
  asked: number;
  answered: number;
  escalated: number;
  /** answered / asked, 0 when nothing was asked. */
  answeredRate: number;
  /** Escalated questions, most frequent first (case and spacing ignored). */
  topUnanswered: { question: string; count: number }[];
}

export interface Store {
  /** What the conversation's last turn was about, if it exists. */
  lastTurn(conversationId: string): Promise<TurnMemory | undefined>;
  /** Record a turn; an escalated turn gets an escalation id (and an open escalation). */
  recordTurn(turn: TurnRecord): Promise<{ escalationId?: string }>;
  /** The conversation's turns, oldest first. */
  transcript(conversationId: string): Promise<TranscriptTurn[]>;

  getEscalation(id: string): Promise<Escalation | undefined>;
  /** Newest first; all statuses when none is given. */
  listEscalations(status?: EscalationStatus): Promise<Escalation[]>;
  /**
   * Store the visitor's contact, mark the escalation forwarded and queue the
   * helpdesk mail, atomically. Undefined when the escalation does not exist.
   * A second contact for the same escalation replaces the first and queues
   * another mail (the visitor corrected their address).
   */
  forwardEscalation(id: string, contact: Contact, mail: NewMail, now?: number): Promise<Escalation | undefined>;
  /**
   * Mark escalations resolved; with an answer, also store a staff answer and
   * link it to them, atomically. The first id is the one the answer is for.
   * Undefined when the first id does not exist.
   */
  resolveEscalations(ids: string[], answer?: NewStaffAnswer, now?: number): Promise<{ resolved: string[]; staffAnswer?: StaffAnswer } | undefined>;

  listStaffAnswers(): Promise<StaffAnswer[]>;
  addStaffAnswer(answer: NewStaffAnswer, now?: number): Promise<StaffAnswer>;
  updateStaffAnswer(id: number, change: Partial<NewStaffAnswer>, now?: number): Promise<StaffAnswer | undefined>;
  /** False when there was no such answer. */
  removeStaffAnswer(id: number): Promise<boolean>;

  /** Feedback on the conversation's last turn; undefined when the conversation has no turn. */
  recordFeedback(input: { conversationId: string; helpful: boolean; comment?: string }, now?: number): Promise<Feedback | undefined>;
  /** Newest first; only helpful or unhelpful ones when given. */
  listFeedback(helpful?: boolean): Promise<Feedback[]>;

  /**
   * Take up to `limit` due pending mails for sending: each is leased (its
   * next attempt moved to now + leaseMs, attempts + 1) so no other worker
   * takes it meanwhile, and a worker that dies mid-send releases it by expiry.
   */
  claimMail(now: number, leaseMs: number, limit: number): Promise<OutboxMail[]>;
  /** The SMTP server accepted it: never sent again. */
  markMailSent(id: number, now?: number): Promise<void>;
  /** Sending failed: try again at `retryAt`. */
  markMailFailed(id: number, error: string, retryAt: number): Promise<void>;
  /** Newest first, at most `limit`. */
  listOutbox(limit?: number): Promise<OutboxMail[]>;

  /** Questions asked since `since`. */
  stats(since: number, top?: number): Promise<Stats>;
  /**
   * Retention: delete turns, conversations, feedback, sent mails and
   * resolved escalations (with their contacts) older than `before`.
   */
  purge(before: number): Promise<{ deleted: number }>;
  close?(): Promise<void>;
}
