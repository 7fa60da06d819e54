// The staff JSON API under /api/admin (Bearer ADMIN_TOKEN): review escalated
// questions, resolve them (optionally with an answer the bot then uses),
// manage staff answers, read feedback, the outbox and simple figures.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { jsonBody } from '../http/json-body.js';
import { staffAnswersMarkdown } from '../admin/export.js';
import { groupSimilar, type Group } from '../admin/groups.js';
import type { StaffAuth } from '../admin/auth.js';
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

/** Open questions shown per page of the staff view. */
export const PAGE_SIZE = 25;

export interface StaffList {
  items: { escalation: Escalation; similar: Escalation[] }[];
  /** Items (groups, for open questions) in this status in all. */
  total: number;
  page: number;
  pages: number;
}

/** How much a term says when grouping: nothing for words on most passages, the rarer the more. */
function grouping(deps: AppDeps) {
  const { index } = deps.engine;
  const n = index.passages.length;
  return {
    weight: (t: string) => {
      const df = index.df[t] ?? 0;
      return df > n / 2 ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5));
    },
    minSimilarity: deps.config.staffAnswerMinScore,
  };
}

/** The open questions, grouped by similar wording, newest group first. */
export async function openGroups(deps: AppDeps): Promise<Group[]> {
  return groupSimilar(await deps.store.listEscalations('open'), grouping(deps));
}

/** One page of a status's escalations for the staff view; open ones grouped by similar wording. */
export async function listForStaff(deps: AppDeps, status: Escalation['status'] | undefined, page = 1): Promise<StaffList> {
  const at = Math.max(1, Math.floor(page));
  const paged = (all: StaffList['items']): StaffList => ({
    items: all.slice((at - 1) * PAGE_SIZE, at * PAGE_SIZE), total: all.length, page: at, pages: Math.max(1, Math.ceil(all.length / PAGE_SIZE)),
  });
  const grouped = async () => (await openGroups(deps)).map((g) => ({ escalation: g.lead, similar: g.others }));
  if (status === 'open') return paged(await grouped());
  if (status === undefined) {
    // Every status, newest first; open ones grouped.
    const [open, rest] = await Promise.all([grouped(), deps.store.listEscalations()]);
    const others = rest.filter((e) => e.status !== 'open').map((e) => ({ escalation: e, similar: [] as Escalation[] }));
    return paged([...open, ...others].sort((a, b) => b.escalation.createdAt - a.escalation.createdAt));
  }
  const [rows, counts] = await Promise.all([
    deps.store.listEscalations(status, { limit: PAGE_SIZE, offset: (at - 1) * PAGE_SIZE }),
    deps.store.countEscalations(),
  ]);
  return { items: rows.map((e) => ({ escalation: e, similar: [] })), total: counts[status], page: at, pages: Math.max(1, Math.ceil(counts[status] / PAGE_SIZE)) };
}

/** Resolve an escalation (and, with an answer, its still-open similar ones). 404 / 409 as ApiError. */
export async function resolveForStaff(deps: AppDeps, id: string, body: z.infer<typeof Resolve>) {
  const e = await deps.store.getEscalation(id);
  if (!e) throw new ApiError(404, 'No such escalation');
  if (e.status === 'resolved') throw new ApiError(409, 'Escalation is already resolved');
  let ids = [id];
  if (body.answer && e.status === 'open') {
    // The bot will answer these wordings now, so nobody needs to look at them again.
    const group = (await openGroups(deps)).find((g) => g.lead.id === id || g.others.some((o) => o.id === id));
    ids = [id, ...(group ? [group.lead, ...group.others].map((x) => x.id).filter((x) => x !== id) : [])];
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

const PageQuery = z.coerce.number({ error: 'page must be a number' }).int('page must be a whole number').min(1, 'page must be 1 or more').max(100_000).optional();

export function adminApiRoutes(deps: AppDeps, auth: StaffAuth) {
  const { store, config, staffAnswers } = deps;
  const app = new Hono();
  app.use('*', auth.api);

  app.get('/escalations', async (c) => {
    const status = StatusQuery.safeParse(c.req.query('status') || undefined);
    if (!status.success) throw new ApiError(400, status.error.issues[0]!.message);
    const page = PageQuery.safeParse(c.req.query('page') || undefined);
    if (!page.success) throw new ApiError(400, page.error.issues[0]!.message);
    const list = await listForStaff(deps, status.data as Escalation['status'] | undefined, page.data);
    return c.json({
      page: list.page, pages: list.pages, total: list.total,
      items: list.items.map(({ escalation, similar }) => escalationItem(escalation, similar)),
    });
  });

  app.get('/escalations/:id', async (c) => {
    const e = await store.getEscalation(c.req.param('id'));
    if (!e) throw new ApiError(404, 'No such escalation');
    const transcript = (await store.transcript(e.conversationId, 50)).map((t) => ({ ...t, createdAt: iso(t.createdAt) }));
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
