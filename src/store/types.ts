// The store behind the app: one small async interface, so the Node (SQLite),
// Worker (D1) and in-memory adapters are interchangeable. Each method is one
// atomic step (no read-modify-write left to the caller), so an adapter
// without interactive transactions (D1 batches) can still keep the
// guarantees: e.g. forwarding an escalation and queueing its mail happen
// together or not at all. Times are milliseconds since the epoch.
export interface TurnRecord {
  conversationId: string;
  question: string;
  answer: string;
  escalated: boolean;
  confidence: number;
  /** What the turn was about, to resolve the next follow-up (the engine's memory, stored as JSON; opaque here). */
  memory?: unknown;
  /** The staff answer this turn replied with, if any. */
  staffAnswerId?: number;
  /** For an escalated turn: who asked, as a salted hash of the client's address (never the address). */
  clientKey?: string;
  /** For an escalated turn: the question's analysed terms (space-separated), for grouping on the staff page. */
  terms?: string;
  /** The quotes this turn offered instead of one answer. */
  choices?: OfferedChoice[];
  /** This turn answers the visitor's pick among the choices turn `turn` offered (`choice`: an offered id, or 'none'). */
  pick?: { turn: number; choice: string };
  /** This turn answers a thumbs-down on turn `follows` (not a new question: the figures count that one). */
  follows?: number;
}

/** A quote offered as a choice: what the visitor saw, and where on the pages it is. */
export interface OfferedChoice {
  id: string;
  answer: string;
  sources: { title: string; url: string }[];
  /** The passage and sentence quoted (the engine's ids at the time), so a pick can continue the conversation from it. */
  passage: number;
  sentence: number;
}

/** The choices a conversation's last turn offered, still open to a pick. */
export interface OpenOffer {
  turn: number;
  /** The question the choices were offered for. */
  question: string;
  /** The offering turn's confidence (that its top choice answers). */
  confidence: number;
  choices: OfferedChoice[];
}

/** Open questions one client may leave in a window: beyond it, an escalated turn is recorded without a new escalation. */
export interface OpenCap {
  max: number;
  windowMs: number;
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
  /** When the staff answer was mailed to the visitor (their address is deleted then). */
  repliedAt?: number;
  /** The question's analysed terms (space-separated), when recorded. */
  terms?: string;
}

export type EscalationCounts = Record<EscalationStatus, number>;

/** What happened to a visitor's contact. */
export type ForwardResult =
  | { outcome: 'missing' }
  /** Staff already resolved (answered or dismissed) the question: nothing is mailed. */
  | { outcome: 'resolved'; escalation: Escalation }
  /** Stored; `mailed` is false when the same address was mailed about it within the hour. */
  | { outcome: 'forwarded'; escalation: Escalation; mailed: boolean };

export interface TranscriptTurn {
  id: number;
  question: string;
  answer: string;
  escalated: boolean;
  createdAt: number;
}

/** `answer`: text staff wrote; `quote`: a pointer at a sentence of the pages (`answer` holds the verbatim quote). */
export type StaffAnswerKind = 'answer' | 'quote';

export interface StaffAnswer {
  id: number;
  kind: StaffAnswerKind;
  /** The question it was first written for. */
  question: string;
  /** Other wordings it answers (grouped escalations, later resolutions). */
  questions: string[];
  answer: string;
  /** The FAQ page that answers it; the helpdesk is cited when absent (kind 'answer' only). */
  sourceUrl?: string;
  escalationId?: string;
  createdAt: number;
  updatedAt: number;
}

export interface NewStaffAnswer {
  kind?: StaffAnswerKind;
  question: string;
  /** More wordings it answers. */
  questions?: string[];
  answer: string;
  sourceUrl?: string;
}

/** "This reply was wrong for this question": it and its close wordings are not answered by that text again. */
export interface Correction {
  id: number;
  question: string;
  /** The text the wrong reply quoted. */
  wrong: string;
  /** It should have escalated: no reply answers the question, not only `wrong`. */
  escalate?: boolean;
  createdAt: number;
}

/** Everything staff taught, as the engine reads it. */
export interface StaffKnowledge {
  /** Changes with every edit: reload when it differs. */
  version: string;
  answers: StaffAnswer[];
  corrections: Correction[];
}

/** A mail to the visitor who left an address, sent when staff answer their question. */
export interface VisitorReply {
  escalationId: string;
  mail: NewMail;
}

export interface LoggedTurn {
  id: number;
  conversationId: string;
  question: string;
  answer: string;
  escalated: boolean;
  confidence: number;
  staffAnswerId?: number;
  /** The visitor's thumbs, if they gave one. */
  helpful?: boolean;
  /** The quotes this turn offered instead of one answer, and what the visitor picked (an id, or 'none'). */
  choices?: OfferedChoice[];
  picked?: string;
  /** This turn answered a pick among the choices of turn `pickOf`. */
  pickOf?: number;
  /** This turn answered a thumbs-down on turn `follows`. */
  follows?: number;
  createdAt: number;
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

/**
 * Questions asked since `since`, by what the bot did with each: answered it
 * directly, offered a choice of quotes, or escalated it (the three sum to
 * `asked`). A visitor's pick among choices is not a new question: it is
 * counted in `picks`, under the question that offered them.
 */
export interface Stats {
  since: number;
  asked: number;
  /** Answered directly (a quote, a staff answer, small talk). */
  answered: number;
  /** Offered a choice of quotes instead of one answer. */
  choices: number;
  /** Passed to the helpdesk at once (a declined choice is `picks.declined`, not this). */
  escalated: number;
  /** answered / asked (direct answers only), 0 when nothing was asked. */
  answeredRate: number;
  /** What visitors did with the choices offered: picked one, declined them all ('none': asked the team), or neither (yet). Sum to `choices`. */
  picks: { picked: number; declined: number; unpicked: number };
  /** Escalated questions (at once, or after the visitor declined the choices), most frequent first (case and spacing ignored). */
  topUnanswered: { question: string; count: number }[];
}

/** One day's (UTC) questions by what the bot did with them; `answered`, `choices` and `escalated` sum to `asked`, as in `Stats`. */
export interface DayCounts {
  day: string;
  asked: number;
  answered: number;
  choices: number;
  escalated: number;
}

export type SuggestionStatus = 'open' | 'accepted' | 'rejected' | 'learned';

/** One client's verdict on a wording and a sentence: picked it among the choices (1), or said it does not answer (-1). */
export interface Vote {
  /** The wording's content words, stemmed and sorted: close wordings share it. */
  wordingKey: string;
  wording: string;
  /** The sentence of the pages, verbatim. */
  sentence: string;
  /** The quote and source the visitor saw. */
  quote: string;
  url?: string;
  /** Salted hash of the client's address (IPv6 by /64). */
  clientKey: string;
  verdict: 1 | -1;
}

/** A wording visitors matched to a sentence, with how many distinct clients did, and what staff (or enough visitors) decided. */
export interface Suggestion {
  id: number;
  wordingKey: string;
  sentence: string;
  wording: string;
  /** Distinct wordings seen (at most 10). */
  wordings: string[];
  quote: string;
  url?: string;
  status: SuggestionStatus;
  /** Distinct clients who picked it, and who said it does not answer. */
  clients: number;
  against: number;
  /** Accepted or learned: the staff answer (a quote) it became. */
  staffAnswerId?: number;
  /** Rejected: the correction that keeps the wording from that sentence. */
  correctionId?: number;
  createdAt: number;
  updatedAt: number;
}

export interface SuggestionStore {
  /** Record a client's verdict (one per client, the latest kept); the suggestion as it now stands. */
  vote(v: Vote, now?: number): Promise<Suggestion | undefined>;
  suggestionFor(wordingKey: string, sentence: string): Promise<Suggestion | undefined>;
  getSuggestion(id: number): Promise<Suggestion | undefined>;
  /** Most clients first; a page of them. */
  listSuggestions(options: { status?: SuggestionStatus; limit: number; offset?: number }): Promise<Suggestion[]>;
  countSuggestions(): Promise<Record<SuggestionStatus, number>>;
  /**
   * The wording (and the others seen) becomes an alternate question of the
   * sentence (a staff answer of kind quote), and the suggestion `status`
   * ('accepted' by staff, 'learned' from visitors) — atomically, once. False
   * when it was not open (or learned, for staff).
   */
  acceptSuggestion(id: number, answer: NewStaffAnswer, status: 'accepted' | 'learned', now?: number): Promise<boolean>;
  /** Never this sentence for this wording: a correction, and what was taught from it removed. False when there is no such suggestion. */
  rejectSuggestion(id: number, correction: { question: string; wrong: string }, now?: number): Promise<boolean>;
}

export interface Store extends SuggestionStore {
  /**
   * The conversation, if this store issued it: `memory` is what its last turn
   * was about. Undefined for an id it never recorded (or one purged).
   */
  conversation(conversationId: string): Promise<{ memory?: unknown } | undefined>;
  /**
   * Record a turn; an escalated turn gets an escalation id (and an open
   * escalation) unless `cap` says its client already has that many open.
   */
  recordTurn(turn: TurnRecord, cap?: OpenCap, now?: number): Promise<{ escalationId?: string }>;
  /** The choices the conversation's last turn offered, if it did and none was picked yet. */
  openOffer(conversationId: string): Promise<OpenOffer | undefined>;
  /**
   * Record the reply to a pick (`turn.pick`), marking the offer picked,
   * atomically; an escalated reply ('none') opens an escalation as
   * recordTurn does. Undefined when the offer is no longer open (picked
   * already, or no longer the conversation's last turn): nothing is recorded.
   */
  recordPick(
    turn: TurnRecord & { pick: { turn: number; choice: string } },
    cap?: OpenCap,
    now?: number,
    /** The pick as a vote on its wording and sentence, recorded with it. */
    vote?: Vote,
  ): Promise<{ escalationId?: string } | undefined>;
  /** The conversation's turns, oldest first; only the last `last` when given. */
  transcript(conversationId: string, last?: number): Promise<TranscriptTurn[]>;

  getEscalation(id: string): Promise<Escalation | undefined>;
  /**
   * Newest first; all statuses when none is given; a page of them with
   * `limit`/`offset`; with `search`, only those whose question or contact
   * address contains it (case ignored for ASCII letters).
   */
  listEscalations(status?: EscalationStatus, page?: { limit: number; offset?: number; search?: string }): Promise<Escalation[]>;
  /** How many escalations there are in each status (with `search`: of those listEscalations finds with it). */
  countEscalations(search?: string): Promise<EscalationCounts>;
  /**
   * Store the visitor's contact, mark the escalation forwarded and queue the
   * helpdesk mail, atomically. A resolved escalation takes no contact. A
   * repeat contact with the address already mailed about it within
   * `quietMs` (default one hour) updates the contact without a new mail; a
   * different address (the visitor corrected it) queues one.
   */
  forwardEscalation(id: string, contact: Contact, mail: NewMail, now?: number, quietMs?: number): Promise<ForwardResult>;
  /**
   * Mark escalations resolved; with an answer, also store a staff answer (its
   * questions: the first escalation's and the others') and link it to them,
   * and queue the replies to visitors who left an address — atomically. The
   * first id is the one the answer is for. Undefined when it does not exist.
   */
  resolveEscalations(
    ids: string[],
    answer?: NewStaffAnswer,
    replies?: VisitorReply[],
    now?: number,
  ): Promise<{ resolved: string[]; staffAnswer?: StaffAnswer } | undefined>;

  listStaffAnswers(): Promise<StaffAnswer[]>;
  getStaffAnswer(id: number): Promise<StaffAnswer | undefined>;
  addStaffAnswer(answer: NewStaffAnswer, now?: number): Promise<StaffAnswer>;
  updateStaffAnswer(id: number, change: Partial<Omit<NewStaffAnswer, 'questions' | 'kind'>>, now?: number): Promise<StaffAnswer | undefined>;
  /** Another wording an existing staff answer answers. False when there is no such answer. */
  addStaffQuestion(id: number, question: string, now?: number): Promise<boolean>;
  /** False when there was no such answer. */
  removeStaffAnswer(id: number): Promise<boolean>;

  addCorrection(input: { question: string; wrong: string; escalate?: boolean }, now?: number): Promise<Correction>;
  listCorrections(): Promise<Correction[]>;
  /** False when there was no such correction. */
  removeCorrection(id: number): Promise<boolean>;
  /** Staff answers and corrections, with their version. */
  staffKnowledge(): Promise<StaffKnowledge>;
  /** Just the version (one cheap read), to tell whether to reload. */
  staffVersion(): Promise<string>;

  /** One recorded turn, with the visitor's feedback on it. */
  getTurn(id: number): Promise<LoggedTurn | undefined>;
  /**
   * Recent turns (answered ones too, and replies to picks), newest first, for
   * the staff log. `maxConfidence`: only the questions the bot was unsure of —
   * answered directly below it, or offered choices (never a pick's reply).
   */
  recentTurns(options: { limit: number; offset?: number; maxConfidence?: number; unhelpful?: boolean; search?: string }): Promise<LoggedTurn[]>;
  /** How many turns `recentTurns` lists with the same filters, on every page (the log's pager). */
  countTurns(filter: { maxConfidence?: number; unhelpful?: boolean; search?: string }): Promise<number>;
  /** Questions per day (UTC) since `since`, answered, offered choices and escalated; days without questions are left out. */
  answeredPerDay(since: number): Promise<DayCounts[]>;
  /** Open questions asked at least `min` times since `since` (same wording, case and spacing ignored). */
  frequentOpen(since: number, min: number): Promise<{ question: string; count: number; ids: string[] }[]>;

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
  /**
   * The SMTP server accepted it: never sent again. A reply to a visitor
   * also deletes their contact (the address was kept only to send it).
   */
  markMailSent(id: number, now?: number): Promise<void>;
  /** Sending failed: try again at `retryAt`. */
  markMailFailed(id: number, error: string, retryAt: number): Promise<void>;
  /** Newest first, at most `limit`. */
  listOutbox(limit?: number): Promise<OutboxMail[]>;

  /** Start a staff session: `idHash` is the SHA-256 of the cookie's random id. */
  createSession(idHash: string, expiresAt: number, now?: number): Promise<void>;
  /** Whether the session exists and has not expired. */
  sessionActive(idHash: string, now?: number): Promise<boolean>;
  endSession(idHash: string): Promise<void>;

  /** A random value the store makes once and keeps (e.g. the salt of client keys). */
  secret(name: string): Promise<string>;

  /**
   * The site (its origin) this database belongs to: records `origin` the
   * first time, or in place of `movedFrom` when that is the one recorded (the
   * site moved); otherwise leaves the record alone. Returns the origin
   * recorded after the call, so the caller can refuse another site's data.
   */
  claimSite(origin: string, movedFrom?: string): Promise<string>;

  /** Questions asked since `since`. */
  stats(since: number, top?: number): Promise<Stats>;
  /**
   * Retention: delete turns, conversations, feedback, sent mails and
   * escalations of any status (with their contacts) older than `before`, and
   * expired staff sessions.
   */
  purge(before: number, now?: number): Promise<{ deleted: number }>;
  close?(): Promise<void>;
}
