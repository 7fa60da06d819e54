// Cold start of the Node server with the prebuilt index: process spawn to
// the first 200 from /healthz, and (in a fresh process) to the first
// answered question. Median of a few runs.
import { spawn } from 'node:child_process';
import { freePort, SERVER_NODE_FLAGS } from '../scripts/lib/server.js';
import { median } from './stats.js';

async function once(env: Record<string, string>, probe: (url: string) => Promise<boolean>): Promise<number> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'dist/server.js'], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error('server exited during cold start');
      try {
        if (await probe(url)) return performance.now() - started;
      } catch {
        /* not up yet */
      }
      if (performance.now() - started > 20_000) throw new Error('cold start over 20 s');
      await new Promise((r) => setTimeout(r, 2));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

export async function benchColdStart(env: Record<string, string>, runs = 5) {
  const ready: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < runs; i++) {
    ready.push(await once(env, async (url) => (await fetch(`${url}/healthz`)).ok));
    answered.push(
      await once(env, async (url) => {
        const res = await fetch(`${url}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: 'When was OMA SpecWorks launched?' }),
        });
        return res.ok && typeof ((await res.json()) as { answer?: unknown }).answer === 'string';
      }),
    );
  }
  return { runs, readyMs: Math.round(median(ready)), firstAnswerMs: Math.round(median(answered)) };
}
