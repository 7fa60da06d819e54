// The chat API inside workerd, on D1: what a visitor of the Worker sees.
import { createExecutionContext, env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import index from '../../build/index.json' with { type: 'json' };
import worker from '../../src/entry/worker.js';

async function post(body: unknown) {
  const res = await SELF.fetch('https://faq.test/api/chat', {
    method: 'POST',
    // A fresh client address per request keeps these tests clear of the rate limit.
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': `198.51.100.${Math.floor(Math.random() * 250)}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
const ask = (message: string, conversationId?: string) => post({ message, ...(conversationId ? { conversationId } : {}) });

/** The first of these questions the bundled model answers with choices (which ones do depends on the fitted model). */
async function offered() {
  for (const q of ['Does OMA work on IoT?', 'In which year was OMA SpecWorks created?', 'are oma specs tested', 'What is the Open Mobile Alliance?']) {
    const r = await ask(q);
    if (r.body.choices) return { question: q, ...r.body } as Record<string, any> & { question: string };
  }
  throw new Error('none of the questions got choices: pick others that the fitted model is unsure of');
}

describe('POST /api/chat on Workers', () => {
  it('answers from the bundled index with sources', async () => {
    const { status, body } = await ask('When was OMA SpecWorks launched?');
    expect(status).toBe(200);
    // The same quote and source link as on Node (test/routes/chat.test.ts).
    expect(body).toMatchObject({ escalated: false, answer: expect.stringMatching(/^Launched in 2018, OMA SpecWorks joins together/) });
    expect(body.sources).toEqual([
      {
        title: 'About — About OMA SpeckWorks',
        url: 'https://omaspecworks.org/omaspecworks/about#about-oma-speckworks:~:text=Launched%20in%202018%2C%20OMA%20SpecWorks%20joins,white%20papers%20for%20a%20connected%20world',
      },
    ]);
  });

  it('stores an unanswerable question in D1 with an escalation id', async () => {
    const { status, body } = await ask('What are the membership fees?');
    expect(status).toBe(200);
    expect(body.escalated).toBe(true);
    expect(body.escalationId).toEqual(expect.any(String));
    const row = await env.DB.prepare('SELECT question, status FROM escalations WHERE id = ?').bind(body.escalationId).first();
    expect(row).toEqual({ question: 'What are the membership fees?', status: 'open' });
  });

  it('resolves a follow-up from the context stored in D1', async () => {
    const first = await ask('What is OMA SpecWorks?');
    const follow = await ask('When was it launched?', first.body.conversationId);
    expect(follow.status).toBe(200);
    expect(follow.body.answer).toMatch(/2018/);
  });

  it('follows a conversation across isolates: the context is in D1, not in memory', async () => {
    // Two env objects = two app instances with nothing shared but D1, as two isolates would be.
    const isolate = (e: typeof env) => async (body: unknown) =>
      (await (
        await worker.fetch(
          new Request('https://faq.test/api/chat', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          }),
          e,
          createExecutionContext(),
        )
      ).json()) as Record<string, any>;
    const a = isolate({ ...env });
    const b = isolate({ ...env });
    const first = await a({ message: 'What is OMA SpecWorks?' });
    const follow = await b({ message: 'When was it launched?', conversationId: first.conversationId });
    expect(follow).toMatchObject({ conversationId: first.conversationId, escalated: false, answer: expect.stringMatching(/2018/) });
  });

  it('offers choices; a pick is answered and recorded in D1, a second pick of the same offer is refused', async () => {
    const offer = await offered();
    const choice = offer.choices[0];
    const picked = await post({ conversationId: offer.conversationId, choice: choice.id });
    expect(picked).toMatchObject({ status: 200, body: { escalated: false, answer: choice.answer, sources: choice.sources } });
    const rows = await env.DB.prepare('SELECT picked, pick_of FROM turns WHERE conversation_id = ? ORDER BY id').bind(offer.conversationId).all();
    expect(rows.results).toEqual([
      { picked: choice.id, pick_of: null },
      { picked: null, pick_of: expect.any(Number) },
    ]);
    expect((await post({ conversationId: offer.conversationId, choice: choice.id })).status).toBe(400);
  });

  it('"none of these" opens an escalation in D1 for the question asked', async () => {
    const offer = await offered();
    const none = await post({ conversationId: offer.conversationId, choice: 'none' });
    expect(none.body).toMatchObject({ escalated: true, escalationId: expect.any(String) });
    const row = await env.DB.prepare('SELECT question, status FROM escalations WHERE id = ?').bind(none.body.escalationId).first();
    expect(row).toEqual({ question: offer.question, status: 'open' });
  });

  it('rejects bad input with a 4xx JSON error', async () => {
    const res = await SELF.fetch('https://faq.test/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'Request body is not valid JSON' });
  });

  it('serves /healthz with the bundled passages', async () => {
    const res = await SELF.fetch('https://faq.test/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, passages: index.passages.length });
  });
});
