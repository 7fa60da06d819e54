// One turn of a conversation, in one place: find the conversation (only ids
// this service issued continue one), answer from staff knowledge or the
// pages, record the turn and, when it escalates, open a question for staff.
// Routes only translate HTTP to this and back.
import type { AppConfig } from '../config.js';
import type { ChatResponse } from '../contract.js';
import type { TurnMemory } from '../engine/conversation.js';
import type { Engine } from '../engine/engine.js';
import type { StaffAnswers } from '../engine/staff-answers.js';
import { staffReply } from '../engine/staff-reply.js';
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
}

export interface AssistantParts {
  engine: Engine;
  store: Store;
  staffAnswers: StaffAnswers;
  config: Pick<AppConfig, 'openQuestionsPerClient'>;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

export function createAssistant({ engine, store, staffAnswers, config }: AssistantParts): Assistant {
  let salt: Promise<string> | undefined;

  async function clientHash(address: string | undefined): Promise<string> {
    salt ??= store.secret('client-key-salt');
    const data = new TextEncoder().encode(`${await salt}:${clientKey(address)}`);
    return hex(await crypto.subtle.digest('SHA-256', data)).slice(0, 32);
  }

  return {
    clientHash,
    async turn({ message, conversationId: given, address }) {
      // A conversation continues only under an id this service issued:
      // anything else (made up, guessed, purged) starts a new one.
      const known = given ? await store.conversation(given) : undefined;
      const conversationId = known ? given! : crypto.randomUUID();
      const previous = known?.memory as TurnMemory | undefined;
      // A question staff have answered gets their answer, before the pages:
      // staff answers exist exactly where the pages fell short.
      const staff = await staffAnswers.match(message);
      const reply = staff ? staffReply(engine, staff) : engine.ask(message, { previous });
      const terms = reply.escalated ? engine.query(message).terms.filter((t) => !t.fromContext).map((t) => t.term).join(' ') : undefined;
      const { escalationId } = await store.recordTurn({
        conversationId, question: message, answer: reply.answer,
        escalated: reply.escalated, confidence: reply.confidence, memory: reply.memory,
        ...(staff ? { staffAnswerId: staff.answer.id } : {}),
        ...(reply.escalated ? { terms, clientKey: await clientHash(address) } : {}),
      }, config.openQuestionsPerClient > 0 ? { max: config.openQuestionsPerClient, windowMs: DAY } : undefined);
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
