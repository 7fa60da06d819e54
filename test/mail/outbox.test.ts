// Helpdesk mail through a real SMTP server on loopback and a real SQLite
// file: delivery with Reply-To, waiting in the outbox while the server is
// down, surviving a restart, never sent twice, no header injection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createOutbox, redact } from '../../src/mail/outbox.js';
import { helpdeskMail } from '../../src/mail/helpdesk.js';
import { isSafeAddress } from '../../src/mail/headers.js';
import { createSmtpMailer } from '../../src/mail/smtp.js';
import { visitorReplyMail } from '../../src/mail/visitor-reply.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Contact, Store } from '../../src/store/types.js';
import { body, header, startSmtp, type TestSmtp } from '../helpers/smtp.js';

const dir = mkdtempSync(join(tmpdir(), 'faq-mail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function escalate(store: Store, contact: Contact, now: number) {
  const conversationId = `conv-mail-${++n}`;
  await store.recordTurn({ conversationId, question: 'What is OMA SpecWorks?', answer: 'OMA SpecWorks is an SDO.', escalated: false, confidence: 1 });
  const { escalationId } = await store.recordTurn({
    conversationId,
    question: 'What are the membership fees?',
    answer: 'Passing this to the helpdesk.',
    escalated: true,
    confidence: 0,
  });
  const escalation = (await store.getEscalation(escalationId!))!;
  const mail = helpdeskMail({
    escalation,
    contact,
    transcript: await store.transcript(conversationId),
    helpdeskEmail: 'helpdesk@omaorg.org',
    publicUrl: 'https://faq.example.org',
  });
  await store.forwardEscalation(escalationId!, contact, mail, now);
  return escalationId!;
}

function setup(smtpUrl: string, path = join(dir, `mail-${++n}.db`), clock = { t: Date.now() }) {
  const store = openSqliteStore(path);
  const mailer = createSmtpMailer(smtpUrl, { timeoutMs: 2000 });
  const outbox = createOutbox({ store, mailer, from: 'faq-assistant@omaorg.org', now: () => clock.t, retryBaseMs: 5000 });
  cleanup.push(
    () => store.close!(),
    () => mailer.close(),
  );
  return { store, outbox, path, clock };
}

describe('helpdesk mail via the outbox', () => {
  it('arrives at the helpdesk with the question, the transcript, a staff-page link and Reply-To the visitor, once', async () => {
    const smtp = await startSmtp();
    cleanup.push(() => smtp.close());
    const { store, outbox, clock } = setup(smtp.url);
    const id = await escalate(store, { email: 'ann@example.com', name: 'Ann Visitor', message: 'Please reply soon.' }, clock.t);
    expect(await outbox.runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const m = smtp.received[0]!;
    expect(m.to).toEqual(['helpdesk@omaorg.org']);
    expect(header(m.raw, 'Reply-To')).toBe('Ann Visitor <ann@example.com>');
    expect(header(m.raw, 'Subject')).toBe('FAQ question: What are the membership fees?');
    const text = body(m.raw);
    expect(text).toContain('What are the membership fees?');
    expect(text).toContain('Visitor: What is OMA SpecWorks?');
    expect(text).toContain('Please reply soon.');
    expect(text).toContain(`https://faq.example.org/admin#e-${id}`);
    expect((await store.listOutbox())[0]).toMatchObject({ status: 'sent', attempts: 1 });
    // Never twice: later runs find nothing to send.
    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('waits in the outbox while SMTP is down, survives a restart, and is delivered once the server is back', async () => {
    // Find a free port, then leave it closed: the server is "down".
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close();
    const url = `smtp://127.0.0.1:${port}`;
    const first = setup(url);
    await escalate(first.store, { email: 'bob@example.com' }, first.clock.t);
    expect(await first.outbox.runOnce()).toEqual({ sent: 0, failed: 1 });
    const [pending] = await first.store.listOutbox();
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(pending!.nextAttemptAt).toBe(first.clock.t + 5000);
    // Restart: the process goes away, a new one opens the same file.
    await first.store.close!();
    const smtp = await startSmtp(port);
    cleanup.push(() => smtp.close());
    const second = setup(url, first.path, { t: first.clock.t + 1000 });
    // Back-off: not retried before its time.
    expect(await second.outbox.runOnce()).toEqual({ sent: 0, failed: 0 });
    second.clock.t += 5000;
    expect(await second.outbox.runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(header(smtp.received[0]!.raw, 'Reply-To')).toBe('bob@example.com');
    second.clock.t += 3_600_000;
    expect(await second.outbox.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('backs off exponentially while the server stays down', async () => {
    const probe = await startSmtp();
    await probe.close();
    const { store, outbox, clock } = setup(`smtp://127.0.0.1:${probe.port}`);
    await escalate(store, { email: 'carol@example.com' }, clock.t);
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await outbox.runOnce();
      const [m] = await store.listOutbox();
      delays.push(m!.nextAttemptAt - clock.t);
      clock.t = m!.nextAttemptAt;
    }
    expect(delays).toEqual([5000, 10000, 20000]);
  });

  it('lets no visitor text start a header line', async () => {
    const smtp = await startSmtp();
    cleanup.push(() => smtp.close());
    const { store, outbox, clock } = setup(smtp.url);
    await escalate(store, { email: 'dan@example.com', name: 'Dan\r\nBcc: victim@example.net\r\nX-Evil: 1' }, clock.t);
    await outbox.runOnce();
    const raw = smtp.received[0]!.raw;
    expect(smtp.received[0]!.to).toEqual(['helpdesk@omaorg.org']);
    expect(raw).not.toMatch(/^(Bcc|X-Evil):/im);
    expect(isSafeAddress('dan@example.com\r\nBcc: victim@example.net')).toBe(false);
    expect(isSafeAddress('dan@example.com')).toBe(true);
  });

  it('a helpdesk mail still waiting when the reply reaches the visitor is dropped: the address never goes out after the reply', async () => {
    // The mail server is down when the visitor leaves their address.
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close();
    const { store, outbox, clock } = setup(`smtp://127.0.0.1:${port}`);
    const id = await escalate(store, { email: 'erin@example.com', name: 'Erin' }, clock.t);
    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 1 });
    // Staff answer on the staff page meanwhile; the reply is due before the helpdesk mail's next try.
    clock.t += 1000;
    const reply = visitorReplyMail({
      to: 'erin@example.com',
      question: 'What are the membership fees?',
      answer: 'They depend on the level.',
      siteName: 'OMA SpecWorks',
      helpdeskEmail: 'helpdesk@omaorg.org',
    });
    await store.resolveEscalations(
      [id],
      { question: 'What are the membership fees?', answer: 'They depend on the level.' },
      [{ escalationId: id, mail: reply }],
      clock.t,
    );
    // The server comes back.
    const smtp = await startSmtp(port);
    cleanup.push(() => smtp.close());
    expect(await outbox.runOnce()).toEqual({ sent: 1, failed: 0 });
    for (let i = 0; i < 5; i++) {
      clock.t += 60 * 60_000;
      await outbox.runOnce();
    }
    expect(smtp.received.map((m) => m.to)).toEqual([['erin@example.com']]);
    expect(JSON.stringify(await store.listOutbox())).not.toContain('erin@example.com');
    expect((await store.getEscalation(id))?.contact).toBeUndefined();
  });

  it('keeps addresses out of logged errors', () => {
    expect(redact('550 5.1.1 <ann@example.com>: Recipient address rejected')).toBe('550 5.1.1 <<address>>: Recipient address rejected');
  });
});
