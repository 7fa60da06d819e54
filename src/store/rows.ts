// Row → record mapping for the SQL schema in migrations/, shared by the SQL
// adapters (SQLite on Node, D1 on Workers): same tables, same columns, so one
// mapping. Pure functions, no driver imports, safe to bundle into the Worker.
import type {
  Correction,
  Escalation,
  EscalationStatus,
  Feedback,
  LoggedTurn,
  OfferedChoice,
  OutboxMail,
  StaffAnswer,
  StaffAnswerKind,
  TranscriptTurn,
} from './types.js';

export type Row = Record<string, unknown>;

/** SQL NULL (or a missing column) → undefined, so optional fields stay absent. */
export const opt = <T>(v: unknown): T | undefined => (v === null || v === undefined ? undefined : (v as T));

export const toEscalation = (r: Row): Escalation => ({
  id: r.id as string,
  conversationId: r.conversation_id as string,
  question: r.question as string,
  status: r.status as EscalationStatus,
  createdAt: r.created_at as number,
  forwardedAt: opt(r.forwarded_at),
  resolvedAt: opt(r.resolved_at),
  staffAnswerId: opt(r.staff_answer_id),
  contact: r.email ? { email: r.email as string, name: opt(r.name), message: opt(r.message) } : undefined,
  terms: opt(r.terms),
  repliedAt: opt(r.replied_at),
});

export const toStaffAnswer = (r: Row, questions: string[] = []): StaffAnswer => ({
  id: r.id as number,
  kind: opt<StaffAnswerKind>(r.kind) ?? 'answer',
  question: r.question as string,
  questions,
  answer: r.answer as string,
  sourceUrl: opt(r.source_url),
  escalationId: opt(r.escalation_id),
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
});

export const toFeedback = (r: Row): Feedback => ({
  id: r.id as number,
  conversationId: r.conversation_id as string,
  question: r.question as string,
  answer: r.answer as string,
  helpful: r.helpful === 1,
  comment: opt(r.comment),
  createdAt: r.created_at as number,
});

export const toMail = (r: Row): OutboxMail => ({
  id: r.id as number,
  escalationId: opt(r.escalation_id),
  to: r.to_address as string,
  replyTo: r.reply_to_address ? { address: r.reply_to_address as string, name: opt(r.reply_to_name) } : undefined,
  subject: r.subject as string,
  text: r.body as string,
  status: r.status as 'pending' | 'sent',
  attempts: r.attempts as number,
  nextAttemptAt: r.next_attempt_at as number,
  lastError: opt(r.last_error),
  createdAt: r.created_at as number,
  sentAt: opt(r.sent_at),
});

export const toTranscriptTurn = (r: Row): TranscriptTurn => ({
  id: r.id as number,
  question: r.question as string,
  answer: r.answer as string,
  escalated: r.escalated === 1,
  createdAt: r.created_at as number,
});

/** Escalations with their contact, for the list and single-row reads. */
export const ESCALATION_SELECT = 'SELECT e.*, c.email, c.name, c.message FROM escalations e LEFT JOIN contacts c ON c.escalation_id = e.id';

export const toCorrection = (r: Row): Correction => ({
  id: r.id as number,
  question: r.question as string,
  wrong: r.wrong as string,
  ...(r.escalate === 1 ? { escalate: true } : {}),
  createdAt: r.created_at as number,
});

export const toLoggedTurn = (r: Row): LoggedTurn => ({
  id: r.id as number,
  conversationId: r.conversation_id as string,
  question: r.question as string,
  answer: r.answer as string,
  escalated: r.escalated === 1,
  confidence: r.confidence as number,
  staffAnswerId: opt(r.staff_answer_id),
  helpful: r.helpful === null || r.helpful === undefined ? undefined : r.helpful === 1,
  ...(typeof r.choices === 'string' ? { choices: JSON.parse(r.choices) as OfferedChoice[] } : {}),
  ...(typeof r.picked === 'string' ? { picked: r.picked } : {}),
  ...(typeof r.pick_of === 'number' ? { pickOf: r.pick_of } : {}),
  ...(typeof r.follows === 'number' ? { follows: r.follows } : {}),
  createdAt: r.created_at as number,
});
