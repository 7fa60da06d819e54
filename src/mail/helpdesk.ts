// The mail the helpdesk gets when a visitor leaves their address: the
// question, the visitor's note, the whole conversation and a link to the
// staff page. Reply-To is the visitor, so "Reply" in the mail client answers
// them directly.
import type { Contact, Escalation, NewMail, TranscriptTurn } from '../store/types.js';
import { headerText } from './headers.js';

export interface HelpdeskMailInput {
  escalation: Escalation;
  contact: Contact;
  transcript: TranscriptTurn[];
  helpdeskEmail: string;
  /** Public base URL of the service, for the staff-page link; '' when unknown. */
  publicUrl: string;
}

const indent = (s: string) => s.split(/\r?\n/).map((l) => `  ${l}`).join('\n');

export function staffPageLink(publicUrl: string, escalationId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/admin#e-${escalationId}`;
}

export function helpdeskMail({ escalation, contact, transcript, helpdeskEmail, publicUrl }: HelpdeskMailInput): NewMail {
  const who = contact.name ? `${headerText(contact.name, 100)} <${contact.email}>` : contact.email;
  const lines = [
    'A visitor asked a question the FAQ assistant could not answer from the pages.',
    '',
    'Question:',
    indent(escalation.question),
    '',
    `From: ${who} (reply to this mail to answer them)`,
  ];
  if (contact.message) lines.push('', 'Their note:', indent(contact.message));
  if (transcript.length) {
    lines.push('', 'Conversation:');
    for (const t of transcript) lines.push(`Visitor: ${t.question}`, `Assistant: ${t.answer}`, '');
  }
  const link = staffPageLink(publicUrl, escalation.id);
  lines.push(
    '',
    `Answer it on the staff page, so the assistant can answer it next time: ${link}`,
    ...(publicUrl ? [] : ['(PUBLIC_URL is not set, so the link above is relative to the service address.)']),
  );
  return {
    to: helpdeskEmail,
    replyTo: { address: contact.email, ...(contact.name ? { name: headerText(contact.name, 100) } : {}) },
    subject: `FAQ question: ${headerText(escalation.question, 120)}`,
    text: lines.join('\n'),
  };
}
