// Property-based abuse: thousands of random bodies (arbitrary JSON, random
// text, plausible-but-odd chat requests) never cause a 5xx; every answer is
// JSON (an answer, or an {"error"} with a 4xx), and the app stays healthy.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { postJson, testApp } from './app-fixture.js';

const app = testApp();

const chatLike = fc.record(
  {
    message: fc.oneof(fc.string({ unit: 'binary', maxLength: 1200 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.jsonValue()),
    conversationId: fc.oneof(fc.string({ maxLength: 80 }), fc.uuid(), fc.jsonValue()),
  },
  { requiredKeys: [] },
);
const anyBody = fc.oneof(
  chatLike.map((b) => JSON.stringify(b)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 400 }),
);

async function checkResponse(res: Response) {
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status >= 400) expect(typeof body.error).toBe('string');
  else expect(typeof body.answer === 'string' || typeof body.escalationId === 'string').toBe(true);
}

describe('random input to POST /api/chat', () => {
  it('never a 5xx, always JSON, healthy afterwards', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        await checkResponse(await app.request('/api/chat', postJson(body)));
      }),
      { numRuns: 2500 },
    );
    const health = await app.request('/healthz');
    expect(health.status).toBe(200);
    const ok = await app.request('/api/chat', postJson({ message: 'When was OMA SpecWorks launched?' }));
    expect(((await ok.json()) as { escalated: boolean }).escalated).toBe(false);
  });

  it('random content types and raw bytes are refused cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), fc.uint8Array({ maxLength: 300 }), async (type, bytes) => {
        await checkResponse(await app.request('/api/chat', { method: 'POST', headers: { 'content-type': type }, body: bytes }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('random input to POST /api/escalations/{id}/contact', () => {
  it('never a 5xx, always JSON, for a real escalation and for random ids', async () => {
    const chat = await app.request('/api/chat', postJson({ message: 'Who won the regional chess cup in 1066?' }));
    const { escalationId } = (await chat.json()) as { escalationId: string };
    expect(escalationId).toBeTruthy();
    const contactLike = fc.record(
      {
        email: fc.oneof(fc.emailAddress(), fc.string({ unit: 'binary', maxLength: 300 }), fc.jsonValue()),
        name: fc.oneof(fc.string({ unit: 'binary', maxLength: 150 }), fc.jsonValue()),
        message: fc.oneof(fc.string({ unit: 'binary', maxLength: 2500 }), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      contactLike.map((b) => JSON.stringify(b)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ unit: 'binary', maxLength: 300 }),
    );
    const id = fc.oneof(fc.constant(escalationId), fc.uuid(), fc.string({ maxLength: 60 }).map(encodeURIComponent));
    await fc.assert(
      fc.asyncProperty(id, body, async (i, b) => {
        await checkResponse(await app.request(`/api/escalations/${i}/contact`, postJson(b)));
      }),
      { numRuns: 2000 },
    );
    expect((await app.request('/healthz')).status).toBe(200);
  });
});
