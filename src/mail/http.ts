// Mail over an HTTP API (Workers have no SMTP sockets to spare for this):
// POST {from, to, reply_to, subject, text, headers} as JSON with a Bearer
// token — the shape of Resend's /emails endpoint, which several providers
// (and a small relay of your own) accept. Configured on Workers by the
// MAIL_API_URL and MAIL_API_TOKEN secrets. Uses only fetch: platform-neutral.
import { headerText, isSafeAddress } from './headers.js';
import type { Mailer, MailMessage } from './types.js';

export interface HttpMailerOptions {
  url: string;
  token: string;
  /** Give up after this long (ms) so the outbox retries later. Default 10 s. */
  timeoutMs?: number;
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch;
}

/** `"Ann Visitor" <ann@example.com>`, the name made header-safe and quoted. */
const mailbox = (address: string, name?: string) => {
  const n = name ? headerText(name, 100).replace(/["\\]/g, '') : '';
  return n ? `"${n}" <${address}>` : address;
};

export function createHttpMailer(options: HttpMailerOptions): Mailer {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async send(m: MailMessage) {
      // Same defence in depth as SMTP: outbox rows are re-checked before sending.
      for (const a of [m.from, m.to, m.replyTo?.address]) {
        if (a !== undefined && !isSafeAddress(a)) throw new Error('refusing to send: invalid address');
      }
      // The global fetch is looked up per send, not captured, so it is always the runtime's current one.
      const res = await (options.fetch ?? fetch)(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify({
          from: mailbox(m.from, m.fromName),
          to: [m.to],
          ...(m.replyTo ? { reply_to: mailbox(m.replyTo.address, m.replyTo.name) } : {}),
          subject: headerText(m.subject),
          text: m.text,
          ...(m.messageId ? { headers: { 'Message-ID': m.messageId } } : {}),
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) {
        // The reason goes to the outbox row (redacted there); keep it short.
        const detail = (await res.text().catch(() => '')).slice(0, 200);
        throw new Error(`mail API answered ${res.status}${detail ? `: ${detail}` : ''}`);
      }
      await res.body?.cancel();
    },
  };
}
