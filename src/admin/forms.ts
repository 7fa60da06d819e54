// What the staff page accepts: its query parameters (tab, page, search,
// filter, the confirmation to show) and its forms, as zod schemas. Anything
// else is a 400 with a message saying what is wrong, never a 500.
import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError } from '../http/errors.js';
import { TABS } from './page/format.js';

const blankIsAbsent = (v: unknown) => (v === '' ? undefined : v);
const Page = z.preprocess(
  blankIsAbsent,
  z.coerce
    .number({ error: 'page must be a number' })
    .int('page must be a whole number')
    .min(1, 'page must be 1 or more')
    .max(100_000, 'page must be at most 100000')
    .default(1),
);

export const PageQuery = z.object({
  tab: z.preprocess(blankIsAbsent, z.enum(TABS, { error: `tab must be one of ${TABS.join(', ')}` }).default('open')),
  page: Page,
  q: z.string().trim().max(200, 'the search must be at most 200 characters').default(''),
  filter: z.preprocess(blankIsAbsent, z.enum(['low', 'unhelpful'], { error: 'filter must be low or unhelpful' }).optional()),
  done: z.string().max(20).optional(),
  n: z.preprocess(blankIsAbsent, z.coerce.number().int().min(0).max(100_000).optional()).catch(undefined),
});

/** After an action: which confirmation (and how many questions it touched). */
export const DoneQuery = PageQuery.pick({ done: true, n: true });

export function query<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const r = schema.safeParse(c.req.query());
  if (!r.success) throw new ApiError(400, r.error.issues[0]?.message ?? 'invalid query');
  return r.data;
}

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .max(max, `${field} must be at most ${max} characters`);
const HttpUrl = z.union([
  z.literal(''),
  z.url({ protocol: /^https?$/, error: 'sourceUrl must be an http(s) URL' }).max(500, 'sourceUrl must be at most 500 characters'),
]);

/** Resolve an item: a quote of the pages, a written answer, or dismiss. */
export const ResolveForm = z.object({
  answer: text('answer', 4000).optional(),
  quote: text('quote', 1000).optional(),
  sourceUrl: HttpUrl.optional(),
  dismiss: z.string().optional(),
});

/** Correct a reply of the log: should have escalated, quoted this, or said this. */
export const CorrectForm = z.object({
  escalate: z.string().optional(),
  answer: text('answer', 4000).optional(),
  quote: text('quote', 1000).optional(),
  sourceUrl: HttpUrl.optional(),
});

export const AnswerForm = z.object({
  question: text('question', 500).min(1, 'question must not be empty'),
  answer: text('answer', 4000).min(1, 'answer must not be empty'),
  sourceUrl: HttpUrl.optional(),
});

export const WordingForm = z.object({ question: text('question', 500).min(1, 'the wording must not be empty') });

export const LoginForm = z.object({ token: z.string().max(1000).optional() });

/** A form body (urlencoded or multipart) checked against `schema`: 415 for anything else, 400 when it does not fit. */
export async function formBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type))
    throw new ApiError(415, 'Expected a form (application/x-www-form-urlencoded or multipart/form-data)');
  let fields: Record<string, unknown>;
  try {
    fields = await c.req.parseBody();
  } catch (err) {
    // Size is capped before this (bodyLimit); what fails here is a malformed body.
    if (err instanceof ApiError) throw err;
    throw new ApiError(400, 'The form could not be read');
  }
  const result = schema.safeParse(fields);
  if (!result.success) throw new ApiError(400, result.error.issues[0]?.message ?? 'invalid form');
  return result.data;
}

export const numericId = (s: string) => (/^\d{1,12}$/.test(s) ? Number(s) : undefined);
