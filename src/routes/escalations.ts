// POST /api/escalations/{id}/contact — the visitor leaves an address for an
// escalated question: {email, name?, message?} → 202. The contact is stored,
// the escalation marked forwarded and the helpdesk mail queued in one step;
// the outbox delivers it in the background. One helpdesk mail per escalation
// per hour, whatever the address: another contact within the hour updates
// the contact (202), and the mail if it is still waiting, without mailing
// the helpdesk again. A question staff already closed takes no contact (409).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { jsonBody } from '../http/json-body.js';
import { cleanText } from '../http/text.js';
import { EmailAddress } from '../mail/headers.js';
import { helpdeskMail, TRANSCRIPT_TURNS } from '../mail/helpdesk.js';

// Escalation ids are random UUIDs; anything else cannot exist.
const EscalationId = /^[0-9a-f-]{36}$/i;

const Contact = z.object(
  {
    email: z.string({ error: 'email must be a string' }).trim().pipe(EmailAddress),
    // A name goes into a mail header (Reply-To): one line, no control or
    // invisible characters, and not an address (a display name such as
    // "helpdesk@example.org" would make the visitor look like the helpdesk).
    // NFKC first, so the check sees what a mail client shows: "＠" (U+FF20)
    // and "﹫" (U+FE6B) become "@", full-width letters plain ones.
    name: z
      .string({ error: 'name must be a string' })
      .transform((s) => cleanText(s.normalize('NFKC')).trim())
      .pipe(
        z
          .string()
          .max(100, 'name must be at most 100 characters')
          .regex(/^[^\p{Cc}\p{Zl}\p{Zp}]*$/u, 'name must be a single line')
          .refine((s) => !s.includes('@'), 'name must be a name, not an e-mail address'),
      )
      .optional(),
    message: z
      .string({ error: 'message must be a string' })
      .transform((s) => cleanText(s).trim())
      .pipe(z.string().max(2000, 'message must be at most 2000 characters'))
      .optional(),
  },
  { error: 'body must be a JSON object with an "email" string' },
);

export function escalationRoutes({ store, config, outbox }: AppDeps) {
  return new Hono().post('/:id/contact', async (c) => {
    const id = c.req.param('id');
    const { email, name, message } = await jsonBody(c, Contact, config.maxBodyBytes);
    const escalation = EscalationId.test(id) ? await store.getEscalation(id) : undefined;
    if (!escalation) throw new ApiError(404, 'No such escalation');
    if (escalation.status === 'resolved') throw new ApiError(409, 'This question was already closed by the helpdesk; ask it again to reach them');
    const contact = { email, ...(name ? { name } : {}), ...(message ? { message } : {}) };
    const mail = helpdeskMail({
      escalation,
      contact,
      transcript: await store.transcript(escalation.conversationId, TRANSCRIPT_TURNS + 1),
      helpdeskEmail: config.helpdeskEmail,
      publicUrl: config.publicUrl,
    });
    const result = await store.forwardEscalation(id, contact, mail);
    if (result.outcome === 'missing') throw new ApiError(404, 'No such escalation');
    if (result.outcome === 'resolved') throw new ApiError(409, 'This question was already closed by the helpdesk; ask it again to reach them');
    if (result.mailed) outbox?.kick();
    return c.json({ escalationId: id, status: result.escalation.status }, 202);
  });
}
