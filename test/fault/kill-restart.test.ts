// Fault test: the real Node server (SQLite file, SMTP outbox) is killed with
// SIGKILL while visitors are escalating questions and leaving addresses.
// After a restart on the same database, every escalation that was answered
// 2xx is there, and every contact that was answered 2xx has its helpdesk
// mail delivered from the outbox to the (loopback) SMTP server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/server.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

const TOKEN = 'deb60b59228a32c9106262f51b3caa9cf11078bc5a3f602b';
const dir = mkdtempSync(join(tmpdir(), 'faq-fault-'));
const children: ChildProcess[] = [];
let smtp: TestSmtp | undefined;
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await smtp?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: 'ignore',
  });
  children.push(child);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {
      /* starting */
    }
    if (Date.now() > deadline) throw new Error('server did not start in 30 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('SIGKILL while escalations are being posted', () => {
  it('loses no escalation or contact that was answered 2xx, and their mail still goes out', async () => {
    smtp = await startSmtp();
    const env = {
      DATABASE_PATH: join(dir, 'faq.db'),
      INDEX_PATH: join(dir, 'index.json'),
      SMTP_URL: smtp.url,
      OUTBOX_INTERVAL_MS: '200',
      OUTBOX_LEASE_MS: '1000',
      RATE_LIMIT_PER_MINUTE: '0',
      OPEN_QUESTIONS_PER_CLIENT: '0',
      ADMIN_TOKEN: TOKEN,
    };
    const first = await start(env);

    const escalated: string[] = [];
    const contacted = new Map<string, string>(); // escalation id → visitor address
    let n = 0;
    let killed = false;
    // Four visitors at once: ask something the pages cannot answer, then leave an address.
    const visitor = async () => {
      while (!killed) {
        const i = n++;
        try {
          const chat = await post(`${first.url}/api/chat`, { message: `Who won the regional chess cup in the year ${1000 + i}?` });
          const reply = (await chat.json()) as { escalationId?: string };
          if (!chat.ok || !reply.escalationId) continue;
          escalated.push(reply.escalationId);
          const email = `visitor${i}@example.com`;
          const contact = await post(`${first.url}/api/escalations/${reply.escalationId}/contact`, { email });
          if (contact.ok) contacted.set(reply.escalationId, email);
        } catch {
          /* the connection died with the server: not a 2xx, nothing promised */
        }
      }
    };
    const visitors = Promise.all([visitor(), visitor(), visitor(), visitor()]);
    // Kill mid-stream, once enough has been promised to make the check meaningful.
    while (contacted.size < 12) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    killed = true;
    await visitors;
    expect(escalated.length).toBeGreaterThanOrEqual(12);

    const second = await start(env);
    const auth = { authorization: `Bearer ${TOKEN}` };
    for (const id of escalated) {
      const res = await fetch(`${second.url}/api/admin/escalations/${id}`, { headers: auth });
      expect(res.status, `escalation ${id}`).toBe(200);
    }
    for (const [id] of contacted) {
      const res = await fetch(`${second.url}/api/admin/escalations/${id}`, { headers: auth });
      expect(JSON.stringify(await res.json()), `contact of ${id}`).toContain(contacted.get(id)!);
    }
    // The outbox delivers every queued mail after the restart (at least once).
    const deadline = Date.now() + 20_000;
    const delivered = () => [...contacted.values()].filter((email) => smtp!.received.some((m) => m.raw.includes(email)));
    while (delivered().length < contacted.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(delivered().length).toBe(contacted.size);
    second.child.kill('SIGTERM');
  }, 90_000);
});
