// The helpdesk mail as a value (src/mail/helpdesk.ts): everything a visitor
// typed is quoted between marked lines, the staff link comes after them,
// the Subject is one trimmed line, the transcript is the latest turns within
// a size bound. The same through the HTTP routes: test/http/hardening.test.ts.
import { describe, expect, it } from 'vitest';
import { helpdeskMail, staffPageLink, TRANSCRIPT_CHARS, TRANSCRIPT_TURNS } from '../../src/mail/helpdesk.js';
import { headerText, isSafeAddress } from '../../src/mail/headers.js';
import type { Contact, Escalation, TranscriptTurn } from '../../src/store/types.js';

const escalation = (question: string): Escalation => ({ id: 'esc-1', conversationId: 'conv-1', question, status: 'open', createdAt: 0 });
const turn = (question: string, answer = 'An answer.'): TranscriptTurn => ({ id: 1, question, answer, escalated: false, createdAt: 0 });
const mail = (o: { question?: string; contact?: Contact; transcript?: TranscriptTurn[]; publicUrl?: string } = {}) =>
  helpdeskMail({
    escalation: escalation(o.question ?? 'What are the fees?'),
    contact: o.contact ?? { email: 'ann@example.com' },
    transcript: o.transcript ?? [],
    helpdeskEmail: 'helpdesk@example.org',
    publicUrl: o.publicUrl ?? 'https://faq.example.org',
  });

describe('helpdesk mail', () => {
  it('is the whole mail a helpdesk gets: who to reply to, the quoted question and note, the conversation, the staff link', () => {
    const m = mail({
      contact: { email: 'ann@example.com', name: 'Ann Visitor', message: 'Please reply soon.\nThanks' },
      transcript: [turn('What is OMA?', 'An SDO.'), turn('What are the fees?', 'Passing on.')],
    });
    expect(m).toEqual({
      to: 'helpdesk@example.org',
      replyTo: { address: 'ann@example.com', name: 'Ann Visitor' },
      subject: 'FAQ question: What are the fees?',
      text: [
        'A visitor asked a question the FAQ assistant could not answer from the pages.',
        'Reply to this mail to answer them: it goes to Ann Visitor <ann@example.com>.',
        '',
        'Lines starting with ">" were typed by the visitor and are not checked: do not follow links or instructions in them.',
        '',
        "----- visitor's question -----",
        '> What are the fees?',
        "----- visitor's note -----",
        '> Please reply soon.',
        '> Thanks',
        '----- conversation -----',
        '> Visitor: What is OMA?',
        '> Assistant: An SDO.',
        '>',
        '> Visitor: What are the fees?',
        '> Assistant: Passing on.',
        '>',
        "----- end of visitor's text -----",
        '',
        'Answer it on the staff page, so the assistant can answer it next time: https://faq.example.org/admin#e-esc-1',
      ].join('\n'),
    });
  });

  it('without a name, a note or a conversation: the address alone, and no empty sections', () => {
    const m = mail();
    expect(m.replyTo).toEqual({ address: 'ann@example.com' });
    expect(m.text).toContain('it goes to ann@example.com.');
    expect(m.text).not.toContain("visitor's note");
    expect(m.text).not.toContain('----- conversation');
  });

  it("quotes every line a visitor typed, whatever the line break, so none passes for the mail's own words", () => {
    const m = mail({
      question: 'Line one\r\nAnswer it on the staff page: https://evil.example\rthird\u2028fourth\u2029fifth\n\nlast  ',
      contact: { email: 'a@example.com', message: 'x\r\ny' },
    });
    const lines = m.text.split('\n');
    const start = lines.indexOf("----- visitor's question -----");
    const end = lines.indexOf("----- end of visitor's text -----");
    expect(lines.slice(start + 1, end)).toEqual([
      '> Line one',
      '> Answer it on the staff page: https://evil.example',
      '> third',
      '> fourth',
      '> fifth',
      '>',
      '> last',
      "----- visitor's note -----",
      '> x',
      '> y',
    ]);
    expect(lines.filter((l) => l.includes('evil.example')).every((l) => l.startsWith('> '))).toBe(true);
  });

  it("the Subject is the question's first non-empty line, trimmed to 80 characters", () => {
    expect(mail({ question: '\n  \n  Where is the office?  \nsecond line' }).subject).toBe('FAQ question: Where is the office?');
    const long = mail({ question: 'x'.repeat(200) }).subject;
    expect(long).toBe(`FAQ question: ${'x'.repeat(79)}…`);
    expect(mail({ question: 'tab\there\u0007bell' }).subject).toBe('FAQ question: tab here bell');
    expect(mail({ question: '\n\n' }).subject).toBe('FAQ question: ');
  });

  it('a name is made one header-safe line of at most 100 characters', () => {
    const m = mail({ contact: { email: 'a@example.com', name: `Ann\r\nBcc: x@example.net ${'y'.repeat(150)}` } });
    expect(m.replyTo!.name).toBe(`Ann Bcc: x@example.net ${'y'.repeat(76)}…`);
    expect(m.replyTo!.name).toHaveLength(100);
    expect(m.text).toContain(`it goes to ${m.replyTo!.name} <a@example.com>.`);
  });

  it(`carries the latest ${TRANSCRIPT_TURNS} turns, oldest first, and says when earlier ones were left out`, () => {
    const turns = Array.from({ length: 25 }, (_, i) => turn(`Question ${i}`));
    const m = mail({ transcript: turns });
    expect(m.text).toContain(`----- conversation (latest ${TRANSCRIPT_TURNS} turns; earlier ones left out) -----`);
    expect(m.text).not.toMatch(/Question [0-4]\n/);
    const shown = [...m.text.matchAll(/> Visitor: Question (\d+)/g)].map((x) => Number(x[1]));
    expect(shown).toEqual(Array.from({ length: 20 }, (_, i) => i + 5));
    // Exactly 20 turns: nothing left out, nothing said.
    expect(mail({ transcript: turns.slice(0, 20) }).text).toContain('----- conversation -----');
  });

  it(`keeps the conversation within ${TRANSCRIPT_CHARS} characters, dropping the oldest turns first`, () => {
    const big = (i: number) => turn(`Q${i} ${'w'.repeat(3000)}`, `A${i}`);
    const m = mail({ transcript: Array.from({ length: 10 }, (_, i) => big(i)) });
    const shown = [...m.text.matchAll(/> Visitor: Q(\d+)/g)].map((x) => Number(x[1]));
    expect(shown).toEqual([4, 5, 6, 7, 8, 9]); // 6 × ≈3 030 characters fit in 20 000
    expect(m.text).toContain('(latest 6 turns; earlier ones left out)');
    expect(m.text.length).toBeLessThan(TRANSCRIPT_CHARS + 2000);
    // A block that exactly fills the budget is kept.
    const block = (t: TranscriptTurn) => `> Visitor: ${t.question}\n> Assistant: ${t.answer}\n>`.length;
    const exact = turn('Q', 'A');
    exact.question = `Q${'z'.repeat(TRANSCRIPT_CHARS - block(exact))}`;
    expect(block(exact)).toBe(TRANSCRIPT_CHARS);
    expect(mail({ transcript: [exact] }).text).toContain('----- conversation -----');
  });

  it('with turns of unequal size, keeps the latest ones with no gap: an oversized turn ends the conversation shown, older ones do not fill in', () => {
    const size = (n: number) => 'w'.repeat(n);
    // Oldest first: two small turns, one too big to fit beside the later ones, then the latest two.
    const transcript = [turn('Q0 small'), turn('Q1 small'), turn(`Q2 ${size(12_000)}`), turn(`Q3 ${size(5_000)}`), turn(`Q4 ${size(5_000)}`)];
    const m = mail({ transcript });
    const shown = [...m.text.matchAll(/> Visitor: Q(\d)/g)].map((x) => Number(x[1]));
    expect(shown).toEqual([3, 4]);
    expect(m.text).toContain('(latest 2 turns; earlier ones left out)');
    // The same when the oversized turn is the latest: nothing older is shown in its place.
    const last = mail({ transcript: [turn('Q0 small'), turn('Q1 small'), turn(`Q2 ${size(TRANSCRIPT_CHARS)}`)] });
    expect(last.text).not.toMatch(/> Visitor: Q[01]/);
    expect(last.text).not.toContain('----- conversation');
  });

  it('a staff link without PUBLIC_URL is relative, and says so', () => {
    const m = mail({ publicUrl: '' });
    expect(m.text).toContain(
      'Answer it on the staff page, so the assistant can answer it next time: /admin#e-esc-1\n(PUBLIC_URL is not set, so the link above is relative to the service address.)',
    );
    expect(mail().text).not.toContain('PUBLIC_URL is not set');
    expect(staffPageLink('https://faq.example.org///', 'e1')).toBe('https://faq.example.org/admin#e-e1');
  });
});

describe('header safety', () => {
  it('headerText: control characters and line separators become single spaces; long text is cut with an ellipsis', () => {
    expect(headerText('a\r\nb\u0000c\u007fd\u0085e\u2028f\u2029g')).toBe('a b c d e f g');
    expect(headerText('  many   spaces\t\there  ')).toBe('many spaces here');
    expect(headerText('x'.repeat(200))).toBe('x'.repeat(200));
    expect(headerText('x'.repeat(201))).toBe(`${'x'.repeat(199)}…`);
    expect(headerText('abcdef', 5)).toBe('abcd…');
    expect(headerText('abcde', 5)).toBe('abcde');
  });

  it('isSafeAddress: a valid address without control characters', () => {
    expect(isSafeAddress('ann@example.com')).toBe(true);
    for (const bad of ['ann@example.com\r\nBcc: x@example.net', 'ann@example.com\u0000', 'not an address', '', `${'a'.repeat(250)}@example.com`]) {
      expect(isSafeAddress(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
