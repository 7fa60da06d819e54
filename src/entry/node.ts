// Node entry: reads the environment, loads (or rebuilds) the index, builds
// the app from its parts and serves it. Platform code lives here only.
import { serve } from '@hono/node-server';
import { resolve } from 'node:path';
import { createApp } from '../app.js';
import { createEngine } from '../engine/engine.js';
import { createMemoryStore } from '../store/memory.js';
import { loadOrBuildIndex } from '../pipeline/index-file.js';
import { nlp } from '../nlp/analyse.js';

const env = process.env;
const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

const knowledgeDir = resolve(env.KNOWLEDGE_DIR ?? 'knowledge');
const indexPath = resolve(env.INDEX_PATH ?? 'build/index.json');
const port = num(env.PORT) ?? 8787;
const host = env.HOST ?? '0.0.0.0';
const helpdeskEmail = env.HELPDESK_EMAIL || undefined;

const { index, rebuilt } = loadOrBuildIndex(knowledgeDir, indexPath);
const engine = createEngine(index, {
  ...(helpdeskEmail ? { helpdeskEmail } : {}),
  ...(num(env.ANSWER_THRESHOLD) !== undefined ? { threshold: num(env.ANSWER_THRESHOLD) } : {}),
});
nlp(); // load the language model before the first visitor waits for it
const app = createApp({ engine, store: createMemoryStore(), config: { helpdeskEmail } });

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  console.log(JSON.stringify({ msg: 'listening', url: `http://localhost:${info.port}`, passages: index.passages.length, indexRebuilt: rebuilt }));
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
