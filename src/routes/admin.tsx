/** @jsxImportSource hono/jsx */
// The staff page: GET /admin, server-rendered with hono/jsx, no client script.
// Staff sign in with ADMIN_TOKEN through a form that sets an HttpOnly,
// SameSite=Strict cookie (so no other site can post these forms on their
// behalf); forms post back here and redirect. The JSON API lives in
// admin-api.ts. Without ADMIN_TOKEN none of this is mounted (404).
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { FC, PropsWithChildren } from 'hono/jsx';
import { raw } from 'hono/html';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { ApiError } from '../http/errors.js';
import { isStaff, SESSION_COOKIE, sessionValue, tokenMatches } from '../admin/auth.js';
import { staffAnswersMarkdown } from '../admin/export.js';
import { adminApiRoutes, listForStaff, outboxItem, resolveForStaff, statsForStaff } from './admin-api.js';
import type { Escalation, StaffAnswer, Stats, TranscriptTurn } from '../store/types.js';

const css = `body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;color:#1b1f24}
h2{margin-top:2rem;border-bottom:1px solid #d0d7de}li{margin:.6rem 0}textarea,input[type=text],input[type=url],input[type=password]{width:100%;box-sizing:border-box}
.muted{color:#57606a}.item{border:1px solid #d0d7de;border-radius:6px;padding:.6rem .8rem;margin:.6rem 0}table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #eee;text-align:left}
.row{display:flex;gap:.5rem;align-items:center}.warn{color:#9a6700}`;

const when = (ms?: number) => (ms ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : '');

const Layout: FC<PropsWithChildren<{ nonce: string; title: string }>> = ({ nonce, title, children }) => (
  <>{raw('<!doctype html>')}<html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{title}</title>
      <style nonce={nonce}>{css}</style>
    </head>
    <body>{children}</body>
  </html></>
);

const Login: FC<{ error?: string }> = ({ error }) => (
  <main>
    <h1>FAQ assistant — staff sign-in</h1>
    {error ? <p class="warn">{error}</p> : null}
    <form method="post" action="/admin/login">
      <label>Admin token <input type="password" name="token" autocomplete="current-password" required /></label>
      <p><button type="submit">Sign in</button></p>
    </form>
  </main>
);

const Figures: FC<{ label: string; s: Stats }> = ({ label, s }) => (
  <div class="item">
    <strong>{label}</strong>: {s.asked} questions, {s.answered} answered ({Math.round(s.answeredRate * 100)} %), {s.escalated} escalated.
    {s.topUnanswered.length ? (
      <ol>{s.topUnanswered.map((t) => <li>{t.question} <span class="muted">× {t.count}</span></li>)}</ol>
    ) : null}
  </div>
);

const Transcript: FC<{ turns: TranscriptTurn[] }> = ({ turns }) => (
  <details>
    <summary>Conversation ({turns.length} turns)</summary>
    {turns.map((t) => (
      <p><strong>Visitor:</strong> {t.question}<br /><strong>Assistant:</strong> {t.answer}</p>
    ))}
  </details>
);

const EscalationCard: FC<{ e: Escalation; similar: Escalation[]; turns: TranscriptTurn[] }> = ({ e, similar, turns }) => (
  <div class="item" id={`e-${e.id}`}>
    <div><strong>{e.question}</strong> <span class="muted">{when(e.createdAt)} · {e.status}</span></div>
    {similar.length ? <div class="muted">Also asked as: {similar.map((s) => `“${s.question}”`).join(', ')}</div> : null}
    {e.contact ? (
      <div>Contact: {e.contact.name ? `${e.contact.name} ` : ''}&lt;{e.contact.email}&gt;{e.contact.message ? ` — “${e.contact.message}”` : ''}</div>
    ) : null}
    <Transcript turns={turns} />
    {e.status !== 'resolved' ? (
      <form method="post" action={`/admin/escalations/${e.id}/resolve`}>
        <label>Answer (the bot will use it for this and similar questions)<textarea name="answer" rows={3} /></label>
        <label>FAQ page to cite (optional) <input type="url" name="sourceUrl" placeholder="https://…" /></label>
        <div class="row">
          <button type="submit">Answer and resolve</button>
          <button type="submit" name="dismiss" value="1">Dismiss</button>
        </div>
      </form>
    ) : null}
  </div>
);

const AnswerCard: FC<{ a: StaffAnswer }> = ({ a }) => (
  <div class="item">
    <form method="post" action={`/admin/answers/${a.id}`}>
      <label>Question <input type="text" name="question" value={a.question} required /></label>
      <label>Answer <textarea name="answer" rows={3} required>{a.answer}</textarea></label>
      <label>FAQ page (optional) <input type="url" name="sourceUrl" value={a.sourceUrl ?? ''} /></label>
      <div class="row"><button type="submit">Save</button> <span class="muted">updated {when(a.updatedAt)}</span></div>
    </form>
    <form method="post" action={`/admin/answers/${a.id}/delete`}><button type="submit">Remove</button></form>
  </div>
);

const form = (field: string, max: number) => z.string().trim().max(max, `${field} must be at most ${max} characters`);
const ResolveForm = z.object({
  answer: form('answer', 4000).optional(),
  sourceUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'sourceUrl must be an http(s) URL' })]).optional(),
  dismiss: z.string().optional(),
});
const AnswerForm = z.object({
  question: form('question', 500).min(1, 'question must not be empty'),
  answer: form('answer', 4000).min(1, 'answer must not be empty'),
  sourceUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'sourceUrl must be an http(s) URL' })]).optional(),
});

async function formBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) throw new ApiError(415, 'Expected a form');
  const result = schema.safeParse(await c.req.parseBody());
  if (!result.success) throw new ApiError(400, result.error.issues[0]?.message ?? 'invalid form');
  return result.data;
}

const numericId = (s: string) => (/^\d{1,12}$/.test(s) ? Number(s) : undefined);

export function adminRoutes(deps: AppDeps) {
  const token = deps.config.adminToken;
  const app = new Hono();
  if (!token) return app; // disabled: every admin path falls through to 404
  const { store, staffAnswers } = deps;
  const nonce = (c: Context) => c.get('secureHeadersNonce') ?? '';

  app.route('/api/admin', adminApiRoutes(deps, token));

  // Pages never cached: they hold visitors' addresses.
  app.use('/admin/*', async (c, next) => { await next(); c.header('Cache-Control', 'no-store'); });
  app.use('/admin', async (c, next) => { await next(); c.header('Cache-Control', 'no-store'); });

  app.post('/admin/login', async (c) => {
    const body = await c.req.parseBody();
    const given = typeof body.token === 'string' ? body.token : undefined;
    if (!(await tokenMatches(given, token))) {
      return c.html(<Layout nonce={nonce(c)} title="Sign in"><Login error="Wrong token." /></Layout>, 401);
    }
    setCookie(c, SESSION_COOKIE, await sessionValue(token), {
      httpOnly: true, sameSite: 'Strict', path: '/', secure: new URL(c.req.url).protocol === 'https:', maxAge: 12 * 60 * 60,
    });
    return c.redirect('/admin', 303);
  });

  // Everything else needs a signed-in member of staff.
  const guard = async (c: Context, next: () => Promise<void>) => {
    if (await isStaff(c, token)) return next();
    if (c.req.method === 'GET' && c.req.path === '/admin') {
      return c.html(<Layout nonce={nonce(c)} title="Sign in"><Login /></Layout>, 401);
    }
    throw new ApiError(401, 'Sign in on /admin first');
  };
  app.use('/admin', guard);
  app.use('/admin/*', guard);

  app.post('/admin/logout', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/admin', 303);
  });

  app.get('/admin', async (c) => {
    const [groups, answers, unhelpful, outbox, stats] = await Promise.all([
      listForStaff(deps, undefined), store.listStaffAnswers(), store.listFeedback(false), store.listOutbox(50), statsForStaff(store),
    ]);
    const section = (status: Escalation['status'], limit: number) => groups.filter((g) => g.escalation.status === status).slice(0, limit);
    const shown = [...section('open', 50), ...section('forwarded', 50), ...section('resolved', 20)];
    const transcripts = new Map(await Promise.all(shown.map(async (g) => [g.escalation.id, await store.transcript(g.escalation.conversationId)] as const)));
    const cards = (status: Escalation['status'], limit: number) => {
      const list = section(status, limit);
      return list.length
        ? list.map((g) => <EscalationCard e={g.escalation} similar={g.similar} turns={transcripts.get(g.escalation.id) ?? []} />)
        : <p class="muted">None.</p>;
    };
    const unsent = outbox.filter((m) => m.status === 'pending').length;
    return c.html(
      <Layout nonce={nonce(c)} title="FAQ assistant — staff">
        <header class="row">
          <h1>FAQ assistant — staff</h1>
          <form method="post" action="/admin/logout"><button type="submit">Sign out</button></form>
        </header>
        <h2>Figures</h2>
        <Figures label="Last 7 days" s={stats.last7Days} />
        <Figures label="Last 30 days" s={stats.last30Days} />
        <h2>Open questions</h2>
        <p class="muted">Asked by visitors, not answered by the pages, no contact left.</p>
        {cards('open', 50)}
        <h2>Forwarded to the helpdesk</h2>
        <p class="muted">The visitor left an address; the helpdesk got a mail and replies to them directly.</p>
        {cards('forwarded', 50)}
        <h2>Resolved (latest 20)</h2>
        {cards('resolved', 20)}
        <h2>Staff answers ({answers.length})</h2>
        <p><a href="/admin/answers.md">Download as markdown</a> (for knowledge/; or run <code>npm run export-answers</code>).</p>
        {answers.map((a) => <AnswerCard a={a} />)}
        <h2>Answers visitors found unhelpful</h2>
        {unhelpful.length ? (
          <ul>{unhelpful.slice(0, 50).map((f) => <li><strong>{f.question}</strong><br />{f.answer}<br /><span class="muted">{when(f.createdAt)}{f.comment ? ` — “${f.comment}”` : ''}</span></li>)}</ul>
        ) : <p class="muted">None.</p>}
        <h2>Outbox</h2>
        {deps.outbox ? null : <p class="warn">No SMTP server is configured (SMTP_URL): mails are kept here, not sent.</p>}
        <p>{unsent} not sent yet.</p>
        <table>
          <tr><th>Created</th><th>Subject</th><th>Status</th><th>Attempts</th><th>Last error</th></tr>
          {outbox.map(outboxItem).map((m) => (
            <tr><td>{m.createdAt?.slice(0, 16).replace('T', ' ')}</td><td>{m.subject}</td><td>{m.status === 'sent' ? 'sent' : 'not sent'}</td><td>{m.attempts}</td><td>{m.lastError ?? ''}</td></tr>
          ))}
        </table>
      </Layout>,
    );
  });

  app.post('/admin/escalations/:id/resolve', async (c) => {
    const f = await formBody(c, ResolveForm);
    const answer = f.dismiss ? undefined : f.answer || undefined;
    if (!f.dismiss && !answer) throw new ApiError(400, 'Write an answer, or dismiss the question');
    await resolveForStaff(deps, c.req.param('id'), { ...(answer ? { answer } : {}), ...(f.sourceUrl ? { sourceUrl: f.sourceUrl } : {}) });
    return c.redirect('/admin', 303);
  });

  app.post('/admin/answers/:id', async (c) => {
    const f = await formBody(c, AnswerForm);
    const id = numericId(c.req.param('id'));
    const updated = id && (await store.updateStaffAnswer(id, { question: f.question, answer: f.answer, sourceUrl: f.sourceUrl || undefined }));
    if (!updated) throw new ApiError(404, 'No such staff answer');
    staffAnswers.invalidate();
    return c.redirect('/admin', 303);
  });

  app.post('/admin/answers/:id/delete', async (c) => {
    const id = numericId(c.req.param('id'));
    if (!id || !(await store.removeStaffAnswer(id))) throw new ApiError(404, 'No such staff answer');
    staffAnswers.invalidate();
    return c.redirect('/admin', 303);
  });

  app.get('/admin/answers.md', async (c) => {
    c.header('Content-Type', 'text/markdown; charset=utf-8');
    return c.body(staffAnswersMarkdown(await store.listStaffAnswers()));
  });

  return app;
}
