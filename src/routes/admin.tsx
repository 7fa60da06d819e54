/** @jsxImportSource hono/jsx */
// The staff page, server-rendered with hono/jsx, no client script: GET /admin
// (tabs open, forwarded, resolved, log, answers, figures, chosen with query
// parameters: ?tab=…&page=…&q=…&filter=…), one question at
// /admin/items/:id, one reply of the log at /admin/turns/:id. Forms post
// back and redirect (303) to the same item or tab with ?done=… for the
// confirmation. Staff sign in with ADMIN_TOKEN through a form that starts a
// server-side session (an HttpOnly, SameSite=Strict cookie holding a random
// id); every form post also passes the same-origin check (app.ts). This file
// only translates HTTP: the work is the staff service's, the markup is in
// src/admin/page/. Without ADMIN_TOKEN none of this is mounted: /admin and
// /api/admin/* answer 404 saying the staff page is off and how to turn it on.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Child } from 'hono/jsx';
import type { AppDeps } from '../deps.js';
import { ApiError, clientGone, errorBody } from '../http/errors.js';
import { tooMany } from '../http/rate-limit.js';
import { staffAnswersMarkdown } from '../admin/export.js';
import { frequentByGroup } from '../admin/groups.js';
import { AnswerForm, CorrectForm, DoneQuery, formBody, LoginForm, numericId, PageQuery, query, ResolveForm, WordingForm } from '../admin/forms.js';
import { clip, doneMessage, itemHref, turnHref, type Tab } from '../admin/page/format.js';
import { ErrorPage, Login, Shell, StaffOff, type TabCounts } from '../admin/page/layout.js';
import { Inbox } from '../admin/page/inbox.js';
import { Item } from '../admin/page/item.js';
import { Log, Turn } from '../admin/page/log.js';
import { Answers } from '../admin/page/answers.js';
import { Figures } from '../admin/page/figures.js';
import { everyDay } from '../admin/page/chart.js';
import { PAGE_SIZE, type CorrectionInput, type Resolution } from '../service/staff.js';
import { adminApiRoutes, outboxItem, statsForStaff } from './admin-api.js';
import { staffSuggestions } from './admin-suggestions.js';

const DAY = 24 * 60 * 60 * 1000;
/** Days the Figures chart shows. */
const CHART_DAYS = 30;

/** A browser asking for a page (not the JSON API): errors and sign-in come as HTML. */
const wantsHtml = (c: Context) => !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');

/** Largest sign-in form accepted: a token is at most 512 characters; anything bigger is refused while it arrives. */
export const SIGN_IN_MAX_BYTES = 4096;

/** Without ADMIN_TOKEN: what a newcomer opening /admin is told (nothing about any token, there is none). */
export const STAFF_OFF =
  'The staff page is off: set ADMIN_TOKEN to a long random value (make one with: openssl rand -hex 32) and restart the service to turn it on';

export function adminRoutes(deps: AppDeps) {
  const auth = deps.staffAuth;
  const app = new Hono();
  const nonce = (c: Context) => c.get('secureHeadersNonce') ?? '';
  if (!auth) {
    // Disabled: every staff path is a 404 that says why, a page for /admin, JSON for the API.
    const off = (c: Context) =>
      c.req.path.startsWith('/api/') ? c.json(errorBody(STAFF_OFF), 404) : c.html(<StaffOff nonce={nonce(c)} message={STAFF_OFF} />, 404);
    for (const path of ['/admin', '/admin/*', '/api/admin', '/api/admin/*']) app.all(path, off);
    return app;
  }
  const { store, staff } = deps;
  const site = deps.engine.index.site.name;

  app.route('/api/admin', adminApiRoutes(deps, auth));

  // A refused page or form is a page for a browser, JSON otherwise (as the
  // rest of the app); anything unexpected goes on to the app's handler (500).
  app.onError((err, c) => {
    // A client gone mid-body is the app's to log as an aborted request, whatever the route made of it.
    if (!(err instanceof HTTPException) || err.status >= 500 || clientGone(err, c.req.raw)) throw err;
    if (err.status === 413) c.header('Connection', 'close');
    if (wantsHtml(c)) return c.html(<ErrorPage nonce={nonce(c)} status={err.status} message={err.message} />, err.status);
    return c.json(errorBody(err.message), err.status);
  });

  // Pages never cached: they hold visitors' addresses.
  app.use('/admin/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('/admin', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  // The sign-in budget is spent before the body is read, and the body is
  // capped at 4 KB while it arrives: guessing, and slow or huge forms, cost
  // the server nothing past the budget. (app.ts leaves this path out of the
  // general 64 KB body cap, which would read a chunked body first.)
  const signInGate = async (c: Context, next: () => Promise<void>) => {
    const gate = await auth.attempt(c);
    if (gate !== 'ok') return tooMany(c, gate.limited);
    await next();
  };
  const signInCap = bodyLimit({
    maxSize: SIGN_IN_MAX_BYTES,
    onError: () => {
      throw new ApiError(413, `The sign-in form is larger than ${SIGN_IN_MAX_BYTES} bytes`);
    },
  });
  app.post('/admin/login', signInGate, signInCap, async (c) => {
    const { token: given } = await formBody(c, LoginForm);
    const result = await auth.signIn(c, given);
    if (typeof result === 'object') return tooMany(c, result.limited);
    if (result !== 'ok') return c.html(<Login nonce={nonce(c)} site={site} error="Wrong token." />, 401);
    return c.redirect('/admin', 303);
  });

  // Everything else needs a signed-in member of staff.
  const guard = async (c: Context, next: () => Promise<void>) => {
    const result = await auth.check(c);
    if (result === 'ok') return next();
    if (typeof result === 'object') return tooMany(c, result.limited);
    if (c.req.method === 'GET' && (c.req.path === '/admin' || wantsHtml(c))) return c.html(<Login nonce={nonce(c)} site={site} />, 401);
    throw new ApiError(401, 'Sign in on /admin first');
  };
  app.use('/admin', guard);
  app.use('/admin/*', guard);

  // Visitors' picks: the Suggestions tab's accept and reject forms (src/routes/admin-suggestions.tsx).
  const suggestionTab = staffSuggestions(deps);
  app.route('/admin/suggestions', suggestionTab.forms);

  app.post('/admin/logout', async (c) => {
    await auth.signOut(c);
    return c.redirect('/admin', 303);
  });

  const counts = async (): Promise<TabCounts> => {
    const [n, answers, s] = await Promise.all([store.countEscalations(), store.listStaffAnswers(), store.countSuggestions()]);
    return { ...n, answers: answers.length, suggestions: s.open + s.learned };
  };
  const page = async (c: Context, title: string, tab: Tab, body: Child) => {
    const { done, n } = query(c, DoneQuery);
    return c.html(
      <Shell nonce={nonce(c)} site={site} title={title} tab={tab} counts={await counts()} done={doneMessage(done, n)}>
        {body}
      </Shell>,
    );
  };

  app.get('/admin', async (c) => {
    const { tab, page: at, q, filter } = query(c, PageQuery);
    if (tab === 'suggestions') return page(c, 'Suggestions', tab, await suggestionTab.tab(c));
    if (tab === 'open' || tab === 'forwarded' || tab === 'resolved') {
      const [list, frequent] = await Promise.all([staff.list(tab, { page: at, search: q }), tab === 'open' && at === 1 && !q ? staff.frequent() : []]);
      const suggestions = frequent.length ? frequentByGroup(frequent, list.groups ?? (await staff.openGroups())) : [];
      return page(c, 'Inbox', tab, <Inbox tab={tab} list={list} q={q} suggestions={suggestions} smtp={deps.outbox !== undefined} />);
    }
    if (tab === 'log') {
      const log = await staff.log({ page: at, ...(filter ? { filter } : {}), search: q });
      return page(c, 'Log', tab, <Log items={log.items} page={log.page} pages={log.pages} total={log.total} filter={filter} q={q} />);
    }
    if (tab === 'answers') {
      const needle = q.toLowerCase();
      const all = (await store.listStaffAnswers()).filter(
        (a) => !needle || [a.question, a.answer, ...a.questions].some((s) => s.toLowerCase().includes(needle)),
      );
      const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
      return page(
        c,
        'Answers',
        tab,
        <Answers
          items={all.slice((at - 1) * PAGE_SIZE, at * PAGE_SIZE)}
          total={all.length}
          page={at}
          pages={pages}
          q={q}
          unplaced={new Set(staff.unplaced())}
        />,
      );
    }
    // The chart splits each day three ways (answered, choices, escalated): the store's rows, every day of the 30.
    const now = Date.now();
    const [stats, perDay, unhelpful, outbox] = await Promise.all([
      statsForStaff(store, now),
      store.answeredPerDay(now - CHART_DAYS * DAY),
      store.listFeedback(false),
      store.listOutbox(50),
    ]);
    const days = everyDay(perDay, CHART_DAYS, now);
    return page(
      c,
      'Figures',
      tab,
      <Figures
        last7={stats.last7Days}
        last30={stats.last30Days}
        days={days}
        unhelpful={unhelpful.slice(0, 10)}
        outbox={outbox.map(outboxItem)}
        smtp={deps.outbox !== undefined}
      />,
    );
  });

  app.get('/admin/items/:id', async (c) => {
    const e = await store.getEscalation(c.req.param('id'));
    if (!e) throw new ApiError(404, 'No such question: it may have been deleted after the retention period');
    const groups = await staff.openGroups();
    // Every wording of its group, as resolving it would teach them (the same service call does).
    const { members, wordings, more } = await staff.groupOf(e, groups);
    const next = groups.find((g) => !members.some((m) => m.id === g.lead.id))?.lead;
    const [turns, answer] = await Promise.all([store.transcript(e.conversationId, 20), e.staffAnswerId ? store.getStaffAnswer(e.staffAnswerId) : undefined]);
    const candidates = e.status === 'resolved' ? [] : staff.candidates(e.question);
    return page(
      c,
      clip(e.question, 80),
      e.status,
      <Item e={e} wordings={wordings} more={more} asked={members.length} turns={turns} candidates={candidates} answer={answer} next={next} />,
    );
  });

  app.get('/admin/turns/:id', async (c) => {
    const id = numericId(c.req.param('id'));
    const t = id && (await store.getTurn(id));
    if (!t) throw new ApiError(404, 'No such question in the log');
    // The sentences it could have quoted instead (not the one it did).
    const candidates = staff.candidates(t.question).filter((x) => t.escalated || !t.answer.includes(x.quote));
    // After a correction: what it taught and what the bot says now (the forms then on request).
    const taught = await staff.taughtFor(t.question);
    return page(c, clip(t.question, 80), 'log', <Turn t={t} candidates={candidates} taught={taught} />);
  });

  app.post('/admin/escalations/:id/resolve', async (c) => {
    const f = await formBody(c, ResolveForm);
    const given = [f.dismiss ? 'dismiss' : '', f.quote, f.answer].filter(Boolean);
    if (given.length === 0) throw new ApiError(400, 'Write an answer, choose a quote, or dismiss the question');
    if (given.length > 1) throw new ApiError(400, 'Give one of an answer, a quote or dismiss');
    const how: Resolution = f.dismiss
      ? { dismiss: true }
      : f.quote
        ? { quote: f.quote }
        : { answer: f.answer!, ...(f.sourceUrl ? { sourceUrl: f.sourceUrl } : {}) };
    const id = c.req.param('id');
    const { resolved } = await staff.resolve(id, how);
    const done = f.dismiss ? 'dismissed' : f.quote ? 'quoted' : 'resolved';
    return c.redirect(`${itemHref(id)}?done=${done}&n=${resolved.length}`, 303);
  });

  app.post('/admin/turns/:id/correct', async (c) => {
    const id = numericId(c.req.param('id'));
    if (!id) throw new ApiError(404, 'No such question in the log');
    const f = await formBody(c, CorrectForm);
    const given = [f.escalate ? 'escalate' : '', f.quote, f.answer].filter(Boolean);
    if (given.length !== 1) throw new ApiError(400, 'Give one of: should have escalated, a quote, or an answer');
    const how: CorrectionInput = f.escalate
      ? { escalate: true }
      : f.quote
        ? { quote: f.quote }
        : { answer: f.answer!, ...(f.sourceUrl ? { sourceUrl: f.sourceUrl } : {}) };
    await staff.correct(id, how);
    return c.redirect(`${turnHref(id)}?done=${f.escalate ? 'escalates' : 'corrected'}`, 303);
  });

  /** Back to the answer on its page of the Answers tab. */
  const toAnswer = async (id: number, done: string) => {
    const at = (await store.listStaffAnswers()).findIndex((a) => a.id === id);
    const p = at < 0 ? 1 : Math.floor(at / PAGE_SIZE) + 1;
    return `/admin?tab=answers${p > 1 ? `&page=${p}` : ''}&done=${done}${at < 0 ? '' : `#a-${id}`}`;
  };

  app.post('/admin/answers/:id', async (c) => {
    const f = await formBody(c, AnswerForm);
    const id = numericId(c.req.param('id'));
    const updated = id && (await store.updateStaffAnswer(id, { question: f.question, answer: f.answer, sourceUrl: f.sourceUrl || undefined }));
    if (!updated) throw new ApiError(404, 'No such staff answer');
    staff.changed();
    return c.redirect(await toAnswer(updated.id, 'saved'), 303);
  });

  app.post('/admin/answers/:id/questions', async (c) => {
    const f = await formBody(c, WordingForm);
    const id = numericId(c.req.param('id'));
    if (!id || !(await store.addStaffQuestion(id, f.question))) throw new ApiError(404, 'No such staff answer');
    staff.changed();
    return c.redirect(await toAnswer(id, 'added'), 303);
  });

  app.post('/admin/answers/:id/delete', async (c) => {
    const id = numericId(c.req.param('id'));
    if (!id || !(await store.removeStaffAnswer(id))) throw new ApiError(404, 'No such staff answer');
    staff.changed();
    return c.redirect('/admin?tab=answers&done=removed', 303);
  });

  app.get('/admin/answers.md', async (c) => {
    c.header('Content-Type', 'text/markdown; charset=utf-8');
    return c.body(staffAnswersMarkdown(await store.listStaffAnswers()));
  });

  return app;
}
