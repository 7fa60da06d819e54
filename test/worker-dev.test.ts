// `npm run dev:worker` as a developer runs it: migrations applied to the
// local D1, then wrangler dev serving the Worker in workerd on loopback —
// no account and no network (checked by hand with the network namespace
// down, see README). Started as a process group so stopping it stops workerd.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const freePort = () =>
  new Promise<number>((done, fail) => {
    const s = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => done(port));
      })
      .on('error', fail);
  });

describe('npm run dev:worker', () => {
  let dev: ChildProcess;
  let base = '';
  let output = '';

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dev = spawn('npm', ['run', '-s', 'dev:worker'], {
      detached: true,
      env: {
        ...process.env,
        PORT: String(port),
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        CLOUDFLARE_API_TOKEN: '',
        NO_COLOR: '1',
      },
    });
    dev.stdout!.on('data', (d) => {
      output += d;
    });
    dev.stderr!.on('data', (d) => {
      output += d;
    });
    const end = Date.now() + 90_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > end || dev.exitCode !== null) throw new Error(`dev:worker did not come up:\n${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 120_000);

  afterAll(() => {
    if (dev?.pid) {
      try {
        process.kill(-dev.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  });

  it('serves /healthz, /api/chat and /widget.js', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ ok: true, passages: expect.any(Number) });
    const chat = await fetch(`${base}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'When was OMA SpecWorks launched?' }),
    });
    expect(chat.status).toBe(200);
    expect(await chat.json()).toMatchObject({
      escalated: false,
      answer: expect.stringContaining('2018'),
      sources: [expect.objectContaining({ url: expect.any(String) })],
    });
    const widget = await fetch(`${base}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    expect((await widget.text()).length).toBeGreaterThan(1000);
  });
});
