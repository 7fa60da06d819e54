// --watch: run again whenever something in a content folder changes. Editors
// save in bursts (temp file, rename, chmod), so changes are gathered for a
// moment first; a change during a run queues exactly one more run.
import { watch } from 'node:fs';

export interface Watcher {
  close(): void;
}

export function watchFolder(folder: string, run: () => Promise<void>, debounceMs = 300): Watcher {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const start = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await run();
    } finally {
      running = false;
      if (again) {
        again = false;
        void start();
      }
    }
  };
  const watcher = watch(folder, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void start(), debounceMs);
  });
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
