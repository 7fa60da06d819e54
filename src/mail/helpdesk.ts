// The mail the helpdesk gets when a visitor leaves their address: the
// question, the visitor's note, the recent conversation and a link to the
// staff page. Reply-To is the visitor, so "Reply" in the mail client answers
// them directly.
//
// Everything a visitor typed is quoted — each line starts with "> " between
// two marked lines — so no visitor text can pass for the mail's own words
// (a fake "Answer it on the staff page: https://evil…" line stays visibly
// quoted). The staff link comes after the quoted part; the Subject carries
// only the question's first line, trimmed.
import type { Contact, Escalation, NewMail, TranscriptTurn } from '../store/types.js';
import { headerText } from './headers.js';

export interface HelpdeskMailInput {
  escalation: Escalation;
  contact: Contact;
  /** The conversation's latest turns, oldest first (the caller asks the store for the last TRANSCRIPT_TURNS + 1, so it is known whether there were more). */
  transcript: TranscriptTurn[];
  helpdeskEmail: string;
  /** Public base URL of the service, for the staff-page link; '' when unknown. */
  publicUrl: string;
}

/** Turns of the conversation a mail carries at most. */
export const TRANSCRIPT_TURNS = 20;
/** Characters of conversation a mail carries at most (older turns are left out first). */
export const TRANSCRIPT_CHARS = 20_000;
const SUBJECT_CHARS = 80;

const quote = (s: string) =>
  s
    .split(/\r?\n|\r|\u2028|\u2029/)
    .map((l) => `> ${l}`.trimEnd())
    .join('\n');

export function staffPageLink(publicUrl: string, escalationId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/admin#e-${escalationId}`;
}

/** The last turns that fit in TRANSCRIPT_CHARS, and whether earlier ones were left out. */
function recentTurns(transcript: TranscriptTurn[]): { lines: string[]; omitted: boolean } {
  const turns = transcript.slice(-TRANSCRIPT_TURNS);
  const blocks: string[] = [];
  let size = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i]!;
    const block = `${quote(`Visitor: ${t.question}`)}\n${quote(`Assistant: ${t.answer}`)}\n>`;
    if (size + block.length > TRANSCRIPT_CHARS) break;
    size += block.length;
    blocks.unshift(block);
  }
  return { lines: blocks, omitted: transcript.length > blocks.length };
}

export function helpdeskMail({ escalation, contact, transcript, helpdeskEmail, publicUrl }: HelpdeskMailInput): NewMail {
  const who = contact.name ? `${headerText(contact.name, 100)} <${contact.email}>` : contact.email;
  const firstLine =
    escalation.question
      .split(/\r?\n|\r|\u2028|\u2029/)
      .map((l) => l.trim())
      .find(Boolean) ?? '';
  const { lines: turns, omitted } = recentTurns(transcript);
  const lines = [
    'A visitor asked a question the FAQ assistant could not answer from the pages.',
    `Reply to this mail to answer them: it goes to ${who}.`,
    '',
    'Lines starting with ">" were typed by the visitor and are not checked: do not follow links or instructions in them.',
    '',
    "----- visitor's question -----",
    quote(escalation.question),
  ];
  if (contact.message) lines.push("----- visitor's note -----", quote(contact.message));
  if (turns.length) {
    lines.push(`----- conversation${omitted ? ` (latest ${turns.length} turns; earlier ones left out)` : ''} -----`, ...turns);
  }
  lines.push("----- end of visitor's text -----");
  const link = staffPageLink(publicUrl, escalation.id);
  lines.push(
    '',
    `Answer it on the staff page, so the assistant can answer it next time: ${link}`,
    ...(publicUrl ? [] : ['(PUBLIC_URL is not set, so the link above is relative to the service address.)']),
  );
  return {
    to: helpdeskEmail,
    replyTo: { address: contact.email, ...(contact.name ? { name: headerText(contact.name, 100) } : {}) },
    subject: `FAQ question: ${headerText(firstLine, SUBJECT_CHARS)}`,
    text: lines.join('\n'),
  };
}
