// The mail a visitor gets when staff answer the question they left their
// address for: their question quoted, the answer (staff's text, or the
// sentence of the pages staff pointed at, with its link), Reply-To the
// helpdesk. The address is deleted once the mail server accepted it.
import type { NewMail } from '../store/types.js';
import { headerText } from './headers.js';

export interface VisitorReplyInput {
  to: string;
  question: string;
  /** What staff answered: their text, or the quoted sentence. */
  answer: string;
  /** Where it is written (the quoted page, or the page staff cited). */
  sourceUrl?: string;
  siteName: string;
  helpdeskEmail: string;
}

const quote = (s: string) =>
  s
    .split(/\r?\n|\r|\u2028|\u2029/)
    .map((l) => `> ${l}`.trimEnd())
    .join('\n');

export function visitorReplyMail(r: VisitorReplyInput): NewMail {
  const lines = [
    `Hello,`,
    '',
    `You asked ${r.siteName}'s assistant a question it could not answer from the site's pages, and left this address for a reply. You asked:`,
    '',
    quote(r.question),
    '',
    'The answer from the helpdesk:',
    '',
    r.answer.trim(),
    ...(r.sourceUrl ? ['', `Source: ${r.sourceUrl}`] : []),
    '',
    `Reply to this mail to write to the helpdesk (${r.helpdeskEmail}).`,
    'Your address is deleted from the assistant once this mail has been sent.',
  ];
  return {
    to: r.to,
    replyTo: { address: r.helpdeskEmail, name: `${headerText(r.siteName, 80)} helpdesk` },
    subject: `Your question to ${headerText(r.siteName, 60)}: ${headerText(r.question.split(/\r?\n/)[0] ?? '', 60)}`,
    text: lines.join('\n'),
  };
}
