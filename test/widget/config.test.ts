// GET /api/widget/config: what the widget says comes from the knowledge set
// (site.yml, messages.yml `widget:`), not from widget/.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createEngine } from '../../src/engine/engine.js';
import { DEFAULT_WIDGET_TEXTS } from '../../src/knowledge/defaults.js';
import { KnowledgeError, loadKnowledge } from '../../src/knowledge/load.js';
import { buildIndex } from '../../src/pipeline/build.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { engineFor, LIBRARY_KNOWLEDGE } from '../helpers/knowledge.js';
import { testApp } from '../http/app-fixture.js';

const get = (app: ReturnType<typeof testApp>, origin?: string) => app.request('/api/widget/config', { headers: origin ? { origin } : {} });

interface Body {
  title: string;
  greeting: string;
  helpdesk: string;
  texts: Record<string, string>;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the library knowledge whose messages.yml gets `extra` appended. */
function libraryWith(extra: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
  dirs.push(dir);
  cpSync(LIBRARY_KNOWLEDGE, dir, { recursive: true });
  writeFileSync(join(dir, 'messages.yml'), `${readFileSync(join(dir, 'messages.yml'), 'utf8')}\n${extra}\n`);
  return dir;
}

describe('GET /api/widget/config', () => {
  it("says the site's title, greeting and helpdesk, and every widget text", async () => {
    const res = await get(testApp());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Body;
    expect(body).toMatchObject({ title: 'OMA SpecWorks help', helpdesk: 'helpdesk@omaorg.org' });
    expect(body.greeting).toMatch(/Ask me about OMA SpecWorks/);
    expect(Object.keys(body.texts).sort()).toEqual(Object.keys(DEFAULT_WIDGET_TEXTS).sort());
    expect(body.texts.send).toBe('Send');
  });

  it('speaks for whichever knowledge set the service runs, with HELPDESK_EMAIL before site.yml', async () => {
    const app = createApp({ engine: engineFor(LIBRARY_KNOWLEDGE), store: openSqliteStore(':memory:'), log: () => {} });
    const body = (await (await get(app)).json()) as Body;
    expect(body.title).toBe('Riverside Library help');
    expect(body.greeting).toMatch(/Riverside Library/);
    expect(body.helpdesk).toBe('desk@riverside-library.example');
    expect(JSON.stringify(body)).not.toMatch(/OMA/);
    const overridden = (await (await get(testApp({ helpdeskEmail: 'support@example.org' }))).json()) as Body;
    expect(overridden.helpdesk).toBe('support@example.org');
  });

  it('takes texts from messages.yml `widget:`, fills {site} and {helpdesk}, and keeps the defaults of the rest', async () => {
    const index = await buildIndex(loadKnowledge(libraryWith('widget:\n  send: Ask the library\n  closed: "{site} closed this one; write to {helpdesk}."')));
    expect(index.messages.widget.send).toBe('Ask the library');
    expect(index.messages.widget.clear).toBe(DEFAULT_WIDGET_TEXTS.clear);
    const app = createApp({ engine: createEngine(index), store: openSqliteStore(':memory:'), log: () => {} });
    const { texts } = (await (await get(app)).json()) as Body;
    expect(texts.send).toBe('Ask the library');
    expect(texts.closed).toBe('Riverside Library closed this one; write to desk@riverside-library.example.');
    expect(texts.forwarded).toContain('{email}'); // the widget fills the visitor's address
    expect(texts.ask).toBe(DEFAULT_WIDGET_TEXTS.ask);
  });

  it('rejects a misspelt widget text, naming the file', () => {
    expect(() => loadKnowledge(libraryWith('widget:\n  sned: Go'))).toThrow(KnowledgeError);
    expect(() => loadKnowledge(libraryWith('widget:\n  sned: Go'))).toThrow(/messages\.yml[\s\S]*sned/);
  });

  it('is CORS-limited like the rest of /api/* and cached for a few minutes', async () => {
    const app = testApp({ allowedOrigins: ['https://member.example'] });
    const allowed = await get(app, 'https://member.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://member.example');
    expect(allowed.headers.get('vary')).toMatch(/origin/i);
    expect(allowed.headers.get('cache-control')).toBe('public, max-age=300');
    const refused = await get(app, 'https://stranger.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});
