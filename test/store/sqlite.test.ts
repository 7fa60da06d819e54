// The store contract on a real SQLite file, plus what only a file can show:
// data survives reopening and a killed process, migrations run once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { storeContract } from './contract.js';
import { suggestionContract } from './suggestions-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'faq-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `db-${++n}`, 'faq.db'); // a missing folder: the store creates it

storeContract('sqlite', () => openSqliteStore(freshPath()));
suggestionContract('sqlite', () => openSqliteStore(freshPath()));

describe('SQLite store on disk', () => {
  it('keeps escalations, contacts and staff answers after reopening the file', async () => {
    const path = freshPath();
    const a = openSqliteStore(path);
    const { escalationId } = await a.recordTurn({ conversationId: 'conv-reopen', question: 'Who is the CEO?', answer: 'x', escalated: true, confidence: 0 });
    await a.forwardEscalation(escalationId!, { email: 'v@example.com' }, { to: 'h@example.org', subject: 's', text: 't' });
    await a.addStaffAnswer({ question: 'Who is the CEO?', answer: 'The General Manager.' });
    await a.close!();
    const b = openSqliteStore(path);
    expect(await b.getEscalation(escalationId!)).toMatchObject({ status: 'forwarded', contact: { email: 'v@example.com' } });
    expect(await b.listOutbox()).toHaveLength(1);
    expect((await b.listStaffAnswers())[0]?.answer).toBe('The General Manager.');
    await b.close!();
  });

  it('records applied migrations in d1_migrations (as wrangler does) and applies each once', async () => {
    const path = freshPath();
    await openSqliteStore(path).close!();
    const s = openSqliteStore(path);
    const rows = s.db.prepare('SELECT id, name, applied_at FROM d1_migrations').all() as { name: string; applied_at: string }[];
    const files = readdirSync('migrations')
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(files[0]).toBe('0001_init.sql');
    // Every file once, in order, although the store was opened twice.
    expect(rows.map((r) => r.name)).toEqual(files);
    expect(rows[0]!.applied_at).toMatch(/^\d{4}-\d\d-\d\d /);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await s.close!();
  });

  it('a write answered before the process is killed (SIGKILL) is there afterwards', async () => {
    const path = freshPath();
    // The child records an escalation, prints its id, then kills itself
    // without closing the database: no checkpoint, no clean shutdown.
    const script = `
      import { openSqliteStore } from ${JSON.stringify(join(process.cwd(), 'src/store/sqlite.ts'))};
      const s = openSqliteStore(${JSON.stringify(path)});
      const { escalationId } = await s.recordTurn({ conversationId: 'conv-crash', question: 'Who is the CEO?', answer: 'x', escalated: true, confidence: 0 });
      await s.forwardEscalation(escalationId, { email: 'v@example.com' }, { to: 'h@example.org', subject: 's', text: 't' });
      process.stdout.write(escalationId, () => process.kill(process.pid, 'SIGKILL'));
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    const id = child.stdout.trim();
    expect(id).toMatch(/^[\w-]{16,}$/);
    const s = openSqliteStore(path);
    expect(await s.getEscalation(id)).toMatchObject({ status: 'forwarded', question: 'Who is the CEO?' });
    expect(await s.listOutbox()).toHaveLength(1);
    await s.close!();
  });
});
