// Test-only preload for the soak test (test/soak/soak.test.ts), never part of
// a build: the server runs under `node --expose-gc --import
// ./test/soak/heap-probe.mjs dist-like-bundle`. On SIGUSR2 it collects
// garbage and prints one JSON line with the heap figures, so the test reads
// the live heap after GC from the server's stdout — no debugger, no endpoint.
process.on('SIGUSR2', () => {
  // Twice: the first full GC may leave objects only weakly held until the next.
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ soakHeap: { heapUsed: m.heapUsed, heapTotal: m.heapTotal, rss: m.rss } })}\n`);
});
