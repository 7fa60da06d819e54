// The outbox worker's own rules, with a mailer the test controls and a real
// (in-memory) SQLite store: how long a failing mail waits (capped back-off),
// that one run empties the outbox however many batches it takes, that a
// failure leaves the rest for later, what each mail is sent with, and how
// runs, kicks, start and stop interact. Fast: no sockets, a fake clock.
import { afterEach, describe, expect, it } from 'vitest';
import { createOutbox, messageIdFor, redact, retryDelay, senderAddress, type OutboxOptions } from '../../src/mail/outbox.js';
import type { Mailer, MailMessage } from '../../src/mail/types.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { OutboxMail, Store } from '../../src/store/types.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close?.();
});

/** A mailer that records what it was given and fails while `down` says so. */
function fakeMailer(down: (m: MailMessage, n: number) => boolean = () => false) {
  const sent: MailMessage[] = [];
  let calls = 0;
  const mailer: Mailer = {
    async send(m) {
      calls++;
      if (down(m, calls)) throw new Error(`connect ECONNREFUSED for <${m.replyTo?.address ?? m.to}>`);
      sent.push(m);
    },
  };
  return { mailer, sent, calls: () => calls };
}

let queued = 0;
/** A mailer whose first send waits until `release()` is called; later sends go through. */
function heldFirstSend() {
  let gate: () => void = () => {};
  const sent: string[] = [];
  const mailer: Mailer = {
    async send(m) {
      if (sent.length === 0)
        await new Promise<void>((done) => {
          gate = done;
        });
      sent.push(m.subject);
    },
  };
  return { mailer, sent, release: () => gate() };
}

async function queue(store: Store, count: number, now: number) {
  for (let i = 0; i < count; i++) {
    const { escalationId } = await store.recordTurn(
      { conversationId: `conv-outbox-${++queued}`, question: `Question ${queued}?`, answer: 'passing on', escalated: true, confidence: 0 },
      undefined,
      now,
    );
    await store.forwardEscalation(
      escalationId!,
      { email: `visitor${queued}@example.com`, name: `Visitor ${queued}` },
      {
        to: 'helpdesk@example.org',
        replyTo: { address: `visitor${queued}@example.com`, name: `Visitor ${queued}` },
        subject: `FAQ question: ${queued}`,
        text: `Body ${queued}`,
      },
      now,
    );
  }
}

function setup(options: Partial<OutboxOptions> & { mailer: Mailer }) {
  const store = openSqliteStore(':memory:');
  stores.push(store);
  const clock = { t: 1_700_000_000_000 };
  const logs: { message: string; detail?: Record<string, unknown> }[] = [];
  const outbox = createOutbox({
    store,
    from: 'faq-assistant@example.org',
    now: () => clock.t,
    log: (message, detail) => logs.push({ message, detail }),
    ...options,
  });
  return { store, outbox, clock, logs };
}

describe('retry back-off', () => {
  it('doubles from 5 s and never waits more than 15 minutes, however long the server stays down', async () => {
    const { mailer } = fakeMailer(() => true);
    const { store, outbox, clock } = setup({ mailer });
    await queue(store, 1, clock.t);
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 1 });
      const [m] = await store.listOutbox();
      delays.push((m!.nextAttemptAt - clock.t) / SECOND);
      clock.t = m!.nextAttemptAt;
    }
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 320, 640, 900, 900, 900, 900]);
    expect((await store.listOutbox())[0]).toMatchObject({ status: 'pending', attempts: 12 });
  });

  it('follows the configured first delay and ceiling', async () => {
    const { mailer } = fakeMailer(() => true);
    const { store, outbox, clock } = setup({ mailer, retryBaseMs: 1 * SECOND, retryMaxMs: 3 * SECOND });
    await queue(store, 1, clock.t);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await outbox.runOnce();
      const [m] = await store.listOutbox();
      delays.push(m!.nextAttemptAt - clock.t);
      clock.t = m!.nextAttemptAt;
    }
    expect(delays).toEqual([1000, 2000, 3000, 3000]);
  });

  it('retryDelay: base × 2^(attempts−1), capped', () => {
    expect([0, 1, 2, 3, 4].map((a) => retryDelay(a, 5000, 900_000))).toEqual([5000, 5000, 10_000, 20_000, 40_000]);
    expect(retryDelay(9, 5000, 900_000)).toBe(900_000);
    expect(retryDelay(60, 5000, 900_000)).toBe(900_000);
  });
});

describe('one run', () => {
  it('sends every due mail, however many batches that takes', async () => {
    const fake = fakeMailer();
    const { store, outbox, clock } = setup({ mailer: fake.mailer, batch: 10 });
    await queue(store, 25, clock.t);
    expect(await outbox.runOnce()).toEqual({ sent: 25, failed: 0 });
    expect(fake.sent.map((m) => m.subject)).toEqual(Array.from({ length: 25 }, (_, i) => `FAQ question: ${queued - 24 + i}`));
    expect((await store.listOutbox(100)).every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(fake.calls()).toBe(25);
  });

  it('with exactly one batch due, sends it and stops', async () => {
    const fake = fakeMailer();
    const { store, outbox, clock } = setup({ mailer: fake.mailer, batch: 5 });
    await queue(store, 5, clock.t);
    expect(await outbox.runOnce()).toEqual({ sent: 5, failed: 0 });
  });

  it('after a failure leaves the rest of the outbox for the next run (the server is probably down)', async () => {
    const fake = fakeMailer((_m, n) => n === 3);
    const { store, outbox, clock, logs } = setup({ mailer: fake.mailer, batch: 10 });
    await queue(store, 25, clock.t);
    expect(await outbox.runOnce()).toEqual({ sent: 9, failed: 1 });
    const mails = await store.listOutbox(100);
    expect(mails.filter((m) => m.status === 'sent')).toHaveLength(9);
    expect(mails.filter((m) => m.status === 'pending' && m.attempts === 0)).toHaveLength(15);
    const failed = mails.find((m) => m.attempts === 1 && m.status === 'pending')!;
    expect(failed.nextAttemptAt).toBe(clock.t + 5 * SECOND);
    // The reason is kept for staff and logged, without the visitor's address.
    expect(failed.lastError).toBe('connect ECONNREFUSED for <<address>>');
    expect(logs).toEqual([
      {
        message: 'mail not sent, will retry',
        detail: { outboxId: failed.id, attempts: 1, retryAt: new Date(clock.t + 5 * SECOND).toISOString(), error: 'connect ECONNREFUSED for <<address>>' },
      },
    ]);
    // The next run sends the others; the failed one waits for its time.
    expect(await outbox.runOnce()).toEqual({ sent: 15, failed: 0 });
    clock.t += 5 * SECOND;
    expect(await outbox.runOnce()).toEqual({ sent: 1, failed: 0 });
  });

  it('sends each mail from the assistant, with the visitor as Reply-To and a stable Message-ID', async () => {
    const fake = fakeMailer();
    const { store, outbox, clock } = setup({ mailer: fake.mailer });
    await queue(store, 1, clock.t);
    await outbox.runOnce();
    const [mail] = await store.listOutbox();
    expect(fake.sent).toEqual([
      {
        from: 'faq-assistant@example.org',
        fromName: 'FAQ assistant',
        to: 'helpdesk@example.org',
        replyTo: { address: `visitor${queued}@example.com`, name: `Visitor ${queued}` },
        subject: `FAQ question: ${queued}`,
        text: `Body ${queued}`,
        messageId: `<faq-outbox-${mail!.id}-${mail!.createdAt}@example.org>`,
      },
    ]);
    expect(mail).toMatchObject({ status: 'sent', sentAt: clock.t });
  });

  it('uses a configured sender name', async () => {
    const fake = fakeMailer();
    const { store, outbox, clock } = setup({ mailer: fake.mailer, fromName: 'Ask OMA' });
    await queue(store, 1, clock.t);
    await outbox.runOnce();
    expect(fake.sent[0]!.fromName).toBe('Ask OMA');
  });

  it('holds a mail being sent for the lease time, so a second worker does not send it too', async () => {
    let release: () => void = () => {};
    const slow: Mailer = {
      send: () =>
        new Promise<void>((done) => {
          release = done;
        }),
    };
    const { store, outbox, clock } = setup({ mailer: slow, leaseMs: 30 * SECOND });
    await queue(store, 1, clock.t);
    const run = outbox.runOnce();
    await new Promise((r) => setTimeout(r, 10));
    expect(await store.claimMail(clock.t + 29 * SECOND, 30 * SECOND, 10)).toEqual([]);
    release();
    expect(await run).toEqual({ sent: 1, failed: 0 });
  });
});

describe('runs, kicks, start and stop', () => {
  it('a run asked for while one is in progress joins it and runs once more afterwards (a mail queued meanwhile is not left waiting)', async () => {
    const { mailer, sent, release: gate } = heldFirstSend();
    const { store, outbox, clock } = setup({ mailer });
    await queue(store, 1, clock.t);
    const first = outbox.runOnce();
    await new Promise((r) => setTimeout(r, 10));
    await queue(store, 1, clock.t); // queued while the first run is sending
    const second = outbox.runOnce();
    expect(second).toBe(first);
    gate();
    expect(await first).toEqual({ sent: 1, failed: 0 });
    await expect.poll(() => sent.length).toBe(2);
  });

  it('kick() without start() sends at once', async () => {
    const fake = fakeMailer();
    const { store, outbox, clock } = setup({ mailer: fake.mailer });
    await queue(store, 2, clock.t);
    outbox.kick();
    await expect.poll(() => fake.sent.length).toBe(2);
  });

  it('start() sends what is due right away and then polls; stop() ends the polling', async () => {
    const fake = fakeMailer();
    const { store, outbox, clock } = setup({ mailer: fake.mailer });
    await queue(store, 1, clock.t);
    outbox.start(20);
    await expect.poll(() => fake.sent.length).toBe(1);
    await queue(store, 1, clock.t); // found by the next poll, without a kick
    await expect.poll(() => fake.sent.length).toBe(2);
    await outbox.stop();
    await queue(store, 1, clock.t);
    await new Promise((r) => setTimeout(r, 80));
    expect(fake.sent).toHaveLength(2);
  });

  it('kick() after start() runs now instead of at the next tick', async () => {
    const fake = fakeMailer();
    const { store, outbox, clock } = setup({ mailer: fake.mailer });
    outbox.start(60 * MINUTE);
    await new Promise((r) => setTimeout(r, 20)); // the first (empty) run
    await queue(store, 1, clock.t);
    outbox.kick();
    await expect.poll(() => fake.sent.length, { timeout: 2000 }).toBe(1);
    await outbox.stop();
  });

  it('a run that throws (the store failing) is logged and polling goes on', async () => {
    const fake = fakeMailer();
    const { store, outbox, clock, logs } = setup({ mailer: fake.mailer });
    const claim = store.claimMail.bind(store);
    let broken = true;
    store.claimMail = async (...args) => {
      if (broken) throw new Error('database is locked for ann@example.com');
      return claim(...args);
    };
    await queue(store, 1, clock.t);
    outbox.start(20);
    await expect.poll(() => logs.length).toBeGreaterThan(0);
    expect(logs[0]).toEqual({ message: 'outbox run failed', detail: { error: 'database is locked for <address>' } });
    broken = false;
    await expect.poll(() => fake.sent.length).toBe(1);
    await outbox.stop();
  });

  it('an outbox that was never started runs once per kick and does not go on polling by itself', async () => {
    const fake = fakeMailer();
    const { store, outbox, clock } = setup({ mailer: fake.mailer });
    let claims = 0;
    const claim = store.claimMail.bind(store);
    store.claimMail = async (...args) => {
      claims++;
      return claim(...args);
    };
    await queue(store, 1, clock.t);
    outbox.kick();
    await expect.poll(() => fake.sent.length).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(claims).toBe(1);
  });

  it('a failing run started by kick() without start() is logged, not lost', async () => {
    const { store, outbox, logs } = setup({ mailer: fakeMailer().mailer });
    store.claimMail = async () => {
      throw new Error('disk full');
    };
    outbox.kick();
    await expect.poll(() => logs).toEqual([{ message: 'outbox run failed', detail: { error: expect.stringContaining('disk full') } }]);
  });

  it('a failing follow-up run (one asked for during a run) is logged, not lost', async () => {
    let gate: () => void = () => {};
    const mailer: Mailer = {
      send: () =>
        new Promise<void>((done) => {
          gate = done;
        }),
    };
    const { store, outbox, clock, logs } = setup({ mailer });
    await queue(store, 1, clock.t);
    const first = outbox.runOnce();
    await new Promise((r) => setTimeout(r, 10));
    void outbox.runOnce(); // joins, and asks for one more run
    store.claimMail = async () => {
      throw new Error('database is locked');
    };
    gate();
    await first;
    await expect.poll(() => logs.map((l) => l.message)).toEqual(['outbox run failed']);
  });

  it('without a log to report to, a failing run does not stop the polling', async () => {
    const fake = fakeMailer();
    const { store, outbox, clock } = setup({ mailer: fake.mailer, log: undefined });
    const claim = store.claimMail.bind(store);
    let broken = true;
    store.claimMail = async (...args) => {
      if (broken) {
        broken = false;
        throw new Error('database is locked');
      }
      return claim(...args);
    };
    await queue(store, 1, clock.t);
    outbox.start(20);
    await expect.poll(() => fake.sent.length).toBe(1);
    await outbox.stop();
  });

  it('after stop(), a run that was in progress does not start the polling again', async () => {
    const { mailer, sent, release: gate } = heldFirstSend();
    const { store, outbox, clock } = setup({ mailer });
    await queue(store, 1, clock.t);
    outbox.start(10);
    await new Promise((r) => setTimeout(r, 20)); // the first run is sending
    const stopped = outbox.stop();
    gate();
    await stopped;
    await queue(store, 1, clock.t);
    await new Promise((r) => setTimeout(r, 80)); // eight intervals
    expect(sent).toHaveLength(1);
  });

  it('stop() waits for the run in progress', async () => {
    let release: () => void = () => {};
    let done = false;
    const mailer: Mailer = {
      send: () =>
        new Promise<void>((r) => {
          release = () => {
            done = true;
            r();
          };
        }),
    };
    const { store, outbox, clock } = setup({ mailer });
    await queue(store, 1, clock.t);
    outbox.start(60 * MINUTE);
    await new Promise((r) => setTimeout(r, 20));
    const stopped = outbox.stop();
    setTimeout(() => release(), 20);
    await stopped;
    expect(done).toBe(true);
  });
});

describe('sender and Message-ID', () => {
  it('sends as the helpdesk address tagged +faq-assistant unless MAIL_FROM says otherwise', () => {
    expect(senderAddress('helpdesk@omaorg.org')).toBe('helpdesk+faq-assistant@omaorg.org');
    expect(senderAddress('help+desk@omaorg.org')).toBe('help+faq-assistant@omaorg.org');
    expect(senderAddress('helpdesk@omaorg.org', 'bot@example.org')).toBe('bot@example.org');
  });

  it("a Message-ID per outbox row, at the sender's domain (made safe), or localhost", () => {
    const mail = { id: 7, createdAt: 1234 } as OutboxMail;
    expect(messageIdFor(mail, 'faq@example.org')).toBe('<faq-outbox-7-1234@example.org>');
    expect(messageIdFor(mail, 'faq@exa mple<>.org')).toBe('<faq-outbox-7-1234@example.org>');
    expect(messageIdFor(mail, 'faq@')).toBe('<faq-outbox-7-1234@localhost>');
  });

  it('redacts every address from an error and bounds its length', () => {
    expect(redact('to a@b.example and "c.d@e.example" failed')).toBe('to <address> and "<address>" failed');
    expect(redact('x'.repeat(500))).toHaveLength(300);
  });
});
