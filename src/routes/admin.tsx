/** @jsxImportSource hono/jsx */
// The staff page: GET /admin, server-rendered with hono/jsx, no client script.
// Staff sign in with ADMIN_TOKEN through a form that starts a server-side
// session (an HttpOnly, SameSite=Strict cookie holding a random id, so no
// other site can post these forms on their behalf); forms post back here and
// redirect. The JSON API lives in
// admin-api.ts. Without ADMIN_TOKEN none of this is mounted (404).
import { Hono, type Context } from 'hono';
import type { FC, PropsWithChildren } from 'hono/jsx';
import { raw } from 'hono/html';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { tooMany } from '../http/rate-limit.js';
import { staffAnswersMarkdown } from '../admin/export.js';
import { adminApiRoutes, outboxItem, statsForStaff } from './admin-api.js';
import type { StaffList } from '../service/staff.js';
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

const Pager: FC<{ list: StaffList }> = ({ list }) => (list.pages > 1 ? (
  <nav class="row" aria-label="Open questions pages">
    {list.page > 1 ? <a href={`/admin?page=${list.page - 1}`}>← Newer</a> : null}
    <span class="muted">Page {list.page} of {list.pages}</span>
    {list.page < list.pages ? <a href={`/admin?page=${list.page + 1}`}>Older →</a> : null}
  </nav>
) : null);

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
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) throw new ApiError(415, 'Expected a form (application/x-www-form-urlencoded or multipart/form-data)');
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

const numericId = (s: string) => (/^\d{1,12}$/.test(s) ? Number(s) : undefined);

const LoginForm = z.object({ token: z.string().max(1000).optional() });

export function adminRoutes(deps: AppDeps) {
  const auth = deps.staffAuth;
  const app = new Hono();
  if (!auth) return app; // disabled: every admin path falls through to 404
  const { store, staff } = deps;
  const nonce = (c: Context) => c.get('secureHeadersNonce') ?? '';

  app.route('/api/admin', adminApiRoutes(deps, auth));

  // Pages never cached: they hold visitors' addresses.
  app.use('/admin/*', async (c, next) => { await next(); c.header('Cache-Control', 'no-store'); });
  app.use('/admin', async (c, next) => { await next(); c.header('Cache-Control', 'no-store'); });

  app.post('/admin/login', async (c) => {
    const { token: given } = await formBody(c, LoginForm);
    const result = await auth.signIn(c, given);
    if (typeof result === 'object') return tooMany(c, result.limited);
    if (result !== 'ok') return c.html(<Layout nonce={nonce(c)} title="Sign in"><Login error="Wrong token." /></Layout>, 401);
    return c.redirect('/admin', 303);
  });

  // Everything else needs a signed-in member of staff.
  const guard = async (c: Context, next: () => Promise<void>) => {
    const result = await auth.check(c);
    if (result === 'ok') return next();
    if (typeof result === 'object') return tooMany(c, result.limited);
    if (c.req.method === 'GET' && c.req.path === '/admin') {
      return c.html(<Layout nonce={nonce(c)} title="Sign in"><Login /></Layout>, 401);
    }
    throw new ApiError(401, 'Sign in on /admin first');
  };
  app.use('/admin', guard);
  app.use('/admin/*', guard);

  app.post('/admin/logout', async (c) => {
    await auth.signOut(c);
    return c.redirect('/admin', 303);
  });

  app.get('/admin', async (c) => {
    const page = Math.min(100_000, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const [open, forwarded, resolved, answers, unhelpful, outbox, stats] = await Promise.all([
      staff.list('open', { page }), staff.list('forwarded'), staff.list('resolved'),
      store.listStaffAnswers(), store.listFeedback(false), store.listOutbox(50), statsForStaff(store),
    ]);
    const shown = [...open.items, ...forwarded.items, ...resolved.items];
    const transcripts = new Map(await Promise.all(shown.map(async (g) => [g.escalation.id, await store.transcript(g.escalation.conversationId, 20)] as const)));
    const cards = (list: StaffList) => (list.items.length
      ? list.items.map((g) => <EscalationCard e={g.escalation} similar={g.similar} turns={transcripts.get(g.escalation.id) ?? []} />)
      : <p class="muted">None.</p>);
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
        <h2>Open questions ({open.total})</h2>
        <p class="muted">Asked by visitors, not answered by the pages, no contact left. Similar wordings are shown once.</p>
        {cards(open)}
        <Pager list={open} />
        <h2>Forwarded to the helpdesk ({forwarded.total}{forwarded.total > forwarded.items.length ? `, latest ${forwarded.items.length} shown` : ''})</h2>
        <p class="muted">The visitor left an address; the helpdesk got a mail and replies to them directly.</p>
        {cards(forwarded)}
        <h2>Resolved ({resolved.total}{resolved.total > resolved.items.length ? `, latest ${resolved.items.length} shown` : ''})</h2>
        {cards(resolved)}
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
    await staff.resolve(c.req.param('id'), answer ? { answer, ...(f.sourceUrl ? { sourceUrl: f.sourceUrl } : {}) } : { dismiss: true });
    return c.redirect('/admin', 303);
  });

  app.post('/admin/answers/:id', async (c) => {
    const f = await formBody(c, AnswerForm);
    const id = numericId(c.req.param('id'));
    const updated = id && (await store.updateStaffAnswer(id, { question: f.question, answer: f.answer, sourceUrl: f.sourceUrl || undefined }));
    if (!updated) throw new ApiError(404, 'No such staff answer');
    staff.changed();
    return c.redirect('/admin', 303);
  });

  app.post('/admin/answers/:id/delete', async (c) => {
    const id = numericId(c.req.param('id'));
    if (!id || !(await store.removeStaffAnswer(id))) throw new ApiError(404, 'No such staff answer');
    staff.changed();
    return c.redirect('/admin', 303);
  });

  app.get('/admin/answers.md', async (c) => {
    c.header('Content-Type', 'text/markdown; charset=utf-8');
    return c.body(staffAnswersMarkdown(await store.listStaffAnswers()));
  });

  return app;
}
