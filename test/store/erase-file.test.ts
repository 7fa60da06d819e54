// What only the bytes of a SQLite file can show: once the reply to a visitor
// is delivered, the addresses they left are gone from the database file and
// its write-ahead log, not merely from the rows (SQLite keeps deleted content
// in free space and in older WAL frames unless told otherwise).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { helpdeskMail } from '../../src/mail/helpdesk.js';
import { visitorReplyMail } from '../../src/mail/visitor-reply.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Contact } from '../../src/store/types.js';

const dir = mkdtempSync(join(tmpdir(), 'faq-erase-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file SQLite keeps for the database, as raw bytes. */
const onDisk = (path: string) => Buffer.concat([path, `${path}-wal`, `${path}-journal`].filter(existsSync).map((p) => readFileSync(p)));

describe('SQLite file after a reply is delivered', () => {
  it('runs with secure_delete on', () => {
    const store = openSqliteStore(join(dir, 'pragma.db'));
    expect(store.db.pragma('secure_delete', { simple: true })).toBe(1);
    store.db.close();
  });

  it('holds none of the addresses the visitor left, in the database file or its WAL', async () => {
    const path = join(dir, 'erase.db');
    const store = openSqliteStore(path);
    const t0 = 1_800_000_000_000;
    // Other visitors' data around it, so the pages are shared and reused as in a live database.
    for (let i = 0; i < 50; i++) {
      await store.recordTurn(
        { conversationId: `conv-other-${i}`, question: `Other question ${i}?`, answer: 'x'.repeat(200), escalated: false, confidence: 1 },
        undefined,
        t0,
      );
    }
    const { escalationId } = await store.recordTurn(
      { conversationId: 'conv-erase', question: 'What are the membership fees?', answer: 'Passing this to the helpdesk.', escalated: true, confidence: 0 },
      undefined,
      t0,
    );
    const id = escalationId!;
    const contact = async (c: Contact, now: number) => {
      const escalation = (await store.getEscalation(id))!;
      const mail = helpdeskMail({
        escalation,
        contact: c,
        transcript: await store.transcript('conv-erase'),
        helpdeskEmail: 'helpdesk@omaorg.org',
        publicUrl: '',
      });
      return store.forwardEscalation(id, c, mail, now);
    };
    const deliver = async (now: number) => {
      for (const m of await store.claimMail(now, 60_000, 10)) await store.markMailSent(m.id, now);
    };
    // Address a: the helpdesk is mailed and the mail delivered. Address b two hours later; the mail server is down for it.
    await contact({ email: 'first.address@visitor-a.example', name: 'Ann Visitor', message: 'Please reply.' }, t0);
    await deliver(t0 + 1000);
    await contact({ email: 'second.address@visitor-b.example', name: 'Ann Visitor' }, t0 + 7_200_000);
    const [down] = await store.claimMail(t0 + 7_200_000, 60_000, 10);
    await store.markMailFailed(down!.id, 'connect ECONNREFUSED', t0 + 9_000_000);
    expect(onDisk(path).includes('first.address@visitor-a.example')).toBe(true);

    // Staff answer; the reply to b is delivered.
    const reply = visitorReplyMail({
      to: 'second.address@visitor-b.example',
      question: 'What are the membership fees?',
      answer: 'They depend on the level.',
      siteName: 'OMA SpecWorks',
      helpdeskEmail: 'helpdesk@omaorg.org',
    });
    await store.resolveEscalations(
      [id],
      { question: 'What are the membership fees?', answer: 'They depend on the level.' },
      [{ escalationId: id, mail: reply }],
      t0 + 7_300_000,
    );
    await deliver(t0 + 7_300_000);
    expect((await store.getEscalation(id))?.repliedAt).toBe(t0 + 7_300_000);

    // The service keeps running (the file stays open, as a live server's does).
    const bytes = onDisk(path);
    for (const text of ['first.address@visitor-a.example', 'second.address@visitor-b.example', 'visitor-a.example', 'visitor-b.example']) {
      expect(bytes.includes(text), text).toBe(false);
    }
    // The rest is still there.
    expect(bytes.includes('Other question 49?')).toBe(true);
    expect(await store.listStaffAnswers()).toHaveLength(1);
    store.db.close();
  });
});
