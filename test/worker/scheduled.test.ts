// The cron trigger (worker.scheduled) on another site's D1 database: it must
// neither send that site's mail nor purge its data — the same refusal as
// every request gets (test/worker/site.test.ts), checked before any work.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import worker from '../../src/entry/worker.js';
import { createSqlStore } from '../../src/store/sql-store.js';
import index from '../../build/index.json' with { type: 'json' };

const SITE = (index as { site: { origin: string } }).site.origin;
const OTHER = 'https://www.aldermoormuseum.org';
const STRONG = '6b2e9d4f1a8c7e3b5d0f2a9c6e4b8d1f3a7c5e9b2d6f0a4c8e1b3d7f5a9c2e6b';
const DAY = 24 * 60 * 60 * 1000;

const record = (origin: string) =>
  env.DB.prepare(`INSERT INTO meta (key, value) VALUES ('site:origin', ?1) ON CONFLICT (key) DO UPDATE SET value = ?1`).bind(origin).run();
// A fresh bindings object is a fresh isolate to the Worker (its instance is kept per env).
const mailEnv = () => ({ ...env, ADMIN_TOKEN: STRONG, MAIL_API_URL: 'https://mail.example/emails', MAIL_API_TOKEN: 'mail-token', RATE_LIMIT_PER_MINUTE: '0' });

let sent: string[] = [];
let errors: string[] = [];
beforeEach(() => {
  sent = [];
  errors = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    sent.push(String(input));
    return Response.json({ id: `m-${sent.length}` });
  });
  vi.spyOn(console, 'error').mockImplementation((m: string) => {
    errors.push(String(m));
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await record(SITE);
});

/** A mail due for sending and a transcript past retention, as the cron trigger finds them. */
async function workForTheCron(tag: string) {
  const store = createSqlStore(env.DB);
  const { escalationId } = await store.recordTurn({
    conversationId: `conv-${tag}`,
    question: `Who is the CEO? (${tag})`,
    answer: 'x',
    escalated: true,
    confidence: 0,
  });
  await store.forwardEscalation(
    escalationId!,
    { email: `${tag}@example.com` },
    { to: 'helpdesk@omaorg.org', subject: `Question ${tag}`, text: 't' },
    Date.now() - 60_000,
  );
  await store.recordTurn({ conversationId: `conv-${tag}-old`, question: 'What is OMA?', answer: 'x', escalated: false, confidence: 1 });
  await env.DB.prepare('UPDATE turns SET created_at = ? WHERE conversation_id = ?')
    .bind(Date.now() - 200 * DAY, `conv-${tag}-old`)
    .run();
  return { store, escalationId: escalationId! };
}

async function cron(e: ReturnType<typeof mailEnv>) {
  const ctx = createExecutionContext();
  await worker.scheduled({}, e as never, ctx);
  await waitOnExecutionContext(ctx);
}

describe('the cron trigger on a database that belongs to another site', () => {
  it('sends none of its mail and purges none of its data, and says why once', async () => {
    const { store, escalationId } = await workForTheCron('other');
    await record(OTHER);
    await cron(mailEnv());
    expect(sent).toEqual([]);
    expect((await store.listOutbox()).find((m) => m.escalationId === escalationId)).toMatchObject({ status: 'pending' });
    expect(await store.transcript('conv-other-old')).toHaveLength(1);
    expect(errors.filter((l) => l.includes(`belongs to ${OTHER}`))).toHaveLength(1);
  });

  it('on its own site the same run sends and purges (so the refusal above is the check, not a broken run)', async () => {
    const { store, escalationId } = await workForTheCron('own');
    await cron(mailEnv());
    expect(sent).toContain('https://mail.example/emails');
    expect((await store.listOutbox()).find((m) => m.escalationId === escalationId)).toMatchObject({ status: 'sent' });
    expect(await store.transcript('conv-own-old')).toEqual([]);
  });
});
