// One database per site on Workers: the D1 database records the site it first
// served; an isolate whose bundled knowledge is another site's answers every
// request 503 {"error"} and logs one line naming both origins and the way out.
import { createExecutionContext, env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../src/entry/worker.js';
import index from '../../build/index.json' with { type: 'json' };

const SITE = (index as { site: { origin: string } }).site.origin;
const OTHER = 'https://www.aldermoormuseum.org';

// A fresh bindings object is a fresh isolate to the Worker (its instance is kept per env).
const call = (path: string, bindings: Record<string, unknown> = {}) =>
  worker.fetch(new Request(`https://faq.test${path}`), { ...env, ...bindings } as never, createExecutionContext());
const recorded = async () => (await env.DB.prepare(`SELECT value FROM meta WHERE key = 'site:origin'`).first<{ value: string }>())?.value;
const record = (origin: string) =>
  env.DB.prepare(`INSERT INTO meta (key, value) VALUES ('site:origin', ?1) ON CONFLICT (key) DO UPDATE SET value = ?1`).bind(origin).run();

function logged() {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => {
    lines.push(String(m));
  });
  return { lines, restore: () => spy.mockRestore() };
}

afterEach(async () => {
  await record(SITE);
});

describe('one database per site on Workers', () => {
  it("a fresh database is recorded as the bundled site's on the first request", async () => {
    await env.DB.prepare(`DELETE FROM meta WHERE key = 'site:origin'`).run();
    expect((await call('/healthz')).status).toBe(200);
    expect(await recorded()).toBe(SITE);
  });

  it('another site\'s database: 503 {"error"} on every request, the line logged once', async () => {
    await record(OTHER);
    const log = logged();
    try {
      const bindings = {};
      const first = await call('/healthz', bindings);
      expect(first.status).toBe(503);
      expect(await first.json()).toEqual({ error: expect.stringContaining('misconfigured') });
      const lines = log.lines.filter((l) => l.includes('belongs to'));
      expect(lines).toHaveLength(1);
      const { msg } = JSON.parse(lines[0]!) as { msg: string };
      expect(msg).toBe(
        `The D1 database bound as DB belongs to ${OTHER}, but the knowledge (site.yml) is for ${SITE}: ` +
          `for a new site, create a D1 database for it (wrangler d1 create NAME) and put its database_id in wrangler.toml; ` +
          `if ${OTHER} merely moved to ${SITE}, set ALLOW_SITE_CHANGE=${OTHER} (once)`,
      );
      expect(await recorded()).toBe(OTHER);
    } finally {
      log.restore();
    }
  });

  it('the same isolate keeps refusing without asking D1 again or logging again', async () => {
    await record(OTHER);
    const log = logged();
    try {
      const isolate = { ...env };
      for (const path of ['/healthz', '/api/widget/config', '/']) {
        expect((await worker.fetch(new Request(`https://faq.test${path}`), isolate as never, createExecutionContext())).status).toBe(503);
      }
      expect(log.lines.filter((l) => l.includes('belongs to'))).toHaveLength(1);
    } finally {
      log.restore();
    }
  });

  it('ALLOW_SITE_CHANGE naming the recorded origin hands the database to the bundled site', async () => {
    await record(OTHER);
    expect((await call('/healthz', { ALLOW_SITE_CHANGE: 'https://elsewhere.example' })).status).toBe(503);
    expect((await call('/healthz', { ALLOW_SITE_CHANGE: OTHER })).status).toBe(200);
    expect(await recorded()).toBe(SITE);
  });
});
