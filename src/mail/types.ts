// What the core needs from a mail transport: hand one message over and learn
// whether the server accepted it. The SMTP implementation (Node) lives in
// smtp.ts; a Worker could implement the same with an HTTP mail API.
export interface MailMessage {
  from: string;
  /** Display name of the sender ("FAQ assistant"), so the mail does not pass for a person's. */
  fromName?: string;
  to: string;
  replyTo?: { address: string; name?: string };
  subject: string;
  text: string;
  /** Stable per outbox row, so a receiving server can spot a duplicate. */
  messageId?: string;
}

export interface Mailer {
  /** Resolves once the server accepted the message; rejects otherwise. */
  send(message: MailMessage): Promise<void>;
}
