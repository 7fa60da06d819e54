// Kinds of everyday English a site without a vocabulary must bridge on day
// one (issue 12's examples, on a made-up page): an event verb in other words,
// a body answering "who", a derived form, a recording of a meeting, "you
// guys" — and near misses on the same page still escalate.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineFor } from '../helpers/knowledge.js';
import { DEFAULT_PARAMS } from '../../src/engine/model.js';

const engine = engineFor(resolve('test/fixtures/english-kinds/knowledge'));

describe('everyday English on plain pages', () => {
  it.each([
    ['When did the club start?', 'The club was established in 1950'],
    ['When was the club formed?', 'The club was established in 1950'],
    ['Who oversees the museum?', 'governed by a board of trustees'],
    ['Who runs the museum?', 'governed by a board of trustees'],
    ['What does the library provide?', 'The library offers three services'],
    ['How are the rules created?', 'The creation of the rules'],
    ['Is the meeting recorded?', 'A recording of each meeting'],
  ])('"%s" finds "%s…" first', (question, quote) => {
    // The scorer's bridging, whatever the decision then makes of it (a
    // direct quote, choices, or — on a page this small — the helpdesk).
    const query = engine.resolve(question);
    const top = engine.rank(query)[0]!;
    expect(engine.quoteFor(query, top, top.best.index).answer).toContain(quote);
  });

  it.each([
    'Who won the cup in 1950?',
    'When was the library renovated?',
    'Who founded the museum?',
    // The claim of a yes/no question, used elsewhere on the page, missing from the quote.
    'Is the library public?',
    // The event of a where-question, never named by the pages.
    'Where is the club headquartered?',
  ])('"%s" (words of the page, a fact it does not state) escalates', (question) => {
    expect(engine.ask(question).escalated).toBe(true);
  });

  it("a yes/no question's claim missing from the quote counts as missing, never as a second topic — by a wide margin, not at a threshold", () => {
    // "public" is used elsewhere on the page: as a second topic it would cost
    // little (×0.91); as the claim the quote must say yes or no to, it costs
    // what a word the pages never use costs.
    const top = engine.rank(engine.resolve('Is the library public?'), undefined, { raw: true })[0]!;
    expect(top.factors).toContainEqual({ factor: 'public missing', value: DEFAULT_PARAMS.penalty.missingEverywhere });
    expect(top.confidence).toBeLessThan(top.best.coverage * 0.5);
  });

  it('a near miss ranks below the paraphrase it resembles', () => {
    // "Who founded the museum?" shares the page's words with "Who runs the museum?"
    // but asks for an event the page never states: less likely to be answered.
    const p = (q: string) => engine.rank(engine.resolve(q))[0]!.confidence;
    expect(p('Who runs the museum?')).toBeGreaterThan(p('Who founded the museum?') + 0.1);
  });
});
