// The HTTP mail transport (src/mail/http.ts, what the Worker sends helpdesk
// mail with) against a real HTTP server on 127.0.0.1 (node:http): what it
// posts, what counts as accepted, and how it fails so the outbox retries.
// The same transport inside workerd: test/worker/mail-http.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpMailer } from '../../src/mail/http.js';
import { createOutbox } from '../../src/mail/outbox.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { startMailApi, type MailApi } from '../helpers/mail-api.js';

let api: MailApi;
beforeAll(async () => {
  api = await startMailApi();
});
afterAll(async () => {
  await api.close();
});

let n = 0;
/** A path of this test's own on the mail API, and a mailer posting to it. */
function mailer(options: { timeoutMs?: number } = {}) {
  const path = `/t${++n}/emails`;
  return { path, mailer: createHttpMailer({ url: `${api.url}${path}`, token: 'secret-token', ...options }) };
}

const message = {
  from: 'faq-assistant@example.org',
  fromName: 'FAQ assistant',
  to: 'helpdesk@example.org',
  replyTo: { address: 'ann@example.com', name: 'Ann "the \\\\ Visitor"' },
  subject: 'FAQ question: fees\r\nBcc: x@example.net',
  text: 'Line one\nLine two',
  messageId: '<faq-outbox-1-2@example.org>',
};

describe('HTTP mail API transport', () => {
  it('POSTs the mail as JSON with the Bearer token: quoted names, one-line subject, Message-ID header', async () => {
    const { path, mailer: m } = mailer();
    await m.send(message);
    const [req, ...more] = api.received(path);
    expect(more).toEqual([]);
    expect(req).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer secret-token', 'content-type': 'application/json' } });
    expect(req!.json).toEqual({
      from: '"FAQ assistant" <faq-assistant@example.org>',
      to: ['helpdesk@example.org'],
      reply_to: '"Ann the  Visitor" <ann@example.com>',
      subject: 'FAQ question: fees Bcc: x@example.net',
      text: 'Line one\nLine two',
      headers: { 'Message-ID': '<faq-outbox-1-2@example.org>' },
    });
  });

  it('leaves out what the mail does not have: no sender name, no Reply-To, no Message-ID', async () => {
    const { path, mailer: m } = mailer();
    await m.send({ from: 'faq@example.org', to: 'helpdesk@example.org', replyTo: { address: 'bob@example.com' }, subject: 's', text: 't' });
    expect(api.received(path)[0]!.json).toEqual({
      from: 'faq@example.org',
      to: ['helpdesk@example.org'],
      reply_to: 'bob@example.com',
      subject: 's',
      text: 't',
    });
    const other = mailer();
    await other.mailer.send({ from: 'faq@example.org', to: 'helpdesk@example.org', subject: 's', text: 't' });
    expect(api.received(other.path)[0]!.json).toEqual({ from: 'faq@example.org', to: ['helpdesk@example.org'], subject: 's', text: 't' });
  });

  it('any 2xx is accepted', async () => {
    const { path, mailer: m } = mailer();
    api.fail(path, 202);
    await expect(m.send(message)).resolves.toBeUndefined();
  });

  it('a refusal rejects with the status and the start of the reason, so the outbox retries', async () => {
    for (const status of [301, 401, 429, 500, 503]) {
      const { path, mailer: m } = mailer();
      api.fail(path, status);
      const err = await m.send(message).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message, String(status)).toMatch(new RegExp(`^mail API answered ${status}: mail API down \\(${status}\\) `));
      expect(err!.message.length).toBe(`mail API answered ${status}: `.length + 200);
    }
  });

  it('gives up after the timeout instead of hanging the outbox', async () => {
    const { path, mailer: m } = mailer({ timeoutMs: 300 });
    api.hang(path);
    const started = Date.now();
    await expect(m.send(message)).rejects.toThrow(/timeout|aborted/i);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses an unsafe address before sending anything', async () => {
    for (const bad of [{ to: 'x@example.org\r\nBcc: y@example.org' }, { from: 'not an address' }, { replyTo: { address: 'a@b.c\nX: 1' } }]) {
      const { path, mailer: m } = mailer();
      await expect(m.send({ ...message, ...bad })).rejects.toThrow('refusing to send: invalid address');
      expect(api.received(path)).toEqual([]);
    }
  });

  it('an unreachable API is a failure too (connection refused)', async () => {
    const closed = await startMailApi();
    await closed.close();
    await expect(createHttpMailer({ url: `${closed.url}/emails`, token: 't' }).send(message)).rejects.toThrow();
  });

  it('through the outbox: a 503 keeps the mail pending, the next run after the back-off delivers it once', async () => {
    const { path, mailer: m } = mailer();
    const store = openSqliteStore(':memory:');
    const { escalationId } = await store.recordTurn({
      conversationId: 'conv-http-1',
      question: 'Who is the CEO?',
      answer: 'x',
      escalated: true,
      confidence: 0,
    });
    await store.forwardEscalation(
      escalationId!,
      { email: 'ann@example.com' },
      { to: 'helpdesk@example.org', replyTo: { address: 'ann@example.com' }, subject: 'FAQ question: CEO', text: 'Who is the CEO?' },
    );
    let t = Date.now();
    const outbox = createOutbox({ store, mailer: m, from: 'faq-assistant@example.org', now: () => t });
    api.fail(path, 503);
    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 1 });
    expect((await store.listOutbox())[0]).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/^mail API answered 503/) });
    t += 5000;
    expect(await outbox.runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(api.received(path).map((r) => r.json?.subject)).toEqual(['FAQ question: CEO', 'FAQ question: CEO']);
    await store.close!();
  });
});
