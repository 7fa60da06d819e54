// The staff JSON API under /api/admin (Bearer ADMIN_TOKEN): review escalated
// questions, resolve them (optionally with an answer the bot then uses),
// manage staff answers, read feedback, the outbox and simple figures.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { ApiError } from '../http/errors.js';
import { jsonBody } from '../http/json-body.js';
import { requireBearer } from '../admin/auth.js';
import { staffAnswersMarkdown } from '../admin/export.js';
import { groupSimilar } from '../admin/groups.js';
import { ESCALATION_STATUSES, type Escalation, type OutboxMail, type Store } from '../store/types.js';

const DAY = 24 * 60 * 60 * 1000;
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

const StatusQuery = z.enum(ESCALATION_STATUSES as [string, ...string[]], { error: 'status must be open, forwarded or resolved' }).optional();
const HttpUrl = z.url({ protocol: /^https?$/, error: 'sourceUrl must be an http(s) URL' }).max(500);
const Text = (field: string, max: number) => z.string({ error: `${field} must be a string` }).trim()
  .min(1, `${field} must not be empty`).max(max, `${field} must be at most ${max} characters`);

const Resolve = z.object({
  answer: Text('answer', 4000).optional(),
  /** The question as the bot should match it; default the visitor's wording. */
  question: Text('question', 500).optional(),
  sourceUrl: HttpUrl.optional(),
}, { error: 'body must be a JSON object' });

const AnswerChange = z.object({
  question: Text('question', 500).optional(),
  answer: Text('answer', 4000).optional(),
  sourceUrl: HttpUrl.nullable().optional(),
}, { error: 'body must be a JSON object' }).refine((b) => Object.keys(b).length > 0, 'give question, answer or sourceUrl');

const NumericId = z.coerce.number({ error: 'id must be a number' }).int().positive('id must be a positive number');

export function escalationItem(e: Escalation, similar?: Escalation[]) {
  return {
    id: e.id,
    question: e.question,
    status: e.status,
    createdAt: iso(e.createdAt)!,
    conversationId: e.conversationId,
    ...(e.contact ? { email: e.contact.email, ...(e.contact.name ? { name: e.contact.name } : {}), ...(e.contact.message ? { message: e.contact.message } : {}) } : {}),
    ...(e.forwardedAt ? { forwardedAt: iso(e.forwardedAt) } : {}),
    ...(e.resolvedAt ? { resolvedAt: iso(e.resolvedAt) } : {}),
    ...(e.staffAnswerId ? { staffAnswerId: e.staffAnswerId } : {}),
    ...(similar?.length ? { similarCount: similar.length + 1, similarIds: similar.map((s) => s.id) } : {}),
  };
}

export const outboxItem = (m: OutboxMail) => ({
  id: m.id, escalationId: m.escalationId, to: m.to, replyTo: m.replyTo?.address, subject: m.subject, status: m.status,
  attempts: m.attempts, createdAt: iso(m.createdAt), sentAt: iso(m.sentAt), nextAttemptAt: m.status === 'pending' ? iso(m.nextAttemptAt) : undefined,
  lastError: m.lastError,
});

/** Escalations for the staff view: open ones grouped by similar wording, newest first. */
export async function listForStaff(deps: AppDeps, status: string | undefined) {
  const list = await deps.store.listEscalations(status as Escalation['status'] | undefined);
  const similar = (a: string, b: string) => deps.staffAnswers.similarity(a, b) >= deps.config.staffAnswerMinScore;
  const open = groupSimilar(list.filter((e) => e.status === 'open'), similar);
  const byLead = new Map(open.map((g) => [g.lead.id, g.others]));
  const hidden = new Set(open.flatMap((g) => g.others.map((o) => o.id)));
  return list.filter((e) => !hidden.has(e.id)).map((e) => ({ escalation: e, similar: byLead.get(e.id) ?? [] }));
}

/** Resolve an escalation (and, with an answer, its still-open similar ones). 404 / 409 as ApiError. */
export async function resolveForStaff(deps: AppDeps, id: string, body: z.infer<typeof Resolve>) {
  const e = await deps.store.getEscalation(id);
  if (!e) throw new ApiError(404, 'No such escalation');
  if (e.status === 'resolved') throw new ApiError(409, 'Escalation is already resolved');
  let ids = [id];
  if (body.answer) {
    // The bot will answer these wordings now, so nobody needs to look at them again.
    const similar = (await listForStaff(deps, 'open')).find((x) => x.escalation.id === id)?.similar ?? [];
    ids = [id, ...similar.map((s) => s.id)];
  }
  const answer = body.answer ? { question: body.question ?? e.question, answer: body.answer, ...(body.sourceUrl ? { sourceUrl: body.sourceUrl } : {}) } : undefined;
  const result = await deps.store.resolveEscalations(ids, answer);
  if (!result) throw new ApiError(404, 'No such escalation');
  deps.staffAnswers.invalidate();
  return result;
}

export async function statsForStaff(store: Store, now = Date.now()) {
  const [last7, last30] = await Promise.all([store.stats(now - 7 * DAY), store.stats(now - 30 * DAY)]);
  return { last7Days: last7, last30Days: last30 };
}

export function adminApiRoutes(deps: AppDeps, token: string) {
  const { store, config, staffAnswers } = deps;
  const app = new Hono();
  app.use('*', requireBearer(token));

  app.get('/escalations', async (c) => {
    const status = StatusQuery.safeParse(c.req.query('status') || undefined);
    if (!status.success) throw new ApiError(400, status.error.issues[0]!.message);
    const items = (await listForStaff(deps, status.data)).map(({ escalation, similar }) => escalationItem(escalation, similar));
    return c.json({ items });
  });

  app.get('/escalations/:id', async (c) => {
    const e = await store.getEscalation(c.req.param('id'));
    if (!e) throw new ApiError(404, 'No such escalation');
    const transcript = (await store.transcript(e.conversationId)).map((t) => ({ ...t, createdAt: iso(t.createdAt) }));
    return c.json({ ...escalationItem(e), transcript });
  });

  app.post('/escalations/:id/resolve', async (c) => {
    const body = await jsonBody(c, Resolve, config.maxBodyBytes);
    const { resolved, staffAnswer } = await resolveForStaff(deps, c.req.param('id'), body);
    return c.json({ resolved, ...(staffAnswer ? { staffAnswer } : {}) });
  });

  app.get('/answers', async (c) => c.json({ items: await store.listStaffAnswers() }));

  app.get('/answers/export', async (c) => {
    c.header('Content-Type', 'text/markdown; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="staff-answers.md"');
    return c.body(staffAnswersMarkdown(await store.listStaffAnswers()));
  });

  app.put('/answers/:id', async (c) => {
    const id = NumericId.safeParse(c.req.param('id'));
    const change = await jsonBody(c, AnswerChange, config.maxBodyBytes);
    const updated = id.success ? await store.updateStaffAnswer(id.data, {
      ...(change.question ? { question: change.question } : {}),
      ...(change.answer ? { answer: change.answer } : {}),
      ...(change.sourceUrl !== undefined ? { sourceUrl: change.sourceUrl ?? undefined } : {}),
    }) : undefined;
    if (!updated) throw new ApiError(404, 'No such staff answer');
    staffAnswers.invalidate();
    return c.json(updated);
  });

  app.delete('/answers/:id', async (c) => {
    const id = NumericId.safeParse(c.req.param('id'));
    if (!id.success || !(await store.removeStaffAnswer(id.data))) throw new ApiError(404, 'No such staff answer');
    staffAnswers.invalidate();
    return c.body(null, 204);
  });

  app.get('/feedback', async (c) => {
    const h = c.req.query('helpful');
    if (h !== undefined && h !== 'true' && h !== 'false') throw new ApiError(400, 'helpful must be true or false');
    const items = await store.listFeedback(h === undefined ? undefined : h === 'true');
    return c.json({ items: items.map((f) => ({ ...f, createdAt: iso(f.createdAt) })) });
  });

  app.get('/outbox', async (c) => c.json({ smtpConfigured: deps.outbox !== undefined, items: (await store.listOutbox()).map(outboxItem) }));

  app.get('/stats', async (c) => c.json(await statsForStaff(store)));

  return app;
}
