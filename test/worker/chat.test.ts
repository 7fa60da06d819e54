// The chat API inside workerd, on D1: what a visitor of the Worker sees.
import { createExecutionContext, env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import index from '../../build/index.json' with { type: 'json' };
import worker from '../../src/entry/worker.js';

async function ask(message: string, conversationId?: string) {
  const res = await SELF.fetch('https://faq.test/api/chat', {
    method: 'POST',
    // A fresh client address per request keeps these tests clear of the rate limit.
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': `198.51.100.${Math.floor(Math.random() * 250)}` },
    body: JSON.stringify({ message, ...(conversationId ? { conversationId } : {}) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
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
