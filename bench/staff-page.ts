// GET /admin with thousands of open questions: the staff page groups them by
// wording (near-linear, see src/admin/groups.ts) and shows one page. Measured
// in-process on a real SQLite file, after the store is filled the way visitors
// fill it (one escalated turn per question, terms stored with it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { createEngine } from '../src/engine/engine.js';
import type { BuiltIndex } from '../src/engine/types.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { unanswerable } from '../scripts/lib/questions.js';
import { median } from './stats.js';

export async function benchStaffPage(index: BuiltIndex, open = 5000, runs = 7) {
  const dir = mkdtempSync(join(tmpdir(), 'faq-bench-staff-'));
  const store = openSqliteStore(join(dir, 'faq.db'));
  const engine = createEngine(index);
  for (let i = 0; i < open; i++) {
    const question = `${unanswerable(i)} (${['membership', 'fees', 'office', 'ceo', 'versions'][i % 5]} ${i})`;
    const terms = engine
      .query(question)
      .terms.map((t) => t.term)
      .join(' ');
    await store.recordTurn({ conversationId: `bench-${i}`, question, answer: 'escalated', escalated: true, confidence: 0, terms, clientKey: `c${i % 400}` });
  }
  const token = 'bench-admin-token-0123456789abcdef0123';
  const app = createApp({ engine, store, config: { adminToken: token, rateLimitPerMinute: 0 } });
  const login = await app.request('/admin/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    body: `token=${token}`,
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const res = await app.request('/admin', { headers: { cookie } });
    bytes = (await res.text()).length;
    ms.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`GET /admin answered ${res.status}`);
  }
  await store.close?.();
  rmSync(dir, { recursive: true, force: true });
  return { open, p50Ms: +median(ms).toFixed(1), maxMs: +Math.max(...ms).toFixed(1), htmlBytes: bytes };
}
