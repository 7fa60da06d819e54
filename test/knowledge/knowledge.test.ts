// The shipped knowledge is consistent with the engine: every question the
// knowledge author wrote (alternate questions, suggestion chips) is answered
// from the page it belongs to, so a chip never leads to an escalation.
import { describe, expect, it } from 'vitest';
import { engineFor, SITE_KNOWLEDGE } from '../helpers/knowledge.js';

const engine = engineFor(SITE_KNOWLEDGE);

describe('knowledge/', () => {
  const alternates = engine.index.passages.flatMap((p) => p.questions.map((q) => ({ question: q.question, passage: p })));

  it.each(alternates.map((a) => [a.question, a.passage] as const))('alternate question "%s" is answered from its passage', (question, passage) => {
    const r = engine.ask(question);
    expect(r.escalated).toBe(false);
    // Sources link the quote with a text directive (#section:~:text=…); the passage is the part before it.
    expect(r.sources.map((s) => s.url.replace(/#?:~:.*$/, ''))).toContain(passage.url);
  });

  const chips = engine.index.smalltalk.flatMap((s) => s.suggestions);
  it.each(chips)('suggestion chip "%s" is answered', (question) => {
    expect(engine.ask(question).escalated).toBe(false);
  });
});
