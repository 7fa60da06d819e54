// POST /api/feedback — {conversationId, helpful, comment?} about the last
// answer of a conversation. Unhelpful answers are listed on the staff page,
// and a thumbs-down on a quote answers with `reply`: the other candidates
// as choices (pick them as any choices), or the helpdesk when there are none.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { jsonBody } from '../http/json-body.js';
import { cleanText } from '../http/text.js';
import { ConversationId } from '../contract.js';

const FeedbackRequest = z.object(
  {
    conversationId: ConversationId,
    helpful: z.boolean({ error: 'helpful must be true or false' }),
    comment: z
      .string({ error: 'comment must be a string' })
      .transform((s) => cleanText(s).trim())
      .pipe(z.string().max(1000, 'comment must be at most 1000 characters'))
      .optional(),
  },
  { error: 'body must be a JSON object with "conversationId" and "helpful"' },
);

export function feedbackRoutes({ store, config, assistant, client }: AppDeps) {
  return new Hono().post('/', async (c) => {
    const { conversationId, helpful, comment } = await jsonBody(c, FeedbackRequest, config.maxBodyBytes);
    const saved = await store.recordFeedback({ conversationId, helpful, ...(comment ? { comment } : {}) });
    if (!saved) throw new ApiError(404, 'No such conversation');
    // "Not this one": the other candidates (or the helpdesk), as the next reply of the conversation.
    const reply = helpful ? undefined : await assistant.notThisOne(conversationId, client(c).address);
    return c.json({ ok: true, ...(reply ? { reply } : {}) }, 201);
  });
}
