// POST /api/chat — the visitor's question in, a cited answer (or an
// escalation) out. Contract: {message, conversationId?} → {conversationId,
// answer, sources, escalated, confidence, suggestions, escalationId?}.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { jsonBody } from '../http/json-body.js';
import { cleanText } from '../http/text.js';
import { staffReply } from '../engine/staff-reply.js';

export const ConversationId = z.string().trim().regex(/^[A-Za-z0-9_-]{8,64}$/, 'conversationId must be 8–64 letters, digits, - or _');

export function chatRoutes({ engine, store, config, staffAnswers }: AppDeps) {
  const ChatRequest = z.object({
    message: z.string({ error: 'message must be a string' })
      .transform((s) => cleanText(s).trim())
      .pipe(z.string().min(1, 'message must not be empty').max(config.maxMessageChars, `message must be at most ${config.maxMessageChars} characters`)),
    conversationId: ConversationId.optional(),
  }, { error: 'body must be a JSON object with a "message" string' });

  return new Hono().post('/', async (c) => {
    const { message, conversationId: given } = await jsonBody(c, ChatRequest, config.maxBodyBytes);
    const conversationId = given ?? crypto.randomUUID();
    c.set('conversationId', conversationId);
    c.set('logDetail', { message });
    const previous = given ? await store.lastTurn(given) : undefined;
    // A question staff have answered gets their answer, before the pages:
    // staff answers exist exactly where the pages fell short.
    const staff = await staffAnswers.match(message);
    const reply = staff ? staffReply(engine, staff) : engine.ask(message, { previous });
    const { escalationId } = await store.recordTurn({
      conversationId, question: message, answer: reply.answer,
      escalated: reply.escalated, confidence: reply.confidence, memory: reply.memory,
      ...(staff ? { staffAnswerId: staff.answer.id } : {}),
    });
    return c.json({
      conversationId,
      answer: reply.answer,
      sources: reply.sources,
      escalated: reply.escalated,
      confidence: reply.confidence,
      suggestions: reply.suggestions,
      ...(reply.offerEscalation ? { offerEscalation: true } : {}),
      ...(escalationId ? { escalationId } : {}),
    });
  });
}
