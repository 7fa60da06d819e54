// The fixed HTTP contract of POST /api/chat, as the widget and the grader use it.
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { engineFor, SITE_KNOWLEDGE } from '../helpers/knowledge.js';
import { postJson, testApp, testEngine } from '../http/app-fixture.js';

const app = testApp();
const chat = async (body: unknown, on = app) => {
  const res = await on.request('/api/chat', postJson(body));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
type Offered = { id: string; answer: string; sources: { title: string; url: string }[] }[];
/** The quote a reply puts first: its answer, or its first choice. */
const lead = (body: Record<string, unknown>) => (body.choices ? (body.choices as Offered)[0]!.answer : (body.answer as string));

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
    // Chips come with direct answers: an engine sure of its top sentence here.
    const sure = testApp({}, { engine: engineFor(SITE_KNOWLEDGE, { threshold: 0 }), store: openSqliteStore(':memory:') });
    const first0 = (await chat({ message: 'Tell me what OMA SpecWorks is' }, sure)).body;
    const suggestions = first0.suggestions as string[];
    expect(suggestions).toHaveLength(3);
    expect(new Set(suggestions).size).toBe(3);
    expect(suggestions).not.toContain('Tell me what OMA SpecWorks is');
    for (const s of suggestions) {
      const { body } = await chat({ message: s }, sure);
      expect(body.escalated, s).toBe(false);
      expect(body.answer, s).not.toBe(first0.answer);
      expect(body.sources, s).toEqual([expect.objectContaining({ url: expect.stringMatching(/^https:\/\/omaspecworks\.org\//) })]);
    }
  });

  it('keeps the conversation: a follow-up in the same conversation is resolved', async () => {
    const first = await chat({ message: 'Tell me about LwM2M' });
    const id = first.body.conversationId as string;
    const follow = await chat({ message: 'Who created it?', conversationId: id });
    expect(follow.body.conversationId).toBe(id);
    expect(follow.body.escalated).toBe(false);
    expect(lead(follow.body)).toContain('OMA SpecWorks');
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

describe('choices', () => {
  // Not sure of any single sentence, sure enough of a shortlist: every
  // answerable question gets choices here, whatever the fitted model says.
  const unsure = testApp({}, { engine: engineFor(SITE_KNOWLEDGE, { threshold: 1, choiceThreshold: 0 }), store: openSqliteStore(':memory:') });
  const offer = async (message = 'Does OMA work on IoT?') => (await chat({ message }, unsure)).body;

  it('offers 1–3 verbatim quotes of different sentences, each with its source, after a prompt', async () => {
    const body = await offer();
    expect(body).toMatchObject({ escalated: false, sources: [], answer: "I'm not sure which of these answers your question. Is it one of them?" });
    expect(body.escalationId).toBeUndefined();
    const choices = body.choices as Offered;
    expect(choices.length).toBeGreaterThanOrEqual(1);
    expect(choices.length).toBeLessThanOrEqual(3);
    expect(new Set(choices.map((c) => c.answer)).size).toBe(choices.length);
    expect(new Set(choices.map((c) => c.id)).size).toBe(choices.length);
    const pages = testEngine()
      .index.passages.map((p) => p.text)
      .join('\n');
    for (const c of choices) {
      expect(c.sources[0]!.url).toMatch(/^https:\/\/omaspecworks\.org\//);
      for (const piece of c.answer.split(' … ')) expect(pages).toContain(piece.replace(/^… |…$/g, '').trim());
    }
  });

  it('a pick answers with that quote, and its follow-up continues from it', async () => {
    const body = await offer('Who works on LwM2M?');
    const picked = (body.choices as Offered).find((c) => c.answer.includes('Home to the industry leading LightweightM2M'))!;
    expect(picked).toBeDefined();
    const reply = await chat({ conversationId: body.conversationId, choice: picked.id }, unsure);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ conversationId: body.conversationId, escalated: false, answer: picked.answer, sources: picked.sources });
    expect(reply.body.choices).toBeUndefined();
    // The thumbs after a pick are about the quote picked.
    const thumbs = await unsure.request('/api/feedback', postJson({ conversationId: body.conversationId, helpful: true }));
    expect(thumbs.status).toBeLessThan(300);
    const follow = await chat({ conversationId: body.conversationId, message: 'Who created it?' }, unsure);
    expect(lead(follow.body)).toContain('OMA SpecWorks');
  });

  it('"none" passes the question asked to the helpdesk, with an escalation the visitor can leave an address on', async () => {
    const store = openSqliteStore(':memory:');
    const own = testApp({}, { engine: engineFor(SITE_KNOWLEDGE, { threshold: 1, choiceThreshold: 0 }), store });
    const body = (await chat({ message: 'Does OMA work on IoT?' }, own)).body;
    const reply = await chat({ conversationId: body.conversationId, choice: 'none' }, own);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ escalated: true, sources: [{ title: 'OMA helpdesk', url: 'mailto:helpdesk@omaorg.org' }] });
    const id = reply.body.escalationId as string;
    expect(await store.getEscalation(id)).toMatchObject({ question: 'Does OMA work on IoT?', status: 'open' });
    const contact = await own.request(`/api/escalations/${id}/contact`, postJson({ email: 'ann@example.com' }));
    expect(contact.status).toBe(202);
  });

  it('refuses, with a 400 that says why, a pick that is not open', async () => {
    const a = await offer();
    const b = await offer();
    const idOfB = (b.choices as Offered)[0]!.id;
    const refused = async (body: unknown, why: RegExp) => {
      const r = await chat(body, unsure);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toMatch(why);
    };
    // An id offered in another conversation, or never offered.
    await refused({ conversationId: a.conversationId, choice: idOfB }, /one of the choices offered/);
    await refused({ conversationId: a.conversationId, choice: 'made-up' }, /one of the choices offered/);
    // Without the conversation, with a message too, in a conversation that offered nothing.
    await refused({ choice: idOfB }, /conversationId/);
    await refused({ conversationId: b.conversationId, choice: idOfB, message: 'hi' }, /either a message or a choice/);
    await refused({ conversationId: 'never-issued-0001', choice: idOfB }, /No choices are open/);
    // Picked already: the second pick of the same offer is stale.
    expect((await chat({ conversationId: b.conversationId, choice: idOfB }, unsure)).status).toBe(200);
    await refused({ conversationId: b.conversationId, choice: idOfB }, /No choices are open/);
    // A new question makes the earlier offer stale.
    await chat({ conversationId: a.conversationId, message: 'Who works on LwM2M?' }, unsure);
    await refused({ conversationId: a.conversationId, choice: (a.choices as Offered)[0]!.id }, /one of the choices offered/);
  });

  it('two picks of one offer at once: one answered, the other refused', async () => {
    const body = await offer();
    const [x, y] = body.choices as Offered;
    const results = await Promise.all([
      chat({ conversationId: body.conversationId, choice: x!.id }, unsure),
      chat({ conversationId: body.conversationId, choice: (y ?? x)!.id }, unsure),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
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
