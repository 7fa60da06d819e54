// What a visitor's wording may teach the bot: web addresses, link schemes and
// e-mail addresses are found (however written) and left out; ordinary
// sentences, versions, times and abbreviations are left alone; wordings are
// the same whatever their case and spacing; a resolution teaches each once,
// at most MAX_TAUGHT_WORDINGS of them.
import { describe, expect, it } from 'vitest';
import { distinctWordings, lesson, linkSpans, MAX_TAUGHT_WORDINGS, taughtWording, wordingKey } from '../../src/service/taught.js';

const links = (text: string) =>
  linkSpans(text)
    .filter((s) => s.link)
    .map((s) => s.text);

describe('links and addresses in a wording', () => {
  it('finds web addresses however they are written', () => {
    expect(links('see https://evil.example/pay?ref=<b>now</b> and http://192.168.0.1:8080/x.')).toEqual([
      'https://evil.example/pay?ref=<b>now</b>',
      'http://192.168.0.1:8080/x',
    ]);
    expect(links('visit www.evil.com, evil.com/path or evil.co.uk today')).toEqual(['www.evil.com', 'evil.com/path', 'evil.co.uk']);
    expect(links('bit.ly/abc and t.me/xyz and EVIL.COM and evil.example:8443')).toEqual(['bit.ly/abc', 't.me/xyz', 'EVIL.COM', 'evil.example:8443']);
    expect(links('hxxp://x.y [click](http://a.b/c) ftp://files.example.org/a')).toEqual(['hxxp://x.y', 'http://a.b/c', 'ftp://files.example.org/a']);
    expect(links('mailto:a@b.com javascript:alert(1) data:text/html,x')).toEqual(['mailto:a@b.com', 'javascript:alert(1', 'data:text/html,x']);
    // Dots a browser reads as dots; a host of another script.
    expect(links('evil。com and evil．com/x and exämple.de')).toEqual(['evil。com', 'evil．com/x', 'exämple.de']);
  });

  it('finds e-mail addresses', () => {
    expect(links('write to refunds@evil.example or <a@b.cd>, user+tag@sub.dom.org.')).toEqual(['refunds@evil.example', 'a@b.cd', 'user+tag@sub.dom.org']);
  });

  it('leaves ordinary sentences alone: versions, times, abbreviations, words run together', () => {
    for (const text of [
      'Does LwM2M 1.1 support bootstrap? Is v1.2.1 out?',
      'Is the office open at 7.30 a.m., e.g. on Mondays in the U.S.?',
      'Hi.What are the fees.Thanks',
      'Mr.Smith asked about the IPR policy',
      'What does OMA SpecWorks do?',
    ])
      expect(links(text), text).toEqual([]);
  });

  it('spans joined are the text, as typed', () => {
    const text = `What are the membership fees?${'?'.repeat(200)} https://evil.example/pay refunds@evil.example`;
    expect(
      linkSpans(text)
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
  });
});

describe('what is taught', () => {
  it('the wording without its links and addresses, tidied', () => {
    expect(taughtWording(`What are the membership fees?${'?'.repeat(200)} https://evil.example/pay refunds@evil.example`)).toBe(
      'What are the membership fees?',
    );
    expect(taughtWording('Can I pay by card [here](https://evil.example/x) ?')).toBe('Can I pay by card [here]?');
    expect(taughtWording('https://evil.example www.evil.com')).toBe('');
    expect(taughtWording('Who  is the\nCEO?')).toBe('Who is the CEO?');
  });

  it('a lesson teaches each wording once, none of them only a link, the question first', () => {
    expect(lesson('What are the fees? evil.com', ['what are the fees?', 'What are the fees? www.x.com', 'Fees, please', 'https://x.com'])).toEqual({
      question: 'What are the fees?',
      questions: ['Fees, please'],
    });
    // A question that is only a link: the first wording with words stands in; none at all, nothing to teach.
    expect(lesson('https://evil.example', ['Fees?'])).toEqual({ question: 'Fees?', questions: [] });
    expect(lesson('https://evil.example', ['x@y.com']).question).toBe('');
  });

  it('at most MAX_TAUGHT_WORDINGS alternates', () => {
    const many = Array.from({ length: 500 }, (_, i) => `Fees question ${i}?`);
    expect(lesson('Fees?', many).questions).toHaveLength(MAX_TAUGHT_WORDINGS);
  });

  it('is quick on a long message built to make patterns backtrack (1 000 characters)', () => {
    for (const text of ['a'.repeat(1000), 'a.'.repeat(500), 'a-a.'.repeat(250), "a'".repeat(500), '1.'.repeat(500), '-'.repeat(999) + '@']) {
      const t = performance.now();
      taughtWording(text);
      expect(performance.now() - t, text.slice(0, 8)).toBeLessThan(50);
    }
  });
});

describe('distinct wordings of a group', () => {
  const e = (id: string, question: string, createdAt = 0) => ({ id, question, createdAt });

  it('counts a wording once whatever its case and spacing; the item’s own first, then the most asked', () => {
    const own = e('a', 'Who is the CEO?', 5);
    const group = [
      own,
      e('b', 'who  is the ceo?', 4),
      e('c', 'Who is the CEO, please?', 3),
      e('d', 'WHO IS THE CEO?', 2),
      e('f', 'CEO?', 6),
      e('g', 'ceo?', 1),
    ];
    const { wordings, more } = distinctWordings(own, group);
    expect(wordings.map((w) => [w.text, w.count, w.latest])).toEqual([
      ['Who is the CEO?', 3, 5],
      ['CEO?', 2, 6],
      ['Who is the CEO, please?', 1, 3],
    ]);
    expect(more).toBe(0);
    expect(wordingKey(' Who  is\tthe CEO? ')).toBe(wordingKey('who is the ceo?'));
  });

  it('shows at most the cap, and says how many more', () => {
    const own = e('own', 'Fees?');
    const group = [own, ...Array.from({ length: 150 }, (_, i) => e(`x${i}`, `Fees ${i}?`))];
    const { wordings, more } = distinctWordings(own, group);
    expect(wordings).toHaveLength(MAX_TAUGHT_WORDINGS);
    expect(wordings[0]!.text).toBe('Fees?');
    expect(more).toBe(151 - MAX_TAUGHT_WORDINGS);
  });
});
