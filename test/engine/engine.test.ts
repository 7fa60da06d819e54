// The engine on a small knowledge set of another organisation (a library):
// the same src/ answers its questions from its own pages and vocabulary.
import { describe, expect, it } from 'vitest';
import { engineFor, firstQuote, LIBRARY_KNOWLEDGE } from '../helpers/knowledge.js';

const engine = engineFor(LIBRARY_KNOWLEDGE, { helpdeskEmail: 'desk@library.example' });
const ask = (q: string, previous?: ReturnType<typeof engine.ask>['memory']) => engine.ask(q, { previous });
/** The quote the engine puts first (direct, or the first choice on a plain site it is not sure of). */
const quoted = (q: string, previous?: ReturnType<typeof engine.ask>['memory']) => firstQuote(ask(q, previous))?.answer ?? '(escalated)';

describe('answers from the pages', () => {
  it('quotes the sentence that carries the asked fact and cites its section', () => {
    const r = firstQuote(ask('When did the library open?'));
    expect(r?.answer).toContain('It was opened in 1987');
    // An absolute link to the section, with a text fragment that lands on the quoted words.
    expect(r?.sources[0]).toEqual({
      title: 'About the Riverside Library — Who we are',
      url: 'https://riverside-library.example/about#who-we-are:~:text=The%20Riverside%20Library%20is%20a%20community,1987%20in%20the%20old%20railway%20station',
    });
  });

  it('answers a question worded differently through the site vocabulary', () => {
    expect(quoted('Can kids get a card?')).toBe("Children under 12 need a parent's signature to get a card.");
    expect(quoted('Do you lend audio books?')).toContain('audiobooks');
  });

  it('tolerates typos in page words', () => {
    expect(quoted('When does the book clubb meet?')).toContain('first Monday');
  });

  it('uses an alternate question written by the knowledge author', () => {
    expect(quoted('What can I borrow?')).toContain('lends books');
  });

  it('quotes a lead-in with its list and cites the linked pages', () => {
    const r = firstQuote(ask('where are the borrowing rules'));
    expect(r?.answer).toContain('Our rules for borrowing are listed in:');
    expect(r?.sources.map((s) => s.url)).toEqual([
      'https://riverside-library.example/about#membership:~:text=Our%20rules%20for%20borrowing%20are%20listed%20in',
      'https://riverside-library.example/rules',
      'https://riverside-library.example/fines.pdf',
    ]);
  });

  it('every answer is a verbatim part of the pages', () => {
    const pages = engine.index.passages.map((p) => p.text).join('\n');
    for (const q of ['How much does a card cost for visitors?', 'When is story time?', 'Is the library open on public holidays?']) {
      const r = ask(q);
      expect(r.escalated, q).toBe(false);
      const quotes = r.kind === 'choices' ? r.choices!.map((c) => c.answer) : [r.answer];
      for (const quote of quotes) for (const piece of quote.split(' … ')) expect(pages).toContain(piece.replace(/^… |…$/g, '').trim());
    }
  });
});

describe('escalates what the pages do not say', () => {
  it.each([
    ['a person the pages never name', 'Who is the head librarian?'],
    ['a day the pages do not list', 'Is the library open on Sunday?'],
    ['a price when none is stated for it', 'How much is the book club fee?'],
    ['a date for something undated', 'When was the reading room renovated?'],
    ['nonsense', 'qwxz qwxz'],
    ['a future date when the page only dates the past', 'When will the library open?'],
  ])('%s: %s', (_kind, q) => {
    const r = ask(q);
    expect(r.escalated).toBe(true);
    expect(r.answer).toContain('desk@library.example');
    expect(r.sources).toEqual([{ title: 'Library desk', url: 'mailto:desk@library.example' }]);
  });
});

describe('conversation', () => {
  it('resolves a follow-up against the previous topic', () => {
    const first = ask('When does the book club meet?');
    expect(quoted('And what do they discuss?', first.memory)).toContain('novel');
  });

  it('resolves "what about …" by swapping the detail', () => {
    const first = ask('When does the book club meet?');
    expect(quoted('what about story time?', first.memory)).toContain('every Wednesday');
  });

  it('does not pollute a new self-contained question with the old topic', () => {
    const first = ask('When does the book club meet?');
    expect(quoted('How much does a card cost for visitors?', first.memory)).toContain('12 euros');
  });

  it('forgets a topic older than the context window', () => {
    const first = ask('When does the book club meet?');
    expect(quoted('When is it?', first.memory)).toContain('first Monday');
    const stale = { ...first.memory!, at: Date.now() - engine.options.contextMaxAgeMs - 1 };
    expect(engine.ask('When is it?', { previous: stale }).escalated).toBe(true);
  });
});

describe('small talk and suggestions', () => {
  it('greets from the knowledge set’s own phrases', () => {
    expect(ask('Hello!')).toMatchObject({ kind: 'smalltalk', escalated: false, answer: 'Hello! Ask me about the Riverside Library.' });
  });

  it('offers the helpdesk when asked for a person', () => {
    const r = ask('talk to a person');
    expect(r.offerEscalation).toBe(true);
    expect(r.answer).toContain('desk@library.example');
  });

  it('recognises asking for a person by its words, in other phrasings than the listed ones', () => {
    expect(ask('could somebody from your staff call me back?')).toMatchObject({ kind: 'smalltalk', offerEscalation: true });
    expect(ask('Who is the head librarian?').kind).toBe('escalated');
  });

  it('answers the question after a greeting', () => {
    expect(quoted('hi, when does the book club meet?')).toContain('first Monday');
  });

  it('offers other passages’ questions as suggestions', () => {
    // Chips come with a direct answer: an engine sure of its top sentence here.
    const r = engineFor(LIBRARY_KNOWLEDGE, { threshold: 0 }).ask('How can I volunteer?');
    expect(r.suggestions).toContain('How can I help out at the library?');
  });

  it('explains its decision on request', () => {
    const r = engine.ask('Who is the head librarian?', { explain: true });
    expect(r.explain?.focus).toBe('person');
    expect(r.explain?.decision).toMatch(/^escalate/);
  });
});

describe('robustness', () => {
  it('scores a candidate that shares no term and misses the focus without failing', async () => {
    const { scorePassage } = await import('../../src/engine/score.js');
    const { buildQuery } = await import('../../src/engine/query.js');
    const query = buildQuery(engine.index, 'Where are the opening hours?');
    const unrelated = engine.index.passages.find((p) => p.text.includes('lends books'))!;
    const s = scorePassage(query, unrelated, 1, (t) => engine.index.df[t] ?? 0, engine.index.passages.length);
    expect(s.confidence).toBeGreaterThanOrEqual(0);
    expect(s.confidence).toBeLessThan(engine.options.threshold);
  });
});

describe('what visitors see of taught wordings', () => {
  it("a visitor's wording staff taught matches questions but is never shown to another visitor as a suggestion", () => {
    // Sure of its top sentence, so the reply carries chips.
    const e = engineFor(LIBRARY_KNOWLEDGE, { threshold: 0 });
    const payload = 'When does the book club meet online?????? see http://evil.example or write to evil@evil.example';
    e.teach([{ id: 7, kind: 'answer', questions: [payload], answer: 'The online book club meets on the first Tuesday of the month.' }], []);
    // The taught wording is matched: asked again, staff's answer is the reply.
    expect(e.ask('When does the book club meet online?').answer).toContain('first Tuesday');
    // Another visitor's question close to it: the staff passage is a runner-up, its wording never a chip.
    const r = e.ask('When does the book club meet?');
    expect(r.answer).toContain('first Monday');
    expect(r.suggestions.join(' ')).not.toMatch(/evil|online/);
  });
});
