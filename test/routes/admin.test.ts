// The staff side: token checks on the API and the page, grouping of similar
// questions, resolving, staff answers (edit, remove, export), feedback,
// outbox state and figures; every bad input gets a JSON 4xx.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { postJson, testApp } from '../http/app-fixture.js';

const TOKEN = 'staff-token-for-tests-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };

function setup(config = {}) {
  const store = openSqliteStore(':memory:');
  const app = testApp({ adminToken: TOKEN, ...config }, { store });
  const json = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    return { status: res.status, body: (await res.json()) as Record<string, any>, res };
  };
  const ask = async (message: string, conversationId?: string) =>
    (await json('/api/chat', postJson({ message, ...(conversationId ? { conversationId } : {}) }))).body;
  return { app, store, json, ask };
}

describe('admin access', () => {
  it('is disabled (404) when no ADMIN_TOKEN is configured, whatever is sent, and says how to turn it on', async () => {
    const app = testApp({});
    for (const path of ['/api/admin/escalations', '/api/admin/answers']) {
      const res = await app.request(path, { headers: { authorization: 'Bearer anything' } });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: expect.stringMatching(/staff page is off: set ADMIN_TOKEN/) });
    }
    // A newcomer opening /admin in a browser gets a page that says what to set, not bare JSON.
    const page = await app.request('/admin', { headers: { authorization: 'Bearer anything', accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('ADMIN_TOKEN');
    expect(html).toContain('openssl rand -hex 32');
    expect(html).not.toContain('Sign in');
  });

  it('rejects a missing, wrong or malformed token on every API route with 401 JSON', async () => {
    const { app } = setup();
    const routes: [string, string][] = [
      ['GET', '/api/admin/escalations'],
      ['GET', '/api/admin/escalations/x'],
      ['POST', '/api/admin/escalations/x/resolve'],
      ['GET', '/api/admin/answers'],
      ['GET', '/api/admin/answers/export'],
      ['PUT', '/api/admin/answers/1'],
      ['DELETE', '/api/admin/answers/1'],
      ['GET', '/api/admin/feedback'],
      ['GET', '/api/admin/outbox'],
      ['GET', '/api/admin/stats'],
    ];
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong' },
      { authorization: TOKEN },
      { authorization: `Basic ${btoa(`x:${TOKEN}`)}` },
      { authorization: `Bearer ${TOKEN}x` },
    ]) {
      for (const [method, path] of routes) {
        const res = await app.request(path, {
          method,
          headers: { 'content-type': 'application/json', ...headers },
          body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
        });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(((await res.json()) as { error: string }).error).toMatch(/token/);
      }
    }
  });

  it('page: sign-in form without a session, 401 on a wrong token, HttpOnly SameSite=Strict cookie on the right one', async () => {
    const { app } = setup();
    const anon = await app.request('/admin');
    expect(anon.status).toBe(401);
    expect(await anon.text()).toContain('name="token"');
    const form = (token: string) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ token }).toString(),
    });
    expect((await app.request('/admin/login', form('wrong'))).status).toBe(401);
    const ok = await app.request('/admin/login', form(TOKEN));
    expect(ok.status).toBe(303);
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN);
    const session = cookie.split(';')[0]!;
    const page = await app.request('/admin', { headers: { cookie: session } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('Open questions');
    // A forged cookie is not a session; form posts without one get 401 JSON.
    expect((await app.request('/admin', { headers: { cookie: 'faq_admin=abc' } })).status).toBe(401);
    const post = await app.request('/admin/escalations/x/resolve', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: 'dismiss=1',
    });
    expect(post.status).toBe(401);
    expect(await post.json()).toHaveProperty('error');
  });
});

describe('staff review', () => {
  it('lists escalations newest first, groups similar open ones, shows contacts, and 400s an unknown status', async () => {
    const { json, ask } = setup();
    const a = (await ask('Who is the CEO?')).escalationId;
    const b = (await ask('What are the membership fees?')).escalationId;
    const c = (await ask('who is the ceo')).escalationId;
    await json(`/api/escalations/${b}/contact`, postJson({ email: 'ann@example.com' }));
    const open = (await json('/api/admin/escalations?status=open', { headers: auth })).body.items;
    expect(open).toEqual([expect.objectContaining({ id: c, question: 'who is the ceo', similarCount: 2, similarIds: [a] })]);
    const all = (await json('/api/admin/escalations', { headers: auth })).body.items.map((i: { id: string }) => i.id);
    expect(all).toEqual([c, b]);
    const forwarded = (await json('/api/admin/escalations?status=forwarded', { headers: auth })).body.items;
    expect(forwarded).toEqual([expect.objectContaining({ id: b, email: 'ann@example.com' })]);
    const bad = await json('/api/admin/escalations?status=closed', { headers: auth });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/status/);
    const one = await json(`/api/admin/escalations/${b}`, { headers: auth });
    expect(one.body.transcript).toEqual([expect.objectContaining({ question: 'What are the membership fees?', escalated: true })]);
    expect((await json('/api/admin/escalations/no-such', { headers: auth })).status).toBe(404);
  });

  it('resolving with an answer also resolves the similar open wordings; dismissing stores no answer; bad input is 4xx', async () => {
    const { json, ask } = setup();
    const a = (await ask('Who is the CEO?')).escalationId;
    const c = (await ask('who is the ceo')).escalationId;
    const d = (await ask('What are the membership fees?')).escalationId;
    const resolve = (id: string, body: unknown) => json(`/api/admin/escalations/${id}/resolve`, postJson(body, auth));
    expect((await resolve('no-such-id', { dismiss: true })).status).toBe(404);
    expect((await resolve(c, {})).status).toBe(400);
    expect((await resolve(c, { answer: '' })).status).toBe(400);
    expect((await resolve(c, { answer: 42 })).status).toBe(400);
    expect((await resolve(c, { answer: 'x', sourceUrl: 'javascript:alert(1)' })).status).toBe(400);
    expect((await resolve(c, [])).status).toBe(400);
    expect(
      (await json(`/api/admin/escalations/${c}/resolve`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{nope' })).status,
    ).toBe(400);
    const r = await resolve(c, { answer: 'Seth Newberry is the General Manager.', sourceUrl: 'https://omaspecworks.org/about/' });
    expect(r.status).toBe(200);
    expect(r.body.resolved.sort()).toEqual([a, c].sort());
    expect((await resolve(c, { answer: 'again' })).status).toBe(409);
    const reply = await ask("Who's the CEO?");
    expect(reply).toMatchObject({
      escalated: false,
      answer: 'From the OMA helpdesk: Seth Newberry is the General Manager.',
      sources: [{ url: 'https://omaspecworks.org/about/' }],
    });
    const dismissed = await resolve(d, { dismiss: true });
    expect(dismissed.body).toEqual({ resolved: [d], repliesQueued: 0 });
    expect((await ask('What are the membership fees?')).escalated).toBe(true);
  });

  it('edits, removes and exports staff answers, and the bot follows the edits at once', async () => {
    const { json, ask, app } = setup();
    const id = (await ask('Who is the CEO?')).escalationId;
    const { body } = await json(`/api/admin/escalations/${id}/resolve`, postJson({ answer: 'Old answer.' }, auth));
    const sid = body.staffAnswer.id;
    const put = (path: string, b: unknown) => json(path, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(b) });
    expect((await put(`/api/admin/answers/${sid}`, {})).status).toBe(400);
    expect((await put(`/api/admin/answers/${sid}`, { answer: '' })).status).toBe(400);
    expect((await put('/api/admin/answers/99999', { answer: 'x' })).status).toBe(404);
    expect((await put('/api/admin/answers/abc', { answer: 'x' })).status).toBe(404);
    expect((await put(`/api/admin/answers/${sid}`, { answer: 'New answer.' })).body).toMatchObject({ answer: 'New answer.' });
    expect((await ask('Who is the CEO?')).answer).toBe('From the OMA helpdesk: New answer.');
    const md = await (await json('/api/admin/answers', { headers: auth })).body.items;
    expect(md).toHaveLength(1);
    const res = await app.request('/api/admin/answers/export', { headers: auth });
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    const exported = await res.text();
    expect(exported).toContain('## Who is the CEO?');
    expect(exported).toContain('New answer.');
    const del = (x: string) => app.request(x, { method: 'DELETE', headers: auth });
    expect((await del(`/api/admin/answers/${sid}`)).status).toBe(204);
    expect((await del(`/api/admin/answers/${sid}`)).status).toBe(404);
    expect((await ask('Who is the CEO?')).escalated).toBe(true);
  });

  it('shows unhelpful feedback, outbox state without SMTP, and figures', async () => {
    const { json, ask, app } = setup();
    const first = await ask('When was OMA SpecWorks launched?');
    await json('/api/feedback', postJson({ conversationId: first.conversationId, helpful: false, comment: 'I wanted the month' }));
    const esc = await ask('Who is the CEO?');
    await json(`/api/escalations/${esc.escalationId}/contact`, postJson({ email: 'ann@example.com' }));
    const fb = await json('/api/admin/feedback?helpful=false', { headers: auth });
    expect(fb.body.items).toEqual([expect.objectContaining({ question: 'When was OMA SpecWorks launched?', helpful: false, comment: 'I wanted the month' })]);
    expect((await json('/api/admin/feedback?helpful=maybe', { headers: auth })).status).toBe(400);
    const out = await json('/api/admin/outbox', { headers: auth });
    expect(out.body).toMatchObject({ smtpConfigured: false, items: [{ status: 'pending', attempts: 0, replyTo: 'ann@example.com' }] });
    const stats = await json('/api/admin/stats', { headers: auth });
    expect(stats.body.last7Days).toMatchObject({
      asked: 2,
      answered: 1,
      escalated: 1,
      answeredRate: 0.5,
      topUnanswered: [{ question: 'Who is the CEO?', count: 1 }],
    });
    const page = async (path: string) => (await app.request(path, { headers: auth })).text();
    const figures = await page('/admin?tab=figures');
    expect(figures).toContain('I wanted the month');
    expect(figures).toContain('not sent');
    expect(figures).toMatch(/2 questions, 1 answered \(50 %\)/);
    expect(await page('/admin?tab=forwarded')).toContain('ann@example.com');
    expect(await page(`/admin/items/${esc.escalationId}`)).toContain('ann@example.com');
  });

  it('page forms: answer, dismiss, edit and remove redirect back; bad forms are 4xx JSON', async () => {
    const { app, ask, store } = setup();
    const id = (await ask('Who is the CEO?')).escalationId;
    const form = (path: string, fields: Record<string, string>) =>
      app.request(path, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
        body: new URLSearchParams(fields).toString(),
      });
    expect((await form(`/admin/escalations/${id}/resolve`, { answer: '' })).status).toBe(400);
    expect((await form('/admin/escalations/nope/resolve', { dismiss: '1' })).status).toBe(404);
    expect((await app.request(`/admin/escalations/${id}/resolve`, postJson({ answer: 'x' }, auth))).status).toBe(415);
    const ok = await form(`/admin/escalations/${id}/resolve`, { answer: 'The General Manager.', sourceUrl: '' });
    expect(ok.status).toBe(303);
    const [a] = await store.listStaffAnswers();
    expect((await form(`/admin/answers/${a!.id}`, { question: 'Who is the CEO?', answer: '' })).status).toBe(400);
    expect((await form(`/admin/answers/${a!.id}`, { question: 'Who is the CEO?', answer: 'Edited.' })).status).toBe(303);
    expect((await ask('who is the ceo?')).answer).toBe('From the OMA helpdesk: Edited.');
    expect((await form(`/admin/answers/${a!.id}/delete`, {})).status).toBe(303);
    expect((await form(`/admin/answers/${a!.id}/delete`, {})).status).toBe(404);
    expect(await store.listStaffAnswers()).toEqual([]);
  });
});

describe('the staff page shows what visitors typed as text, never as markup', () => {
  // A visitor's question, name, note and feedback reach the staff member's
  // browser, signed in next to visitors' addresses: markup in them must be
  // shown, not run. The page is parsed as a browser would (linkedom) and
  // must contain no element a visitor wrote.
  const markup = (tag: string) => `<img src=x onerror="alert('${tag}')"><script>alert('${tag}')</script>`;

  it('escapes markup in questions (open, similar, forwarded, in transcripts, the log and figures), contact names and notes, and feedback, on every view', async () => {
    const { app, ask, json } = setup();
    const asked = await ask(`${markup('question')} What are the membership fees?`);
    expect(asked.escalated).toBe(true);
    const similar = await ask(`${markup('similar')} membership fees?`);
    const forwarded = await ask(`${markup('forwarded')} Who is the CEO?`);
    expect(
      (
        await json(
          `/api/escalations/${forwarded.escalationId}/contact`,
          postJson({ email: 'ann@example.com', name: `<b>Ann</b> ${markup('name')}`, message: markup('note') }),
        )
      ).status,
    ).toBe(202);
    const answered = await ask('When was OMA SpecWorks launched?');
    expect((await json('/api/feedback', postJson({ conversationId: answered.conversationId, helpful: false, comment: markup('comment') }))).status).toBe(201);

    // Every view of the staff page: the tabs, each question's item view, each reply of the log.
    const turns = (await json('/api/admin/turns', { headers: auth })).body.items as { id: number }[];
    const paths = [
      '/admin',
      '/admin?tab=forwarded',
      '/admin?tab=resolved',
      '/admin?tab=log',
      '/admin?tab=log&filter=unhelpful',
      '/admin?tab=answers',
      '/admin?tab=figures',
      ...[asked, similar, forwarded].map((a) => `/admin/items/${a.escalationId}`),
      ...turns.map((t) => `/admin/turns/${t.id}`),
    ];
    let text = '';
    for (const path of paths) {
      const res = await app.request(path, { headers: auth });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      const { document } = parseHTML(html);
      // Nothing a visitor typed became an element or an attribute.
      expect(document.querySelectorAll('img, b'), path).toHaveLength(0);
      expect(document.querySelectorAll('script'), path).toHaveLength(0);
      expect(html, path).not.toMatch(/<(img|script|b)\b/i);
      text += document.body.textContent!;
    }
    // …and all of it is there to read, as the visitor wrote it.
    for (const tag of ['question', 'similar', 'forwarded', 'name', 'note', 'comment']) expect(text).toContain(markup(tag));
    expect(text).toContain('<b>Ann</b>');
    expect(similar.escalated).toBe(true);
  });

  it('escapes markup in staff answers shown in the edit forms (Answers tab)', async () => {
    const { app, store } = setup();
    await store.addStaffAnswer({
      question: `Q ${markup('staff-q')}`,
      answer: `A </textarea>${markup('staff-a')}`,
      sourceUrl: 'https://example.org/"><script>x</script>',
    });
    const html = await (await app.request('/admin?tab=answers', { headers: auth })).text();
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('img, script')).toHaveLength(0);
    // The answer stays inside its textarea (one form, one textarea), escaped.
    expect(document.querySelectorAll('textarea')).toHaveLength(1);
    expect(html).toContain('>A &lt;/textarea&gt;&lt;img src=x onerror=&quot;alert(&#39;staff-a&#39;)&quot;&gt;&lt;script&gt;');
    expect(document.querySelector<HTMLInputElement>('input[name=sourceUrl]')!.getAttribute('value')).toBe('https://example.org/"><script>x</script>');
    expect(document.querySelector<HTMLInputElement>('input[name=question]')!.getAttribute('value')).toBe(`Q ${markup('staff-q')}`);
  });
});

describe('GET /admin/answers.md', () => {
  it('downloads the staff answers as markdown for a signed-in member of staff, never cached', async () => {
    const { app, store } = setup();
    await store.addStaffAnswer({ question: 'Who is the CEO?', answer: 'Seth Newberry is the General Manager.', sourceUrl: 'https://omaspecworks.org/about/' });
    await store.addStaffAnswer({ question: 'What are the\nmembership fees?', answer: 'They depend on the level.' });
    const res = await app.request('/admin/answers.md', { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const md = await res.text();
    expect(md).toMatch(/^# Answers from the helpdesk\n/);
    expect(md).toContain('2 answer(s)');
    expect(md).toContain('## Who is the CEO?\n\nSeth Newberry is the General Manager.\n\nSource: <https://omaspecworks.org/about/>\n');
    expect(md).toContain('## What are the membership fees?\n\nThey depend on the level.\n');
    expect(md.indexOf('Who is the CEO?')).toBeLessThan(md.indexOf('membership fees'));
  });

  it('is the same download with a session cookie, and 401 without one', async () => {
    const { app, store } = setup();
    await store.addStaffAnswer({ question: 'Who is the CEO?', answer: 'The General Manager.' });
    const anon = await app.request('/admin/answers.md');
    expect(anon.status).toBe(401);
    expect(await anon.json()).toEqual({ error: expect.stringMatching(/sign in/i) });
    const login = await app.request('/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ token: TOKEN }).toString(),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const res = await app.request('/admin/answers.md', { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('## Who is the CEO?\n\nThe General Manager.');
  });
});
