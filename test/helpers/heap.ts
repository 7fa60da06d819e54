// The live heap of this process after a full garbage collection, for tests
// that check memory stays bounded. Vitest does not start workers with
// --expose-gc; V8 lets the flag be set at run time and `gc` read from a new
// context (test-only: nothing in src/ does this).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap in use after two full collections, in MB. */
export function heapAfterGcMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

/** A small seeded generator (mulberry32): the same "random" text every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` random lower-case words of `letters` letters, space-separated. */
export function madeUpWords(next: () => number, count: number, letters = 5): string {
  const words: string[] = [];
  for (let w = 0; w < count; w++) {
    let word = '';
    for (let k = 0; k < letters; k++) word += String.fromCharCode(97 + Math.floor(next() * 26));
    words.push(word);
  }
  return words.join(' ');
}
