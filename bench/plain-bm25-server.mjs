// The reference for what a chat turn's HTTP work costs around a minimal
// answer: the same stack as the real server (Node, @hono/node-server, Hono,
// the same flags), POST /api/chat parsing a JSON body, a plain BM25 search
// (MiniSearch over the passages' text, nothing else) and the best passage
// returned as JSON — no analysis, no decision, no database, no log. Started
// by `npm run bench` with the real server's flags; chat / plain-BM25 is then
// what the product's own work costs per turn. Plain JavaScript, so it runs
// without a build: `node bench/plain-bm25-server.mjs` (PORT, INDEX_PATH).
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import MiniSearch from 'minisearch';

const index = JSON.parse(readFileSync(process.env.INDEX_PATH ?? 'build/index.json', 'utf8'));
const search = new MiniSearch({ fields: ['text'], storeFields: ['text', 'url'] });
search.addAll(index.passages.map((p, id) => ({ id, text: p.text, url: p.url })));

const app = new Hono();
app.get('/healthz', (c) => c.json({ ok: true }));
app.post('/api/chat', async (c) => {
  const body = await c.req.json();
  if (typeof body?.message !== 'string' || body.message.length > 1000) return c.json({ error: 'message must be text' }, 400);
  const [best] = search.search(body.message);
  return c.json(best ? { answer: best.text, sources: [{ url: best.url }], escalated: false } : { answer: '', escalated: true });
});
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8788), hostname: process.env.HOST ?? '127.0.0.1' });
