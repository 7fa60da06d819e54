// Request log lines are written in batches: one write for many requests,
// never more than the byte bound waiting, nothing lost at a flush.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchLines } from '../../src/entry/log-lines.js';

describe('batchLines', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the lines of a burst together, in order, once the flush time has passed', () => {
    const writes: string[] = [];
    const log = batchLines((c) => writes.push(c), { flushMs: 50 });
    for (let i = 0; i < 100; i++) log.line(`{"n":${i}}`);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.split('\n').slice(0, -1)).toEqual(Array.from({ length: 100 }, (_, i) => `{"n":${i}}`));
    expect(writes[0]!.endsWith('\n')).toBe(true);
  });

  it('never holds more than its byte bound: a full buffer is written at once', () => {
    const writes: string[] = [];
    const log = batchLines((c) => writes.push(c), { maxBytes: 1000, flushMs: 60_000 });
    for (let i = 0; i < 100; i++) log.line('x'.repeat(99));
    // 100 lines of 100 bytes with a 1 000-byte bound: ten writes, none waiting.
    expect(writes).toHaveLength(10);
    expect(writes.every((w) => w.length === 1000)).toBe(true);
  });

  it('flush() writes what waits (before another line, at exit) and nothing when empty', () => {
    const writes: string[] = [];
    const log = batchLines((c) => writes.push(c));
    log.flush();
    expect(writes).toEqual([]);
    log.line('a');
    log.flush();
    expect(writes).toEqual(['a\n']);
    vi.advanceTimersByTime(1000);
    expect(writes).toEqual(['a\n']);
  });
});
