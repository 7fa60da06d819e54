// SMTP transport (Node only) via nodemailer, configured by SMTP_URL, e.g.
// smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465.
import nodemailer from 'nodemailer';
import { headerText, isSafeAddress } from './headers.js';
import type { Mailer, MailMessage } from './types.js';

export interface SmtpOptions {
  /** Give up on a connection after this long (ms), so a dead server fails fast and the outbox retries. Default 10 s. */
  timeoutMs?: number;
}

export function createSmtpMailer(url: string, options: SmtpOptions = {}): Mailer & { close(): void } {
  const timeout = options.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport(url, { connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout * 3 } as never);
  return {
    async send(m: MailMessage) {
      // Defence in depth: the route validated these already, but the outbox
      // row could come from an older version or a hand-edited database.
      for (const a of [m.from, m.to, m.replyTo?.address]) {
        if (a !== undefined && !isSafeAddress(a)) throw new Error('refusing to send: invalid address');
      }
      await transport.sendMail({
        from: m.fromName ? { name: headerText(m.fromName, 100), address: m.from } : m.from,
        to: m.to,
        replyTo: m.replyTo ? { name: headerText(m.replyTo.name ?? '', 100), address: m.replyTo.address } : undefined,
        subject: headerText(m.subject),
        text: m.text,
        messageId: m.messageId,
        // Do not let nodemailer read local files or URLs named in the message.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    },
    close() {
      transport.close();
    },
  };
}
