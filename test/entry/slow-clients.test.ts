// Slow and vanishing clients against the real Node server (a child process
// with `npm start`'s 128 MB heap): what only real sockets show. Issue 21
// rows 3, 8 and 16: thousands of sockets that send a body's headers and most
// of it and then nothing; a body that never ends; a client that hangs up
// mid-body; the sign-in form refusing before it reads; a session outliving a
// change of ADMIN_TOKEN.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAll, rawRequest, rssMb, startServer, within, type ServerProcess } from './server-process.js';

// A random token, as `openssl rand -hex 32` makes one.
const TOKEN = '5f0c2b8e9d41a7c63e0f9b2d7a14c8e3b6d0f52a9e7c41b38d6a0e2f9c7b1d4a';
const dir = mkdtempSync(join(tmpdir(), 'faq-slow-'));
// The prebuilt index, copied so no test rebuilds the shared one.
cpSync('build/index.json', join(dir, 'index.json'));
afterAll(() => {
  killAll();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const env = (extra: Record<string, string> = {}) => ({
  DATABASE_PATH: join(dir, `db-${n++}.db`),
  INDEX_PATH: join(dir, 'index.json'),
  ADMIN_TOKEN: TOKEN,
  RATE_LIMIT_PER_MINUTE: '',
  ...extra,
});

const chatHead = (port: number, length: number) =>
  `POST /api/chat HTTP/1.1\nHost: 127.0.0.1:${port}\nContent-Type: application/json\nContent-Length: ${length}`;
const loginHead = (port: number, length: number) =>
  `POST /admin/login HTTP/1.1\nHost: 127.0.0.1:${port}\nContent-Type: application/x-www-form-urlencoded\nOrigin: http://127.0.0.1:${port}\nContent-Length: ${length}`;

/**
 * Run test/entry/slow-attacker.mjs against `s` while sampling the server's
 * RSS: resolves with its peak growth, and with when the attack's sockets had
 * all connected (or been refused) and all been closed by the server.
 */
async function attack(s: ServerProcess, count: number, addresses: string[], during: () => Promise<void>) {
  const before = rssMb(s.child.pid!);
  let peak = before;
  const sampler = setInterval(() => {
    if (s.child.exitCode === null) peak = Math.max(peak, rssMb(s.child.pid!));
  }, 100);
  const attacker = spawn(process.execPath, ['test/entry/slow-attacker.mjs', String(s.port), String(count), addresses.join(',')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const events: Record<string, number> = {};
  const seen = (what: string) =>
    new Promise<number>((done) => {
      attacker.stdout!.on('data', (d: Buffer) => {
        for (const line of d.toString().trim().split('\n')) Object.assign(events, JSON.parse(line));
        if (events[what] !== undefined) done(events[what]!);
      });
    });
  const settled = seen('settled');
  const closed = seen('closed');
  try {
    const settledMs = await within(settled, 20_000, Infinity);
    await during();
    const closedMs = await within(closed, 25_000, Infinity);
    return { settledMs, closedMs, peakGrowthMb: peak - before, before, peak };
  } finally {
    clearInterval(sampler);
    if (attacker.exitCode === null) attacker.kill('SIGKILL');
  }
}

/** Another client (127.0.0.1) is served: /healthz and a chat turn, timed. */
async function served(s: ServerProcess) {
  const t = performance.now();
  expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  const chat = await fetch(`${s.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"message":"What is OMA SpecWorks?"}',
  });
  expect(chat.status).toBe(200);
  return performance.now() - t;
}

describe('4 000 slow bodies (row 3)', () => {
  it('from one client: memory stays bounded, another client is served meanwhile, and every slow socket is closed by the 15 s request deadline', async () => {
    const s = await startServer(env());
    try {
      let servedMs = Infinity;
      const r = await attack(s, 4000, ['127.0.0.2'], async () => {
        servedMs = await served(s);
      });
      console.log(
        `4000 slow bodies from one client: RSS ${r.before.toFixed(0)} → peak ${r.peak.toFixed(0)} MB; other client served in ${servedMs.toFixed(0)} ms; all closed ${((r.closedMs - r.settledMs) / 1000).toFixed(1)} s after the last connected`,
      );
      expect(s.child.exitCode).toBeNull();
      expect(r.settledMs).toBeLessThan(20_000);
      expect(servedMs).toBeLessThan(1000);
      // Refused over the per-client cap at once, or cut off at the request deadline (15 s, checked each second).
      expect(r.closedMs - r.settledMs).toBeLessThan(18_000);
      expect(r.peakGrowthMb).toBeLessThan(60);
      expect(s.output()).toContain('"msg":"connections refused over the caps"');
    } finally {
      await s.stop();
    }
  }, 70_000);

  it('from 16 clients at once, with no rate limit to refuse them early: the total cap bounds the memory, and the server is itself again after the deadline', async () => {
    const s = await startServer(env({ RATE_LIMIT_PER_MINUTE: '0', MAX_CONNECTIONS: '300', REQUEST_TIMEOUT_MS: '5000', HEADERS_TIMEOUT_MS: '2000' }));
    try {
      const addresses = Array.from({ length: 16 }, (_, i) => `127.0.0.${i + 2}`);
      const r = await attack(s, 250, addresses, async () => {});
      console.log(`4000 slow bodies from 16 clients (total cap 300): RSS ${r.before.toFixed(0)} → peak ${r.peak.toFixed(0)} MB`);
      expect(s.child.exitCode).toBeNull();
      expect(r.closedMs).toBeLessThan(Infinity);
      expect(r.peakGrowthMb).toBeLessThan(60);
      expect(await served(s)).toBeLessThan(1000);
    } finally {
      await s.stop();
    }
  }, 70_000);
});

describe('deadlines', () => {
  it('a body that never ends is cut off at REQUEST_TIMEOUT_MS with 408', async () => {
    const s = await startServer(env({ REQUEST_TIMEOUT_MS: '2000', HEADERS_TIMEOUT_MS: '1000' }));
    try {
      const body = rawRequest(s.port, chatHead(s.port, 1000), '{"message":"hel');
      const closed = await within(body.closed, 5000, 'open' as const);
      expect(closed).not.toBe('open');
      expect(closed as number).toBeGreaterThan(1800);
      expect(closed as number).toBeLessThan(4000);
      expect(await within(body.status, 100, 0)).toBe(408);
      expect(s.output()).not.toContain('unhandled error');
    } finally {
      await s.stop();
    }
  });

  it('headers that never end are cut off at HEADERS_TIMEOUT_MS', async () => {
    const s = await startServer(env({ REQUEST_TIMEOUT_MS: '4000', HEADERS_TIMEOUT_MS: '1000' }));
    try {
      const started = performance.now();
      const socket = (await import('node:net')).connect({ host: '127.0.0.1', port: s.port });
      socket.on('error', () => {});
      socket.resume(); // read what comes back, so the close is seen
      socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n`);
      const ms = await within(new Promise<number>((done) => socket.once('close', () => done(performance.now() - started))), 5000, 'open' as const);
      expect(ms).not.toBe('open');
      expect(ms as number).toBeLessThan(3000);
    } finally {
      await s.stop();
    }
  });
});

describe('a client that hangs up mid-body (row 16)', () => {
  it('is logged as an aborted request: no "unhandled error", no stack, no 500', async () => {
    const s = await startServer(env());
    try {
      for (const head of [chatHead(s.port, 1000), loginHead(s.port, 1000)]) {
        const x = rawRequest(s.port, head, head.includes('chat') ? '{"message":"hel' : 'token=abc');
        await new Promise((r) => setTimeout(r, 300));
        x.socket.destroy();
        await x.closed;
      }
      await new Promise((r) => setTimeout(r, 500));
      const lines = s
        .output()
        .split('\n')
        .filter((l) => l.includes('"path":"/api/chat"') || l.includes('"path":"/admin/login"'));
      expect(lines).toHaveLength(2);
      for (const line of lines) expect(JSON.parse(line)).toMatchObject({ status: 499, aborted: true });
      expect(s.output()).not.toContain('unhandled error');
      expect(s.output()).not.toMatch(/\n\s+at /);
    } finally {
      await s.stop();
    }
  });
});

describe('the sign-in form refuses before it reads (rows 3 and 7)', () => {
  it('a declared body over 4 KB gets 413 at once, before it is sent, and the connection is closed', async () => {
    const s = await startServer(env());
    try {
      const x = rawRequest(s.port, loginHead(s.port, 65_530));
      expect(await within(x.status, 1000, 'no answer' as const)).toBe(413);
      expect(await within(x.closed, 1000, 'open' as const)).not.toBe('open');
      // A chunked one is cut off once 4 KB has arrived.
      const chunked = rawRequest(
        s.port,
        `POST /admin/login HTTP/1.1\nHost: 127.0.0.1:${s.port}\nContent-Type: application/x-www-form-urlencoded\nOrigin: http://127.0.0.1:${s.port}\nTransfer-Encoding: chunked`,
        `1400\r\ntoken=${'a'.repeat(0x1400 - 6)}\r\n`,
      );
      expect(await within(chunked.status, 1000, 'no answer' as const)).toBe(413);
    } finally {
      await s.stop();
    }
  });

  it('over the sign-in budget, the next attempt gets 429 before its body is read', async () => {
    const s = await startServer(env({ LOGIN_ATTEMPTS_PER_MINUTE: '2' }));
    try {
      const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url }, body: 'token=wrong' };
      expect((await fetch(`${s.url}/admin/login`, form)).status).toBe(401);
      expect((await fetch(`${s.url}/admin/login`, form)).status).toBe(401);
      // Headers only: the body is never sent.
      const x = rawRequest(s.port, loginHead(s.port, 100));
      expect(await within(x.status, 1000, 'no answer' as const)).toBe(429);
      // And the right token too is refused while over the budget.
      const right = await fetch(`${s.url}/admin/login`, { ...form, body: `token=${TOKEN}`, redirect: 'manual' });
      expect(right.status).toBe(429);
    } finally {
      await s.stop();
    }
  });
});

describe('a new ADMIN_TOKEN ends the sessions of the old one (row 8)', () => {
  it('sign in, restart with another token, reuse the cookie: 401; a restart with the same token keeps it', async () => {
    const database = join(dir, 'sessions.db');
    const signIn = async (s: ServerProcess) => {
      const res = await fetch(`${s.url}/admin/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url },
        body: new URLSearchParams({ token: TOKEN }).toString(),
      });
      expect(res.status).toBe(303);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    };
    const page = async (s: ServerProcess, cookie: string) => (await fetch(`${s.url}/admin`, { headers: { cookie } })).status;

    const first = await startServer(env({ DATABASE_PATH: database }));
    const cookie = await signIn(first);
    expect(await page(first, cookie)).toBe(200);
    await first.stop();

    const same = await startServer(env({ DATABASE_PATH: database }));
    expect(await page(same, cookie)).toBe(200);
    await same.stop();

    const other = await startServer(env({ DATABASE_PATH: database, ADMIN_TOKEN: 'Qm9vdHN0cmFwLXRva2VuLXJvdGF0ZWQtNGY3YTJjOWUxYjhk' }));
    expect(await page(other, cookie)).toBe(401);
    await other.stop();
  }, 60_000);
});

describe('rate limiting is on unless turned off by name', () => {
  it('without RATE_LIMIT_PER_MINUTE the 31st chat in a minute gets 429, and the start-up line says the limit', async () => {
    const s = await startServer(env());
    try {
      const listening = JSON.parse(
        s
          .output()
          .split('\n')
          .find((l) => l.includes('"msg":"listening"'))!,
      ) as Record<string, unknown>;
      expect(listening.rateLimit).toBe('30 requests per minute per client');
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) {
        statuses.push(
          (await fetch(`${s.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"hello"}' })).status,
        );
      }
      expect(statuses.slice(0, 30).every((x) => x === 200)).toBe(true);
      expect(statuses[30]).toBe(429);
    } finally {
      await s.stop();
    }
  });

  it('RATE_LIMIT_PER_MINUTE=0 turns it off, and the start-up line says so', async () => {
    const s = await startServer(env({ RATE_LIMIT_PER_MINUTE: '0' }));
    try {
      const listening = JSON.parse(
        s
          .output()
          .split('\n')
          .find((l) => l.includes('"msg":"listening"'))!,
      ) as Record<string, unknown>;
      expect(listening.rateLimit).toMatch(/^off \(RATE_LIMIT_PER_MINUTE=0\)/);
    } finally {
      await s.stop();
    }
  });

  it('`npm start` leaves the limit as the settings say (it sets no RATE_LIMIT_PER_MINUTE of its own)', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toContain('dist/server.js');
    expect(scripts.start).not.toMatch(/RATE_LIMIT_PER_MINUTE/);
  });
});
