// The staff JSON API under /api/admin (Bearer ADMIN_TOKEN or a staff
// session): review escalated questions, resolve them with an answer or with
// the sentence of the pages that answers them, teach and correct the bot,
// read the log, feedback, the outbox and figures. The work is the staff
// service's (src/service/staff.ts); this file only translates HTTP.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { jsonBody } from '../http/json-body.js';
import { staffAnswersMarkdown, staffAnswersYaml } from '../admin/export.js';
import type { StaffAuth } from '../admin/auth.js';
import { ESCALATION_STATUSES, type Escalation, type LoggedTurn, type OutboxMail, type Store, type Suggestion } from '../store/types.js';
import type { CorrectionInput, Resolution } from '../service/staff.js';
import { createSuggestionService } from '../service/suggestions.js';

const DAY = 24 * 60 * 60 * 1000;
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

const SuggestionStatusQuery = z.enum(['open', 'accepted', 'rejected', 'learned'], { error: 'status must be open, accepted, rejected or learned' }).optional();
const StatusQuery = z.enum(ESCALATION_STATUSES as [string, ...string[]], { error: 'status must be open, forwarded or resolved' }).optional();
const PageQuery = z.coerce
  .number({ error: 'page must be a number' })
  .int('page must be a whole number')
  .min(1, 'page must be 1 or more')
  .max(100_000)
  .optional();
const HttpUrl = z.url({ protocol: /^https?$/, error: 'sourceUrl must be an http(s) URL' }).max(500);
const Text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`);

/** Exactly one of answer, quote or dismiss. */
export const ResolveBody = z
  .object(
    {
      answer: Text('answer', 4000).optional(),
      quote: Text('quote', 1000).optional(),
      dismiss: z.literal(true, { error: 'dismiss must be true' }).optional(),
      /** The question as the bot should match it; default the visitor's wording. */
      question: Text('question', 500).optional(),
      sourceUrl: HttpUrl.optional(),
    },
    { error: 'body must be a JSON object' },
  )
  .refine((b) => [b.answer, b.quote, b.dismiss].filter((x) => x !== undefined).length === 1, 'give one of answer, quote or dismiss')
  .refine((b) => !(b.quote && b.sourceUrl), 'a quote is cited with its own page: give no sourceUrl');

export function resolution(b: z.infer<typeof ResolveBody>): Resolution {
  if (b.dismiss) return { dismiss: true };
  if (b.quote) return { quote: b.quote, ...(b.question ? { question: b.question } : {}) };
  return { answer: b.answer!, ...(b.sourceUrl ? { sourceUrl: b.sourceUrl } : {}), ...(b.question ? { question: b.question } : {}) };
}

const TeachBody = z
  .object(
    {
      question: Text('question', 500),
      answer: Text('answer', 4000).optional(),
      quote: Text('quote', 1000).optional(),
      sourceUrl: HttpUrl.optional(),
    },
    { error: 'body must be a JSON object with "question" and "answer" or "quote"' },
  )
  .refine((b) => (b.answer === undefined) !== (b.quote === undefined), 'give answer or quote');

const CorrectBody = z
  .object(
    {
      escalate: z.literal(true, { error: 'escalate must be true' }).optional(),
      answer: Text('answer', 4000).optional(),
      quote: Text('quote', 1000).optional(),
      sourceUrl: HttpUrl.optional(),
    },
    { error: 'body must be a JSON object' },
  )
  .refine((b) => [b.escalate, b.answer, b.quote].filter((x) => x !== undefined).length === 1, 'give one of escalate, answer or quote');

export function correctionInput(b: z.infer<typeof CorrectBody>): CorrectionInput {
  if (b.escalate) return { escalate: true };
  if (b.quote) return { quote: b.quote };
  return { answer: b.answer!, ...(b.sourceUrl ? { sourceUrl: b.sourceUrl } : {}) };
}

const AnswerChange = z
  .object(
    {
      question: Text('question', 500).optional(),
      answer: Text('answer', 4000).optional(),
      sourceUrl: HttpUrl.nullable().optional(),
    },
    { error: 'body must be a JSON object' },
  )
  .refine((b) => Object.keys(b).length > 0, 'give question, answer or sourceUrl');

const QuestionBody = z.object({ question: Text('question', 500) }, { error: 'body must be a JSON object with a "question" string' });

const NumericId = z.coerce.number({ error: 'id must be a number' }).int().positive('id must be a positive number').max(Number.MAX_SAFE_INTEGER);
const numericId = (c: Context, name = 'id') => {
  const r = NumericId.safeParse(c.req.param(name));
  if (!r.success) throw new ApiError(404, 'Not found');
  return r.data;
};

export function escalationItem(e: Escalation, similar?: Escalation[]) {
  return {
    id: e.id,
    question: e.question,
    status: e.status,
    createdAt: iso(e.createdAt)!,
    conversationId: e.conversationId,
    ...(e.contact
      ? { email: e.contact.email, ...(e.contact.name ? { name: e.contact.name } : {}), ...(e.contact.message ? { message: e.contact.message } : {}) }
      : {}),
    ...(e.forwardedAt ? { forwardedAt: iso(e.forwardedAt) } : {}),
    ...(e.resolvedAt ? { resolvedAt: iso(e.resolvedAt) } : {}),
    ...(e.repliedAt ? { repliedAt: iso(e.repliedAt), addressDeleted: true } : {}),
    ...(e.staffAnswerId ? { staffAnswerId: e.staffAnswerId } : {}),
    ...(similar?.length ? { similarCount: similar.length + 1, similarIds: similar.map((s) => s.id), similarQuestions: similar.map((s) => s.question) } : {}),
  };
}

export const turnItem = (t: LoggedTurn) => ({ ...t, createdAt: iso(t.createdAt) });

export const outboxItem = (m: OutboxMail) => ({
  id: m.id,
  escalationId: m.escalationId,
  to: m.to,
  replyTo: m.replyTo?.address,
  subject: m.subject,
  status: m.status,
  attempts: m.attempts,
  createdAt: iso(m.createdAt),
  sentAt: iso(m.sentAt),
  nextAttemptAt: m.status === 'pending' ? iso(m.nextAttemptAt) : undefined,
  lastError: m.lastError,
});

export async function statsForStaff(store: Store, now = Date.now()) {
  const [last7, last30] = await Promise.all([store.stats(now - 7 * DAY), store.stats(now - 30 * DAY)]);
  return { last7Days: last7, last30Days: last30 };
}

const parsed = <T>(r: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } }): T => {
  if (!r.success) throw new ApiError(400, r.error.issues[0]!.message);
  return r.data;
};

export function adminApiRoutes(deps: AppDeps, auth: StaffAuth) {
  const { store, config, staff } = deps;
  const app = new Hono();
  app.use('*', auth.api);

  app.get('/escalations', async (c) => {
    const status = parsed(StatusQuery.safeParse(c.req.query('status') || undefined)) as Escalation['status'] | undefined;
    const page = parsed(PageQuery.safeParse(c.req.query('page') || undefined));
    const list = await staff.list(status, { page, search: c.req.query('q') });
    return c.json({
      page: list.page,
      pages: list.pages,
      total: list.total,
      counts: list.counts,
      items: list.items.map(({ escalation, similar }) => escalationItem(escalation, similar)),
    });
  });

  app.get('/escalations/suggested', async (c) => c.json({ items: await staff.frequent() }));

  app.get('/escalations/:id', async (c) => {
    const e = await store.getEscalation(c.req.param('id'));
    if (!e) throw new ApiError(404, 'No such escalation');
    const transcript = (await store.transcript(e.conversationId, 50)).map((t) => ({ ...t, createdAt: iso(t.createdAt) }));
    return c.json({ ...escalationItem(e), transcript, candidates: staff.candidates(e.question) });
  });

  app.post('/escalations/:id/resolve', async (c) => {
    const body = await jsonBody(c, ResolveBody, config.maxBodyBytes);
    const { resolved, staffAnswer, replies } = await staff.resolve(c.req.param('id'), resolution(body));
    return c.json({ resolved, repliesQueued: replies, ...(staffAnswer ? { staffAnswer } : {}) });
  });

  app.get('/answers', async (c) => c.json({ items: await store.listStaffAnswers(), unplaced: staff.unplaced() }));

  app.post('/answers', async (c) => {
    const b = await jsonBody(c, TeachBody, config.maxBodyBytes);
    const a = await staff.teach(
      b.quote ? { question: b.question, quote: b.quote } : { question: b.question, answer: b.answer!, ...(b.sourceUrl ? { sourceUrl: b.sourceUrl } : {}) },
    );
    return c.json(a, 201);
  });

  app.get('/answers/export', async (c) => {
    const answers = await store.listStaffAnswers();
    if (c.req.query('format') === 'yaml') {
      c.header('Content-Type', 'text/yaml; charset=utf-8');
      c.header('Content-Disposition', 'attachment; filename="questions.yml"');
      return c.body(staffAnswersYaml(answers));
    }
    c.header('Content-Type', 'text/markdown; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="staff-answers.md"');
    return c.body(staffAnswersMarkdown(answers));
  });

  app.put('/answers/:id', async (c) => {
    const id = numericId(c);
    const change = await jsonBody(c, AnswerChange, config.maxBodyBytes);
    const updated = await store.updateStaffAnswer(id, {
      ...(change.question ? { question: change.question } : {}),
      ...(change.answer ? { answer: change.answer } : {}),
      ...(change.sourceUrl !== undefined ? { sourceUrl: change.sourceUrl ?? undefined } : {}),
    });
    if (!updated) throw new ApiError(404, 'No such staff answer');
    staff.changed();
    return c.json(updated);
  });

  app.post('/answers/:id/questions', async (c) => {
    const id = numericId(c);
    const { question } = await jsonBody(c, QuestionBody, config.maxBodyBytes);
    if (!(await store.addStaffQuestion(id, question))) throw new ApiError(404, 'No such staff answer');
    staff.changed();
    return c.json(await store.getStaffAnswer(id), 201);
  });

  app.delete('/answers/:id', async (c) => {
    if (!(await store.removeStaffAnswer(numericId(c)))) throw new ApiError(404, 'No such staff answer');
    staff.changed();
    return c.body(null, 204);
  });

  app.get('/turns', async (c) => {
    const page = parsed(PageQuery.safeParse(c.req.query('page') || undefined));
    const filter = c.req.query('filter');
    if (filter !== undefined && filter !== 'low' && filter !== 'unhelpful') throw new ApiError(400, 'filter must be low or unhelpful');
    const log = await staff.log({ page, ...(filter ? { filter } : {}), search: c.req.query('q') });
    return c.json({ page: log.page, hasMore: log.hasMore, items: log.items.map(turnItem) });
  });

  app.post('/turns/:id/correct', async (c) => {
    const id = numericId(c);
    const body = await jsonBody(c, CorrectBody, config.maxBodyBytes);
    return c.json(await staff.correct(id, correctionInput(body)), 201);
  });

  app.get('/corrections', async (c) => c.json({ items: (await store.listCorrections()).map((x) => ({ ...x, createdAt: iso(x.createdAt) })) }));

  app.delete('/corrections/:id', async (c) => {
    if (!(await store.removeCorrection(numericId(c)))) throw new ApiError(404, 'No such correction');
    staff.changed();
    return c.body(null, 204);
  });

  app.get('/feedback', async (c) => {
    const h = c.req.query('helpful');
    if (h !== undefined && h !== 'true' && h !== 'false') throw new ApiError(400, 'helpful must be true or false');
    const items = await store.listFeedback(h === undefined ? undefined : h === 'true');
    return c.json({ items: items.map((f) => ({ ...f, createdAt: iso(f.createdAt) })) });
  });

  app.get('/outbox', async (c) => c.json({ smtpConfigured: deps.outbox !== undefined, items: (await store.listOutbox()).map(outboxItem) }));

  // Visitors' picks as suggestions: accept (matching-only alternate question) or reject (never that sentence for that wording).
  const suggestions = createSuggestionService({ store, assistant: deps.assistant });
  const suggestionItem = (x: Suggestion) => ({ ...x, createdAt: iso(x.createdAt), updatedAt: iso(x.updatedAt) });
  app.get('/suggestions', async (c) => {
    const status = parsed(SuggestionStatusQuery.safeParse(c.req.query('status')));
    const page = parsed(PageQuery.safeParse(c.req.query('page')));
    const r = await suggestions.list({ ...(status ? { status } : {}), ...(page ? { page } : {}) });
    return c.json({ ...r, items: r.items.map(suggestionItem) });
  });
  app.post('/suggestions/:id/accept', async (c) => c.json(suggestionItem(await suggestions.accept(numericId(c)))));
  app.post('/suggestions/:id/reject', async (c) => c.json(suggestionItem(await suggestions.reject(numericId(c)))));

  app.get('/stats', async (c) => c.json({ ...(await statsForStaff(store)), answeredPerDay: await staff.answeredPerDay() }));

  return app;
}
