// Start the real Node server (dist/server.js, as in production) on loopback
// with a given environment, wait until /healthz answers, and stop it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface RunningServer {
  url: string;
  child: ChildProcess;
  /** ms from spawn to the first 200 from /healthz. */
  readyMs: number;
  /** Graceful stop (SIGTERM), resolving with the exit code. */
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/**
 * Node flags the server runs with, as `npm start` does. The live heap is
 * ≈25 MB (language model, index, bounded caches) but V8 grew its capacity to
 * ≈240 MB resident under load: a 2 MB young generation (a chat turn
 * allocates little and briefly) and an old-space limit of 128 MB (5× the live
 * set; HEAP_MB raises it for a larger knowledge set) keep it at ≈140 MB with
 * the same requests/s (measured after 5 s at 50 connections: 244 → 143 MB).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=2', `--max-old-space-size=${process.env.HEAP_MB || 128}`];

export async function startServer(env: Record<string, string>, opts: { entry?: string; quiet?: boolean; port?: number } = {}): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, opts.entry ?? 'dist/server.js'], {
    // The tools that start it (npm run load, npm run bench) drive 50–100
    // connections from this one address: no per-client connection cap for
    // them (as they set RATE_LIMIT_PER_MINUTE=0), unless they ask for one.
    env: { ...process.env, MAX_CONNECTIONS_PER_CLIENT: '0', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', opts.quiet === false ? 'inherit' : 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  for (;;) {
    if (gone) throw new Error(`server exited before it was ready (${url})`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - started > 20_000) {
      child.kill('SIGKILL');
      throw new Error('server not ready in 20 s');
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const readyMs = performance.now() - started;
  return {
    url,
    child,
    readyMs,
    stop: () => {
      if (!gone) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
  };
}
