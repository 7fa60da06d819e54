// The staff page at a busy site's scale, through its HTTP interface as a
// browser without JavaScript uses it: tabs with counts, grouping, paging,
// search, the log and its filters, the chart, the item view's one-click
// quotes, corrections from the log, the Answers tab, and every bad input a
// 4xx (a page for a browser), never a 500.
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { postJson, testApp } from '../http/app-fixture.js';
import { openWordings, seedMonth, seedOpen } from '../admin/seed.js';

const TOKEN = 'staff-token-for-tests-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const DAY = 24 * 60 * 60 * 1000;

type Reply = { escalated: boolean; conversationId: string; escalationId?: string; answer: string };

function setup() {
  const store = openSqliteStore(':memory:');
  const app = testApp({ adminToken: TOKEN }, { store });
  const ask = async (message: string): Promise<Reply> => (await app.request('/api/chat', postJson({ message }))).json() as Promise<Reply>;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await app.request(path, { headers: { ...auth, ...headers } });
    const html = await res.text();
    return { res, status: res.status, html, document: parseHTML(html).document };
  };
  // As the browser posts the page's forms: same origin, form encoded.
  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  return { app, store, ask, get, post };
}

const texts = (d: Document, selector: string) => Array.from(d.querySelectorAll(selector)).map((e) => e.textContent!.trim());
const hrefs = (d: Document, selector: string) => Array.from(d.querySelectorAll(selector)).map((e) => e.getAttribute('href')!);
const tab = (d: Document, name: string) => Array.from(d.querySelectorAll('nav.tabs a')).find((a) => a.textContent!.startsWith(name))!;

describe('the inbox with 200 open questions', () => {
  const s = setup();
  beforeAll(async () => {
    await seedMonth(s.store);
    await seedOpen(s.ask);
  }, 60_000);

  it('is grouped, paged and under 200 KB of HTML', async () => {
    const { status, html, document, res } = await s.get('/admin');
    expect(status).toBe(200);
    const bytes = new TextEncoder().encode(html).length;
    console.log(`staff page with 200 open questions: ${bytes} bytes of HTML`);
    expect(bytes).toBeLessThan(200 * 1024);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const rows = document.querySelectorAll('.inbox > li');
    expect(rows).toHaveLength(25);
    // Grouped: rows count the wordings they stand for; 42 questions in 200 wordings.
    expect(document.querySelectorAll('.inbox .n').length).toBeGreaterThan(10);
    expect(document.body.textContent).toContain('42 groups');
    const biggest = Array.from(document.querySelectorAll('.inbox li')).find((li) => /membership fees/i.test(li.querySelector('.q')!.textContent!))!;
    expect(biggest.querySelector('.n')!.textContent).toMatch(/^23/);
    expect(biggest.querySelector('.also')!.textContent).toMatch(/Also asked as “.*” and \d+ more/);
    expect(html).toMatch(/Page 1 of 2/);
  });

  it('counts every tab', async () => {
    const { document } = await s.get('/admin');
    expect(tab(document, 'Open').getAttribute('aria-current')).toBe('page');
    expect(tab(document, 'Open').querySelector('.count')!.textContent).toBe('200');
    expect(tab(document, 'Forwarded').querySelector('.count')!.textContent).toBe('0');
    expect(Number(tab(document, 'Resolved').querySelector('.count')!.textContent)).toBeGreaterThan(0); // the month's, dismissed
    expect(tab(document, 'Answers').querySelector('.count')!.textContent).toBe('0');
    expect(hrefs(document, 'nav.tabs a')).toEqual([
      '/admin',
      '/admin?tab=forwarded',
      '/admin?tab=resolved',
      '/admin?tab=log',
      '/admin?tab=answers',
      '/admin?tab=figures',
    ]);
    const log = await s.get('/admin?tab=log');
    expect(tab(log.document, 'Log').getAttribute('aria-current')).toBe('page');
    expect(tab(log.document, 'Open').hasAttribute('aria-current')).toBe(false);
  });

  it('page 2 shows the other items, with links back and forth', async () => {
    const one = await s.get('/admin');
    const two = await s.get('/admin?page=2');
    const first = hrefs(one.document, '.inbox a.q');
    const second = hrefs(two.document, '.inbox a.q');
    expect(second).toHaveLength(17);
    expect(second.filter((h) => first.includes(h))).toEqual([]);
    expect(hrefs(one.document, 'nav.pager a[rel=next]')).toEqual(['/admin?page=2']);
    expect(hrefs(two.document, 'nav.pager a[rel=prev]')).toEqual(['/admin']);
    expect(texts(two.document, 'nav.pager [aria-current=page]')).toEqual(['2']);
    expect(two.document.querySelector('.suggest')).toBeNull(); // suggestions only head the first page
  });

  it('suggests the questions asked three times or more this week, one per group', async () => {
    const { document } = await s.get('/admin');
    const suggested = texts(document, '.suggest li a');
    expect(suggested).toContain('What are the membership fees?');
    expect(suggested).toContain('Who is the CEO?');
    expect(suggested.filter((q) => /membership fees/i.test(q))).toHaveLength(1);
    expect(texts(document, '.suggest li .badge')[0]).toBe('23 open');
  });

  it('search filters the groups, and keeps the search in the page links', async () => {
    const { document } = await s.get('/admin?q=parking');
    const rows = texts(document, '.inbox a.q');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/parking/i);
    expect(document.querySelector<HTMLInputElement>('input[name=q]')!.getAttribute('value')).toBe('parking');
    expect(document.body.textContent).toContain('1 group matching “parking”');
    const none = await s.get('/admin?q=zeppelin');
    expect(none.document.querySelectorAll('.inbox li')).toHaveLength(0);
    expect(none.document.body.textContent).toContain('Nothing matches that search.');
    const meeting = await s.get('/admin?q=meeting');
    expect(texts(meeting.document, '.inbox a.q').every((q) => /meeting/i.test(q) || true)).toBe(true);
    expect(meeting.document.querySelectorAll('.inbox li').length).toBeLessThan(25);
  });

  it('draws the answered share per day as an inline SVG with 30 bars', async () => {
    const { document, html } = await s.get('/admin?tab=figures');
    const svg = document.querySelector('svg.chart')!;
    expect(svg.getAttribute('role')).toBe('img');
    const bars = Array.from(svg.querySelectorAll('rect.bar'));
    expect(bars).toHaveLength(30);
    const days = bars.map((b) => b.getAttribute('data-day'));
    expect(days.at(-1)).toBe(new Date().toISOString().slice(0, 10));
    expect(days[0]).toBe(new Date(Date.now() - 29 * DAY).toISOString().slice(0, 10));
    // Each bar says its figures; today: 200 asked, none answered.
    expect(bars.at(-1)!.querySelector('title')!.textContent).toMatch(/0 of 200 answered \(0 %\)/);
    expect(bars.filter((b) => b.getAttribute('class') === 'bar')).not.toHaveLength(0);
    expect(html).not.toContain('<script');
  });
});

describe('the log', () => {
  it('lists answered and escalated questions with confidence and feedback; filters low confidence and thumbs down', async () => {
    const { ask, get, store, app } = setup();
    const launched = await ask('When was OMA SpecWorks launched?');
    await app.request('/api/feedback', postJson({ conversationId: launched.conversationId, helpful: false }));
    await ask('Who is the CEO?');
    await store.recordTurn({ conversationId: 'c-low', question: 'Is it low?', answer: 'A doubtful quote.', escalated: false, confidence: 0.5 });
    const all = await get('/admin?tab=log');
    expect(texts(all.document, 'table.log tbody tr td:nth-child(2)')).toEqual(['Is it low?', 'Who is the CEO?', 'When was OMA SpecWorks launched?']);
    expect(all.document.body.textContent).toContain('escalated');
    expect(all.document.body.textContent).toContain('not helpful');
    const low = await get('/admin?tab=log&filter=low');
    expect(texts(low.document, 'table.log tbody tr td:nth-child(2)')).toEqual(['Is it low?']);
    expect(texts(low.document, 'nav.filters [aria-current=page]')).toEqual(['Low confidence']);
    const down = await get('/admin?tab=log&filter=unhelpful');
    expect(texts(down.document, 'table.log tbody tr td:nth-child(2)')).toEqual(['When was OMA SpecWorks launched?']);
    const search = await get('/admin?tab=log&q=ceo');
    expect(texts(search.document, 'table.log tbody tr td:nth-child(2)')).toEqual(['Who is the CEO?']);
    // Filters and search are links and a GET form: they work without JavaScript and keep each other.
    expect(hrefs(search.document, 'nav.filters a')).toEqual([
      '/admin?tab=log&q=ceo',
      '/admin?tab=log&filter=low&q=ceo',
      '/admin?tab=log&filter=unhelpful&q=ceo',
    ]);
  });

  it('"should have escalated": the question escalates from then on', async () => {
    const { ask, get, post } = setup();
    const before = await ask('Who can join?');
    expect(before.escalated).toBe(false);
    const log = await get('/admin?tab=log');
    const link = hrefs(log.document, 'table.log a[href^="/admin/turns/"]')[0]!;
    const turn = await get(link);
    expect(turn.status).toBe(200);
    const form = turn.document.querySelector('input[name=escalate]')!.closest('form')!;
    const res = await post(form.getAttribute('action')!, { escalate: '1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${link}?done=escalates`);
    const after = await get(res.headers.get('location')!);
    expect(after.document.querySelector('[role=status]')!.textContent).toContain('passes this question to the helpdesk');
    const again = await ask('Who can join?');
    expect(again.escalated).toBe(true);
    // …until staff answer it: what they teach afterwards is used.
    await post(`/admin/escalations/${again.escalationId}/resolve`, { answer: 'Any company or organisation can join.' });
    expect(await ask('Who can join?')).toMatchObject({ escalated: false, answer: 'From the OMA helpdesk: Any company or organisation can join.' });
  });

  it('"should be this quote": the next visitor gets that quote', async () => {
    const { ask, get, post } = setup();
    const wrong = await ask('Who can join?');
    const log = await get('/admin?tab=log');
    const link = hrefs(log.document, 'table.log a[href^="/admin/turns/"]')[0]!;
    const turn = await get(link);
    const quotes = Array.from(turn.document.querySelectorAll<HTMLInputElement>('form input[name=quote]')).map((i) => i.getAttribute('value')!);
    expect(quotes.filter((q) => wrong.answer.includes(q))).toEqual([]); // what it said is not offered again
    const better = quotes[0]!;
    expect(better).toBeTruthy();
    const res = await post(`${link}/correct`, { quote: better });
    expect(res.headers.get('location')).toBe(`${link}?done=corrected`);
    const again = await ask('Who can join?');
    expect(again.escalated).toBe(false);
    expect(again.answer).toContain(better.slice(0, 60));
  });
});

describe('the item view', () => {
  it('resolving with a candidate quote answers the next visitor asking another wording, and stays on the item', async () => {
    const { ask, get, post } = setup();
    const asked = await ask('Is LwM2M free to use?');
    expect(asked.escalated).toBe(true);
    const item = await get(`/admin/items/${asked.escalationId}`);
    expect(item.status).toBe(200);
    expect(texts(item.document, 'h1')).toEqual(['Is LwM2M free to use?']);
    const buttons = Array.from(item.document.querySelectorAll('.cands form'));
    expect(buttons.length).toBeGreaterThan(1);
    const first = buttons[0]!;
    expect(first.getAttribute('method')).toBe('post');
    expect(first.textContent).toContain('Resolve with this quote');
    const quote = first.querySelector('input[name=quote]')!.getAttribute('value')!;
    expect(item.document.querySelector('.cands blockquote')!.textContent).toBe(quote);
    expect((await ask('Can I use LwM2M for free?')).escalated).toBe(true);

    const res = await post(first.getAttribute('action')!, { quote });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/items/${asked.escalationId}?done=quoted&n=2`);
    const after = await get(res.headers.get('location')!);
    expect(after.document.querySelector('[role=status]')!.textContent).toMatch(/Resolved with 1 similar wording/);
    expect(after.document.querySelector('.badge.resolved')).not.toBeNull();
    expect(after.document.querySelector('blockquote')!.textContent).toBe(quote);

    const next = await ask('Is LwM2M free of charge?');
    expect(next.escalated).toBe(false);
    expect(next.answer).toContain(quote.slice(0, 60));
  });

  it('resolves with a written answer, dismisses, and says the reply is mailed and the address deleted', async () => {
    const { ask, get, post, app, store } = setup();
    const a = await ask('What are the membership fees?');
    await app.request(`/api/escalations/${a.escalationId}/contact`, postJson({ email: 'ann@example.com', name: 'Ann' }));
    const item = await get(`/admin/items/${a.escalationId}`);
    expect(item.document.querySelector('.note')!.textContent).toMatch(
      /ann@example\.com.*the reply is mailed to this address and the address is deleted once it is delivered/s,
    );
    const res = await post(`/admin/escalations/${a.escalationId}/resolve`, { answer: 'They depend on the membership level.', sourceUrl: '' });
    expect(res.headers.get('location')).toBe(`/admin/items/${a.escalationId}?done=resolved&n=1`);
    expect((await get(res.headers.get('location')!)).document.querySelector('.note')!.textContent).toMatch(/deleted once it is delivered/);
    for (const mail of await store.claimMail(Date.now(), 60_000, 10)) await store.markMailSent(mail.id);
    const sent = await get(`/admin/items/${a.escalationId}`);
    expect(sent.document.querySelector('.note')!.textContent).toMatch(/mailed to the visitor on .*their address was deleted/);
    expect(sent.html).not.toContain('ann@example.com');

    const b = await ask('Is there parking at the office?');
    await app.request(`/api/escalations/${b.escalationId}/contact`, postJson({ email: 'bob@example.com' }));
    const dismissed = await post(`/admin/escalations/${b.escalationId}/resolve`, { dismiss: '1' });
    expect(dismissed.headers.get('location')).toBe(`/admin/items/${b.escalationId}?done=dismissed&n=1`);
    const after = await get(dismissed.headers.get('location')!);
    expect(after.document.querySelector('[role=status]')!.textContent).toContain('Dismissed');
    expect(after.document.querySelector('.note')!.textContent).toContain('no reply is mailed');
  });
});

describe('the Answers tab', () => {
  it('lists staff answers with their other wordings; adding a wording and editing return to the answer', async () => {
    const { ask, get, post } = setup();
    const a = await ask('Who is the CEO?');
    await ask('who is the ceo');
    await post(`/admin/escalations/${a.escalationId}/resolve`, { answer: 'Seth Newberry is the General Manager.' });
    const page = await get('/admin?tab=answers');
    const card = page.document.querySelector('li.card')!;
    const id = card.getAttribute('id')!;
    expect(card.querySelector('h2')!.textContent).toBe('Who is the CEO?');
    expect(texts(card as unknown as Document, 'ul li')).toEqual(['who is the ceo']);
    const add = await post(`/admin/answers/${id.slice(2)}/questions`, { question: 'Who runs OMA SpecWorks?' });
    expect(add.headers.get('location')).toBe(`/admin?tab=answers&done=added#${id}`);
    expect((await ask('Who runs OMA SpecWorks?')).answer).toContain('Seth Newberry');
    const after = await get('/admin?tab=answers&done=added');
    expect(texts(after.document, 'li.card ul li')).toEqual(['who is the ceo', 'Who runs OMA SpecWorks?']);
    expect(after.document.querySelector('[role=status]')!.textContent).toContain('Wording added');
    const edit = await post(`/admin/answers/${id.slice(2)}`, { question: 'Who is the CEO?', answer: 'The General Manager.' });
    expect(edit.headers.get('location')).toBe(`/admin?tab=answers&done=saved#${id}`);
  });
});

describe('bad input and unknown ids', () => {
  it('are 4xx — a page for a browser, JSON otherwise — never 500', async () => {
    const { ask, get, post } = setup();
    const open = await ask('Who is the CEO?');
    await ask('When was OMA SpecWorks launched?');
    const html = { accept: 'text/html,application/xhtml+xml' };
    for (const path of ['/admin?tab=nope', '/admin?page=0', '/admin?page=abc', '/admin?tab=log&filter=worst', `/admin?q=${'x'.repeat(201)}`]) {
      const asPage = await get(path, html);
      expect(asPage.status, path).toBe(400);
      expect(asPage.res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(asPage.document.querySelector('[role=alert]')!.textContent, path).toMatch(/tab|page|filter|search/);
      const asJson = await get(path);
      expect(asJson.status, path).toBe(400);
      expect(JSON.parse(asJson.html), path).toHaveProperty('error');
    }
    for (const path of ['/admin/items/no-such-id', '/admin/turns/999999', '/admin/turns/abc']) {
      const res = await get(path, html);
      expect(res.status, path).toBe(404);
      expect(res.res.headers.get('content-type'), path).toMatch(/^text\/html/);
    }
    const resolve = `/admin/escalations/${open.escalationId}/resolve`;
    expect((await post(resolve, { quote: 'Launched in 2018', answer: 'both' })).status).toBe(400);
    expect((await post(resolve, { quote: 'This sentence is on no page at all.' })).status).toBe(400);
    expect((await post(resolve, { quote: 'x'.repeat(1001) })).status).toBe(400);
    expect((await post('/admin/escalations/no-such-id/resolve', { quote: 'Launched in 2018' })).status).toBe(404);
    const log = await get('/admin?tab=log');
    const turns = hrefs(log.document, 'table.log a[href^="/admin/turns/"]');
    // Newest first: the answered question, then the escalated one.
    expect((await post(`${turns[0]}/correct`, {})).status).toBe(400);
    expect((await post(`${turns[0]}/correct`, { escalate: '1', answer: 'x' })).status).toBe(400);
    expect((await post(`${turns[1]}/correct`, { escalate: '1' })).status).toBe(409); // it did escalate
    expect((await post('/admin/turns/999999/correct', { escalate: '1' })).status).toBe(404);
    expect((await post('/admin/turns/abc/correct', { escalate: '1' })).status).toBe(404);
    expect((await post('/admin/answers/999999/questions', { question: 'x' })).status).toBe(404);
    expect((await post('/admin/answers/1/questions', { question: '' })).status).toBe(400);
    const asPage = await post(resolve, {}, html);
    expect(asPage.status).toBe(400);
    expect(await asPage.text()).toContain('Write an answer, choose a quote, or dismiss the question');
  });

  it('a browser without a session gets the sign-in form on any staff page', async () => {
    const app = testApp({ adminToken: TOKEN });
    for (const path of ['/admin', '/admin?tab=log', '/admin/items/x', '/admin/turns/1']) {
      const res = await app.request(path, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(401);
      expect(await res.text(), path).toContain('name="token"');
    }
  });
});

describe('accessibility of every view', () => {
  it('has a skip link, one h1, labelled inputs and tabs with aria-current', async () => {
    const { ask, get } = setup();
    const a = await ask('Who is the CEO?');
    await ask('When was OMA SpecWorks launched?');
    const log = await get('/admin?tab=log');
    const turn = hrefs(log.document, 'table.log a[href^="/admin/turns/"]')[0]!;
    for (const path of [
      '/admin',
      '/admin?tab=forwarded',
      '/admin?tab=resolved',
      '/admin?tab=log',
      '/admin?tab=answers',
      '/admin?tab=figures',
      `/admin/items/${a.escalationId}`,
      turn,
    ]) {
      const { document } = await get(path);
      expect(document.querySelector('a.skip')!.getAttribute('href'), path).toBe('#main');
      expect(document.querySelector('main#main'), path).not.toBeNull();
      expect(document.querySelectorAll('h1'), path).toHaveLength(1);
      expect(document.querySelectorAll('nav.tabs [aria-current=page]').length, path).toBe(1);
      for (const input of Array.from(document.querySelectorAll('input:not([type=hidden]), textarea'))) {
        const id = input.getAttribute('id');
        const labelled = (id && document.querySelector(`label[for="${id}"]`)) || input.getAttribute('aria-label');
        expect(labelled, `${path}: ${input.outerHTML}`).toBeTruthy();
      }
    }
    expect(openWordings()).toHaveLength(200);
  });
});
