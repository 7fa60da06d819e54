// One JSON-ready log line per request, without visitors' text unless asked.
import { describe, expect, it } from 'vitest';
import type { RequestLine } from '../../src/http/request-log.js';
import type { Store } from '../../src/store/types.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { postJson, testApp } from './app-fixture.js';

const secret = 'my address is jane.doe@example.com, when was OMA launched?';

describe('request log', () => {
  it('logs method, path, status, duration and conversation id — not the message', async () => {
    const lines: RequestLine[] = [];
    const app = testApp({}, { logRequest: (l) => lines.push(l) });
    const res = await app.request('/api/chat?token=abc', postJson({ message: secret }));
    const { conversationId } = (await res.json()) as { conversationId: string };
    await app.request('/api/chat', postJson('{'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ method: 'POST', path: '/api/chat', status: 200, conversationId });
    expect(typeof lines[0]!.ms).toBe('number');
    expect(lines[1]).toMatchObject({ status: 400 });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('jane.doe');
    expect(text).not.toContain('token=abc');
  });

  it('includes the message only with LOG_MESSAGES=true', async () => {
    const lines: RequestLine[] = [];
    const app = testApp({ logMessages: true }, { logRequest: (l) => lines.push(l) });
    await app.request('/api/chat', postJson({ message: secret }));
    expect(lines[0]!.message).toBe(secret);
  });

  it('a crash is a generic JSON 500 that is logged, with the detail only in the error log', async () => {
    const lines: RequestLine[] = [];
    const errors: unknown[] = [];
    const broken: Store = {
      ...openSqliteStore(':memory:'),
      recordTurn: async () => {
        throw new Error('disk on fire at /var/db');
      },
    };
    const app = testApp({}, { store: broken, logRequest: (l) => lines.push(l), log: (_m, d) => errors.push(d) });
    const res = await app.request('/api/chat', postJson({ message: 'hello' }));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'Internal server error' });
    expect(lines[0]).toMatchObject({ status: 500 });
    expect(String(errors[0])).toContain('disk on fire');
  });
});

describe('stored text', () => {
  it('control characters never reach the store', async () => {
    const stored: string[] = [];
    const base = openSqliteStore(':memory:');
    const store: Store = {
      ...base,
      recordTurn: (t) => {
        stored.push(t.question);
        return base.recordTurn(t);
      },
    };
    const app = testApp({}, { store });
    await app.request('/api/chat', postJson({ message: 'hello\u0000 there\u001b[2J\u202e' }));
    expect(stored).toEqual(['hello there']);
  });
});
