// One turn of a conversation, in one place: find the conversation (only ids
// this service issued continue one), make sure the engine has what staff
// taught, answer, record the turn and, when it escalates, open a question for
// staff. Also the staff side of the same knowledge: whatever staff change
// through the admin routes is applied here before the next turn. Routes only
// translate HTTP to this and back.
import type { AppConfig } from '../config.js';
import type { ChatResponse } from '../contract.js';
import type { TurnMemory } from '../engine/conversation.js';
import type { Engine } from '../engine/engine.js';
import type { Query } from '../engine/query.js';
import { clientKey } from '../http/client.js';
import type { Store } from '../store/types.js';

const DAY = 24 * 60 * 60 * 1000;

export interface TurnInput {
  message: string;
  /** The id the client sent back, if any. */
  conversationId?: string;
  /** The client's address, for the per-client cap on open questions (stored only as a salted hash). */
  address?: string;
}

export interface Assistant {
  turn(input: TurnInput): Promise<ChatResponse>;
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
  config: Pick<AppConfig, 'openQuestionsPerClient' | 'staffRefreshMs'>;
  now?: () => number;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A question's words for grouping open questions on the staff page: each
 * term with the page words it also means (site vocabulary, WordNet
 * synonyms), `term~alt~alt`, so that wordings group by meaning without
 * analysing every question again when the page is shown.
 */
export function signature(query: Query): string {
  return query.terms
    .filter((t) => !t.fromContext)
    .map((t) =>
      [
        t.term,
        ...t.alternatives.filter((a) => a.length === 1).map((a) => a[0]!),
        ...t.related.filter((r) => r.relation === 'synonym' || r.relation === 'derived').map((r) => r.term),
      ].join('~'),
    )
    .join(' ');
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
    async turn({ message, conversationId: given, address }) {
      await sync();
      // A conversation continues only under an id this service issued:
      // anything else (made up, guessed, purged) starts a new one.
      const known = given ? await store.conversation(given) : undefined;
      const conversationId = known ? given! : crypto.randomUUID();
      const previous = known?.memory as TurnMemory | undefined;
      const reply = engine.ask(message, { previous });
      const terms = reply.escalated ? signature(engine.query(message)) : undefined;
      const { escalationId } = await store.recordTurn(
        {
          conversationId,
          question: message,
          answer: reply.answer,
          escalated: reply.escalated,
          confidence: reply.confidence,
          memory: reply.memory,
          ...(reply.staffAnswerId !== undefined ? { staffAnswerId: reply.staffAnswerId } : {}),
          ...(reply.escalated ? { terms, clientKey: await clientHash(address) } : {}),
        },
        config.openQuestionsPerClient > 0 ? { max: config.openQuestionsPerClient, windowMs: DAY } : undefined,
      );
      return {
        conversationId,
        answer: reply.answer,
        sources: reply.sources,
        escalated: reply.escalated,
        confidence: reply.confidence,
        suggestions: reply.suggestions,
        ...(reply.offerEscalation ? { offerEscalation: true as const } : {}),
        ...(escalationId ? { escalationId } : {}),
      };
    },
  };
}
