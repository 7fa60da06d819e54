// The real Node server (src/entry/node.ts in a child process, as `npm start`
// runs it, with its 128 MB heap): what only a real socket and a real process
// can show — bodies refused while they stream in without the process growing,
// settings refused with one line, proxies believed only with TRUST_PROXY,
// graceful shutdown on SIGTERM, one database per site, knowledge problems
// said in one line; HELPDESK_EMAIL and ANSWER_THRESHOLD taking effect, a
// stale index rebuilt at start, and the hourly retention job.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, SERVER_NODE_FLAGS } from '../../scripts/lib/server.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { body as mailBody, startSmtp } from '../helpers/smtp.js';
import { LIBRARY_KNOWLEDGE } from '../helpers/knowledge.js';

// Random, as `openssl rand -hex 32` makes one (a token of words is refused at start-up).
const TOKEN = 'e8b3a5d1f7c29046b1d8e3a7c5f20b9d4e6a8c1f3b7d5e9a2c4f6b8d0e1a3c5f';
const dir = mkdtempSync(join(tmpdir(), 'faq-node-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Server {
  url: string;
  child: ChildProcess;
  output: () => string;
}

async function start(env: Record<string, string> = {}, preload: string[] = []): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', ...preload.flatMap((p) => ['--import', p]), 'src/entry/node.ts'], {
    env: {
      ...process.env,
      DATABASE_PATH: join(dir, `db-${port}.db`),
      INDEX_PATH: join(dir, 'index.json'),
      ADMIN_TOKEN: TOKEN,
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  children.push(child);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child, output: () => out };
    } catch {
      /* starting */
    }
    if (Date.now() > deadline) throw new Error('server did not start in 30 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resident memory of a process in MB (Linux). */
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/**
 * Stream `totalMb` of body to the server in 64 KB chunks, with or without a
 * Content-Length, and resolve with the status it answered (or 'reset' when it
 * closed the connection before a response could be read).
 */
function streamBody(url: string, path: string, headers: Record<string, string>, totalMb: number, withLength: boolean): Promise<number | 'reset'> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const total = totalMb * 1024 * 1024;
  return new Promise((done) => {
    const req = request(
      `${url}${path}`,
      {
        method: 'POST',
        headers: { ...headers, ...(withLength ? { 'content-length': String(total) } : { 'transfer-encoding': 'chunked' }) },
      },
      (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      },
    );
    req.on('error', () => done('reset'));
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

describe('request bodies on the real server', () => {
  let server: Server;
  beforeAll(async () => {
    server = await start();
  });

  const cases: [string, string, Record<string, string>, number, boolean][] = [
    [
      'a 100 MB sign-in form with Content-Length',
      '/admin/login',
      { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1' },
      100,
      true,
    ],
    ['a 100 MB sign-in form, chunked', '/admin/login', { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1' }, 100, false],
    ['a 300 MB chat body, chunked', '/api/chat', { 'content-type': 'application/json' }, 300, false],
  ];
  for (const [name, path, headers, mb, withLength] of cases) {
    it(`refuses ${name} with 413 while it streams in, and the process does not grow by 20 MB`, async () => {
      const before = rssMb(server.child.pid!);
      // From the server's own page (its origin, port included), so the form passes the same-origin check and meets the size cap.
      const status = await streamBody(server.url, path, headers.origin ? { ...headers, origin: server.url } : headers, mb, withLength);
      // The server answers as soon as the cap is passed and closes the
      // connection; a client still writing may see the close first.
      expect([413, 'reset']).toContain(status);
      expect(rssMb(server.child.pid!) - before).toBeLessThan(20);
      // Still alive and answering promptly.
      const t = performance.now();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(performance.now() - t).toBeLessThan(500);
    });
  }

  it('answers 413 JSON to a small client that waits for the answer', async () => {
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'x'.repeat(200_000) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: expect.stringContaining('larger than') });
  });
});

describe('settings', () => {
  const bad: [string, string, RegExp][] = [
    ['RATE_LIMIT_PER_MINUTE', 'abc', /RATE_LIMIT_PER_MINUTE="abc".*whole number/],
    ['RATE_LIMIT_PER_MINUTE', '30/min', /RATE_LIMIT_PER_MINUTE="30\/min"/],
    ['RATE_LIMIT_PER_MINUTE', '-1', /RATE_LIMIT_PER_MINUTE="-1"/],
    ['LOGIN_ATTEMPTS_PER_MINUTE', 'abc', /LOGIN_ATTEMPTS_PER_MINUTE/],
    ['RETENTION_DAYS', 'abc', /RETENTION_DAYS="abc"/],
    ['ANSWER_THRESHOLD', '0.45x', /ANSWER_THRESHOLD="0.45x".*0 to 1/],
    ['ADMIN_TOKEN', 'a', /ADMIN_TOKEN \(1 characters, not shown\).*at least 32/],
    ['ADMIN_TOKEN', '  short secret  ', /ADMIN_TOKEN \(16 characters, not shown\)/],
    ['ALLOWED_ORIGINS', '*', /ALLOWED_ORIGINS="\*".*not allowed/],
    ['PORT', 'abc', /PORT="abc".*port number/],
    ['SMTP_URL', 'mail.example.org', /SMTP_URL .*smtp:\/\//],
    ['TRUST_PROXY', 'maybe', /TRUST_PROXY="maybe"/],
    ['HELPDESK_EMAIL', 'not-an-address', /HELPDESK_EMAIL="not-an-address"/],
    // Issue 21 row 7: long enough, but words.
    ['ADMIN_TOKEN', 'correcthorsebatterystaplesunshine', /^Bad setting ADMIN_TOKEN \(33 characters, not shown\): too easy to guess .*openssl rand -hex 32$/],
    // Issue 21, misspelt names: the value would be ignored and the default used.
    ['ADMIN_TOKN', TOKEN, /^Unknown setting ADMIN_TOKN: did you mean ADMIN_TOKEN\?/],
    ['RATE_LIMT_PER_MINUTE', '0', /^Unknown setting RATE_LIMT_PER_MINUTE: did you mean RATE_LIMIT_PER_MINUTE\?/],
    ['HEADERS_TIMEOUT_MS', '20000', /^HEADERS_TIMEOUT_MS=20000 is longer than REQUEST_TIMEOUT_MS=15000/],
  ];
  for (const [name, value, line] of bad) {
    it(`stops start-up with one line naming ${name}=${JSON.stringify(value)}`, () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
        env: { ...process.env, DATABASE_PATH: join(dir, 'never.db'), INDEX_PATH: join(dir, 'index.json'), [name]: value },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      // A secret's value is never repeated.
      if (/ADMIN_TOKE?N/.test(name) && value.length > 1) expect(r.stderr).not.toContain(value.trim());
    });
  }
});

describe('behind a reverse proxy', () => {
  const form = (token: string, headers: Record<string, string>) => ({
    method: 'POST',
    redirect: 'manual' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: headers.origin ?? '', ...headers },
    body: new URLSearchParams({ token }).toString(),
  });

  it('with TRUST_PROXY, X-Forwarded-For tells clients apart and X-Forwarded-Proto: https makes the staff cookie Secure', async () => {
    const s = await start({ TRUST_PROXY: 'true', RATE_LIMIT_PER_MINUTE: '2' });
    const ask = (ip: string) =>
      fetch(`${s.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: '{"message":"hi"}' });
    expect([(await ask('203.0.113.1')).status, (await ask('203.0.113.1')).status, (await ask('203.0.113.1')).status]).toEqual([200, 200, 429]);
    expect((await ask('203.0.113.2')).status).toBe(200);
    const login = await fetch(`${s.url}/admin/login`, form(TOKEN, { origin: s.url, 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.3' }));
    expect(login.status).toBe(303);
    expect(login.headers.get('set-cookie')).toMatch(/; Secure/);
    const plain = await fetch(`${s.url}/admin/login`, form(TOKEN, { origin: s.url, 'x-forwarded-for': '203.0.113.4' }));
    expect(plain.headers.get('set-cookie')).not.toMatch(/; Secure/);
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored (one budget) and one warning names TRUST_PROXY', async () => {
    const s = await start({ RATE_LIMIT_PER_MINUTE: '2' });
    const ask = (ip: string) =>
      fetch(`${s.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: '{"message":"hi"}' });
    expect([(await ask('203.0.113.1')).status, (await ask('203.0.113.2')).status, (await ask('203.0.113.3')).status]).toEqual([200, 200, 429]);
    const login = await fetch(`${s.url}/admin/login`, form(TOKEN, { origin: s.url, 'x-forwarded-proto': 'https' }));
    expect(login.headers.get('set-cookie')).not.toMatch(/; Secure/);
    expect(s.output().match(/TRUST_PROXY is not set/g)).toHaveLength(1);
  });
});

describe('shutdown', () => {
  it('on SIGTERM finishes, closes the database and exits 0', async () => {
    const s = await start();
    expect(
      (await fetch(`${s.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"What is OMA SpecWorks?"}' }))
        .status,
    ).toBe(200);
    const exited = new Promise<number | null>((done) => s.child.once('exit', (code) => done(code)));
    s.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(s.output()).toContain('"msg":"shutting down"');
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
  });
});

/** Start-up that must fail: the server's stderr, which must be one line and no stack trace. */
function refusedStart(env: Record<string, string>): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    env: { ...process.env, DATABASE_PATH: join(dir, 'never.db'), INDEX_PATH: join(dir, 'never-index.json'), HOST: '127.0.0.1', PORT: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.stdout).not.toContain('listening');
  expect(r.status).toBe(1);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

/** A copy of a test organisation's knowledge under the temp folder, to change freely. */
function knowledgeCopy(name: string, from: string): string {
  const to = join(dir, name);
  cpSync(from, to, { recursive: true });
  return to;
}

describe('one database per site', () => {
  const MUSEUM = 'https://www.aldermoormuseum.org';
  const COWORK = 'https://www.brightworkcommons.com';
  const museum = knowledgeCopy('museum', 'test/fixtures/holdout/town-museum/knowledge');
  const cowork = knowledgeCopy('cowork', 'test/fixtures/holdout/coworking-space/knowledge');
  const db = join(dir, 'one-site.db');
  const as = (knowledge: string, env: Record<string, string> = {}) => ({
    KNOWLEDGE_DIR: knowledge,
    INDEX_PATH: `${knowledge}.index.json`,
    DATABASE_PATH: db,
    ...env,
  });
  const ask = async (s: Server, message: string) =>
    (await (
      await fetch(`${s.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) })
    ).json()) as { answer: string; escalated: boolean; choices?: { answer: string }[] };
  const stop = async (s: Server) => {
    const exited = new Promise((done) => s.child.once('exit', done));
    s.child.kill('SIGTERM');
    await exited;
  };

  it("is recorded on the first start; another site's knowledge is refused with one line naming both origins and the way out", async () => {
    const s = await start(as(museum));
    expect((await ask(s, 'Hello')).answer).toContain('Aldermoor');
    await stop(s);
    const line = refusedStart(as(cowork));
    expect(line).toContain(`The database ${db} belongs to ${MUSEUM}, but the knowledge (site.yml) is for ${COWORK}`);
    expect(line).toContain('set DATABASE_PATH to a new file');
    expect(line).toContain(`delete ${db}`);
    expect(line).toContain(`ALLOW_SITE_CHANGE=${MUSEUM}`);
  });

  it('takes the same site with changed pages', async () => {
    appendFileSync(join(museum, 'pages', 'visit.md'), '\n## Cake\n\nThe Weighhouse Café bakes a plum cake from an old Aldermoor recipe every Saturday.\n');
    const s = await start(as(museum));
    const reply = await ask(s, 'Does the café have plum cake?');
    expect(reply.escalated).toBe(false);
    // Quoted, or offered first: a new site's pages are not yet taught.
    expect(reply.choices?.[0]?.answer ?? reply.answer).toContain('plum cake from an old Aldermoor recipe');
    await stop(s);
  });

  it('ALLOW_SITE_CHANGE must name the recorded origin; then the database belongs to the new one', async () => {
    expect(refusedStart(as(cowork, { ALLOW_SITE_CHANGE: 'https://elsewhere.example' }))).toContain(`belongs to ${MUSEUM}`);
    expect(refusedStart(as(cowork, { ALLOW_SITE_CHANGE: 'https://www.aldermoormuseum.org/visit' }))).toMatch(
      /^Bad setting ALLOW_SITE_CHANGE=.*the origin the database belongs to/,
    );
    const s = await start(as(cowork, { ALLOW_SITE_CHANGE: `${MUSEUM}/` }));
    expect(s.output()).toContain(`ALLOW_SITE_CHANGE=${MUSEUM} is set`);
    await stop(s);
    // The setting is spent: the database is the co-working space's now.
    expect(refusedStart(as(museum, { ALLOW_SITE_CHANGE: MUSEUM }))).toContain(`belongs to ${COWORK}, but the knowledge (site.yml) is for ${MUSEUM}`);
  });
});

describe('knowledge problems stop start-up with one line naming the file', () => {
  const broken = (name: string, change: (k: string) => void) => {
    const k = knowledgeCopy(`broken-${name}`, 'test/fixtures/holdout/town-museum/knowledge');
    change(k);
    return { KNOWLEDGE_DIR: k, INDEX_PATH: join(dir, `broken-${name}.json`) };
  };
  const cases: [string, (k: string) => void, RegExp][] = [
    ['site.yml missing', (k) => rmSync(join(k, 'site.yml')), /broken-no-site\/site\.yml is missing: it must hold the site's name, origin and helpdesk/],
    [
      'site.yml without an origin',
      (k) => writeFileSync(join(k, 'site.yml'), 'name: Museum\nhelpdesk: a@museum.example\n'),
      /site\.yml: origin: .*It must hold/,
    ],
    ['pages/ missing', (k) => rmSync(join(k, 'pages'), { recursive: true }), /pages\/ is missing: it must hold the site's pages as markdown files/],
    ['a page without a title', (k) => writeFileSync(join(k, 'pages', 'x.md'), '---\nurl: /x\n---\nText.\n'), /pages\/x\.md: its front matter needs a title/],
    [
      'a bad optional file (messages.yml)',
      (k) => writeFileSync(join(k, 'messages.yml'), 'widget:\n  sned: Go\n'),
      /messages\.yml: widget: unknown key "sned" \(did you mean "send"\?\)\. It must hold/,
    ],
    [
      'questions.yml quoting no page',
      (k) => writeFileSync(join(k, 'questions.yml'), '- quote: not on any page\n  questions: [Why?]\n'),
      /questions\.yml: quote not found in any page: "not on any page"/,
    ],
  ];
  for (const [name, change, line] of cases) {
    it(name, () => {
      const slug = name === 'site.yml missing' ? 'no-site' : name.replace(/\W+/g, '-');
      expect(refusedStart(broken(slug, change))).toMatch(line);
    });
  }

  it('a KNOWLEDGE_DIR that does not exist', () => {
    expect(refusedStart({ KNOWLEDGE_DIR: join(dir, 'no-such-knowledge') })).toBe(
      `KNOWLEDGE_DIR=${join(dir, 'no-such-knowledge')}: ${join(dir, 'no-such-knowledge')} does not exist; it must be a folder holding site.yml and pages/`,
    );
  });

  it('site.yml deleted after the index was built', async () => {
    const k = knowledgeCopy('deleted-later', 'test/fixtures/holdout/town-museum/knowledge');
    const env = { KNOWLEDGE_DIR: k, INDEX_PATH: join(dir, 'deleted-later.json'), DATABASE_PATH: join(dir, 'deleted-later.db') };
    const s = await start(env);
    s.child.kill('SIGTERM');
    await new Promise((done) => s.child.once('exit', done));
    rmSync(join(k, 'site.yml'));
    expect(refusedStart(env)).toMatch(/deleted-later\/site\.yml is missing/);
  });
});

describe('settings that change what visitors get', () => {
  const chat = async (s: Server, message: string) =>
    (await (
      await fetch(`${s.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message }),
      })
    ).json()) as { answer: string; escalated: boolean; confidence: number; escalationId?: string; sources: { url: string }[]; choices?: { answer: string }[] };

  it('HELPDESK_EMAIL: the escalation names it, the widget shows it, and the helpdesk mail goes there (over SMTP)', async () => {
    const smtp = await startSmtp();
    try {
      const s = await start({ HELPDESK_EMAIL: 'support@example.org', SMTP_URL: smtp.url, OUTBOX_INTERVAL_MS: '200' });
      const reply = await chat(s, 'What are the membership fees?');
      expect(reply.escalated).toBe(true);
      expect(reply.answer).toContain('helpdesk at support@example.org');
      expect(reply.answer).not.toContain('omaorg.org');
      expect(reply.sources).toEqual([{ title: expect.any(String), url: 'mailto:support@example.org' }]);
      const config = (await (await fetch(`${s.url}/api/widget/config`)).json()) as { helpdesk: string };
      expect(config.helpdesk).toBe('support@example.org');
      const contact = await fetch(`${s.url}/api/escalations/${reply.escalationId}/contact`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ann@example.com' }),
      });
      expect(contact.status).toBe(202);
      await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(1);
      expect(smtp.received[0]).toMatchObject({ to: ['support@example.org'], from: 'support+faq-assistant@example.org' });
      expect(mailBody(smtp.received[0]!.raw)).toContain('What are the membership fees?');
    } finally {
      await smtp.close();
    }
  });

  // By default "Is OMA SpecWorks a nonprofit organisation?" is quoted directly
  // (P ≈ 0.96), "Does OMA work on IoT?" gets choices (≈ 0.85 for its top
  // sentence) and the fees question is escalated: test/routes/chat.test.ts.
  it('ANSWER_THRESHOLD=0.99: a question quoted directly by default gets choices instead', async () => {
    const s = await start({ ANSWER_THRESHOLD: '0.99' });
    const reply = await chat(s, 'Is OMA SpecWorks a nonprofit organisation?');
    expect(reply.confidence).toBeGreaterThan(0.5);
    expect(reply.confidence).toBeLessThan(0.99);
    expect(reply.escalated).toBe(false);
    expect(reply.choices?.[0]?.answer).toContain('non-profit');
  });

  it('ANSWER_THRESHOLD=0.5: a question given choices by default is quoted directly instead', async () => {
    const s = await start({ ANSWER_THRESHOLD: '0.5' });
    const reply = await chat(s, 'Does OMA work on IoT?');
    expect(reply.confidence).toBeGreaterThanOrEqual(0.5);
    expect(reply.choices).toBeUndefined();
    expect(reply.answer).toContain('IoT');
  });

  it('CHOICE_THRESHOLD=0.99: a question given choices by default is escalated instead; 0.001 offers choices for one escalated by default', async () => {
    const strict = await start({ CHOICE_THRESHOLD: '0.99' });
    expect(await chat(strict, 'Does OMA work on IoT?')).toMatchObject({ escalated: true, escalationId: expect.any(String) });
    const loose = await start({ CHOICE_THRESHOLD: '0.001' });
    const reply = await chat(loose, 'What are the membership fees?');
    expect(reply.escalated).toBe(false);
    expect(reply.escalationId).toBeUndefined();
    expect(reply.choices?.length).toBeGreaterThan(0);
  });
});

describe('the prebuilt index on the real server', () => {
  it('is rebuilt at start when the knowledge changed after it, and used as it is when fresh', async () => {
    const knowledge = join(dir, 'library-knowledge');
    cpSync(LIBRARY_KNOWLEDGE, knowledge, { recursive: true });
    const indexPath = join(dir, 'library-index.json');
    // An index of this version but from other pages, written before the knowledge.
    writeFileSync(indexPath, readFileSync('build/index.json', 'utf8'));
    utimesSync(indexPath, 1_600_000_000, 1_600_000_000);
    const env = { KNOWLEDGE_DIR: knowledge, INDEX_PATH: indexPath };
    const first = await start(env);
    expect(first.output()).toContain('"indexRebuilt":true');
    const reply = (await (
      await fetch(`${first.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"message":"When was the library opened?"}',
      })
    ).json()) as { answer: string; choices?: { answer: string }[] };
    expect(reply.choices?.[0]?.answer ?? reply.answer).toContain('1987');
    first.child.kill('SIGTERM');
    const second = await start(env);
    expect(second.output()).toContain('"indexRebuilt":false');
  });
});

describe('retention on the real server', () => {
  const DAY = 24 * 60 * 60 * 1000;
  async function leaveTraces(path: string, tag: string, ageDays: number) {
    const store = openSqliteStore(path);
    const at = Date.now() - ageDays * DAY;
    const conversationId = `conv-retention-${tag}`;
    const { escalationId } = await store.recordTurn(
      { conversationId, question: `Who is the CEO? (${tag})`, answer: 'passing on', escalated: true, confidence: 0 },
      undefined,
      at,
    );
    await store.forwardEscalation(escalationId!, { email: `${tag}@example.com` }, { to: 'helpdesk@omaorg.org', subject: tag, text: 't' }, at);
    await store.close!();
    return { conversationId, escalationId: escalationId! };
  }
  const exists = async (path: string, escalationId: string) => {
    const store = openSqliteStore(path);
    try {
      return (await store.getEscalation(escalationId)) !== undefined;
    } finally {
      await store.close!();
    }
  };

  it('purges what is older than RETENTION_DAYS at start and then every hour, keeping what is newer', async () => {
    const path = join(dir, 'retention.db');
    const before = await leaveTraces(path, 'before-start', 40);
    const recent = await leaveTraces(path, 'recent', 10);
    // One hour is 3 s in this server (test/entry/short-hour.mjs).
    const s = await start({ DATABASE_PATH: path, RETENTION_DAYS: '30', SHORT_HOUR_MS: '3000' }, ['./test/entry/short-hour.mjs']);
    // At start: gone by the time the server answers, long before the first "hour".
    expect(await exists(path, before.escalationId)).toBe(false);
    // Left while the server runs: gone at the next hourly run.
    const later = await leaveTraces(path, 'while-running', 31);
    await expect.poll(() => exists(path, later.escalationId), { timeout: 10_000, interval: 200 }).toBe(false);
    expect(await exists(path, recent.escalationId)).toBe(true);
    // The log line follows the purge it reports, and on a loaded machine
    // another "hour" may pass meanwhile: wait for the two runs, not exactly two.
    const purges = () => s.output().match(/"msg":"retention purge"/g)?.length ?? 0;
    await expect.poll(purges, { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(2);
  });
});
