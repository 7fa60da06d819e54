// The staff page at a busy site's scale, through its HTTP interface as a
// browser without JavaScript uses it: tabs with counts, grouping, paging,
// search, the log and its filters, the chart, the item view's one-click
// quotes, corrections from the log, the Answers tab, choices offered and
// picked in the log and the figures, and every bad input a 4xx (a page for a
// browser), never a 500.
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { postJson, testApp } from '../http/app-fixture.js';
import { IPR_CHOICES, offerChoices, openWordings, seedMonth, seedOpen } from '../admin/seed.js';

const TOKEN = 'staff-token-for-tests-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const DAY = 24 * 60 * 60 * 1000;

type Reply = { escalated: boolean; conversationId: string; escalationId?: string; answer: string; choices?: { answer: string }[] };

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
      '/admin?tab=suggestions',
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

  it('draws each day’s questions as an inline SVG with 30 stacked bars: answered, choices, escalated', async () => {
    const { document, html } = await s.get('/admin?tab=figures');
    const svg = document.querySelector('svg.chart')!;
    expect(svg.getAttribute('role')).toBe('img');
    const bars = Array.from(svg.querySelectorAll('g.day'));
    expect(bars).toHaveLength(30);
    const days = bars.map((b) => b.getAttribute('data-day'));
    expect(days.at(-1)).toBe(new Date().toISOString().slice(0, 10));
    expect(days[0]).toBe(new Date(Date.now() - 29 * DAY).toISOString().slice(0, 10));
    // Each bar says its figures; today: 200 asked, all escalated.
    expect(bars.at(-1)!.querySelector('title')!.textContent).toMatch(/200 questions — 0 answered \(0 %\), 0 with choices \(0 %\), 200 escalated \(100 %\)/);
    expect(Array.from(bars.at(-1)!.querySelectorAll('rect')).map((r) => r.getAttribute('class'))).toEqual(['bar escalated']);
    // The month behind it has all three.
    for (const series of ['answered', 'choices', 'escalated']) expect(svg.querySelectorAll(`rect.bar.${series}`).length, series).toBeGreaterThan(5);
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
    // The thumbs-down was answered (the other candidates, or the helpdesk): that reply is listed as a second try, not a new question.
    expect(texts(all.document, 'table.log tbody tr td:nth-child(2)')).toEqual([
      'Is it low?',
      'Who is the CEO?',
      '↳ After a thumbs-down on the answer to “When was OMA SpecWorks launched?”',
      'When was OMA SpecWorks launched?',
    ]);
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

const IPR_URL = IPR_CHOICES[0]!.sources[0]!.url;
/** The log's row of a turn (by its action link, the last cell's). */
const row = (d: Document, turnId: number) =>
  Array.from(d.querySelectorAll('table.log tbody tr')).find((tr) => tr.querySelector('td:last-child a')?.getAttribute('href') === `/admin/turns/${turnId}`);
const cells = (tr: Element) => Array.from(tr.querySelectorAll(':scope > td'));

describe('choices in the log', () => {
  const s = setup();
  const t0 = Date.now() - 60 * 60_000;
  let picked: Awaited<ReturnType<typeof offerChoices>>;
  let declined: Awaited<ReturnType<typeof offerChoices>>;
  let left: Awaited<ReturnType<typeof offerChoices>>;
  beforeAll(async () => {
    await s.store.recordTurn(
      { conversationId: 'c-direct', question: 'When was OMA SpecWorks launched?', answer: 'Launched in 2018.', escalated: false, confidence: 0.95 },
      undefined,
      t0,
    );
    picked = await offerChoices(s.store, { conversationId: 'c-picked', question: 'What is the IPR policy?', pick: 1 }, t0 + 60_000);
    declined = await offerChoices(s.store, { conversationId: 'c-declined', question: 'Which IPR rules apply?', pick: 'none' }, t0 + 120_000);
    left = await offerChoices(s.store, { conversationId: 'c-left', question: 'Is there an IPR policy?' }, t0 + 180_000);
  });

  it('lists the quotes a turn offered, each with its source, clipped with the whole quote one click away, and what the visitor picked', async () => {
    const { document } = await s.get('/admin?tab=log');
    const offer = row(document, picked.turn)!;
    const [, question, reply, confidence] = cells(offer);
    expect(question!.textContent!.trim()).toBe('What is the IPR policy?');
    expect(reply!.querySelector('.offered > span')!.textContent).toBe('Offered 3 choices:');
    const items = Array.from(reply!.querySelectorAll('ol.choices > li'));
    expect(items).toHaveLength(3);
    // Short quotes whole; the long one clipped, and whole in its <details>.
    expect(items[0]!.querySelector('.quote')!.textContent).toBe(IPR_CHOICES[0]!.answer);
    const long = IPR_CHOICES[1]!.answer;
    const summary = items[1]!.querySelector('details summary')!.textContent!;
    expect(summary.length).toBeLessThan(long.length);
    expect(summary).toMatch(/^Each Open Mobile Alliance member .*…/);
    expect(items[1]!.querySelector('details blockquote')!.textContent).toBe(long);
    for (const li of items) {
      const a = li.querySelector('.sources a')!;
      expect(a.getAttribute('href')).toBe(IPR_URL);
      expect(a.textContent).toBe('About — All OMA members operate under the same IPR policy.');
    }
    // The pick: the second quote, marked, and said.
    expect(items.map((li) => li.classList.contains('picked'))).toEqual([false, true, false]);
    expect(items[1]!.textContent).toContain('✓ picked');
    expect(reply!.querySelector('.pick')!.textContent!.trim()).toBe('Picked choice 2.');
    expect(confidence!.textContent).toMatch(/choices\s*62 %/);
    expect(row(document, declined.turn)!.querySelector('.pick')!.textContent!.trim()).toBe('None — asked the team.');
    expect(row(document, left.turn)!.querySelector('.pick')!.textContent!.trim()).toBe('No pick yet.');
    expect(row(document, left.turn)!.querySelector('li.picked')).toBeNull();
  });

  it('shows the reply to a pick as the visitor’s pick among the choices, linked to the offer, not as a new question', async () => {
    const { document } = await s.get('/admin?tab=log');
    const questions = Array.from(document.querySelectorAll('table.log tbody tr')).map((tr) => cells(tr)[1]!);
    // Three offers and a direct answer are questions (bold); the two picks are not.
    expect(questions.filter((td) => td.querySelector('strong')).map((td) => td.textContent!.trim())).toEqual([
      'Is there an IPR policy?',
      'Which IPR rules apply?',
      'What is the IPR policy?',
      'When was OMA SpecWorks launched?',
    ]);
    const picks = questions.filter((td) => td.querySelector('.pick-of'));
    expect(picks.map((td) => td.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      '↳ The visitor’s pick among the choices offered for “Which IPR rules apply?”',
      '↳ The visitor’s pick among the choices offered for “What is the IPR policy?”',
    ]);
    expect(picks.map((td) => td.querySelector('a')!.getAttribute('href'))).toEqual([`/admin/turns/${declined.turn}`, `/admin/turns/${picked.turn}`]);
    const [declinedReply, pickedReply] = picks.map((td) => td.closest('tr')!);
    expect(cells(pickedReply!)[2]!.textContent!.trim()).toBe(IPR_CHOICES[1]!.answer.slice(0, 179).trimEnd() + '…');
    expect(cells(pickedReply!)[3]!.textContent!.trim()).toBe('visitor’s pick');
    expect(cells(declinedReply!)[2]!.textContent!.trim()).toBe('None of the choices: passed to the helpdesk');
    expect(cells(declinedReply!)[3]!.textContent!.trim()).toBe('escalated');

    // Its own page says so too, and the offer's page has every quote whole.
    const reply = await s.get(pickedReply!.querySelector('td:last-child a')!.getAttribute('href')!);
    expect(reply.document.querySelector('dl.facts')!.textContent).toContain('The visitor’s pick among the choices offered for this question: the quote below.');
    const offer = await s.get(`/admin/turns/${picked.turn}`);
    expect(texts(offer.document, 'dl.facts ol.choices .quote')).toEqual(IPR_CHOICES.map((c) => c.answer));
    expect(offer.document.querySelector('dl.facts .pick')!.textContent!.trim()).toBe('Picked choice 2.');
  });

  it('"low confidence" lists the questions offered choices (and low direct answers), never the picks', async () => {
    await s.store.recordTurn(
      { conversationId: 'c-low', question: 'Is it low?', answer: 'A doubtful quote.', escalated: false, confidence: 0.5 },
      undefined,
      t0 - 60_000,
    );
    const { document } = await s.get('/admin?tab=log&filter=low');
    // Newest recorded first: the low answer was recorded last.
    expect(texts(document, 'table.log tbody tr td:nth-child(2)')).toEqual([
      'Is it low?',
      'Is there an IPR policy?',
      'Which IPR rules apply?',
      'What is the IPR policy?',
    ]);
    expect(document.querySelector('table.log caption')!.textContent).toContain('answered with low confidence or offered choices');
  });
});

describe('choices as text', () => {
  it('shows offered quotes, their sources and the question with markup as text, and links a source only to a web address', async () => {
    const { store, get } = setup();
    const markup = (tag: string) => `<img src=x onerror="alert('${tag}')"><script>alert('${tag}')</script><b>${tag}</b>`;
    const quotes = [
      { answer: `Quote ${markup('quote')}`, sources: [{ title: `Title ${markup('title')}`, url: 'javascript:alert(1)' }], passage: 1, sentence: 0 },
      {
        answer: `Long ${'word '.repeat(40)}${markup('long')}`,
        sources: [{ title: 'Page', url: 'https://example.org/"><script>x</script>' }],
        passage: 2,
        sentence: 0,
      },
    ];
    const offer = await offerChoices(store, { conversationId: 'm-1', question: `Which ${markup('question')}?`, quotes, pick: 1 });
    await offerChoices(store, { conversationId: 'm-2', question: `Declined ${markup('declined')}`, quotes, pick: 'none' });
    const log = await get('/admin?tab=log');
    const turns = [...new Set(hrefs(log.document, 'table.log a[href^="/admin/turns/"]'))];
    expect(turns).toHaveLength(4); // two offers, two picks
    let text = '';
    for (const path of ['/admin?tab=log', '/admin?tab=log&filter=low', '/admin?tab=figures', ...turns]) {
      const { html, document, status } = await get(path);
      expect(status, path).toBe(200);
      expect(document.querySelectorAll('img, script, b'), path).toHaveLength(0);
      expect(html, path).not.toMatch(/<(img|script|b)\b/i);
      expect(document.querySelectorAll('a[href^="javascript:" i]'), path).toHaveLength(0);
      text += document.body.textContent!;
    }
    for (const tag of ['quote', 'title', 'long', 'question', 'declined']) expect(text).toContain(markup(tag));
    const row = Array.from(log.document.querySelectorAll('table.log tbody tr')).find((tr) =>
      tr.querySelector(`td:last-child a[href="/admin/turns/${offer.turn}"]`),
    )!;
    const [first, second] = Array.from(row.querySelectorAll('ol.choices > li'));
    // The source that is no web address is its title, as text; the other keeps its address, escaped, as the link.
    expect(first!.querySelector('.sources a')).toBeNull();
    expect(first!.querySelector('.sources')!.textContent).toBe(`Title ${markup('title')}`);
    expect(second!.querySelector('.sources a')!.getAttribute('href')).toBe('https://example.org/"><script>x</script>');
    expect(second!.querySelector('details blockquote')!.textContent).toBe(quotes[1]!.answer);
    expect(second!.querySelector('summary')!.textContent).not.toContain('<img');
  });
});

describe('choices in the figures', () => {
  // Three days of questions: counted by question (a pick is not one), split three ways.
  const s = setup();
  const now = Date.now();
  const day = (d: number) => new Date(now - d * DAY).toISOString().slice(0, 10);
  beforeAll(async () => {
    let n = 0;
    const direct = (d: number) =>
      s.store.recordTurn(
        { conversationId: `f-${n++}`, question: 'When was OMA SpecWorks launched?', answer: 'Launched in 2018.', escalated: false, confidence: 0.95 },
        undefined,
        now - d * DAY,
      );
    const escalated = async (d: number, question = 'Who is the CEO?') => {
      const { escalationId } = await s.store.recordTurn(
        { conversationId: `f-${n++}`, question, answer: 'Passed on.', escalated: true, confidence: 0.1 },
        undefined,
        now - d * DAY,
      );
      return escalationId!;
    };
    const choices = (d: number, pick?: number | 'none') =>
      offerChoices(s.store, { conversationId: `f-${n++}`, question: 'What is the IPR policy?', ...(pick === undefined ? {} : { pick }) }, now - d * DAY);
    // Yesterday: 3 answered, 2 with choices (one picked, one declined), 1 escalated.
    for (let i = 0; i < 3; i++) await direct(1);
    await choices(1, 0);
    await choices(1, 'none');
    await escalated(1);
    // Three days ago: 1 answered, 2 with choices (one left, one picked), 1 escalated.
    await direct(3);
    await choices(3);
    await choices(3, 2);
    await escalated(3);
    // Ten days ago (30 days only): 2 answered, 1 with choices (declined), 2 escalated.
    await direct(10);
    await direct(10);
    await choices(10, 'none');
    await escalated(10);
    await escalated(10);
  });

  it('shows the three-way split over 7 and 30 days, and what visitors did with the choices', async () => {
    const { document } = await s.get('/admin?tab=figures');
    const kpis = Array.from(document.querySelectorAll('.kpi')).map((k) => Array.from(k.children).map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));
    expect(kpis).toEqual([
      [
        'Last 7 days',
        '40 % answered',
        '10 questions, 4 answered (40 %), 4 with choices (40 %), 2 escalated (20 %).',
        'Of the choices: 2 picked, 1 declined (asked the team), 1 no pick.',
      ],
      [
        'Last 30 days',
        '40 % answered',
        '15 questions, 6 answered (40 %), 5 with choices (33 %), 4 escalated (27 %).',
        'Of the choices: 2 picked, 2 declined (asked the team), 1 no pick.',
      ],
    ]);
    const picks = Array.from(document.querySelectorAll('table.picks tbody tr')).map((tr) =>
      Array.from(tr.children).map((c) => c.textContent!.replace(/\s+/g, ' ').trim()),
    );
    expect(picks).toEqual([
      ['Questions offered choices', '4', '5'],
      ['Picked one of the quotes', '2 (50 %)', '2 (40 %)'],
      ['None of them — asked the team', '1 (25 %)', '2 (40 %)'],
      ['No pick (yet)', '1 (25 %)', '1 (20 %)'],
    ]);
    // Declined choices are unanswered questions too.
    expect(texts(document, 'h2 + p + ol li')).toEqual(['Who is the CEO? × 4', 'What is the IPR policy? × 2']);
  });

  it('stacks each day’s bar answered / choices / escalated, with a legend, a summary and a table of the days', async () => {
    const { document } = await s.get('/admin?tab=figures');
    const svg = document.querySelector('svg.chart')!;
    expect(svg.querySelector('desc')!.textContent).toMatch(/^15 questions: 6 answered \(40 %\), 5 with choices \(33 %\), 4 escalated \(27 %\)\./);
    const bar = (d: number) => svg.querySelector(`g.day[data-day="${day(d)}"]`)!;
    expect(bar(1).querySelector('title')!.textContent).toBe(`${day(1)}: 6 questions — 3 answered (50 %), 2 with choices (33 %), 1 escalated (17 %)`);
    const stack = Array.from(bar(1).querySelectorAll('rect')).map((r) => [r.getAttribute('class'), r.getAttribute('data-n'), Number(r.getAttribute('height'))]);
    expect(stack).toEqual([
      ['bar answered', '3', 70],
      ['bar choices', '2', expect.closeTo(46.7, 1)],
      ['bar escalated', '1', expect.closeTo(23.3, 1)],
    ]);
    expect(bar(10).querySelector('title')!.textContent).toContain('5 questions — 2 answered (40 %), 1 with choices (20 %), 2 escalated (40 %)');
    expect(Array.from(bar(2).querySelectorAll('rect')).map((r) => r.getAttribute('class'))).toEqual(['bar none']);
    expect(bar(2).querySelector('title')!.textContent).toBe(`${day(2)}: no questions`);
    expect(texts(document, 'ul.legend li')).toEqual(['Answered directly', 'Offered choices', 'Escalated', 'No questions that day']);
    const table = Array.from(document.querySelectorAll('details.chart-table tbody tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent!.trim()));
    expect(table).toHaveLength(30);
    expect(table.find((r) => r[0] === day(1))).toEqual([day(1), '6', '3', '2', '1']);
    expect(table.find((r) => r[0] === day(3))).toEqual([day(3), '4', '1', '2', '1']);
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

    // Another wording of the taught question: the quote staff chose (alone, or first among the choices).
    const next = await ask('Is LwM2M free of charge?');
    expect(next.escalated).toBe(false);
    expect(next.choices?.[0]?.answer ?? next.answer).toContain(quote.slice(0, 60));
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
      '/admin?tab=suggestions',
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
