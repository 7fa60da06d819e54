// POST /api/chat — the visitor's question in, a cited answer (or an
// escalation) out. The contract is src/contract.ts; the turn itself is the
// assistant service's.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { chatRequestSchema } from '../contract.js';
import { jsonBody } from '../http/json-body.js';

export function chatRoutes({ assistant, config, client }: AppDeps) {
  const ChatRequest = chatRequestSchema(config.maxMessageChars);
  return new Hono().post('/', async (c) => {
    const { message, conversationId, choice } = await jsonBody(c, ChatRequest, config.maxBodyBytes);
    c.set('logDetail', message !== undefined ? { message } : { choice: choice! });
    const reply = await assistant.turn({ message, conversationId, choice, address: client(c).address });
    c.set('conversationId', reply.conversationId);
    return c.json(reply);
  });
}
