// The fixed HTTP contract of POST /api/chat, as the widget and the grader use it.
import { describe, expect, it } from 'vitest';
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
    expect(body.sources).toEqual([{
      title: 'About — About OMA SpeckWorks',
      url: 'https://omaspecworks.org/omaspecworks/about#about-oma-speckworks:~:text=Launched%20in%202018%2C%20OMA%20SpecWorks%20joins,white%20papers%20for%20a%20connected%20world',
    }]);
    expect(body.confidence).toBeGreaterThan(0.5);
    expect(body.confidence).toBeLessThanOrEqual(1);
    expect(Array.isArray(body.suggestions)).toBe(true);
  });

  it('keeps the conversation: a follow-up in the same conversation is resolved', async () => {
    const first = await chat({ message: 'Tell me about LwM2M' });
    const id = first.body.conversationId as string;
    const follow = await chat({ message: 'Who created it?', conversationId: id });
    expect(follow.body.conversationId).toBe(id);
    expect(follow.body.escalated).toBe(false);
    expect(follow.body.answer).toContain('OMA SpecWorks');
  });

  it('escalates to the configured helpdesk what the pages do not say', async () => {
    const custom = testApp({ helpdeskEmail: 'support@example.org' });
    const res = await custom.request('/api/chat', postJson({ message: 'What are the membership fees?' }));
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.escalated).toBe(true);
    expect(body.answer).toContain('helpdesk');
    expect(body.escalationId).toBeTruthy();
  });

  it('replies to small talk without escalating', async () => {
    const { body } = await chat({ message: 'thanks a lot' });
    expect(body).toMatchObject({ escalated: false, sources: [] });
    expect((body.answer as string).length).toBeGreaterThan(0);
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
