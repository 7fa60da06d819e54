// Visitor text (questions, names, notes, comments) loses every character that
// renders as nothing or reorders what is shown (src/http/text.ts) before it
// is stored, listed on the staff page or mailed to the helpdesk. The
// expected set is written out here from Unicode's own lists, not derived from
// the implementation: every Format character (General_Category Cf), every
// Default_Ignorable_Code_Point (DerivedCoreProperties.txt), the tag block
// U+E0000–E007F, and the Braille blank U+2800, which renders as nothing
// without being either.
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/http/text.js';

/** Inclusive ranges, as the Unicode data files list them. */
const FORMAT: [number, number][] = [
  [0x00ad, 0x00ad],
  [0x0600, 0x0605],
  [0x061c, 0x061c],
  [0x06dd, 0x06dd],
  [0x070f, 0x070f],
  [0x0890, 0x0891],
  [0x08e2, 0x08e2],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2064],
  [0x2066, 0x206f],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
  [0x110bd, 0x110bd],
  [0x110cd, 0x110cd],
  [0x13430, 0x1343f],
  [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a],
  [0xe0001, 0xe0001],
  [0xe0020, 0xe007f],
];
const DEFAULT_IGNORABLE: [number, number][] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff0, 0xfff8],
  [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a],
  [0xe0000, 0xe0fff],
];
const TAGS: [number, number][] = [[0xe0000, 0xe007f]];
const BLANKS: [number, number][] = [[0x2800, 0x2800]];
/** The ones the findings named, each on its own so a regression names it. */
const NAMED = [0xe0041, 0xe007f, 0x00ad, 0x115f, 0x1160, 0x3164, 0xffa0, 0x2800, 0xfe0f, 0xe0100, 0xe01ef, 0x061c, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064];

const codePoints = (ranges: [number, number][]) => ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

describe('cleanText', () => {
  it.each([
    ['Format (Cf)', FORMAT],
    ['Default_Ignorable_Code_Point', DEFAULT_IGNORABLE],
    ['tag block', TAGS],
    ['Braille blank', BLANKS],
  ])('strips every %s code point, wherever it stands', (_, ranges) => {
    const kept: string[] = [];
    for (const c of codePoints(ranges)) {
      const ch = String.fromCodePoint(c);
      if (cleanText(`a${ch}b${ch}`) !== 'ab' || cleanText(ch) !== '') kept.push(hex(c));
    }
    expect(kept).toEqual([]);
  });

  it.each(NAMED.map((c) => [hex(c), c]))('strips %s', (_, c) => {
    expect(cleanText(`help${String.fromCodePoint(c)}desk`)).toBe('helpdesk');
  });

  it('a name spelt with invisible characters reads as what it shows', () => {
    // "Helpdesk" with a tag-character payload, a soft hyphen, a Hangul filler and a variation selector in it.
    const disguised = `Help\u00ad\u3164desk\u{e0049}\u{e0047}\u{e004e}\u{e004f}\u{e0052}\u{e0045}\ufe0f\u2800`;
    expect(cleanText(disguised)).toBe('Helpdesk');
    // A name that is nothing but fillers is nothing.
    expect(cleanText('\u3164\u115f\u1160\uffa0\u2800').trim()).toBe('');
  });

  it('keeps ordinary text: letters of any script, accents, emoji, tabs and line breaks', () => {
    for (const s of ['Zoë Ångström', 'Søren Kierkegaard', '王小明', 'محمد', 'नमस्ते', 'café\u0301', 'line one\nline two\r\n\ttabbed', '👍 thanks', 'a\u00a0b']) {
      expect(cleanText(s)).toBe(s);
    }
  });

  it('still removes control characters and terminal escapes, and marks lone surrogates', () => {
    expect(cleanText('a\u0000b\u0007c\u001b[31md\u009be\u007f')).toBe('abcde');
    expect(cleanText('x\ud800y')).toBe('x\ufffdy');
  });
});
