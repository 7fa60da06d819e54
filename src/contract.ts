// The chat API's contract, in one place: the request schema the route
// validates with, and the response type the route returns, the widget reads
// and the eval tools grade. Platform-neutral (zod only).
import { z } from 'zod';
import { cleanText } from './http/text.js';

/** Ids the server issues (random UUIDs); the pattern only bounds what is looked up. */
export const ConversationId = z
  .string({ error: 'conversationId must be a string' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'conversationId must be 8–64 letters, digits, - or _');

export function chatRequestSchema(maxMessageChars: number) {
  return z.object(
    {
      message: z
        .string({ error: 'message must be a string' })
        .transform((s) => cleanText(s).trim())
        .pipe(z.string().min(1, 'message must not be empty').max(maxMessageChars, `message must be at most ${maxMessageChars} characters`)),
      /** From the previous reply; an id this server did not issue starts a new conversation. */
      conversationId: ConversationId.optional(),
    },
    { error: 'body must be a JSON object with a "message" string' },
  );
}
export type ChatRequest = z.infer<ReturnType<typeof chatRequestSchema>>;

export const Source = z.object({ title: z.string(), url: z.string() });
export type Source = z.infer<typeof Source>;

export const ChatResponse = z.object({
  /** Send it back with the next message to continue the conversation. */
  conversationId: z.string(),
  /** A verbatim quote of the pages (or a staff answer, a small-talk reply, the escalation notice). */
  answer: z.string(),
  sources: z.array(Source),
  /** The pages do not answer: the question went to the helpdesk. */
  escalated: z.boolean(),
  /** 0–1. */
  confidence: z.number(),
  /** Questions to offer as chips. */
  suggestions: z.array(z.string()),
  /** Small talk that offers to forward a question to a person. */
  offerEscalation: z.literal(true).optional(),
  /** For an escalated turn: where the visitor may leave an address (POST /api/escalations/{id}/contact). */
  escalationId: z.string().optional(),
});
export type ChatResponse = z.infer<typeof ChatResponse>;
