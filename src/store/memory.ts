// In-memory store: conversations kept in one process, bounded in count and
// age (oldest dropped first). Used by tests and as the fallback when no
// database is configured; the SQLite and D1 adapters make turns durable.
import type { TurnMemory } from '../engine/conversation.js';
import type { Store, TurnRecord } from './types.js';

export interface MemoryStoreOptions {
  /** Most conversations remembered. Default 10 000. */
  maxConversations?: number;
  /** A conversation idle longer than this (ms) is forgotten. Default 30 min. */
  maxAgeMs?: number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const max = options.maxConversations ?? 10_000;
  const maxAge = options.maxAgeMs ?? 30 * 60 * 1000;
  // A Map iterates in insertion order; re-inserting on use makes it an LRU.
  const conversations = new Map<string, TurnMemory>();
  let escalations = 0;
  return {
    async lastTurn(id) {
      const m = conversations.get(id);
      if (!m) return undefined;
      if (Date.now() - m.at > maxAge) {
        conversations.delete(id);
        return undefined;
      }
      return m;
    },
    async recordTurn(turn: TurnRecord) {
      if (turn.memory) {
        conversations.delete(turn.conversationId);
        conversations.set(turn.conversationId, turn.memory);
        while (conversations.size > max) conversations.delete(conversations.keys().next().value!);
      }
      return turn.escalated ? { escalationId: `mem-${++escalations}` } : {};
    },
  };
}
