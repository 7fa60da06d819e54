// The whole staff loop over HTTP, on a real SQLite file and a real SMTP
// server on loopback: an unanswerable question escalates, the visitor leaves
// an address, the helpdesk gets the mail, staff see it (only with the token),
// resolve it with an answer, the visitor gets that answer by mail (and their
// address is deleted once it is sent), and the bot answers the question with
// it from then on — also after a restart on the same database file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createOutbox } from '../../src/mail/outbox.js';
import { createSmtpMailer } from '../../src/mail/smtp.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { body, header, startSmtp } from '../helpers/smtp.js';
import { postJson, testEngine } from '../http/app-fixture.js';

const TOKEN = 'staff-token-for-tests-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const dir = mkdtempSync(join(tmpdir(), 'faq-flow-'));
const dbPath = join(dir, 'data', 'faq.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function boot(smtpUrl: string) {
  const store = openSqliteStore(dbPath);
  const mailer = createSmtpMailer(smtpUrl, { timeoutMs: 2000 });
  const outbox = createOutbox({ store, mailer, from: 'faq-assistant@omaorg.org' });
  const app = createApp({
    engine: testEngine(),
    store,
    outbox,
    log: () => {},
    config: { adminToken: TOKEN, publicUrl: 'https://faq.example.org', rateLimitPerMinute: 0 },
  });
  const json = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  return {
    app,
    store,
    outbox,
    json,
    close: async () => {
      await outbox.stop();
      mailer.close();
      await store.close!();
    },
  };
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('escalation → helpdesk mail → staff answer → bot answer', () => {
  it('runs end to end and survives a restart', async () => {
    const smtp = await startSmtp();
    const first = boot(smtp.url);
    try {
      // 1. The pages cannot answer: escalated, with an id.
      const asked = await first.json('/api/chat', postJson({ message: 'What are the membership fees?' }));
      expect(asked.status).toBe(200);
      expect(asked.body.escalated).toBe(true);
      const escalationId = asked.body.escalationId as string;
      expect(escalationId).toMatch(/^[0-9a-f-]{36}$/);

      // 2. The visitor leaves an address: 202, and the helpdesk gets a mail.
      const contact = await first.json(`/api/escalations/${escalationId}/contact`, postJson({ email: 'ann@example.com', name: 'Ann Visitor' }));
      expect(contact.status).toBe(202);
      await until(() => smtp.received.length === 1);
      const mail = smtp.received[0]!;
      expect(mail.to).toEqual(['helpdesk@omaorg.org']);
      expect(header(mail.raw, 'Reply-To')).toBe('Ann Visitor <ann@example.com>');
      expect(body(mail.raw)).toContain('What are the membership fees?');
      expect(body(mail.raw)).toContain(`https://faq.example.org/admin#e-${escalationId}`);

      // 3. Staff see it — not without the token.
      expect((await first.json('/api/admin/escalations?status=forwarded')).status).toBe(401);
      expect((await first.json('/api/admin/escalations?status=forwarded', { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(401);
      const listed = await first.json('/api/admin/escalations?status=forwarded', { headers: auth });
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({
          id: escalationId,
          question: 'What are the membership fees?',
          status: 'forwarded',
          email: 'ann@example.com',
          name: 'Ann Visitor',
        }),
      ]);
      expect(listed.body.items[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      const outbox = await first.json('/api/admin/outbox', { headers: auth });
      expect(outbox.body.items[0]).toMatchObject({ status: 'sent', attempts: 1 });

      // 4. Resolved with an answer.
      const answer = 'Membership fees depend on the membership level; the helpdesk sends the current fee schedule on request.';
      const resolved = await first.json(`/api/admin/escalations/${escalationId}/resolve`, postJson({ answer }, auth));
      expect(resolved.status).toBe(200);
      expect(resolved.body.resolved).toEqual([escalationId]);
      expect(resolved.body.repliesQueued).toBe(1);
      expect((await first.json('/api/admin/escalations?status=forwarded', { headers: auth })).body.items).toEqual([]);

      // 4b. The visitor gets the answer by mail, Reply-To the helpdesk, their question quoted…
      await until(() => smtp.received.length === 2);
      const reply = smtp.received[1]!;
      expect(reply.to).toEqual(['ann@example.com']);
      expect(header(reply.raw, 'Reply-To')).toContain('helpdesk@omaorg.org');
      expect(body(reply.raw)).toContain('> What are the membership fees?');
      expect(body(reply.raw)).toContain(answer.slice(0, 40));
      // …and once it is sent, their address is gone from the store.
      let closed = await first.store.getEscalation(escalationId);
      for (let i = 0; i < 100 && closed?.contact; i++) {
        await new Promise((r) => setTimeout(r, 20));
        closed = await first.store.getEscalation(escalationId);
      }
      expect(closed?.contact).toBeUndefined();
      expect(closed?.repliedAt).toEqual(expect.any(Number));
      expect(JSON.stringify(await first.store.listOutbox())).not.toContain('ann@example.com');

      // 5. The bot now answers the same question, and a rewording, with it — cited as the helpdesk.
      for (const message of ['What are the membership fees?', 'membership fee?']) {
        const again = await first.json('/api/chat', postJson({ message }));
        expect(again.body.escalated).toBe(false);
        expect(again.body.answer).toBe(`From the OMA helpdesk: ${answer}`);
        expect(again.body.sources).toEqual([{ title: 'OMA helpdesk', url: 'mailto:helpdesk@omaorg.org' }]);
        expect(again.body.escalationId).toBeUndefined();
      }
      // …but not a different question that shares a word.
      expect((await first.json('/api/chat', postJson({ message: 'What are the meeting fees?' }))).body.escalated).toBe(true);
    } finally {
      await first.close();
    }

    // 6. Restart on the same database file: the answer is still used, the mail not sent again.
    const second = boot(smtp.url);
    try {
      const after = await second.json('/api/chat', postJson({ message: 'What are the membership fees?' }));
      expect(after.body.escalated).toBe(false);
      expect(after.body.answer).toContain('Membership fees depend on the membership level');
      expect(await second.outbox.runOnce()).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(2);
    } finally {
      await second.close();
      await smtp.close();
    }
  });
});
