// The staff page's Suggestions tab through its HTTP interface, as a browser
// without JavaScript uses it: the list per sentence with the wordings,
// counts and status, sub-tabs by status with counts, 50 a page, Accept and
// Reject through the page's own forms (303 back to the same sub-tab and
// page, with a confirmation), cross-site posts refused, visitor text
// escaped, and a pair visitors taught (LEARN_FROM_CHOICES) undone by staff —
// on a real SQLite store and the real engine.
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchSuggestionsTab } from '../../bench/staff-page.js';
import { clientBehindProxies } from '../../src/http/client.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { postJson, testApp, testEngine } from '../http/app-fixture.js';

const TOKEN = 'staff-token-for-tests-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const ABOUT = 'https://omaspecworks.org/omaspecworks/about';

type Reply = { answer: string; escalated: boolean; conversationId: string; choices?: { id: string; answer: string }[]; suggestions: string[] };

function setup(learnFromChoices = 3) {
  const store = openSqliteStore(':memory:');
  const app = testApp(
    { adminToken: TOKEN, learnFromChoices, staffRefreshMs: 0 },
    // Behind one trusted proxy: X-Forwarded-For names the visitor.
    {
      store,
      client: clientBehindProxies(
        1,
        () => '127.0.0.1',
        () => {},
      ),
    },
  );
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
  /** Submits the form of the item's button named `button` as the page has it; the response (a 303). */
  const press = async (document: Document, id: number, button: string, headers: Record<string, string> = {}) => {
    const form = Array.from(document.querySelectorAll(`#s-${id} form`)).find((f) => f.querySelector('button')!.textContent!.trim().startsWith(button));
    if (!form) throw new Error(`no ${button} button on suggestion ${id}`);
    expect(form.getAttribute('method')).toBe('post');
    const fields = Object.fromEntries(Array.from(form.querySelectorAll('input')).map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']));
    return post(form.getAttribute('action')!, fields, headers);
  };
  const chat = async (client: string, body: unknown) => (await (await app.request('/api/chat', postJson(body, { 'x-forwarded-for': client }))).json()) as Reply;
  return { app, store, get, post, press, chat };
}

/** A wording and a sentence with `clients` distinct clients picking it (the first `against` of `wordings.length` more saying no). */
async function suggest(
  store: Store,
  o: { key: string; sentence: string; quote?: string; url?: string; wordings: string[]; clients: number; against?: number },
): Promise<number> {
  for (let i = 0; i < o.clients; i++)
    await store.vote({
      wordingKey: o.key,
      wording: o.wordings[i % o.wordings.length]!,
      sentence: o.sentence,
      quote: o.quote ?? o.sentence,
      ...(o.url === undefined ? { url: `${ABOUT}#${o.key}` } : o.url ? { url: o.url } : {}),
      clientKey: `${o.key}-client-${i}`,
      verdict: 1,
    });
  for (let i = 0; i < (o.against ?? 0); i++)
    await store.vote({
      wordingKey: o.key,
      wording: o.wordings[0]!,
      sentence: o.sentence,
      quote: o.quote ?? o.sentence,
      clientKey: `${o.key}-no-${i}`,
      verdict: -1,
    });
  return (await store.suggestionFor(o.key, o.sentence))!.id;
}

const texts = (d: Document | Element, selector: string) => Array.from(d.querySelectorAll(selector)).map((e) => e.textContent!.trim());
const tab = (d: Document, name: string) => Array.from(d.querySelectorAll('nav.tabs a')).find((a) => a.textContent!.startsWith(name))!;
const subTab = (d: Document, name: string) => Array.from(d.querySelectorAll('nav.filters a')).find((a) => a.textContent!.startsWith(name))!;
const buttons = (d: Document, id: number) => texts(d, `#s-${id} button`).map((t) => t.split(':')[0]);

const FEES = 'Membership is open to any company, and the fee depends on the membership level.';
const HOSTILE_WORDING = '<script>alert("x")</script> & <b>fees</b>?';
const HOSTILE_SENTENCE = 'Fees <img src=x onerror=alert(1)> apply & more.';

describe('the Suggestions tab with 123 suggestions', () => {
  const s = setup();
  const ids = { fees: 0, join: 0, hostile: 0, learned: 0, accepted: 0, rejected: 0 };
  beforeAll(async () => {
    ids.fees = await suggest(s.store, {
      key: 'fee member',
      sentence: FEES,
      wordings: ['How much is membership?', 'what does membership cost', 'Membership fee?'],
      clients: 6,
      against: 1,
    });
    ids.join = await suggest(s.store, { key: 'join', sentence: FEES, wordings: ['Can my company join?'], clients: 4 });
    ids.hostile = await suggest(s.store, { key: 'hostile', sentence: HOSTILE_SENTENCE, url: 'javascript:alert(1)', wordings: [HOSTILE_WORDING], clients: 3 });
    for (let i = 0; i < 117; i++)
      await suggest(s.store, {
        key: `filler ${i}`,
        sentence: `Filler sentence number ${i}.`,
        wordings: [`Filler question ${i}?`],
        clients: 1,
      });
    ids.learned = await suggest(s.store, { key: 'iot', sentence: 'OMA works on IoT.', wordings: ['Does OMA work on IoT?'], clients: 3 });
    await s.store.acceptSuggestion(ids.learned, { kind: 'quote', question: 'Does OMA work on IoT?', answer: 'OMA works on IoT.' }, 'learned');
    ids.accepted = await suggest(s.store, { key: 'launch', sentence: 'Launched in 2018.', wordings: ['When did it start?'], clients: 2 });
    await s.store.acceptSuggestion(ids.accepted, { kind: 'quote', question: 'When did it start?', answer: 'Launched in 2018.' }, 'accepted');
    ids.rejected = await suggest(s.store, { key: 'ceo', sentence: 'Seth Newberry is the General Manager.', wordings: ['Who is the CEO?'], clients: 2 });
    await s.store.rejectSuggestion(ids.rejected, { question: 'Who is the CEO?', wrong: 'Seth Newberry is the General Manager.' });
  }, 60_000);

  it('is a tab of the staff page, counting what staff have not decided (open and learned), with sub-tabs by status', async () => {
    const { status, document, html } = await s.get('/admin?tab=suggestions');
    expect(status).toBe(200);
    const suggestions = tab(document, 'Suggestions');
    expect(suggestions.getAttribute('href')).toBe('/admin?tab=suggestions');
    expect(suggestions.getAttribute('aria-current')).toBe('page');
    expect(suggestions.querySelector('.count')!.textContent).toBe('121');
    expect(tab(document, 'Open').hasAttribute('aria-current')).toBe(false);
    expect(texts(document, 'nav.filters a').map((t) => t.replace(/\s+/g, ' '))).toEqual(['Open 120', 'Learned 1', 'Accepted 1', 'Rejected 1']);
    expect(subTab(document, 'Open').getAttribute('aria-current')).toBe('page');
    expect(Array.from(document.querySelectorAll('nav.filters a')).map((a) => a.getAttribute('href'))).toEqual([
      '/admin?tab=suggestions',
      '/admin?tab=suggestions&status=learned',
      '/admin?tab=suggestions&status=accepted',
      '/admin?tab=suggestions&status=rejected',
    ]);
    expect(html).not.toContain('<script>');
    // The other tabs show the tab too.
    expect(tab((await s.get('/admin?tab=log')).document, 'Suggestions').querySelector('.count')!.textContent).toBe('121');
  });

  it('shows each sentence once (the quote, its source), the wordings matched to it with the counts and status, most picked first', async () => {
    const { document } = await s.get('/admin?tab=suggestions');
    expect(document.querySelectorAll('li.sugg')).toHaveLength(50);
    const cards = Array.from(document.querySelectorAll('ul.sentences > li.card'));
    expect(cards).toHaveLength(49); // two wordings of the fees sentence share its card
    const fees = cards[0]!;
    expect(fees.querySelector('blockquote')!.textContent).toBe(FEES);
    expect(fees.querySelector('.source a')!.getAttribute('href')).toBe(`${ABOUT}#fee member`);
    expect(Array.from(fees.querySelectorAll('li.sugg')).map((li) => li.id)).toEqual([`s-${ids.fees}`, `s-${ids.join}`]);
    const first = document.querySelector(`#s-${ids.fees}`)!;
    expect(texts(first, '.asked li').sort()).toEqual(['“How much is membership?”', '“Membership fee?”', '“what does membership cost”']);
    expect(first.querySelector('.figures')!.textContent!.replace(/\s+/g, ' ')).toMatch(
      /^open · picked by 6 distinct clients · 1 said it does not answer · last \d{4}-/,
    );
    expect(first.querySelector('.badge.open')).not.toBeNull();
    expect(document.querySelector(`#s-${ids.join} .figures`)!.textContent!.replace(/\s+/g, ' ')).toMatch(/picked by 4 distinct clients · none said it/);
    expect(buttons(document, ids.fees)).toEqual(['Accept', 'Reject']);
    // Each button says which wording it decides, for a screen reader.
    expect(first.querySelector('button .sr')!.textContent).toBe(': “How much is membership?”');
  });

  it('pages 50 at a time, in SQL order, links keeping the status; past the end is the last page; a bad status or page is a 400 page', async () => {
    const one = await s.get('/admin?tab=suggestions');
    const two = await s.get('/admin?tab=suggestions&page=2');
    const three = await s.get('/admin?tab=suggestions&page=3');
    const idsOf = (d: Document) => Array.from(d.querySelectorAll('li.sugg')).map((li) => li.id);
    expect([idsOf(one.document).length, idsOf(two.document).length, idsOf(three.document).length]).toEqual([50, 50, 20]);
    expect(new Set([...idsOf(one.document), ...idsOf(two.document), ...idsOf(three.document)]).size).toBe(120);
    expect(one.document.querySelector('nav.pager a[rel=next]')!.getAttribute('href')).toBe('/admin?tab=suggestions&page=2');
    expect(two.document.querySelector('nav.pager a[rel=prev]')!.getAttribute('href')).toBe('/admin?tab=suggestions');
    expect(texts(three.document, 'nav.pager [aria-current=page]')).toEqual(['3']);
    expect(three.document.querySelector('nav.pager')!.textContent).toContain('Page 3 of 3 · 120 open suggestions');
    expect(idsOf((await s.get('/admin?tab=suggestions&page=9')).document)).toEqual(idsOf(three.document));
    // A status's own pages.
    const learned = await s.get('/admin?tab=suggestions&status=learned');
    expect(learned.document.querySelector('.pager')!.textContent).toBe('1 learned suggestion');
    for (const bad of ['status=maybe', 'page=0', 'page=x']) {
      const r = await s.get(`/admin?tab=suggestions&${bad}`, { accept: 'text/html' });
      expect(r.status, bad).toBe(400);
      expect(r.document.querySelector('[role=alert]')!.textContent, bad).toMatch(/status must be one of open, learned, accepted, rejected|page must be/);
    }
  });

  it('shows visitor text as text: escaped, and no script: link', async () => {
    const { html, document } = await s.get('/admin?tab=suggestions');
    const item = document.querySelector(`#s-${ids.hostile}`)!;
    expect(texts(item, '.asked li')).toEqual([`“${HOSTILE_WORDING}”`]);
    expect(item.closest('li.card')!.querySelector('blockquote')!.textContent).toBe(HOSTILE_SENTENCE);
    expect(document.querySelectorAll('script, b, img')).toHaveLength(0);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;fees&lt;/b&gt;?');
    expect(html).not.toContain('javascript:');
    expect(item.closest('li.card')!.querySelector('.source')).toBeNull(); // no link rather than a script: URL
  });

  it('a learned item says visitors taught it, with Confirm and Undo; an accepted one Reject; a rejected one none', async () => {
    const learned = await s.get('/admin?tab=suggestions&status=learned');
    expect(subTab(learned.document, 'Learned').getAttribute('aria-current')).toBe('page');
    const item = learned.document.querySelector(`#s-${ids.learned}`)!;
    expect(item.querySelector('.badge.learned')).not.toBeNull();
    expect(item.querySelector('.decided')!.textContent).toMatch(/^Visitors taught this: at least 3 distinct clients picked this sentence/);
    expect(buttons(learned.document, ids.learned)).toEqual(['Confirm', 'Undo']);
    const accepted = await s.get('/admin?tab=suggestions&status=accepted');
    expect(buttons(accepted.document, ids.accepted)).toEqual(['Reject']);
    const rejected = await s.get('/admin?tab=suggestions&status=rejected');
    expect(buttons(rejected.document, ids.rejected)).toEqual([]);
    expect(rejected.document.querySelector(`#s-${ids.rejected}`)!.textContent).toContain('Rejected for good');
  });

  it('Accept through the form: back to the same sub-tab and page with a confirmation; the wordings become a matching-only quote answer', async () => {
    const page2 = await s.get('/admin?tab=suggestions&page=2');
    const id = Number(page2.document.querySelector('li.sugg')!.id.slice(2));
    const res = await s.press(page2.document, id, 'Accept');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin?tab=suggestions&page=2&done=accepted');
    const back = await s.get(res.headers.get('location')!);
    expect(back.document.querySelector('[role=status]')!.textContent).toMatch(/Accepted\. The bot answers these wordings with that sentence/);
    expect(back.document.querySelector(`#s-${id}`)).toBeNull();
    expect(texts(back.document, 'nav.filters a').map((t) => t.replace(/\s+/g, ' '))).toEqual(['Open 119', 'Learned 1', 'Accepted 2', 'Rejected 1']);
    const now = await s.get('/admin?tab=suggestions&status=accepted');
    expect(now.document.querySelector(`#s-${id} .badge.accepted`)).not.toBeNull();
    const suggestion = (await s.store.getSuggestion(id))!;
    expect(await s.store.getStaffAnswer(suggestion.staffAnswerId!)).toMatchObject({ kind: 'quote', question: suggestion.wording, answer: suggestion.sentence });
  });

  it('Reject through the form: the item moves to Rejected, for good (an Accept posted from a stale page is a 409)', async () => {
    const { document } = await s.get('/admin?tab=suggestions');
    const res = await s.press(document, ids.join, 'Reject');
    expect(res.headers.get('location')).toBe('/admin?tab=suggestions&done=rejected');
    const back = await s.get(res.headers.get('location')!);
    expect(back.document.querySelector('[role=status]')!.textContent).toMatch(/^✓ Rejected\. The bot never answers these wordings with that sentence directly/);
    expect((await s.store.getSuggestion(ids.join))!.status).toBe('rejected');
    const stale = await s.press(document, ids.join, 'Accept', { accept: 'text/html' });
    expect(stale.status).toBe(409);
    expect(parseHTML(await stale.text()).document.querySelector('[role=alert]')!.textContent).toBe('This suggestion was rejected: a rejection is final');
    expect((await s.store.getSuggestion(ids.join))!.status).toBe('rejected');
  });

  it('refuses a cross-site post of either form, and nothing changes', async () => {
    const { document } = await s.get('/admin?tab=suggestions');
    for (const [button, headers] of [
      ['Accept', { origin: 'https://evil.example' }],
      ['Reject', { origin: 'http://localhost.evil.example' }],
    ] as const) {
      const res = await s.press(document, ids.fees, button, headers);
      expect(res.status, button).toBe(403);
      expect(await res.json()).toEqual({ error: 'Cross-site form posts to the staff pages are refused' });
    }
    expect((await s.store.getSuggestion(ids.fees))!.status).toBe('open');
  });

  it('an unknown suggestion is a 404 page; a bad form is a 400', async () => {
    const missing = await s.post('/admin/suggestions/999999/accept', { status: 'open', page: '1' }, { accept: 'text/html' });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('No such suggestion');
    expect((await s.post('/admin/suggestions/abc/reject', {})).status).toBe(404);
    expect((await s.post(`/admin/suggestions/${ids.fees}/reject`, { status: 'maybe' })).status).toBe(400);
    expect((await s.store.getSuggestion(ids.fees))!.status).toBe('open');
  });
});

describe('what visitors taught, through the tab', () => {
  const QUESTION = 'Does OMA work on IoT?';
  /** The choice of the three it offers that does not answer the question. */
  const WRONG = /^Launched in 2018/;

  it('three clients teach a wrong pair; the Learned sub-tab shows it; Undo rejects it for good and the bot stops quoting it', async () => {
    const s = setup(3);
    const askAndPick = async (client: string) => {
      const r = await s.chat(client, { message: QUESTION });
      const choice = r.choices?.find((c) => WRONG.test(c.answer));
      if (!choice) throw new Error(`no wrong choice offered for "${QUESTION}"`);
      return s.chat(client, { conversationId: r.conversationId, choice: choice.id });
    };
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) await askAndPick(client);
    expect((await s.chat('198.51.100.9', { message: QUESTION })).answer).toMatch(WRONG);

    const { document } = await s.get('/admin?tab=suggestions&status=learned');
    const item = document.querySelector('li.sugg')!;
    const id = Number(item.id.slice(2));
    expect(texts(item, '.asked li')).toEqual([`“${QUESTION}”`]);
    expect(item.querySelector('.figures')!.textContent).toMatch(/picked by 3 distinct clients/);
    expect(item.querySelector('.decided')!.textContent).toMatch(/^Visitors taught this/);
    expect(item.closest('li.card')!.querySelector('blockquote')!.textContent).toMatch(WRONG);

    const res = await s.press(document, id, 'Undo');
    expect(res.headers.get('location')).toBe('/admin?tab=suggestions&status=learned&done=undone');
    const back = await s.get(res.headers.get('location')!);
    expect(back.document.querySelector('[role=status]')!.textContent).toMatch(/Undone\./);
    expect(back.document.querySelector('.empty')!.textContent).toBe('Nothing learned from visitors.');
    expect((await s.chat('198.51.100.9', { message: QUESTION })).answer).not.toMatch(WRONG);
    // For good: more clients picking it teach nothing.
    for (const client of ['203.0.113.4', '203.0.113.5', '203.0.113.6']) {
      const r = await s.chat(client, { message: QUESTION });
      const wrong = r.choices?.find((c) => WRONG.test(c.answer));
      if (wrong) await s.chat(client, { conversationId: r.conversationId, choice: wrong.id });
    }
    const still = await s.chat('198.51.100.9', { message: QUESTION });
    expect(still.choices === undefined && WRONG.test(still.answer)).toBe(false);
    expect((await s.store.getSuggestion(id))!.status).toBe('rejected');
  });

  it('with learning off, Accept on the Open sub-tab makes the bot quote that sentence for the wording', async () => {
    const s = setup(0);
    for (const client of ['203.0.113.1', '203.0.113.2']) {
      const r = await s.chat(client, { message: QUESTION });
      const right = r.choices!.find((c) => /working groups are active/.test(c.answer))!;
      await s.chat(client, { conversationId: r.conversationId, choice: right.id });
    }
    const { document } = await s.get('/admin?tab=suggestions');
    expect(document.body.textContent).toContain('Learning from picks is off (LEARN_FROM_CHOICES=0)');
    const id = Number(document.querySelector('li.sugg')!.id.slice(2));
    expect((await s.press(document, id, 'Accept')).status).toBe(303);
    const r = await s.chat('198.51.100.9', { message: QUESTION });
    expect(r.choices).toBeUndefined();
    expect(r.answer).toMatch(/working groups are active/);
    // Matching only: never offered to visitors as a suggestion.
    expect((await s.chat('198.51.100.9', { message: 'Hello!' })).suggestions).not.toContain(QUESTION);
  });
});

describe('with 5 000 suggestions on a real SQLite file', () => {
  it('renders a page of the tab well within budget (measured: bench/staff-page.ts)', async () => {
    const r = await benchSuggestionsTab(testEngine(), 5000, 3);
    console.log(
      `Suggestions tab, ${r.total} suggestions (${r.counts.open} open): first page p50 ${r.openFirst.p50Ms} ms (CPU ${r.openFirst.cpuP50Ms} ms), last ${r.openLast.p50Ms} ms (CPU ${r.openLast.cpuP50Ms} ms), learned ${r.learned.p50Ms} ms; ${r.openFirst.htmlBytes} bytes of HTML`,
    );
    expect(r.counts).toEqual({ open: 4500, learned: 300, accepted: 150, rejected: 50 });
    // Generous (the target is 100 ms on the bench machine): catches reading every suggestion's wordings, not noise.
    for (const t of [r.openFirst, r.openLast, r.learned]) expect(t.p50Ms).toBeLessThan(1000);
    expect(r.openFirst.htmlBytes).toBeLessThan(300 * 1024);
  }, 120_000);
});
