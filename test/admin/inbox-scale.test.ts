// The staff inbox when many clients (IPv6 /64s behind a proxy) each leave
// their 20 open questions of ≈1 000 characters: 20 000 open long questions,
// plus a few hundred real ones in visitors' wordings. Every view of the inbox
// answers in under 300 ms — the grouping is bounded by construction (the
// terms stored per question are capped, and only the newest GROUP_WINDOW
// open questions are grouped; older ones are listed one per row, paged in
// SQL) — and nothing is lost: every open question is on some page.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Query } from '../../src/engine/query.js';
import { signature } from '../../src/service/assistant.js';
import { PAGE_SIZE } from '../../src/service/staff.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { testApp } from '../http/app-fixture.js';
import { seeded } from '../helpers/heap.js';
import { SITE_KNOWLEDGE, engineFor } from '../helpers/knowledge.js';

const TOKEN = 'staff-token-for-tests-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const LONG = 20_000;
const engine = engineFor(SITE_KNOWLEDGE);

const next = seeded(7);
const word = () => Array.from({ length: 5 }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join('');

/**
 * What the chat route stores for a message of 165 made-up words: its
 * signature, which the engine builds from one term per word with nothing it
 * also means (the engine's own analysis of 20 000 such messages would take
 * minutes; a few are checked against it below).
 */
function madeUp(): { question: string; terms: string } {
  const words = Array.from({ length: 165 }, word);
  const query = {
    terms: words.map((w, i) => ({ term: w, stem: w, pos: 'NOUN', weight: 1 + (i % 7) / 10, key: true, digits: false, alternatives: [], related: [] })),
  };
  return { question: words.join(' '), terms: signature(query as unknown as Query) };
}

/** Questions the pages do not answer, as visitors dress them: three groups of meaning (120, 120 and 60 questions). */
const REAL = ['What are the membership fees?', 'what are the membership fees', 'Who is the CEO?', 'who is the ceo', 'Is there parking at the office?'];

describe(`the staff inbox with ${LONG} open long questions`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'faq-inbox-'));
  const file = join(dir, 'faq.db');
  let app: ReturnType<typeof testApp>;
  let store: ReturnType<typeof openSqliteStore>;
  const realIds: string[] = [];

  beforeAll(async () => {
    store = openSqliteStore(file);
    // Written as recordTurn writes them (one row per escalation), in one
    // transaction so that seeding takes a second, not minutes.
    const db = new Database(file);
    const insert = db.prepare(
      "INSERT INTO escalations (id, conversation_id, question, status, created_at, terms, client_key) VALUES (?, ?, ?, 'open', ?, ?, ?)",
    );
    const t0 = Date.now() - 60 * 60 * 1000;
    db.transaction(() => {
      for (let i = 0; i < LONG; i++) {
        const { question, terms } = madeUp();
        insert.run(`long-${i}`, `conv-${i}`, question, t0 + i, terms, `client-${i % 1000}`);
      }
    })();
    db.close();
    // Then real wordings, asked after the flood (the newest), grouped as the staff page groups them.
    for (let i = 0; i < 300; i++) {
      const question = REAL[i % REAL.length]!;
      const { escalationId } = await store.recordTurn({
        conversationId: `real-${i}`,
        question,
        answer: 'escalated',
        escalated: true,
        confidence: 0,
        terms: signature(engine.query(question)),
        clientKey: `real-${i}`,
      });
      realIds.push(escalationId!);
    }
    app = testApp({ adminToken: TOKEN }, { store, engine });
  }, 120_000);

  afterAll(async () => {
    await store.close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (path: string) => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const res = await app.request(path, { headers: auth });
    const body = await res.text();
    const used = process.cpuUsage(cpu);
    return { status: res.status, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, body };
  };

  it('stores at most 16 terms (2 000 characters) of a long question, the engine agreeing, and real questions whole', () => {
    const { question, terms } = madeUp();
    const engineTerms = signature(engine.query(question));
    for (const t of [terms, engineTerms]) {
      expect(t.split(' ').length).toBeLessThanOrEqual(16);
      expect(t.length).toBeLessThanOrEqual(2000);
    }
    expect(signature(engine.query('How much does membership cost for a university?'))).toBe('membership~member cost university');
  });

  it('answers every view in under 300 ms', async () => {
    const api = JSON.parse((await get('/api/admin/escalations?status=open')).body) as { pages: number; total: number; counts: { open: number } };
    expect(api.counts.open).toBe(LONG + REAL.length * 60);
    const views = [
      '/admin',
      '/admin?tab=open&page=2',
      `/admin?tab=open&page=${Math.ceil(api.pages / 2)}`,
      `/admin?tab=open&page=${api.pages}`,
      '/admin?tab=open&q=membership',
      '/admin?tab=open&q=qq',
      `/admin/items/${realIds[0]}`,
      '/admin/items/long-5',
      '/api/admin/escalations?status=open&page=3',
      '/api/admin/escalations',
      '/api/admin/escalations?q=abc',
    ];
    const ms: Record<string, number> = {};
    const cpu: Record<string, number> = {};
    for (const path of views) {
      // Three times: a view's first rendering compiles its code, and one GC
      // pause or a busy neighbour can land in any one; the median counts.
      const runs = [await get(path), await get(path), await get(path)].sort((a, b) => a.ms - b.ms);
      expect(runs[1]!.status, path).toBe(200);
      ms[path] = Math.round(runs[1]!.ms);
      cpu[path] = Math.round(runs[1]!.cpuMs);
    }
    console.log(`inbox with ${api.counts.open} open questions, median ms: ${JSON.stringify(ms)}; CPU ms: ${JSON.stringify(cpu)}`);
    for (const [path, t] of Object.entries(ms)) expect(t, path).toBeLessThan(300);
  }, 60_000);

  it('groups the newest questions as before, and lists every open question on some page', async () => {
    const first = JSON.parse((await get('/api/admin/escalations?status=open')).body) as {
      total: number;
      pages: number;
      items: { id: string; question: string; similarCount?: number; similarIds?: string[] }[];
    };
    // The real wordings are the newest: their three groups lead the first page.
    expect(first.items.slice(0, 3).map((i) => i.similarCount)).toEqual([60, 120, 120]);
    // Made-up questions share no words: one row each, grouped (alone) in the
    // window, listed one per row after it — every open question is counted.
    expect(first.total).toBe(3 + LONG);
    const seen = new Set<string>();
    for (const p of [first.pages - 1, first.pages]) {
      const page = JSON.parse((await get(`/api/admin/escalations?status=open&page=${p}`)).body) as { items: { id: string; similarIds?: string[] }[] };
      for (const i of page.items) for (const id of [i.id, ...(i.similarIds ?? [])]) seen.add(id);
    }
    // The last page ends with the oldest question.
    expect(seen.has('long-0')).toBe(true);
    expect(first.pages).toBe(Math.ceil(first.total / PAGE_SIZE));
  }, 60_000);
});
