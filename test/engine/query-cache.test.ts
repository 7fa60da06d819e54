// The engine remembers analysed questions (bounded LRU); a remembered
// analysis must never change a reply: the same text gets the same reply in
// any conversation, and context from one conversation never leaks into another.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { Lru } from '../../src/engine/lru.js';
import { SITE_KNOWLEDGE, indexOf } from '../helpers/knowledge.js';

const strip = ({ memory: _m, ...reply }: { memory?: unknown }) => reply;

describe('question analysis cache', () => {
  it('the same question asked again, fresh or as a follow-up elsewhere, gets the same reply as the first time', () => {
    const engine = createEngine(indexOf(SITE_KNOWLEDGE));
    const q = 'can non-members make them?';
    const fresh = engine.ask(q, { now: 0 });
    const ctx = engine.ask('Tell me about contributions', { now: 0 }).memory;
    const followUp = engine.ask(q, { now: 0, previous: ctx });
    const again = engine.ask(q, { now: 0 });
    expect(strip(again)).toEqual(strip(fresh));
    // the follow-up really used its context (else this test proves nothing)…
    expect(strip(followUp)).not.toEqual(strip(fresh));
    // …and a second engine, with an empty cache, agrees with the first
    expect(strip(createEngine(indexOf(SITE_KNOWLEDGE)).ask(q, { now: 0, previous: ctx }))).toEqual(strip(followUp));
  });

  it('stays bounded: the least recently used entry goes first', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual([1, undefined, 3, 2]);
  });
});
