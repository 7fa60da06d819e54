// The fixed HTTP contract of POST /api/chat, as the widget and the grader use it.
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { engineFor, SITE_KNOWLEDGE } from '../helpers/knowledge.js';
import { postJson, testApp } from '../http/app-fixture.js';

const app = testApp();
const chat = async (body: unknown) => {
  const res = await app.request('/api/chat', postJson(body));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('POST /api/chat', () => {
  it('answers with a quote, its sources, a confidence and a new conversation id', async () => {
    const { status, body } = await chat({ message: 'When was OMA SpecWorks launched?' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ escalated: false, answer: expect.stringContaining('Launched in 2018') });
    expect(body.conversationId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(body.sources).toEqual([
      {
        title: 'About — About OMA SpeckWorks',
        url: 'https://omaspecworks.org/omaspecworks/about#about-oma-speckworks:~:text=Launched%20in%202018%2C%20OMA%20SpecWorks%20joins,white%20papers%20for%20a%20connected%20world',
      },
    ]);
    expect(body.confidence).toBeGreaterThan(0.5);
    expect(body.confidence).toBeLessThanOrEqual(1);
    // No other passage comes close to this one: no "did you mean" chips.
    expect(body.suggestions).toEqual([]);
  });

  it('offers other questions as chips only when the pages answer them, each with a different answer', async () => {
    const first = await chat({ message: 'Tell me what OMA SpecWorks is' });
    const suggestions = first.body.suggestions as string[];
    expect(suggestions).toHaveLength(3);
    expect(new Set(suggestions).size).toBe(3);
    expect(suggestions).not.toContain('Tell me what OMA SpecWorks is');
    for (const s of suggestions) {
      const { body } = await chat({ message: s });
      expect(body.escalated, s).toBe(false);
      expect(body.answer, s).not.toBe(first.body.answer);
      expect(body.sources, s).toEqual([expect.objectContaining({ url: expect.stringMatching(/^https:\/\/omaspecworks\.org\//) })]);
    }
  });

  it('keeps the conversation: a follow-up in the same conversation is resolved', async () => {
    const first = await chat({ message: 'Tell me about LwM2M' });
    const id = first.body.conversationId as string;
    const follow = await chat({ message: 'Who created it?', conversationId: id });
    expect(follow.body.conversationId).toBe(id);
    expect(follow.body.escalated).toBe(false);
    expect(follow.body.answer).toContain('OMA SpecWorks');
  });

  it('escalates what the pages do not say to the configured helpdesk, by name, and mails that helpdesk', async () => {
    // Configured as a deployment does (src/entry/node.ts, worker.ts):
    // HELPDESK_EMAIL reaches both the engine (what the bot says) and the app
    // (where the mail goes). The real server's env is tested in
    // test/entry/node-server.test.ts.
    const store = openSqliteStore(':memory:');
    const custom = testApp({ helpdeskEmail: 'support@example.org' }, { engine: engineFor(SITE_KNOWLEDGE, { helpdeskEmail: 'support@example.org' }), store });
    const res = await custom.request('/api/chat', postJson({ message: 'What are the membership fees?' }));
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      escalated: true,
      answer:
        "I couldn't find this on our pages, so I'm passing your question to the helpdesk at support@example.org. Leave your e-mail address and they will reply to you.",
      sources: [{ title: 'OMA helpdesk', url: 'mailto:support@example.org' }],
      escalationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(await store.getEscalation(body.escalationId as string)).toMatchObject({ question: 'What are the membership fees?', status: 'open' });
    await custom.request(`/api/escalations/${body.escalationId}/contact`, postJson({ email: 'ann@example.com' }));
    expect((await store.listOutbox()).map((m) => m.to)).toEqual(['support@example.org']);
  });

  it("without a configured helpdesk names the knowledge set's own", async () => {
    const { body } = await chat({ message: 'What are the membership fees?' });
    expect(body.answer).toContain('the helpdesk at helpdesk@omaorg.org.');
    expect(body.sources).toEqual([{ title: 'OMA helpdesk', url: 'mailto:helpdesk@omaorg.org' }]);
  });

  it("replies to small talk from the knowledge's small-talk replies, without escalating", async () => {
    expect((await chat({ message: 'thanks a lot' })).body).toMatchObject({
      escalated: false,
      sources: [],
      suggestions: [],
      answer: "You're welcome! Is there anything else you would like to know?",
    });
    const hello = (await chat({ message: 'Hello there!' })).body;
    expect(hello).toMatchObject({
      escalated: false,
      answer: 'Hello! I can answer questions about OMA SpecWorks and its IPR policy. What would you like to know?',
      suggestions: ['What is OMA SpecWorks?', 'What is LwM2M?', 'Do members share one IPR policy?'],
    });
    expect(hello.escalationId).toBeUndefined();
  });
});

describe('service pages', () => {
  it('GET /healthz answers once the index is loaded', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('GET / explains the service', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('OMA SpecWorks FAQ assistant');
  });

  it('unknown paths get a JSON 404', async () => {
    const res = await app.request('/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Not found' });
  });
});
