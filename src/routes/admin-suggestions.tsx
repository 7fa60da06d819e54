/** @jsxImportSource hono/jsx */
// The staff page's Suggestions tab (GET /admin?tab=suggestions&status=…&page=…)
// and its two forms, POST /admin/suggestions/{id}/accept and …/reject, which
// redirect (303) back to the same sub-tab and page with ?done=… for the
// confirmation. Mounted by src/routes/admin.tsx behind its sign-in guard; the
// same-origin check of every staff form post is app.ts's. The work is the
// suggestion service's (src/service/suggestions.ts), as for the JSON API.
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { formBody, numericId, query } from '../admin/forms.js';
import { ApiError } from '../http/errors.js';
import { createSuggestionService } from '../service/suggestions.js';
import { Suggestions, SUGGESTION_STATUSES, suggestionsHref } from '../admin/page/suggestions.js';

const blankIsAbsent = (v: unknown) => (v === '' ? undefined : v);
const Status = z.preprocess(blankIsAbsent, z.enum(SUGGESTION_STATUSES, { error: `status must be one of ${SUGGESTION_STATUSES.join(', ')}` }).default('open'));
const Page = z.preprocess(
  blankIsAbsent,
  z.coerce
    .number({ error: 'page must be a number' })
    .int('page must be a whole number')
    .min(1, 'page must be 1 or more')
    .max(100_000, 'page must be at most 100000')
    .default(1),
);

/** The tab's own query parameters (tab, done and n are the staff page's). */
export const SuggestionsQuery = z.object({ status: Status, page: Page });
/** An accept or reject form: the sub-tab and page it was on, to go back to. */
export const SuggestionForm = z.object({ status: Status, page: Page });

export function staffSuggestions(deps: Pick<AppDeps, 'store' | 'assistant' | 'config'>) {
  const service = createSuggestionService({ store: deps.store, assistant: deps.assistant });

  /** The tab's content for this request (the staff page's frame is admin.tsx's). */
  async function tab(c: Context): Promise<Child> {
    const { status, page } = query(c, SuggestionsQuery);
    const list = await service.list({ status, page });
    return <Suggestions status={status} items={list.items} page={list.page} pages={list.pages} counts={list.counts} learnFrom={deps.config.learnFromChoices} />;
  }

  const forms = new Hono();
  const id = (c: Context) => {
    const n = numericId(c.req.param('id') ?? '');
    if (!n) throw new ApiError(404, 'No such suggestion');
    return n;
  };
  // The confirmation names what happened to it: a learned pair is confirmed or undone.
  const was = async (n: number) => (await deps.store.getSuggestion(n))?.status;
  forms.post('/:id/accept', async (c) => {
    const back = await formBody(c, SuggestionForm);
    const n = id(c);
    const learned = (await was(n)) === 'learned';
    await service.accept(n).catch((err: unknown) => {
      // Accepting a rejected pair: the page never offers it, a stale page might.
      if (err instanceof ApiError && err.status === 409) throw new ApiError(409, 'This suggestion was rejected: a rejection is final');
      throw err;
    });
    return c.redirect(suggestionsHref({ ...back, done: learned ? 'confirmed' : 'accepted' }), 303);
  });
  forms.post('/:id/reject', async (c) => {
    const back = await formBody(c, SuggestionForm);
    const n = id(c);
    const learned = (await was(n)) === 'learned';
    await service.reject(n);
    return c.redirect(suggestionsHref({ ...back, done: learned ? 'undone' : 'rejected' }), 303);
  });

  return { tab, forms };
}
