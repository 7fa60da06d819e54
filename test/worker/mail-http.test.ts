// Helpdesk mail from the Worker over real HTTP: no mocked fetch. The mail
// API is a node:http server on 127.0.0.1 that the test run starts in the
// Node process (test/setup/mail-api.ts; workerd cannot listen itself); the
// Worker's own fetch reaches it over loopback as it would reach the real
// provider, and the test reads back what arrived.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import worker from '../../src/entry/worker.js';
import { createSqlStore } from '../../src/store/sql-store.js';

const api = inject('mailApiUrl');

interface Received {
  method: string;
  headers: Record<string, string>;
  json: Record<string, any>;
}
const received = async (path: string) => (await (await fetch(`${api}/_received?path=${encodeURIComponent(path)}`)).json()) as Received[];
const mailEnv = (path: string) => ({ ...env, MAIL_API_URL: `${api}${path}`, MAIL_API_TOKEN: 'mail-token-0123', RATE_LIMIT_PER_MINUTE: '0' });

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
  await waitOnExecutionContext(ctx); // the delivery kept alive after the response
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('helpdesk mail from the Worker, through a real HTTP mail API', () => {
  it('delivers the contact right after it is stored: Bearer token, JSON body, Reply-To the visitor, a Message-ID', async () => {
    const e = mailEnv('/worker-1/emails');
    const asked = await call(e, '/api/chat', { message: 'What are the membership fees?' });
    const id = asked.body.escalationId as string;
    expect((await call(e, `/api/escalations/${id}/contact`, { email: 'ann@example.com', name: 'Ann "A" Visitor', message: 'Please reply.' })).status).toBe(202);

    const [mail, ...more] = await received('/worker-1/emails');
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer mail-token-0123', 'content-type': 'application/json' } });
    expect(mail!.json).toMatchObject({
      from: '"FAQ assistant" <helpdesk+faq-assistant@omaorg.org>', // the helpdesk address tagged +faq-assistant (no MAIL_FROM set)
      to: ['helpdesk@omaorg.org'],
      reply_to: '"Ann A Visitor" <ann@example.com>',
      subject: 'FAQ question: What are the membership fees?',
      headers: { 'Message-ID': expect.stringMatching(/^<faq-outbox-\d+-\d+@omaorg\.org>$/) },
    });
    expect(mail!.json.text).toContain('> What are the membership fees?');
    expect(mail!.json.text).toContain('> Please reply.');
    const row = (await createSqlStore(env.DB).listOutbox()).find((m) => m.escalationId === id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('keeps the mail while the API answers 503, and the cron trigger delivers it once the API is back', async () => {
    const path = '/worker-2/emails';
    const e = mailEnv(path);
    await fetch(`${api}/_fail?path=${encodeURIComponent(path)}&status=503&times=1`, { method: 'POST' });
    const asked = await call(e, '/api/chat', { message: 'Who is the CEO?' });
    const id = asked.body.escalationId as string;
    expect((await call(e, `/api/escalations/${id}/contact`, { email: 'bob@example.com' })).status).toBe(202);
    const store = createSqlStore(env.DB);
    const pending = (await store.listOutbox()).find((m) => m.escalationId === id)!;
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/^mail API answered 503: mail API down/) });
    expect(pending.lastError!.length).toBeLessThanOrEqual(230);
    // Past the back-off, the cron trigger's run sends it.
    await env.DB.prepare('UPDATE outbox SET next_attempt_at = 0 WHERE id = ?').bind(pending.id).run();
    const ctx = createExecutionContext();
    await worker.scheduled({}, e, ctx);
    await waitOnExecutionContext(ctx);
    expect((await store.listOutbox()).find((m) => m.escalationId === id)).toMatchObject({ status: 'sent', attempts: 2 });
    const mails = await received(path);
    expect(mails).toHaveLength(2); // the refused attempt and the delivery, never a third
    expect(mails[1]!.json).toMatchObject({ to: ['helpdesk@omaorg.org'], reply_to: 'bob@example.com' });
    expect(mails[1]!.json.headers['Message-ID']).toBe(mails[0]!.json.headers['Message-ID']);
  });
});
