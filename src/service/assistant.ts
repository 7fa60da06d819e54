// One turn of a conversation, in one place: find the conversation (only ids
// this service issued continue one), make sure the engine has what staff
// taught, answer, record the turn and, when it escalates, open a question for
// staff. Also the staff side of the same knowledge: whatever staff change
// through the admin routes is applied here before the next turn. Routes only
// translate HTTP to this and back.
import type { AppConfig } from '../config.js';
import { NONE_OF_THESE, type ChatResponse } from '../contract.js';
import type { Reply } from '../engine/engine.js';
import { ApiError } from '../http/errors.js';
import type { TurnMemory } from '../engine/conversation.js';
import type { Engine } from '../engine/engine.js';
import type { Query } from '../engine/query.js';
import { clientKey } from '../http/client.js';
import type { OfferedChoice, OpenCap, Store, Vote } from '../store/types.js';
import { taughtWording } from './taught.js';

const DAY = 24 * 60 * 60 * 1000;

export interface TurnInput {
  /** The visitor's question (absent when they answer a choice). */
  message?: string;
  /** The id the client sent back, if any. */
  conversationId?: string;
  /** The id of one of the choices the conversation's last reply offered, or 'none' (ask the team). */
  choice?: string;
  /** The client's address, for the per-client cap on open questions (stored only as a salted hash). */
  address?: string;
}

export interface Assistant {
  turn(input: TurnInput): Promise<ChatResponse>;
  /**
   * The visitor said the conversation's last answer does not answer them: a
   * vote against that sentence for that wording, and a reply offering the
   * other candidates (or the helpdesk when there are none). Undefined when
   * the last turn quoted nothing of the pages.
   */
  notThisOne(conversationId: string, address: string | undefined): Promise<ChatResponse | undefined>;
  /** The salted hash a client is stored under. */
  clientHash(address: string | undefined): Promise<string>;
  /** Apply the store's staff knowledge to the engine if it changed (checked at most every refresh interval, at once after knowledgeChanged()). */
  sync(): Promise<void>;
  /** Staff knowledge changed in this process: the next sync reloads it. */
  knowledgeChanged(): void;
  /** Staff answers pointing at a sentence that is no longer on the pages. */
  unplaced(): number[];
}

export interface AssistantParts {
  engine: Engine;
  store: Store;
  config: Pick<AppConfig, 'openQuestionsPerClient' | 'staffRefreshMs' | 'learnFromChoices'>;
  now?: () => number;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** A choice's id: random, so an id from another conversation (or an older offer) never matches. */
const choiceId = () => hex(crypto.getRandomValues(new Uint8Array(6)).buffer);

/** The reply as the API says it (the engine's own fields left out). */
function response(conversationId: string, reply: Reply, extra: { escalationId?: string; choices?: OfferedChoice[] } = {}): ChatResponse {
  return {
    conversationId,
    answer: reply.answer,
    sources: reply.sources,
    escalated: reply.escalated,
    confidence: reply.confidence,
    suggestions: reply.suggestions,
    ...(reply.offerEscalation ? { offerEscalation: true as const } : {}),
    ...(extra.escalationId ? { escalationId: extra.escalationId } : {}),
    ...(extra.choices?.length ? { choices: extra.choices.map(({ id, answer, sources }) => ({ id, answer, sources })) } : {}),
  };
}

/**
 * What a signature keeps at most: grouping compares every stored word of a
 * question with its candidates' (src/admin/groups.ts), so its cost grows with
 * them. The questions of the dev and team sets have at most 13 terms, 7 words
 * per term and 129 characters; a 1 000-character message of made-up words
 * had 165 terms.
 */
export const SIGNATURE_LIMITS = { terms: 16, wordsPerTerm: 10, wordChars: 64, chars: 2000 };

/**
 * A question's words for grouping open questions on the staff page: each
 * term with the page words it also means (site vocabulary, WordNet
 * synonyms), `term~alt~alt`, so that wordings group by meaning without
 * analysing every question again when the page is shown. Bounded
 * (SIGNATURE_LIMITS): past 16 terms, the ones that say most (the query's
 * weights) are kept, in the question's order.
 */
export function signature(query: Query): string {
  const { terms, wordsPerTerm, wordChars, chars } = SIGNATURE_LIMITS;
  const own = query.terms.filter((t) => !t.fromContext);
  const best = own.length > terms ? new Set([...own].sort((a, b) => b.weight - a.weight).slice(0, terms)) : undefined;
  const tokens: string[] = [];
  let length = 0;
  for (const t of own) {
    if (best && !best.has(t)) continue;
    const words = [
      t.term,
      ...t.alternatives.filter((a) => a.length === 1).map((a) => a[0]!),
      ...t.related.filter((r) => r.relation === 'synonym' || r.relation === 'derived').map((r) => r.term),
    ];
    const token = words
      .slice(0, wordsPerTerm)
      .map((w) => w.slice(0, wordChars))
      .join('~');
    if (length + token.length + 1 > chars) break;
    tokens.push(token);
    length += token.length + 1;
  }
  return tokens.join(' ');
}

export function createAssistant({ engine, store, config, now = Date.now }: AssistantParts): Assistant {
  let salt: Promise<string> | undefined;
  let loaded: string | undefined;
  let checkedAt = -Infinity;
  let syncing: Promise<void> | undefined;
  let unplaced: number[] = [];

  async function clientHash(address: string | undefined): Promise<string> {
    salt ??= store.secret('client-key-salt');
    const data = new TextEncoder().encode(`${await salt}:${clientKey(address)}`);
    return hex(await crypto.subtle.digest('SHA-256', data)).slice(0, 32);
  }

  async function reload(): Promise<void> {
    const version = await store.staffVersion();
    checkedAt = now();
    if (version === loaded) return;
    const k = await store.staffKnowledge();
    unplaced = engine.teach(
      k.answers.map((a) => ({
        id: a.id,
        kind: a.kind,
        questions: [a.question, ...a.questions],
        answer: a.answer,
        ...(a.sourceUrl ? { sourceUrl: a.sourceUrl } : {}),
      })),
      k.corrections.map((c) => ({ question: c.question, wrong: c.wrong, ...(c.escalate ? { escalate: true } : {}) })),
    ).unplaced;
    loaded = k.version;
  }

  function sync(): Promise<void> {
    if (now() - checkedAt < config.staffRefreshMs) return Promise.resolve();
    // One reload at a time; turns arriving meanwhile wait for it.
    syncing ??= reload().finally(() => {
      syncing = undefined;
    });
    return syncing;
  }

  return {
    clientHash,
    sync,
    knowledgeChanged() {
      checkedAt = -Infinity;
    },
    unplaced: () => unplaced,
    async notThisOne(conversationId, address) {
      await sync();
      const [last] = await store.transcript(conversationId, 1);
      if (!last || last.escalated) return undefined;
      // The quote's first piece, to find the sentence it is from.
      const found = engine.findQuote(last.answer.split(/(?<=[.!?])\s+|\s*…\s*/).find((x) => x.trim().length >= 8) ?? last.answer);
      if (!found) return undefined;
      const sentence = found.passage.sentences[found.sentence]!.text;
      const clientKey = await clientHash(address);
      // A vote's wording may be taught (and shown to staff as a suggestion): links and addresses never are.
      const wording = taughtWording(last.question);
      const wordingKey = wording ? engine.wordingKey(wording) : '';
      if (wordingKey) await store.vote({ wordingKey, wording, sentence, quote: last.answer, clientKey, verdict: -1 });
      const reply = engine.instead(last.question, sentence, now());
      const choices = reply.choices?.map((c): OfferedChoice => ({ id: choiceId(), ...c }));
      const cap: OpenCap | undefined = config.openQuestionsPerClient > 0 ? { max: config.openQuestionsPerClient, windowMs: DAY } : undefined;
      const { escalationId } = await store.recordTurn(
        {
          conversationId,
          question: last.question,
          answer: reply.answer,
          escalated: reply.escalated,
          confidence: 0,
          memory: reply.memory,
          follows: last.id,
          ...(reply.escalated ? { terms: signature(engine.query(last.question)), clientKey } : {}),
          ...(choices ? { choices } : {}),
        },
        cap,
      );
      return response(conversationId, reply, { ...(escalationId ? { escalationId } : {}), ...(choices ? { choices } : {}) });
    },
    async turn({ message, conversationId: given, address, choice }) {
      await sync();
      const cap: OpenCap | undefined = config.openQuestionsPerClient > 0 ? { max: config.openQuestionsPerClient, windowMs: DAY } : undefined;
      if (choice !== undefined) return pick(given!, choice, address, cap);
      // A conversation continues only under an id this service issued:
      // anything else (made up, guessed, purged) starts a new one.
      const known = given ? await store.conversation(given) : undefined;
      const conversationId = known ? given! : crypto.randomUUID();
      const previous = known?.memory as TurnMemory | undefined;
      const reply = engine.ask(message!, { previous });
      const terms = reply.escalated ? signature(engine.query(message!)) : undefined;
      const choices = reply.choices?.map((c): OfferedChoice => ({ id: choiceId(), ...c }));
      const { escalationId } = await store.recordTurn(
        {
          conversationId,
          question: message!,
          answer: reply.answer,
          escalated: reply.escalated,
          confidence: reply.confidence,
          memory: reply.memory,
          ...(reply.staffAnswerId !== undefined ? { staffAnswerId: reply.staffAnswerId } : {}),
          ...(reply.escalated ? { terms, clientKey: await clientHash(address) } : {}),
          ...(choices ? { choices } : {}),
        },
        cap,
      );
      return response(conversationId, reply, { ...(escalationId ? { escalationId } : {}), ...(choices ? { choices } : {}) });
    },
  };

  /**
   * Enough distinct clients picked this sentence for this wording, and none
   * said it does not answer: the bot learns it as staff would teach it (a
   * matching-only alternate question of that sentence), unless staff
   * decided on it already — a rejection is never overridden by visitors.
   */
  async function learn(vote: Vote): Promise<void> {
    if (config.learnFromChoices <= 0) return;
    const s = await store.suggestionFor(vote.wordingKey, vote.sentence);
    if (!s || s.status !== 'open' || s.against > 0 || s.clients < config.learnFromChoices) return;
    if (await store.acceptSuggestion(s.id, { kind: 'quote', question: s.wording, answer: s.sentence }, 'learned')) checkedAt = -Infinity;
  }

  /**
   * The visitor answered the choices the conversation's last reply offered:
   * the quote they picked, as an answer of its own (its follow-ups continue
   * from it), or — none of these — their question passed to the team.
   */
  async function pick(conversationId: string, choice: string, address: string | undefined, cap: OpenCap | undefined): Promise<ChatResponse> {
    const offer = await store.openOffer(conversationId);
    if (!offer) throw new ApiError(400, 'No choices are open in this conversation: ask the question again');
    const picked = offer.choices.find((c) => c.id === choice);
    if (!picked && choice !== NONE_OF_THESE) throw new ApiError(400, `choice must be the id of one of the choices offered, or "${NONE_OF_THESE}"`);
    const reply: Reply = picked
      ? {
          kind: 'answer',
          answer: picked.answer,
          sources: picked.sources,
          escalated: false,
          confidence: offer.confidence,
          suggestions: [],
          memory: engine.picked(offer.question, picked, now()),
        }
      : engine.escalation(offer.question, now());
    const clientKey = await clientHash(address);
    // A pick is a labelled wording: this question, this sentence (one vote per client).
    // Its wording may be taught (learn()): links and addresses are never part of it.
    const wording = picked ? taughtWording(offer.question) : '';
    const wordingKey = wording ? engine.wordingKey(wording) : '';
    const vote: Vote | undefined =
      picked && wordingKey
        ? {
            wordingKey,
            wording,
            sentence: engine.sentenceText(picked.passage, picked.sentence) ?? picked.answer,
            quote: picked.answer,
            ...(picked.sources[0] ? { url: picked.sources[0].url } : {}),
            clientKey,
            verdict: 1,
          }
        : undefined;
    const recorded = await store.recordPick(
      {
        conversationId,
        question: offer.question,
        answer: reply.answer,
        escalated: reply.escalated,
        confidence: reply.confidence,
        memory: reply.memory,
        pick: { turn: offer.turn, choice },
        ...(reply.escalated ? { terms: signature(engine.query(offer.question)), clientKey } : {}),
      },
      cap,
      undefined,
      vote,
    );
    // Another request picked first, or a new question came in meanwhile.
    if (!recorded) throw new ApiError(400, 'Those choices are no longer open: ask the question again');
    if (vote) await learn(vote);
    return response(conversationId, reply, recorded.escalationId ? { escalationId: recorded.escalationId } : {});
  }
}
