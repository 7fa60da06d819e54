// GET /admin with thousands of open questions: the staff page groups them by
// wording (near-linear, see src/admin/groups.ts) and shows one page. Measured
// in-process on a real SQLite file, after the store is filled the way visitors
// fill it (one escalated turn per question, terms stored with it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { createEngine, type Engine } from '../src/engine/engine.js';
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
  const token = '73380e595e83c18101ea9539776e0923cc6b884b2581caf0';
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

/**
 * GET /admin?tab=suggestions with `total` suggestions (visitors' picks) on a
 * real SQLite file, recorded as picks record them (one vote per client, up
 * to ten wordings each, a few votes against): 90 % open, 6 % learned, 3 %
 * accepted, 1 % rejected. Times the first and the last page of the open
 * ones (50 a page, in SQL) and the learned sub-tab, each `runs` times
 * after three unmeasured requests.
 */
export async function benchSuggestionsTab(engine: Engine, total = 5000, runs = 7) {
  const dir = mkdtempSync(join(tmpdir(), 'faq-bench-suggestions-'));
  const store = openSqliteStore(join(dir, 'faq.db'));
  const sentences = Array.from(
    { length: 400 },
    (_, k) => `Sentence ${k} of the pages, which says what OMA SpecWorks members do about topic ${k} and where the working groups publish their results.`,
  );
  for (let i = 0; i < total; i++) {
    const sentence = sentences[i % sentences.length]!;
    const base = `${unanswerable(i)} (${['membership', 'fees', 'office', 'ceo', 'versions'][i % 5]} ${i})`;
    const picks = 1 + (i % 10);
    for (let j = 0; j < picks; j++)
      await store.vote({
        wordingKey: `key-${i}`,
        wording: j === 0 ? base : `${base} — wording ${j}`,
        sentence,
        quote: sentence,
        url: `https://omaspecworks.org/omaspecworks/about#topic-${i % sentences.length}`,
        clientKey: `client-${i}-${j}`,
        verdict: j > 0 && j % 7 === 0 ? -1 : 1,
      });
    const kind = i % 100;
    if (kind < 10) {
      const s = (await store.suggestionFor(`key-${i}`, sentence))!;
      if (kind < 9) await store.acceptSuggestion(s.id, { kind: 'quote', question: s.wording, answer: s.sentence }, kind < 6 ? 'learned' : 'accepted');
      else await store.rejectSuggestion(s.id, { question: s.wording, wrong: s.sentence });
    }
  }
  const counts = await store.countSuggestions();
  const token = '73380e595e83c18101ea9539776e0923cc6b884b2581caf0';
  const app = createApp({ engine, store, config: { adminToken: token, rateLimitPerMinute: 0 } });
  const login = await app.request('/admin/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    body: `token=${token}`,
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const lastOpen = Math.ceil(counts.open / 50);
  // Wall time, and the process's CPU time for the request (what a busy machine's other processes do not inflate).
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const time = async (path: string) => {
    const ms: number[] = [];
    const cpu: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 3; i++) await (await app.request(path, { headers: { cookie } })).text(); // warm-up: JIT, SQLite's page cache
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const c = cpuMs();
      const res = await app.request(path, { headers: { cookie } });
      bytes = (await res.text()).length;
      cpu.push(cpuMs() - c);
      ms.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    }
    return { p50Ms: +median(ms).toFixed(1), maxMs: +Math.max(...ms).toFixed(1), cpuP50Ms: +median(cpu).toFixed(1), htmlBytes: bytes };
  };
  const result = {
    total,
    counts,
    openFirst: await time('/admin?tab=suggestions'),
    openLast: await time(`/admin?tab=suggestions&page=${lastOpen}`),
    learned: await time('/admin?tab=suggestions&status=learned'),
  };
  await store.close?.();
  rmSync(dir, { recursive: true, force: true });
  return result;
}
