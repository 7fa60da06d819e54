// The engine remembers analysed questions (bounded LRU); a remembered
// analysis must never change a reply: the same text gets the same reply in
// any conversation, and context from one conversation never leaks into another.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { Lru } from '../../src/engine/lru.js';
import { SITE_KNOWLEDGE, indexOf } from '../helpers/knowledge.js';
import { heapAfterGcMb, madeUpWords, seeded } from '../helpers/heap.js';

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

  it('stays bounded in bytes: an entry bigger than the budget is not kept, and the oldest go until the rest fit', () => {
    const lru = new Lru<string, string>(100, { maxBytes: 10, sizeOf: (_k, v) => v.length });
    lru.set('a', 'xxxx');
    lru.set('b', 'xxxx');
    lru.set('huge', 'x'.repeat(11));
    expect([lru.get('huge'), lru.size, lru.bytes]).toEqual([undefined, 2, 8]);
    lru.get('a');
    lru.set('c', 'xxxxx');
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.bytes]).toEqual(['xxxx', undefined, 'xxxxx', 9]);
    lru.set('a', 'x');
    expect(lru.bytes).toBe(6);
  });

  it('keeps a few MB however long the questions: 400 messages of 165 made-up words grow the heap by less than 10 MB', () => {
    const engine = createEngine(indexOf(SITE_KNOWLEDGE));
    // Words from a fixed pool, seen once first: what grows is the cache, not wink's lexicon.
    const next = seeded(3);
    const pool = madeUpWords(next, 2000).split(' ');
    for (let i = 0; i < pool.length; i += 50) engine.ask(pool.slice(i, i + 50).join(' '));
    const message = () => Array.from({ length: 165 }, () => pool[Math.floor(next() * pool.length)]).join(' ');
    const before = heapAfterGcMb();
    for (let i = 0; i < 400; i++) engine.ask(message());
    const grown = heapAfterGcMb() - before;
    console.log(`heap after 400 long messages: +${grown.toFixed(1)} MB`);
    expect(grown).toBeLessThan(10);
  }, 120_000);
});
