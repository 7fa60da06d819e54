// Request log lines, written in batches (Node). On Linux a write to a pipe or
// a file from process.stdout is synchronous: one write(2) per request was
// ≈8 % of the server's CPU under chat load (`node --cpu-prof`). Lines are
// gathered and written together — when LOG_FLUSH_MS has passed since the
// first one waiting, or at once when LOG_BUFFER_BYTES are waiting (so the
// buffer is bounded in bytes, whatever the traffic), and before any other
// line (start-up, warnings, errors: the order is kept) and at exit. A crash
// (SIGKILL) can lose the request lines of its last few milliseconds; nothing
// a visitor was told is in them, and the data itself is in the database.

export interface LineBatcher {
  /** Queue one line (without its newline). */
  line(text: string): void;
  /** Write everything queued now. */
  flush(): void;
}

export function batchLines(write: (chunk: string) => void, o: { maxBytes?: number; flushMs?: number } = {}): LineBatcher {
  const maxBytes = o.maxBytes ?? 64 * 1024;
  const flushMs = o.flushMs ?? 50;
  let queued: string[] = [];
  let bytes = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  function flush() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (queued.length === 0) return;
    const chunk = `${queued.join('\n')}\n`;
    queued = [];
    bytes = 0;
    write(chunk);
  }
  return {
    line(text) {
      queued.push(text);
      bytes += text.length + 1;
      if (bytes >= maxBytes) flush();
      else if (!timer) {
        timer = setTimeout(flush, flushMs);
        timer.unref?.();
      }
    },
    flush,
  };
}
