// Bad and odd input to POST /api/chat: every problem is a JSON {"error"} with
// the right 4xx, never a 500 or a stack trace; odd but valid text is answered.
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { postJson, testApp } from './app-fixture.js';

// A real SQLite store (in memory), kept here so tests can look at what was stored.
const store = openSqliteStore(':memory:');
const app = testApp({}, { store });
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
      // The whole body is wrong, so no field is named before the problem.
      await expectError(await chat(postJson(body)), 400, /^body must be a JSON object with a "message" string$/);
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
    const body = new ReadableStream({
      start(c) {
        c.enqueue(big);
        c.close();
      },
    });
    const res = await app.request(
      new Request('http://localhost/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    await expectError(res, 413, /larger than/);
  });
  it('form-encoded body → 415', async () => {
    const res = await chat({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'message=hello' });
    await expectError(res, 415, /application\/json/);
  });
  it('no content type → 415', async () => {
    await expectError(await chat({ method: 'POST', body: '{"message":"hi"}' }), 415, /application\/json/);
  });
  it('JSON is recognised by its media type, however a client spells it; look-alikes are 415', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON', ' application/json ']) {
      expect((await chat({ method: 'POST', headers: { 'content-type': type }, body: '{"message":"hi"}' })).status, type).toBe(200);
    }
    for (const type of ['application/jsonp', 'text/application/json', 'application/x-json']) {
      await expectError(await chat({ method: 'POST', headers: { 'content-type': type }, body: '{"message":"hi"}' }), 415, /application\/json/);
    }
  });
  it('bytes that are not UTF-8 inside a JSON string are read as U+FFFD, not refused', async () => {
    const body = new Uint8Array([...new TextEncoder().encode('{"message":"When was OMA founded'), 0xff, ...new TextEncoder().encode('?"}')]);
    const res = await chat({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
  });
  it('the error names the field that is wrong, so a client knows what to fix', async () => {
    await expectError(await chat(postJson({ message: 'hi', conversationId: 42 })), 400, /^conversationId: /);
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
    return (await res.json()) as { answer: string; escalated: boolean; conversationId: string; escalationId?: string };
  };

  it('control characters are stripped, the question still understood', async () => {
    const plain = await ask('When was OMA SpecWorks launched?');
    const noisy = await ask('When\u0000 was OMA\u0007 SpecWorks\u001b[31m launched?\u202e');
    expect(noisy.answer).toBe(plain.answer);
    expect(noisy.escalated).toBe(false);
  });
  const stored = (conversationId: string) =>
    store.db.prepare('SELECT question FROM turns WHERE conversation_id = ?').all(conversationId) as { question: string }[];
  const ESCALATED =
    "I couldn't find this on our pages, so I'm passing your question to the helpdesk at helpdesk@omaorg.org. Leave your e-mail address and they will reply to you.";

  it('emoji, RTL text, combining marks, lone surrogates, zero-width chars: answered, and stored as sent (invisible and unencodable characters cleaned)', async () => {
    const cases: [sent: string, kept: string][] = [
      ['מה זה OMA?', 'מה זה OMA?'],
      ['Ẓ̴̡͔̈́a̶l̷g̸o̵ text', 'Ẓ̴̡͔̈́a̶l̷g̸o̵ text'],
      ['bad \ud800 surrogate', 'bad \ufffd surrogate'],
      ['zero\u200bwidth', 'zerowidth'],
      ['\ufeffBOM first', 'BOM first'],
    ];
    for (const [sent, kept] of cases) {
      const reply = await ask(sent);
      // Not something the pages answer: the visitor gets the helpdesk, not an error or a guess.
      expect(reply, sent).toMatchObject({ escalated: true, answer: ESCALATED });
      expect(stored(reply.conversationId), sent).toEqual([{ question: kept }]);
    }
    // An emoji does not hide a greeting.
    const hello = await ask('👋🏽 hello');
    expect(hello).toMatchObject({ escalated: false, answer: expect.stringMatching(/^Hello! I can answer questions about OMA SpecWorks/) });
    expect(stored(hello.conversationId)).toEqual([{ question: '👋🏽 hello' }]);
  });

  it('SQL-looking and template-looking text is just text: stored and shown as sent, nothing run', async () => {
    const probes = [
      "'; DROP TABLE escalations; --",
      "1' OR '1'='1",
      "Robert'); DELETE FROM turns WHERE ('1'='1",
      '{{7*7}} ${7*7} <%= 7*7 %> #{7*7}',
      '<script>alert(1)</script>',
      '../../../../etc/passwd',
    ];
    const tables = () => (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const before = tables();
    expect(before).toEqual(expect.arrayContaining(['conversations', 'escalations', 'turns', 'outbox', 'contacts', 'feedback', 'staff_answers']));
    const turnsBefore = (store.db.prepare('SELECT count(*) AS n FROM turns').get() as { n: number }).n;
    for (const message of probes) {
      const reply = (await ask(message)) as { escalated: boolean; answer: string; conversationId: string; escalationId?: string };
      // The fixed escalation text: nothing of the probe is evaluated or echoed.
      expect(reply, message).toMatchObject({ escalated: true, answer: ESCALATED, escalationId: expect.any(String) });
      // Stored byte for byte, as the question staff will see.
      expect(stored(reply.conversationId), message).toEqual([{ question: message }]);
      expect((await store.getEscalation(reply.escalationId!))?.question, message).toBe(message);
    }
    // Every table is still there, and every earlier turn with them.
    expect(tables()).toEqual(before);
    expect((store.db.prepare('SELECT count(*) AS n FROM turns').get() as { n: number }).n).toBe(turnsBefore + probes.length);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // and the service still answers real questions afterwards
    expect((await ask('When was OMA SpecWorks launched?')).answer).toMatch(/^Launched in 2018, OMA SpecWorks joins together/);
  });
});
