// "Not this one": a thumbs-down on a quote answers with the other candidates
// as choices (picked like any choices) and "ask the team"; it records a vote
// against that sentence for that wording; with nothing else to offer it
// passes the question to the helpdesk.
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { engineFor, SITE_KNOWLEDGE } from '../helpers/knowledge.js';
import { postJson, testApp } from '../http/app-fixture.js';

type Reply = { answer: string; escalated: boolean; conversationId: string; escalationId?: string; choices?: { id: string; answer: string }[] };

function setup() {
  const store = openSqliteStore(':memory:');
  // Sure of its top sentence here, so the first reply is a direct quote.
  const app = testApp({}, { engine: engineFor(SITE_KNOWLEDGE, { threshold: 0 }), store });
  const post = async (path: string, body: unknown) => {
    const res = await app.request(path, postJson(body));
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { store, post };
}

describe('a thumbs-down on a quote', () => {
  it('offers the other candidates as choices, which are picked like any choices, and records a vote against', async () => {
    const { store, post } = setup();
    const first = (await post('/api/chat', { message: 'Does OMA work on IoT?' })).body as Reply;
    expect(first.choices).toBeUndefined();
    const down = await post('/api/feedback', { conversationId: first.conversationId, helpful: false });
    expect(down.status).toBe(201);
    const reply = down.body.reply as Reply;
    expect(reply).toMatchObject({
      conversationId: first.conversationId,
      escalated: false,
      answer: 'Sorry about that. Does one of these answer your question?',
    });
    expect(reply.choices!.length).toBeGreaterThan(0);
    // The quote said not to answer is not offered again.
    expect(reply.choices!.map((c) => c.answer)).not.toContain(first.answer);
    const picked = await post('/api/chat', { conversationId: first.conversationId, choice: reply.choices![0]!.id });
    expect(picked.body).toMatchObject({ escalated: false, answer: reply.choices![0]!.answer });
    const votes = await store.listSuggestions({ limit: 5 });
    expect(votes.some((s) => s.against === 1 && first.answer.includes(s.sentence.slice(0, 40)))).toBe(true);
  });

  it('"none" then passes the question asked to the helpdesk', async () => {
    const { store, post } = setup();
    const first = (await post('/api/chat', { message: 'Does OMA work on IoT?' })).body as Reply;
    const reply = (await post('/api/feedback', { conversationId: first.conversationId, helpful: false })).body.reply as Reply;
    const none = (await post('/api/chat', { conversationId: first.conversationId, choice: 'none' })).body as Reply;
    expect(none.escalated).toBe(true);
    expect(reply.choices).toBeDefined();
    expect(await store.getEscalation(none.escalationId!)).toMatchObject({ question: 'Does OMA work on IoT?', status: 'open' });
  });

  it('a thumbs-up, or a thumbs-down on what quoted nothing (small talk, an escalation), is only recorded', async () => {
    const { post } = setup();
    const a = (await post('/api/chat', { message: 'Does OMA work on IoT?' })).body as Reply;
    expect((await post('/api/feedback', { conversationId: a.conversationId, helpful: true })).body).toEqual({ ok: true });
    const hello = (await post('/api/chat', { message: 'Hello!' })).body as Reply;
    expect((await post('/api/feedback', { conversationId: hello.conversationId, helpful: false })).body).toEqual({ ok: true });
    const fees = (await post('/api/chat', { message: 'qwxz qwxz' })).body as Reply;
    expect(fees.escalated).toBe(true);
    expect((await post('/api/feedback', { conversationId: fees.conversationId, helpful: false })).body).toEqual({ ok: true });
  });
});
