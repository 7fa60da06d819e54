// README "Make it yours", followed by a test: another organisation's
// knowledge folder (the town museum: site.yml, pages, messages, smalltalk) in
// a temporary directory, KNOWLEDGE_DIR and a fresh DATABASE_PATH there, and
// the real Node server (src/entry/node.ts). Nothing else is set or changed —
// no HELPDESK_EMAIL, ALLOWED_ORIGINS or INDEX_PATH, no file outside the
// knowledge folder — and what visitors and staff see is the museum's.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPathFor } from '../../src/pipeline/read-index.js';
import { freePort, SERVER_NODE_FLAGS } from '../../scripts/lib/server.js';

const MUSEUM = 'https://www.aldermoormuseum.org';
const HELPDESK = 'enquiries@aldermoormuseum.org';
// Random, as `openssl rand -hex 32` makes one (a token of words is refused at start-up).
const TOKEN = '9c41e7b0a25f83d6c1e94a7b2f05d8c36a1e9f4b7d20c5a8e3f61b9d4c7a02e5';

const dir = mkdtempSync(join(tmpdir(), 'faq-yours-'));
const knowledge = join(dir, 'knowledge');
cpSync('test/fixtures/holdout/town-museum/knowledge', knowledge, { recursive: true });

let child: ChildProcess | undefined;
let url = '';
let output = '';

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // The deployment's own variables only: none of the service's settings
  // leak in from the environment the tests run in.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(HELPDESK_EMAIL|ALLOWED_ORIGINS|INDEX_PATH|MAIL_FROM|DATABASE_PATH|KNOWLEDGE_DIR|ALLOW_SITE_CHANGE)$/.test(k),
    ),
  );
  child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'src/entry/node.ts'], {
    env: { ...env, KNOWLEDGE_DIR: knowledge, DATABASE_PATH: join(dir, 'data', 'faq.db'), ADMIN_TOKEN: TOKEN, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      /* starting */
    }
    if (Date.now() > deadline) throw new Error(`server did not start in 60 s: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 90_000);

afterAll(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  // The server built the folder's index where it keeps one per knowledge folder.
  rmSync(indexPathFor(knowledge), { force: true });
});

interface ChatReply {
  conversationId: string;
  answer: string;
  escalated: boolean;
  sources: { title: string; url: string }[];
  escalationId?: string;
  choices?: { id: string; answer: string; sources: { title: string; url: string }[] }[];
}
const chat = async (message: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ message }),
  });
  expect(res.status).toBe(200);
  return { res, body: (await res.json()) as ChatReply };
};
const OMA = /OMA|SpecWorks|omaorg/i;

describe("another organisation's bot from its knowledge folder alone", () => {
  it('built its own index, not the shipped one', () => {
    expect(output).toContain('"indexRebuilt":true');
    expect(existsSync(indexPathFor(knowledge))).toBe(true);
    expect(indexPathFor(knowledge)).not.toBe(indexPathFor('knowledge'));
  });

  it("GET /api/widget/config: the museum's title, greeting, helpdesk and texts", async () => {
    const res = await fetch(`${url}/api/widget/config`);
    const config = (await res.json()) as { title: string; greeting: string; helpdesk: string; texts: Record<string, string> };
    expect(config.title).toBe('Aldermoor Museum help');
    expect(config.greeting).toBe('Hello! I can help with opening times, tickets, tours, access, school visits and donating objects to Aldermoor Museum.');
    expect(config.helpdesk).toBe(HELPDESK);
    expect(JSON.stringify(config)).not.toMatch(OMA);
  });

  it("POST /api/chat answers from the museum's pages, with absolute museum URLs at the quoted sentence", async () => {
    for (const [question, quote, page] of [
      ['When was the Corn Exchange built?', 'The Corn Exchange was built in 1856', '/about#from-grain-to-galleries'],
      ['Is entry to the café free?', 'the Weighhouse Café and the shop is free', '/visit#plan-your-visit'],
    ] as const) {
      const { body } = await chat(question);
      expect(body.escalated).toBe(false);
      // A new site's pages, not yet taught: quoted, or offered first among choices.
      const first = body.choices?.[0] ?? body;
      expect(first.answer).toContain(quote);
      expect(first.sources[0]!.url.startsWith(`${MUSEUM}${page}:~:text=`)).toBe(true);
    }
  });

  it("small talk is the museum's (smalltalk.yml)", async () => {
    expect((await chat('hello')).body.answer).toBe(
      'Hello, and welcome to Aldermoor Museum! Ask me about opening times, tickets, tours, access or school visits.',
    );
  });

  it("an escalation names the museum's helpdesk, in its own words (messages.yml), and the helpdesk mail goes there", async () => {
    const { body } = await chat('Is there free wifi in the museum?');
    expect(body.escalated).toBe(true);
    expect(body.answer).toBe(
      `I'm afraid that isn't covered on our website, so I've passed your question to our front-of-house team at ${HELPDESK}. Please leave your e-mail address and someone will get back to you.`,
    );
    expect(body.sources).toEqual([{ title: 'Aldermoor Museum enquiries', url: `mailto:${HELPDESK}` }]);
    const contact = await fetch(`${url}/api/escalations/${body.escalationId}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'visitor@example.com' }),
    });
    expect(contact.status).toBe(202);
    const outbox = (await (await fetch(`${url}/api/admin/outbox`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { items: { to: string }[] };
    expect(outbox.items.map((m) => m.to)).toEqual([HELPDESK]);
  });

  it("the widget on the museum's own site may call the API (its origin and the www twin), no other site", async () => {
    for (const origin of [MUSEUM, 'https://aldermoormuseum.org']) {
      expect((await chat('hello', { origin })).res.headers.get('access-control-allow-origin')).toBe(origin);
    }
    expect((await chat('hello', { origin: 'https://omaspecworks.org' })).res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the demo page names the museum, and its curl line is this server (its port)', async () => {
    const html = await (await fetch(`${url}/`)).text();
    expect(html).toContain('<title>Aldermoor Museum FAQ assistant</title>');
    expect(html).toContain("about Aldermoor Museum from the site's");
    expect(html).toContain(`curl -s ${url}/api/chat`);
    expect(html).not.toMatch(OMA);
  });

  it('the staff sign-in and the staff header name the museum', async () => {
    const login = await (await fetch(`${url}/admin`, { headers: { accept: 'text/html' } })).text();
    expect(login).toContain('Aldermoor Museum FAQ assistant — staff sign-in');
    const signIn = await fetch(`${url}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
      body: new URLSearchParams({ token: TOKEN }).toString(),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await fetch(`${url}/admin`, { headers: { cookie } })).text();
    expect(page).toContain('<span class="brand">Aldermoor Museum FAQ assistant');
    expect(page).not.toMatch(OMA);
  });

  it("the database is the museum's", async () => {
    expect(existsSync(join(dir, 'data', 'faq.db'))).toBe(true);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dir, 'data', 'faq.db'), { readonly: true });
    try {
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'site:origin'`).get()).toEqual({ value: MUSEUM });
    } finally {
      db.close();
    }
  });
});
