// Helpdesk mail from the deployed Worker: with the mail API secrets set, a
// visitor's contact is delivered right after the response (waitUntil), and
// the cron trigger retries what is still pending and applies retention.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import worker from '../../src/entry/worker.js';
import { createSqlStore } from '../../src/store/sql-store.js';

interface Call {
  url: string;
  auth: string | null;
  body: { to: string[]; reply_to?: string; subject: string };
}
let calls: Call[] = [];
// A separate env object: the Worker builds its app (and mailer) per env.
const mailEnv = () => ({ ...env, MAIL_API_URL: 'https://mail.example/emails', MAIL_API_TOKEN: 'mail-token', RATE_LIMIT_PER_MINUTE: '0' });

beforeEach(() => {
  calls = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    calls.push({ url: String(input), auth: new Headers(init?.headers).get('authorization'), body: JSON.parse(String(init?.body)) });
    return Response.json({ id: `m-${calls.length}` });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function call(e: ReturnType<typeof mailEnv>, path: string, body: unknown) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`https://faq.test${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    e,
    ctx,
  );
  await waitOnExecutionContext(ctx); // what the runtime does after the response
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('helpdesk mail from the Worker', () => {
  it('sends the mail through the mail API right after the contact is stored', async () => {
    const e = mailEnv();
    const asked = await call(e, '/api/chat', { message: 'What are the membership fees?' });
    const id = asked.body.escalationId as string;
    expect((await call(e, `/api/escalations/${id}/contact`, { email: 'ann@example.com', name: 'Ann Visitor' })).status).toBe(202);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      url: 'https://mail.example/emails',
      auth: 'Bearer mail-token',
      body: { to: ['helpdesk@omaorg.org'], reply_to: '"Ann Visitor" <ann@example.com>', subject: expect.stringContaining('membership fees') },
    });
    const [mail] = await createSqlStore(env.DB).listOutbox();
    expect(mail).toMatchObject({ escalationId: id, status: 'sent', attempts: 1 });
  });

  it('retries pending mail and purges old transcripts on the cron trigger', async () => {
    const e = mailEnv();
    const store = createSqlStore(env.DB);
    const long = Date.now() - 200 * 24 * 60 * 60 * 1000; // older than RETENTION_DAYS (90)
    const { escalationId } = await store.recordTurn({
      conversationId: 'conv-cron-1',
      question: 'Who is the CEO?',
      answer: 'x',
      escalated: true,
      confidence: 0,
    });
    await store.forwardEscalation(
      escalationId!,
      { email: 'bob@example.com' },
      { to: 'helpdesk@omaorg.org', subject: 'Question: CEO', text: 'Who is the CEO?' },
      Date.now() - 60_000,
    );
    await store.recordTurn({ conversationId: 'conv-cron-old', question: 'What is OMA?', answer: 'x', escalated: false, confidence: 1 });
    await env.DB.prepare('UPDATE turns SET created_at = ? WHERE conversation_id = ?').bind(long, 'conv-cron-old').run();

    const ctx = createExecutionContext();
    await worker.scheduled({}, e, ctx);
    await waitOnExecutionContext(ctx);

    expect(calls.map((c) => c.body.subject)).toEqual(['Question: CEO']);
    expect((await store.listOutbox()).find((m) => m.escalationId === escalationId)).toMatchObject({ status: 'sent' });
    expect(await store.transcript('conv-cron-old')).toEqual([]);
    expect(await store.transcript('conv-cron-1')).toHaveLength(1);
  });
});
