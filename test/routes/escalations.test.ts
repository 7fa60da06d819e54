// POST /api/escalations/:id/contact and POST /api/feedback: the happy path
// and every kind of bad input (JSON 400 / 404 / 415, never 500).
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { postJson, testApp } from '../http/app-fixture.js';

function setup() {
  const store = openSqliteStore(':memory:');
  const app = testApp({}, { store });
  const json = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  return { store, json };
}

describe('POST /api/escalations/:id/contact', () => {
  it('stores the contact, forwards the escalation and queues the helpdesk mail (202)', async () => {
    const { store, json } = setup();
    const { body } = await json('/api/chat', postJson({ message: 'Who is the CEO?' }));
    const r = await json(`/api/escalations/${body.escalationId}/contact`, postJson({ email: ' ann@example.com ', name: 'Ann', message: 'Thanks!' }));
    expect(r).toEqual({ status: 202, body: { escalationId: body.escalationId, status: 'forwarded' } });
    expect(await store.getEscalation(body.escalationId)).toMatchObject({
      status: 'forwarded',
      contact: { email: 'ann@example.com', name: 'Ann', message: 'Thanks!' },
    });
    const [mail] = await store.listOutbox();
    expect(mail).toMatchObject({ to: 'helpdesk@omaorg.org', replyTo: { address: 'ann@example.com', name: 'Ann' }, status: 'pending' });
    expect(mail!.text).toContain('Who is the CEO?');
  });

  it('rejects bad input with a JSON error', async () => {
    const { json } = setup();
    const { body } = await json('/api/chat', postJson({ message: 'Who is the CEO?' }));
    const url = `/api/escalations/${body.escalationId}/contact`;
    const cases: [unknown, number, RegExp][] = [
      [{ email: 'not-an-address' }, 400, /email/],
      [{ email: 'ann@example.com\r\nBcc: x@example.net' }, 400, /email/],
      [{ email: 'ann@example.com', name: 'Ann\r\nBcc: x@example.net' }, 400, /name/],
      [{ email: 'ann@example.com', name: 'x'.repeat(101) }, 400, /name/],
      [{ email: 'ann@example.com', message: 'x'.repeat(2001) }, 400, /message/],
      [{ email: 42 }, 400, /email/],
      [{}, 400, /email/],
      [[], 400, /email/],
      ['{not json', 400, /JSON/],
    ];
    for (const [payload, status, error] of cases) {
      const r = await json(url, postJson(payload));
      expect(r.status, JSON.stringify(payload)).toBe(status);
      expect(r.body.error).toMatch(error);
    }
    expect((await json(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'a@b.c' })).status).toBe(415);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope', '..%2F..%2Fadmin']) {
      const r = await json(`/api/escalations/${id}/contact`, postJson({ email: 'ann@example.com' }));
      expect(r).toEqual({ status: 404, body: { error: 'No such escalation' } });
    }
  });
});

describe('POST /api/feedback', () => {
  it('records feedback on the last answer of a conversation (201)', async () => {
    const { store, json } = setup();
    const { body } = await json('/api/chat', postJson({ message: 'When was OMA SpecWorks launched?' }));
    expect((await json('/api/feedback', postJson({ conversationId: body.conversationId, helpful: false, comment: 'Too short' }))).status).toBe(201);
    expect(await store.listFeedback(false)).toEqual([expect.objectContaining({ question: 'When was OMA SpecWorks launched?', comment: 'Too short' })]);
  });

  it('rejects bad input with a JSON error', async () => {
    const { json } = setup();
    const cases: [unknown, number, RegExp][] = [
      [{ conversationId: 'abc', helpful: true }, 400, /conversationId/],
      [{ conversationId: 'conversation-1', helpful: 'yes' }, 400, /helpful/],
      [{ conversationId: 'conversation-1' }, 400, /helpful/],
      [{ conversationId: 'conversation-1', helpful: true, comment: 'x'.repeat(1001) }, 400, /comment/],
      ['[]', 400, /conversationId|object/],
      [{ conversationId: 'conversation-unknown', helpful: true }, 404, /conversation/],
    ];
    for (const [payload, status, error] of cases) {
      const r = await json('/api/feedback', postJson(payload));
      expect(r.status, JSON.stringify(payload)).toBe(status);
      expect(r.body.error).toMatch(error);
    }
  });
});
