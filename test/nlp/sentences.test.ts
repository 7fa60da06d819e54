import { describe, expect, it } from 'vitest';
import { sentences } from '../../src/nlp/analyse.js';
import { splitSentences } from '../../src/nlp/sentences.js';

/** A splitter far worse than wink: a cut after every full stop, inside words too. */
const everyDot = (text: string) => text.split(/(?<=\.)/);
const naive = (text: string) => splitSentences(text, everyDot);

describe('sentences keeps tokens with dots whole', () => {
  it('keeps clock times written with a dot whole', () => {
    expect(sentences('Doors open at 7.15pm and close at 9.30 am on weekdays. Be there.')).toEqual([
      'Doors open at 7.15pm and close at 9.30 am on weekdays.',
      'Be there.',
    ]);
    expect(sentences('The talk starts at 10.45. Bring a pen.')).toEqual(['The talk starts at 10.45.', 'Bring a pen.']);
    expect(sentences('Call at 7.15p.m. or later.')).toEqual(['Call at 7.15p.m. or later.']);
  });

  it('keeps domain names and hosts whole, with their path', () => {
    expect(sentences('Log in at app.example.com or www.leafnote.io to start. See docs.python.org/3/ for more.')).toEqual([
      'Log in at app.example.com or www.leafnote.io to start.',
      'See docs.python.org/3/ for more.',
    ]);
  });

  it('keeps e-mail addresses whole', () => {
    expect(sentences('Write to help@example.org for help. We reply fast.')).toEqual(['Write to help@example.org for help.', 'We reply fast.']);
  });

  it('keeps file names, bare extensions and dotted versions whole', () => {
    expect(sentences('Edit README.md and config.yaml first. Only .md files are read. We ship v2.1.3 today.')).toEqual([
      'Edit README.md and config.yaml first.',
      'Only .md files are read.',
      'We ship v2.1.3 today.',
    ]);
  });

  it('keeps decimals, prices and version numbers whole', () => {
    expect(sentences('The walk is 1.5 km long. Tickets cost £7.50 each. Pi is 3.14 roughly. Use version 2.0 now.')).toEqual([
      'The walk is 1.5 km long.',
      'Tickets cost £7.50 each.',
      'Pi is 3.14 roughly.',
      'Use version 2.0 now.',
    ]);
  });

  it('keeps common abbreviations and initials inside their sentence', () => {
    expect(
      sentences(
        'Bring fruit, e.g. apples, i.e. something fresh, etc. and water. Dr. Smith and Mr. Jones met Mrs. Brown and Ms. Green on St. James Street. ' +
          'It is approx. 5 km, see no. 4 in the list. Cats vs. dogs at 9 a.m. daily and 5 p.m. weekly. J. R. Smith wrote it.',
      ),
    ).toEqual([
      'Bring fruit, e.g. apples, i.e. something fresh, etc. and water.',
      'Dr. Smith and Mr. Jones met Mrs. Brown and Ms. Green on St. James Street.',
      'It is approx. 5 km, see no. 4 in the list.',
      'Cats vs. dogs at 9 a.m. daily and 5 p.m. weekly.',
      'J. R. Smith wrote it.',
    ]);
  });

  it('joins a sentence wink cut after "vs." back together', () => {
    expect(sentences('Compare the two plans, i.e. The Basic one vs. The Pro one.')).toEqual(['Compare the two plans, i.e. The Basic one vs. The Pro one.']);
  });
});

describe('sentences still splits real sentence ends', () => {
  it('splits after "etc." when a capitalised sentence follows', () => {
    expect(sentences('We sell pens, paper, etc. The shop is small.')).toEqual(['We sell pens, paper, etc.', 'The shop is small.']);
  });

  it('splits after a time that ends a sentence', () => {
    expect(sentences('The shop opens at 5pm. Then it closes.')).toEqual(['The shop opens at 5pm.', 'Then it closes.']);
    expect(sentences('Call us at 5 p.m. Then we talk.')).toEqual(['Call us at 5 p.m.', 'Then we talk.']);
    expect(sentences('We meet at 9.30 am. We leave at 10.45. Bring tea.')).toEqual(['We meet at 9.30 am.', 'We leave at 10.45.', 'Bring tea.']);
  });

  it('splits after a version number, host, file name or address that ends a sentence', () => {
    expect(sentences('We released 2.0. The next one is soon.')).toEqual(['We released 2.0.', 'The next one is soon.']);
    expect(sentences('See docs.python.org/3/. Then go.')).toEqual(['See docs.python.org/3/.', 'Then go.']);
    expect(sentences('Read README.md. Then run it.')).toEqual(['Read README.md.', 'Then run it.']);
    expect(sentences('Contact help@example.org. We reply.')).toEqual(['Contact help@example.org.', 'We reply.']);
  });

  it('splits after "St." meaning Street, and where a missing space hides the end', () => {
    expect(sentences('I live on Main St. The house is red.')).toEqual(['I live on Main St.', 'The house is red.']);
    expect(sentences('He said hi.She said no.')).toEqual(['He said hi.', 'She said no.']);
  });

  it('splits at question and exclamation marks', () => {
    expect(sentences('Is it open? Yes! Come in.')).toEqual(['Is it open?', 'Yes!', 'Come in.']);
  });
});

describe('splitSentences repairs any splitter', () => {
  it('takes back cuts inside times, hosts, addresses, file names and numbers', () => {
    expect(naive('Meet at 7.15pm at app.example.com. Mail help@example.org about README.md or .md files, v2.1.3 and £7.50.')).toEqual([
      'Meet at 7.15pm at app.example.com.',
      'Mail help@example.org about README.md or .md files, v2.1.3 and £7.50.',
    ]);
  });

  it('takes back cuts after abbreviations, titles and initials', () => {
    expect(
      naive(
        'Fruit, e.g. apples, i.e. fresh ones, etc. and tea. Ask Dr. Smith, Mr. Li, Mrs. Ray, Ms. Oz at St. Ann or J. R. Smith, approx. 5 km, no. 4, cats vs. dogs, 9 a.m. daily.',
      ),
    ).toEqual([
      'Fruit, e.g. apples, i.e. fresh ones, etc. and tea.',
      'Ask Dr. Smith, Mr. Li, Mrs. Ray, Ms. Oz at St. Ann or J. R. Smith, approx. 5 km, no. 4, cats vs. dogs, 9 a.m. daily.',
    ]);
  });

  it('keeps the cuts at real sentence ends', () => {
    expect(naive('We sell pens, etc. The shop opens at 5pm. We released 2.0. The next is at 5 p.m. Then we talk on Main St. The end.')).toEqual([
      'We sell pens, etc.',
      'The shop opens at 5pm.',
      'We released 2.0.',
      'The next is at 5 p.m.',
      'Then we talk on Main St.',
      'The end.',
    ]);
  });

  it('returns trimmed substrings of the text, in order, holding all its non-space text', () => {
    const text = '  Open at 7.15pm.\n\nSee  www.leafnote.io, e.g. the FAQ.\tNo. 5 is  Dr. Who. ';
    const out = naive(text);
    expect(out).toEqual(['Open at 7.15pm.', 'See  www.leafnote.io, e.g. the FAQ.', 'No. 5 is  Dr. Who.']);
    let from = 0;
    for (const s of out) {
      expect(s).toBe(s.trim());
      const at = text.indexOf(s, from);
      expect(at).toBeGreaterThanOrEqual(from);
      from = at + s.length;
    }
    expect(out.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('makes no cut where the splitter changed the text, and nothing of blank text', () => {
    expect(splitSentences('One.  Two. Three.', () => ['One.', 'Two!', 'Three.'])).toEqual(['One.  Two.', 'Three.']);
    expect(sentences('   ')).toEqual([]);
  });
});
