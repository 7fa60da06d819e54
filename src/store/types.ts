// The store behind the app: one small async interface, so the Node (SQLite),
// Worker (D1) and in-memory adapters are interchangeable.
import type { TurnMemory } from '../engine/conversation.js';

export interface TurnRecord {
  conversationId: string;
  question: string;
  answer: string;
  escalated: boolean;
  confidence: number;
  /** What the turn was about, to resolve the next follow-up. */
  memory?: TurnMemory;
}

export interface Store {
  /** What the conversation's last turn was about, if it exists. */
  lastTurn(conversationId: string): Promise<TurnMemory | undefined>;
  /** Record a turn; an escalated turn gets an escalation id. */
  recordTurn(turn: TurnRecord): Promise<{ escalationId?: string }>;
  close?(): Promise<void>;
}
