// POST /api/escalations/{id}/contact — the visitor leaves an address for an
// escalated question: {email, name?, message?} → 202. The contact is stored,
// the escalation marked forwarded and the helpdesk mail queued in one step;
// the outbox delivers it in the background.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { ApiError } from '../http/errors.js';
import { jsonBody } from '../http/json-body.js';
import { cleanText } from '../http/text.js';
import { EmailAddress } from '../mail/headers.js';
import { helpdeskMail } from '../mail/helpdesk.js';

// Escalation ids are random UUIDs; anything else cannot exist.
const EscalationId = /^[0-9a-f-]{36}$/i;

const Contact = z.object({
  email: z.string({ error: 'email must be a string' }).trim().pipe(EmailAddress),
  // A name goes into a mail header (Reply-To): no line breaks or control characters at all.
  name: z.string({ error: 'name must be a string' }).trim().max(100, 'name must be at most 100 characters')
    .regex(/^[^\p{Cc}\p{Zl}\p{Zp}]*$/u, 'name must be a single line').optional(),
  message: z.string({ error: 'message must be a string' }).transform((s) => cleanText(s).trim())
    .pipe(z.string().max(2000, 'message must be at most 2000 characters')).optional(),
}, { error: 'body must be a JSON object with an "email" string' });

export function escalationRoutes({ store, config, outbox }: AppDeps) {
  return new Hono().post('/:id/contact', async (c) => {
    const id = c.req.param('id');
    const { email, name, message } = await jsonBody(c, Contact, config.maxBodyBytes);
    const escalation = EscalationId.test(id) ? await store.getEscalation(id) : undefined;
    if (!escalation) throw new ApiError(404, 'No such escalation');
    const contact = { email, ...(name ? { name } : {}), ...(message ? { message } : {}) };
    const mail = helpdeskMail({
      escalation, contact, transcript: await store.transcript(escalation.conversationId),
      helpdeskEmail: config.helpdeskEmail, publicUrl: config.publicUrl,
    });
    const forwarded = await store.forwardEscalation(id, contact, mail);
    if (!forwarded) throw new ApiError(404, 'No such escalation');
    outbox?.kick();
    return c.json({ escalationId: id, status: forwarded.status }, 202);
  });
}
