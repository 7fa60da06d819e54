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

/** What a visitor answers to a reply that offered choices: one of the offered ids, or none of them. */
export const NONE_OF_THESE = 'none';
export const ChoiceId = z
  .string({ error: 'choice must be a string' })
  .regex(/^[A-Za-z0-9_-]{1,32}$/, `choice must be the id of an offered choice or "${NONE_OF_THESE}"`);

export function chatRequestSchema(maxMessageChars: number) {
  return z
    .object(
      {
        message: z
          .string({ error: 'message must be a string' })
          .transform((s) => cleanText(s).trim())
          .pipe(z.string().min(1, 'message must not be empty').max(maxMessageChars, `message must be at most ${maxMessageChars} characters`))
          .optional(),
        /** From the previous reply; an id this server did not issue starts a new conversation. */
        conversationId: ConversationId.optional(),
        /** With the conversationId of a reply that offered choices: the id picked, or "none" (ask the team). */
        choice: ChoiceId.optional(),
      },
      { error: 'body must be a JSON object with a "message" string' },
    )
    .superRefine(({ message, choice, conversationId }, ctx) => {
      if (choice === undefined && message === undefined) ctx.addIssue({ code: 'custom', message: 'message is required', path: ['message'] });
      if (choice !== undefined && message !== undefined)
        ctx.addIssue({ code: 'custom', message: 'send either a message or a choice, not both', path: ['choice'] });
      if (choice !== undefined && conversationId === undefined)
        ctx.addIssue({ code: 'custom', message: 'choice needs the conversationId of the reply that offered it', path: ['conversationId'] });
    });
}
export type ChatRequest = z.infer<ReturnType<typeof chatRequestSchema>>;

export const Source = z.object({ title: z.string(), url: z.string() });
export type Source = z.infer<typeof Source>;

/** One quote offered when the bot is not sure which answers: pick it by its id. */
export const Choice = z.object({ id: z.string(), answer: z.string(), sources: z.array(Source) });
export type Choice = z.infer<typeof Choice>;

export const ChatResponse = z.object({
  /** Send it back with the next message to continue the conversation. */
  conversationId: z.string(),
  /** A verbatim quote of the pages (or a staff answer, a small-talk reply, the escalation notice, the prompt before choices). */
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
  /**
   * The bot is not sure which quote answers: 1–3 quotes of different
   * sentences, best first (`escalated` is false, `answer` the prompt). Send
   * back `{conversationId, choice: id}`, or `choice: "none"` to ask the team.
   */
  choices: z.array(Choice).min(1).max(3).optional(),
});
export type ChatResponse = z.infer<typeof ChatResponse>;
