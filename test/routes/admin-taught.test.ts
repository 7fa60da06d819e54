// What staff see before they teach the bot, and what it learns: every
// wording of a group in full on the item view (a visitor's link and address
// among them), what resolving and correcting store (no link, no address),
// distinct wordings counted once, the Figures' unanswered questions staff
// have not settled yet, what a correction taught shown after it, and the
// log's pages counted. Through the staff page's HTTP interface, as a browser
// without JavaScript uses it, on a real SQLite store and the real engine.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { postJson, testApp } from '../http/app-fixture.js';

const TOKEN = 'staff-token-for-tests-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };

type Reply = { escalated: boolean; conversationId: string; escalationId?: string; answer: string };

function setup() {
  const store = openSqliteStore(':memory:');
  const app = testApp({ adminToken: TOKEN }, { store });
  const ask = async (message: string): Promise<Reply> => (await app.request('/api/chat', postJson({ message }))).json() as Promise<Reply>;
  const get = async (path: string) => {
    const res = await app.request(path, { headers: auth });
    const html = await res.text();
    return { status: res.status, html, document: parseHTML(html).document };
  };
  const post = (path: string, fields: Record<string, string>) =>
    app.request(path, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams(fields).toString(),
    });
  /**
   * An escalated question recorded as the assistant records it, with the
   * words the group of "What are the membership fees?" has: the wording
   * joined that group. (Whether a given text joins one depends on the
   * engine's analysis; the row is about what happens once it has.)
   */
  let n = 0;
  const joins = async (question: string, terms = 'membership~member fee') => {
    const { escalationId } = await store.recordTurn({ conversationId: `joined-${n++}`, question, answer: 'Passed on.', escalated: true, confidence: 0, terms });
    return { escalated: true, escalationId: escalationId! };
  };
  return { app, store, ask, joins, get, post };
}

const texts = (d: Document | Element, selector: string) => Array.from(d.querySelectorAll(selector)).map((e) => e.textContent!.replace(/\s+/g, ' ').trim());

/** A real question, 200 question marks, a link (with markup in it) and an address: what an attacker hides past the clip. */
const PAYLOAD = `What are the membership fees?${'?'.repeat(200)} https://evil.example/pay?ref=<b>now</b> refunds@evil.example`;
/** What a taught wording must never carry. */
const LINKISH = /evil|https?:|www\.|@|<b>/i;

describe('row 4: a link and an address hidden in a wording of a group', () => {
  it('the item view shows every wording of the group in full, escaped, in a scrollable list, before it is resolved', async () => {
    const { ask, joins, get } = setup();
    const attack = await joins(PAYLOAD);
    const real = await ask('What are the membership fees?');
    expect([attack.escalated, real.escalated]).toEqual([true, true]);
    for (const id of [real.escalationId, attack.escalationId]) {
      const { document, html } = await get(`/admin/items/${id}`);
      const list = document.querySelector('ol.wordings')!;
      expect(list, 'a list of the wordings').not.toBeNull();
      const wordings = texts(list, '.wording');
      // The whole payload, as typed: nothing clipped, markup as text.
      expect(wordings).toContain(PAYLOAD);
      expect(wordings).toContain('What are the membership fees?');
      expect(document.querySelectorAll('b')).toHaveLength(0);
      expect(html).not.toMatch(/<b>now/);
      // What will not be taught is marked: the link and the address.
      expect(texts(list, 'del')).toEqual(['https://evil.example/pay?ref=<b>now</b>', 'refunds@evil.example']);
      expect(document.querySelector('#wordings')!.closest('section')!.textContent).toMatch(/links and addresses .*never taught/i);
    }
  });

  it('resolving the group teaches its wordings without the link and the address, with a written answer or a quote', async () => {
    for (const how of ['answer', 'quote'] as const) {
      const { ask, joins, get, post, store, app } = setup();
      await joins(PAYLOAD);
      await joins('Please, what are the membership fees? www.evil.com');
      const real = await ask('What are the membership fees?');
      const item = await get(`/admin/items/${real.escalationId}`);
      expect(item.document.querySelectorAll('ol.wordings .wording'), 'three wordings in the group').toHaveLength(3);
      const quote = item.document.querySelector('.cands input[name=quote]')!.getAttribute('value')!;
      const res = await post(`/admin/escalations/${real.escalationId}/resolve`, how === 'answer' ? { answer: 'They depend on the level.' } : { quote });
      expect(res.status, how).toBe(303);
      const [taught] = await store.listStaffAnswers();
      expect(taught!.question, how).toBe('What are the membership fees?');
      for (const q of [taught!.question, ...taught!.questions]) expect(q, how).not.toMatch(LINKISH);
      expect(taught!.questions, how).toEqual(['Please, what are the membership fees?']);
      // The same through the API and the markdown export.
      for (const path of ['/api/admin/answers', '/api/admin/answers/export', '/admin/answers.md'])
        expect(await (await app.request(path, { headers: auth })).text(), `${how} ${path}`).not.toMatch(/evil/i);
    }
  });

  it('the attacker’s own item resolved: the question taught is theirs without the link and the address', async () => {
    const { ask, joins, post, store, app } = setup();
    await ask('What are the membership fees?');
    const attack = await joins(PAYLOAD);
    expect((await post(`/admin/escalations/${attack.escalationId}/resolve`, { answer: 'They depend on the level.' })).status).toBe(303);
    const [taught] = await store.listStaffAnswers();
    expect(taught).toMatchObject({ question: 'What are the membership fees?', questions: [] });
    // A question that is nothing but a link teaches nothing: 400, the question stays open.
    const only = await joins('https://evil.example/x', 'evil.example/x');
    const res = await app.request(`/api/admin/escalations/${only.escalationId}/resolve`, postJson({ answer: 'No.' }, auth));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/link/);
    expect((await store.getEscalation(only.escalationId!))!.status).toBe('open');
  });

  it('a correction teaches the question without its links', async () => {
    const { get, post, store } = setup();
    // A reply the bot gave (recorded as the assistant records it) to a question carrying links.
    await store.recordTurn({
      conversationId: 'c-links',
      question: 'Who can join? My details: ann@evil.example, evil.example/me',
      answer: 'A wrong quote.',
      escalated: false,
      confidence: 0.8,
    });
    const log = await get('/admin?tab=log');
    const link = log.document.querySelector('table.log a[href^="/admin/turns/"]')!.getAttribute('href')!;
    expect((await post(`${link}/correct`, { answer: 'Any company or organisation can join.' })).status).toBe(303);
    const [taught] = await store.listStaffAnswers();
    expect(taught!.question).toBe('Who can join? My details:,');
    expect(taught!.question).not.toMatch(LINKISH);
  });
});

describe('distinct wordings', () => {
  it('an item counts and lists each wording once, case and spacing ignored', async () => {
    const { ask, get } = setup();
    await ask('who is the ceo?');
    await ask('Who  is the  CEO?');
    await ask('Who is the CEO, please?');
    const lead = await ask('Who is the CEO?');
    const { document } = await get(`/admin/items/${lead.escalationId}`);
    expect(texts(document, 'ol.wordings .wording')).toEqual(['Who is the CEO?', 'Who is the CEO, please?']);
    expect(texts(document, 'ol.wordings .times')).toEqual(['× 3', '× 1']);
    expect(texts(document, 'main > p.muted')[0]).toMatch(/asked 4 times in 2 wordings/);
    expect(document.body.textContent).not.toMatch(/\b4 wordings/);
    // The inbox row says so too: one other wording, not the same one again.
    const inbox = await get('/admin');
    expect(texts(inbox.document, '.inbox .also')).toEqual(['Also asked as “Who is the CEO, please?”']);
  });

  it('the suggestions count a wording asked with other case and spacing as the same', async () => {
    const { ask, get } = setup();
    await ask('Is there parking at the office?');
    await ask('is there  parking at the office?');
    await ask('Is there parking  at the office?');
    const { document } = await get('/admin');
    expect(texts(document, '.suggest li')).toEqual(['Is there parking at the office? 3 open']);
  });
});

describe('Figures: most asked, not answered', () => {
  it('lists only questions staff have not resolved; one asked again after a dismissal counts from then', async () => {
    const { ask, post, get, app } = setup();
    const ceo = [await ask('Who is the CEO?'), await ask('Who is the CEO?'), await ask('who is the ceo?')];
    await ask('Is there parking at the office?');
    const internships = await ask('Do you offer internships?');
    await ask('Do you offer internships?');
    await post(`/admin/escalations/${ceo[2]!.escalationId}/resolve`, { answer: 'Seth Newberry is the General Manager.' });
    await post(`/admin/escalations/${internships.escalationId}/resolve`, { dismiss: '1' });
    const internshipsAgain = await ask('Do you offer internships?');
    expect(internshipsAgain.escalated).toBe(true);
    const { document } = await get('/admin?tab=figures');
    const heading = Array.from(document.querySelectorAll('h2')).find((h) => /Most asked, not answered/.test(h.textContent!))!;
    const list = heading.nextElementSibling!.nextElementSibling!;
    expect(texts(list, 'li').sort()).toEqual(['Do you offer internships? × 1', 'Is there parking at the office? × 1']);
    const stats = (await (await app.request('/api/admin/stats', { headers: auth })).json()) as { last7Days: { topUnanswered: { question: string }[] } };
    expect(stats.last7Days.topUnanswered.map((t) => t.question)).not.toContain('Who is the CEO?');
  });
});

describe('after a correction', () => {
  it('the page shows what was taught and what the bot now says, with a confirmation; the forms only on request', async () => {
    const { ask, get, post } = setup();
    await ask('Who can join?');
    const log = await get('/admin?tab=log');
    const link = log.document.querySelector('table.log a[href^="/admin/turns/"]')!.getAttribute('href')!;
    const before = await get(link);
    expect(before.document.querySelector('#taught')).toBeNull();
    const quote = before.document.querySelector('.cands input[name=quote]')!.getAttribute('value')!;
    const res = await post(`${link}/correct`, { quote });
    const after = await get(res.headers.get('location')!);
    expect(after.document.querySelector('[role=status]')!.textContent).toContain('Corrected');
    const taught = after.document.querySelector('#taught')!.closest('section')!;
    expect(taught.querySelector('.taught-answer blockquote')!.textContent).toBe(quote);
    expect(taught.querySelector('.taught-correction')!.textContent).toMatch(/no longer gives this reply/);
    // Its effect: the question asked now gets the quote.
    expect(taught.querySelector('.effect')!.textContent).toContain(quote.slice(0, 60));
    // The forms are there on request: inside a closed <details>.
    const again = after.document.querySelector('details.reteach')!;
    expect(again.hasAttribute('open')).toBe(false);
    expect(again.querySelector('summary')!.textContent).toMatch(/Correct it again/);
    for (const form of Array.from(after.document.querySelectorAll('form[action$="/correct"]'))) expect(again.contains(form)).toBe(true);
  });

  it('"should have escalated": the page says the bot now passes the question to the helpdesk', async () => {
    const { ask, get, post } = setup();
    await ask('Who can join?');
    const log = await get('/admin?tab=log');
    const link = log.document.querySelector('table.log a[href^="/admin/turns/"]')!.getAttribute('href')!;
    const res = await post(`${link}/correct`, { escalate: '1' });
    const after = await get(res.headers.get('location')!);
    const taught = after.document.querySelector('#taught')!.closest('section')!;
    expect(taught.querySelector('.taught-correction')!.textContent).toMatch(/passes this question to the helpdesk/);
    expect(taught.querySelector('.effect')!.textContent).toMatch(/passes it to the helpdesk/);
  });
});

describe('the log’s pager', () => {
  it('says how many entries and pages there are, with a link to each page, for each filter', async () => {
    const { store, get } = setup();
    const t0 = Date.now() - 3_600_000;
    for (let i = 0; i < 60; i++)
      await store.recordTurn(
        { conversationId: `c-${i}`, question: `Question ${i}?`, answer: 'An answer.', escalated: false, confidence: i < 7 ? 0.4 : 0.9 },
        undefined,
        t0 + i * 1000,
      );
    const one = await get('/admin?tab=log');
    const pager = one.document.querySelector('nav.pager')!;
    expect(pager.textContent).toContain('Page 1 of 3 · 60 entries');
    expect(Array.from(pager.querySelectorAll('a[aria-label]')).map((a) => a.getAttribute('href'))).toEqual(['/admin?tab=log&page=2', '/admin?tab=log&page=3']);
    const three = await get('/admin?tab=log&page=3');
    expect(three.document.querySelectorAll('table.log tbody tr')).toHaveLength(10);
    expect(three.document.querySelector('nav.pager [aria-current=page]')!.textContent).toBe('3');
    const low = await get('/admin?tab=log&filter=low');
    expect(low.document.querySelector('.pager')!.textContent).toContain('7 entries');
    const search = await get('/admin?tab=log&q=question%205');
    expect(search.document.querySelector('.pager')!.textContent).toContain('11 entries'); // 5, 50–59
  });
});
