// Bad and odd input to POST /api/chat: every problem is a JSON {"error"} with
// the right 4xx, never a 500 or a stack trace; odd but valid text is answered.
import { describe, expect, it } from 'vitest';
import { postJson, testApp } from './app-fixture.js';

const app = testApp();
const chat = (init: RequestInit) => app.request('/api/chat', init);

async function expectError(res: Response, status: number, pattern: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as { error: string };
  expect(body.error).toMatch(pattern);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack
}

describe('POST /api/chat rejects bad input with a clear 4xx', () => {
  it('malformed JSON → 400', async () => {
    await expectError(await chat(postJson('{"message": "hi"')), 400, /not valid JSON/);
  });
  it('missing message → 400', async () => {
    await expectError(await chat(postJson({})), 400, /message/);
  });
  it('empty or blank message → 400', async () => {
    await expectError(await chat(postJson({ message: '' })), 400, /must not be empty/);
    await expectError(await chat(postJson({ message: '   \n\t ' })), 400, /must not be empty/);
  });
  it('a message made only of control characters counts as empty', async () => {
    await expectError(await chat(postJson({ message: '\u0000\u0007\u001b' })), 400, /must not be empty/);
  });
  it('non-string message → 400', async () => {
    for (const message of [42, true, null, ['a'], { text: 'a' }]) {
      await expectError(await chat(postJson({ message })), 400, /message must be a string/);
    }
  });
  it('JSON that is not an object → 400', async () => {
    for (const body of ['[]', '"hello"', '12', 'null']) {
      await expectError(await chat(postJson(body)), 400, /message/);
    }
  });
  it('over-long message → 400 naming the limit', async () => {
    await expectError(await chat(postJson({ message: 'a'.repeat(1001) })), 400, /at most 1000 characters/);
  });
  it('bad conversationId → 400', async () => {
    await expectError(await chat(postJson({ message: 'hi', conversationId: '../../etc' })), 400, /conversationId/);
  });
  it('3 MB body → 413 (declared length)', async () => {
    const big = JSON.stringify({ message: 'x'.repeat(3 * 1024 * 1024) });
    await expectError(await chat(postJson(big)), 413, /larger than 65536 bytes/);
  });
  it('3 MB body without a declared length → 413', async () => {
    const big = new TextEncoder().encode(JSON.stringify({ message: 'x'.repeat(3 * 1024 * 1024) }));
    const body = new ReadableStream({ start(c) { c.enqueue(big); c.close(); } });
    const res = await app.request(new Request('http://localhost/api/chat', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half',
    } as RequestInit));
    await expectError(res, 413, /larger than/);
  });
  it('form-encoded body → 415', async () => {
    const res = await chat({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'message=hello' });
    await expectError(res, 415, /application\/json/);
  });
  it('no content type → 415', async () => {
    await expectError(await chat({ method: 'POST', body: '{"message":"hi"}' }), 415, /application\/json/);
  });
  it('wrong method → JSON 404, not a crash', async () => {
    const res = await chat({ method: 'GET' });
    expect(res.status).toBe(404);
    expect(await res.json()).toHaveProperty('error');
  });
});

describe('odd but valid text is answered normally', () => {
  const ask = async (message: string) => {
    const res = await chat(postJson({ message }));
    expect(res.status).toBe(200);
    return (await res.json()) as { answer: string; escalated: boolean; conversationId: string };
  };

  it('control characters are stripped, the question still understood', async () => {
    const plain = await ask('When was OMA SpecWorks launched?');
    const noisy = await ask('When\u0000 was OMA\u0007 SpecWorks\u001b[31m launched?\u202e');
    expect(noisy.answer).toBe(plain.answer);
    expect(noisy.escalated).toBe(false);
  });
  it('emoji, RTL text, combining marks, lone surrogates, zero-width chars', async () => {
    for (const message of ['👋🏽 hello', 'מה זה OMA?', 'Ẓ̴̡͔̈́a̶l̷g̸o̵ text', 'bad \ud800 surrogate', 'zero\u200bwidth', '\ufeffBOM first']) {
      const reply = await ask(message);
      expect(typeof reply.answer).toBe('string');
      expect(reply.answer.length).toBeGreaterThan(0);
    }
  });
  it('SQL-looking and template-looking text is just text', async () => {
    const probes = [
      "'; DROP TABLE escalations; --",
      "1' OR '1'='1",
      '{{7*7}} ${7*7} <%= 7*7 %> #{7*7}',
      '<script>alert(1)</script>',
      '../../../../etc/passwd',
    ];
    for (const message of probes) {
      const reply = await ask(message);
      expect(reply.answer).not.toContain('49');
      expect(reply.answer).not.toContain('<script>');
    }
    // and the service still answers real questions afterwards
    expect((await ask('When was OMA SpecWorks launched?')).escalated).toBe(false);
  });
});
