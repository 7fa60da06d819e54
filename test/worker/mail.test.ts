// Helpdesk mail from a Worker: the outbox in D1 delivered through the HTTP
// mail API transport (fetch), with the same lease/retry rules as SMTP on Node.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createHttpMailer } from '../../src/mail/http.js';
import { createOutbox } from '../../src/mail/outbox.js';
import { createSqlStore } from '../../src/store/sql-store.js';

describe('outbox over D1 with the HTTP mail API', () => {
  it('sends a queued mail once, retries while the API is down', async () => {
    const store = createSqlStore(env.DB);
    const { escalationId } = await store.recordTurn({
      conversationId: 'conv-mail-1',
      question: 'Who is the CEO?',
      answer: 'x',
      escalated: true,
      confidence: 0,
    });
    await store.forwardEscalation(
      escalationId!,
      { email: 'ann@example.com', name: 'Ann "A" Visitor' },
      { to: 'helpdesk@omaorg.org', replyTo: { address: 'ann@example.com', name: 'Ann "A" Visitor' }, subject: 'Question: CEO', text: 'Who is the CEO?' },
    );

    const requests: { url: string; auth: string | null; body: any }[] = [];
    let up = false;
    const fakeFetch = (async (url: string, init: RequestInit) => {
      requests.push({ url, auth: new Headers(init.headers).get('authorization'), body: JSON.parse(init.body as string) });
      return up ? Response.json({ id: 'm-1' }) : new Response('service unavailable', { status: 503 });
    }) as unknown as typeof fetch;
    let t = Date.now();
    const outbox = createOutbox({
      store,
      from: 'faq-assistant@omaorg.org',
      now: () => t,
      mailer: createHttpMailer({ url: 'https://mail.example/emails', token: 'mail-token', fetch: fakeFetch }),
    });

    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 1 });
    const [pending] = await store.listOutbox();
    expect(pending).toMatchObject({ status: 'pending', lastError: expect.stringContaining('503') });

    up = true;
    t += 60_000; // past the back-off
    expect(await outbox.runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 0 }); // never twice
    expect(requests).toHaveLength(2);
    expect(requests[1]).toMatchObject({
      url: 'https://mail.example/emails',
      auth: 'Bearer mail-token',
      body: {
        from: '"FAQ assistant" <faq-assistant@omaorg.org>',
        to: ['helpdesk@omaorg.org'],
        reply_to: '"Ann A Visitor" <ann@example.com>',
        subject: 'Question: CEO',
        text: 'Who is the CEO?',
      },
    });
    expect(requests[1]!.body.headers['Message-ID']).toMatch(/^<faq-outbox-\d+-\d+@omaorg\.org>$/);
    expect((await store.listOutbox())[0]).toMatchObject({ status: 'sent' });
  });

  it('refuses to send to an unsafe address', async () => {
    const mailer = createHttpMailer({
      url: 'https://mail.example/emails',
      token: 't',
      fetch: (() => {
        throw new Error('must not be called');
      }) as never,
    });
    await expect(mailer.send({ from: 'a@example.org', to: 'x@example.org\r\nBcc: y@example.org', subject: 's', text: 't' })).rejects.toThrow(/invalid address/);
  });
});
