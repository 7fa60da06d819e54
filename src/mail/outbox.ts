// The outbox worker (platform-neutral): mails are written to the store in the
// same transaction as the change that causes them, and this worker delivers
// them in the background. A mail is leased while being sent, marked sent as
// soon as the server accepts it (never sent again after that), and retried
// with exponential back-off while the server is down. The one window left is
// a crash between the server's acceptance and the "sent" write: then the mail
// goes out again with the same Message-ID, which receiving servers and mail
// clients use to spot the duplicate.
import type { OutboxMail, Store } from '../store/types.js';
import type { Mailer } from './types.js';

export interface OutboxOptions {
  store: Store;
  mailer: Mailer;
  /** Sender address of every mail (see senderAddress). */
  from: string;
  /** Sender display name. Default "FAQ assistant". */
  fromName?: string;
  /** Where delivery failures are reported (addresses already redacted). */
  log?: (message: string, detail?: Record<string, unknown>) => void;
  /** How long a claimed mail is held by this worker (ms). Default 60 s; must exceed the SMTP timeout. */
  leaseMs?: number;
  /** First retry delay (ms), doubled per attempt. Default 5 s. */
  retryBaseMs?: number;
  /** Longest retry delay (ms). Default 15 min. */
  retryMaxMs?: number;
  /** Mails taken per run. Default 10. */
  batch?: number;
  now?: () => number;
}

export interface Outbox {
  /** Send what is due now; resolves when this run is done. */
  runOnce(): Promise<{ sent: number; failed: number }>;
  /** Run now (soon) instead of waiting for the next tick, e.g. right after queueing a mail. */
  kick(): void;
  /** Poll every `intervalMs` until stopped. */
  start(intervalMs?: number): void;
  /** Stop polling and wait for a run in progress. */
  stop(): Promise<void>;
}

/** Error text safe for logs: no e-mail addresses (privacy), bounded length. */
export const redact = (s: string) => s.replace(/[^\s<>"'()]+@[^\s<>"'()]+/g, '<address>').slice(0, 300);

/**
 * The sender when MAIL_FROM is not set: the helpdesk address with a
 * "+faq-assistant" tag, so mail the assistant sends to the helpdesk is not
 * "from the helpdesk" (which would make a visitor's quoted text look trusted),
 * and replies to the sender still reach the helpdesk's mailbox.
 */
export function senderAddress(helpdesk: string, mailFrom?: string): string {
  if (mailFrom) return mailFrom;
  const at = helpdesk.lastIndexOf('@');
  const local = helpdesk.slice(0, at).replace(/\+.*$/, '');
  return `${local}+faq-assistant${helpdesk.slice(at)}`;
}

export function retryDelay(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export function messageIdFor(mail: OutboxMail, from: string): string {
  const domain =
    from
      .split('@')
      .pop()
      ?.replace(/[^A-Za-z0-9.-]/g, '') || 'localhost';
  return `<faq-outbox-${mail.id}-${mail.createdAt}@${domain}>`;
}

export function createOutbox(o: OutboxOptions): Outbox {
  const now = o.now ?? Date.now;
  const lease = o.leaseMs ?? 60_000;
  const base = o.retryBaseMs ?? 5_000;
  const max = o.retryMaxMs ?? 15 * 60_000;
  const batch = o.batch ?? 10;
  let running: Promise<{ sent: number; failed: number }> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let interval = 0;
  let stopped = true;

  async function deliver(): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (;;) {
      const mails = await o.store.claimMail(now(), lease, batch);
      for (const mail of mails) {
        try {
          await o.mailer.send({
            from: o.from,
            fromName: o.fromName ?? 'FAQ assistant',
            to: mail.to,
            replyTo: mail.replyTo,
            subject: mail.subject,
            text: mail.text,
            messageId: messageIdFor(mail, o.from),
          });
        } catch (err) {
          failed++;
          const error = redact(err instanceof Error ? err.message : String(err));
          const retryAt = now() + retryDelay(mail.attempts, base, max);
          await o.store.markMailFailed(mail.id, error, retryAt);
          o.log?.('mail not sent, will retry', { outboxId: mail.id, attempts: mail.attempts, retryAt: new Date(retryAt).toISOString(), error });
          continue;
        }
        await o.store.markMailSent(mail.id, now());
        sent++;
      }
      // A failure means the server is probably down: leave the rest for later.
      if (mails.length < batch || failed > 0) return { sent, failed };
    }
  }

  function runOnce() {
    if (running) {
      again = true;
      return running;
    }
    running = deliver().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void runOnce().catch((err) => o.log?.('outbox run failed', { error: redact(String(err)) }));
      }
    });
    return running;
  }

  function schedule(ms: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(async () => {
      timer = undefined;
      try {
        await runOnce();
      } catch (err) {
        o.log?.('outbox run failed', { error: redact(err instanceof Error ? err.message : String(err)) });
      }
      schedule(interval);
    }, ms);
    // Never keep a Node process alive just for the outbox.
    (timer as { unref?: () => void }).unref?.();
  }

  return {
    runOnce,
    kick() {
      if (stopped) void runOnce().catch((err) => o.log?.('outbox run failed', { error: redact(String(err)) }));
      else schedule(0);
    },
    start(intervalMs = 5_000) {
      interval = intervalMs;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
