// The staff loop on Workers, as on Node: an unanswerable question escalates
// into D1, the visitor leaves an address (the mail waits in the D1 outbox, no
// mail API being configured), staff list it only with the token, resolve it
// with an answer, and the bot answers with it afterwards.
import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/entry/worker.js';

const auth = { authorization: `Bearer ${env.ADMIN_TOKEN}` };
let ip = 0;
async function call(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await SELF.fetch(`https://faq.test${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    // A fresh client address per request keeps these tests clear of the rate limit.
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': `192.0.2.${++ip % 250}`, ...init.headers },
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('escalation, contact and staff answers on Workers', () => {
  it('runs the whole loop on D1', async () => {
    const asked = await call('/api/chat', { body: { message: 'What are the membership fees?' } });
    expect(asked.body).toMatchObject({ escalated: true, escalationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const id = asked.body.escalationId as string;

    // Contact: validated, stored, forwarded; the mail waits in the outbox.
    expect(await call(`/api/escalations/${id}/contact`, { body: { email: 'not-an-address' } })).toMatchObject({
      status: 400,
      body: { error: expect.any(String) },
    });
    expect((await call('/api/escalations/00000000-0000-0000-0000-000000000000/contact', { body: { email: 'ann@example.com' } })).status).toBe(404);
    const contact = await call(`/api/escalations/${id}/contact`, { body: { email: 'ann@example.com', name: 'Ann Visitor' } });
    expect(contact).toEqual({ status: 202, body: { escalationId: id, status: 'forwarded' } });
    const row = await env.DB.prepare('SELECT email FROM contacts WHERE escalation_id = ?').bind(id).first();
    expect(row).toEqual({ email: 'ann@example.com' });

    // Admin list: 401 without or with a wrong token, the escalation with it.
    expect((await call('/api/admin/escalations?status=forwarded')).status).toBe(401);
    expect((await call('/api/admin/escalations?status=forwarded', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const listed = await call('/api/admin/escalations?status=forwarded', { headers: auth });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id, question: 'What are the membership fees?', status: 'forwarded', email: 'ann@example.com' }),
    ]);
    const outbox = await call('/api/admin/outbox', { headers: auth });
    expect(outbox.body.items[0]).toMatchObject({ status: 'pending', attempts: 0 });

    // Resolved with an answer: the bot uses it from now on, in any isolate (it is in D1).
    const answer = 'Membership fees depend on the membership level; the helpdesk sends the current schedule on request.';
    const resolved = await call(`/api/admin/escalations/${id}/resolve`, { body: { answer }, headers: auth });
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolved).toEqual([id]);
    const again = await call('/api/chat', { body: { message: 'What are the membership fees?' } });
    expect(again.body).toMatchObject({ escalated: false, answer: expect.stringContaining('Membership fees depend on the membership level') });
    expect(again.body.escalationId).toBeUndefined();
  });

  it('rejects bad admin input with JSON errors', async () => {
    expect(await call('/api/admin/escalations?status=bogus', { headers: auth })).toMatchObject({ status: 400, body: { error: expect.any(String) } });
    expect((await call('/api/admin/escalations/00000000-0000-0000-0000-000000000000/resolve', { body: { dismiss: true }, headers: auth })).status).toBe(404);
  });

  it('serves the staff page behind the token, with the questions and figures from D1', async () => {
    await call('/api/chat', { body: { message: 'Who is the CEO?' } });
    const page = (headers: Record<string, string> = {}) => SELF.fetch('https://faq.test/admin', { headers });
    const anon = await page();
    expect(anon.status).toBe(401);
    expect(await anon.text()).toContain('name="token"');
    const login = await SELF.fetch('https://faq.test/admin/login', {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://faq.test' },
      body: new URLSearchParams({ token: env.ADMIN_TOKEN }).toString(),
    });
    expect(login.status).toBe(303);
    const session = login.headers.get('set-cookie')!.split(';')[0]!;
    const signedIn = await page({ cookie: session });
    expect(signedIn.status).toBe(200);
    const html = await signedIn.text();
    expect(html).toContain('Who is the CEO?');
    expect(html).toContain('Open questions');
  });
});

describe('what one visitor can make the Worker do (D1)', () => {
  /** One client (a fixed address), on a Worker of its own with the given settings. */
  function client(settings: Record<string, string>, ip = '203.0.113.9') {
    const e = { ...env, RATE_LIMIT_PER_MINUTE: '0', ...settings };
    return async (path: string, body: unknown) => {
      const ctx = createExecutionContext();
      const res = await worker.fetch(
        new Request(`https://faq.test${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
          body: JSON.stringify(body),
        }),
        e,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
  }

  it('ten contacts on one escalation, alternating two addresses and their case, queue one helpdesk mail', async () => {
    const asked = await call('/api/chat', { body: { message: 'Who leads the working groups?' } });
    const id = asked.body.escalationId as string;
    const addresses = ['ann@example.com', 'bob@example.net', 'Ann@Example.com', 'BOB@example.net'];
    for (let i = 0; i < 10; i++) {
      expect((await call(`/api/escalations/${id}/contact`, { body: { email: addresses[i % 4] } })).status).toBe(202);
    }
    const rows = await env.DB.prepare('SELECT reply_to_address FROM outbox WHERE escalation_id = ?').bind(id).all();
    expect(rows.results).toEqual([{ reply_to_address: 'bob@example.net' }]);
  });

  it('at the cap, leaving an address on a question and asking again opens nothing new', async () => {
    const post = client({ OPEN_QUESTIONS_PER_CLIENT: '2' });
    const ids = [];
    for (let i = 0; i < 2; i++) ids.push((await post('/api/chat', { message: `Is there a discount number ${i} for quux${i}?` })).body.escalationId);
    expect(ids.every(Boolean)).toBe(true);
    for (let round = 0; round < 3; round++) {
      expect((await post(`/api/escalations/${ids[round % 2]}/contact`, { email: `v${round}@example.com` })).status).toBe(202);
      const again = await post('/api/chat', { message: `Is there a discount number ${10 + round} for quux${10 + round}?` });
      expect(again.body).toMatchObject({ escalated: true });
      expect(again.body.escalationId).toBeUndefined();
    }
  });

  it('names are NFKC-normalised before the "not an address" check, and invisible characters never reach D1', async () => {
    const asked = await call('/api/chat', { body: { message: 'Who is the \u{e0041}\u00ad\u3164\u2800CEO\ufe0f\u061c\u2064?' } });
    const id = asked.body.escalationId as string;
    const refused = await call(`/api/escalations/${id}/contact`, { body: { email: 'v@example.com', name: 'helpdesk\uff20omaorg.org' } });
    expect(refused).toMatchObject({ status: 400, body: { error: expect.stringMatching(/not an e-mail address/) } });
    const invisible = '\u{e0049}\u{e007f}\u00ad\u115f\u1160\u3164\uffa0\u2800\ufe0f\u{e0100}\u061c\u2060\u2061\u2062\u2063\u2064';
    expect(
      (await call(`/api/escalations/${id}/contact`, { body: { email: 'v@example.com', name: `\uff21nn${invisible} Visitor`, message: `Thanks${invisible}!` } }))
        .status,
    ).toBe(202);
    const row = await env.DB.prepare(
      'SELECT e.question, c.name, c.message, o.body FROM escalations e JOIN contacts c ON c.escalation_id = e.id JOIN outbox o ON o.escalation_id = e.id WHERE e.id = ?',
    )
      .bind(id)
      .first<Record<string, string>>();
    expect(row).toMatchObject({ question: 'Who is the CEO?', name: 'Ann Visitor', message: 'Thanks!' });
    expect(row!.body).not.toMatch(/[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u);
  });
});
