// Imported page titles without the site's name: "Memberships | Fenwick Pool"
// would otherwise open every source link the bot shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteSuffixes, withoutSiteSuffix } from '../../src/import/titles.js';
import { serveFixtureSite, type FixtureSite } from './fixture-site.js';
import { importInto, tempKnowledge } from './knowledge-dir.js';

const html = (title: string, extraHead = '') =>
  `<!DOCTYPE html><html><head><title>${title}</title>${extraHead}</head><body><main><h1>Welcome</h1><p>The pool opens at seven on weekdays and at eight at weekends, all year round.</p></main></body></html>`;
const titleOf = (dir: string, file: string) => (matter(readFileSync(join(dir, 'pages', file), 'utf8')).data as { title: string }).title;

describe('withoutSiteSuffix', () => {
  it.each([
    ['Memberships | Fenwick Pool', 'Memberships'],
    ['Memberships – Fenwick Pool', 'Memberships'],
    ['Memberships - Fenwick Pool', 'Memberships'],
    ['Memberships — fenwick  pool', 'Memberships'],
    ['Fenwick Pool', 'Fenwick Pool'],
    ['Wi-Fi at Fenwick Pool', 'Wi-Fi at Fenwick Pool'],
    ['Swimming - for adults', 'Swimming - for adults'],
  ])('%s → %s', (title, expected) => {
    expect(withoutSiteSuffix(title, siteSuffixes([], ['Fenwick Pool']))).toBe(expected);
  });

  it("takes off the last part most of a source's titles share, whatever site.yml calls the site", () => {
    const titles = ['Parties — Fenwick Leisure', 'Memberships — Fenwick Leisure', 'Fenwick Leisure', 'Opening times - Summer'];
    const suffixes = siteSuffixes(titles, ['OMA SpecWorks']);
    expect(titles.map((t) => withoutSiteSuffix(t, suffixes))).toEqual(['Parties', 'Memberships', 'Fenwick Leisure', 'Opening times - Summer']);
  });
});

describe('imported titles', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await serveFixtureSite(0);
  });
  afterAll(() => site.close());
  const serve = (path: string, body: string) => site.route(path, (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body));

  it("drop site.yml's name, og:site_name, and the suffix a sitemap's pages share", async () => {
    serve('/memberships/', html('Memberships | OMA SpecWorks'));
    serve('/lessons/', html('Swimming lessons - Fenwick Leisure', '<meta property="og:site_name" content="Fenwick Leisure">'));
    serve('/parties/', html('Parties — Fenwick Pool'));
    serve('/cafe/', html('Café — Fenwick Pool'));
    site.route('/titles-sitemap.xml', (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(`<urlset><url><loc>${site.origin}/parties/</loc></url><url><loc>${site.origin}/cafe/</loc></url></urlset>`),
    );
    const dir = tempKnowledge();
    await importInto(dir, [`${site.origin}/memberships/`, `${site.origin}/lessons/`, `${site.origin}/titles-sitemap.xml`]);
    expect(titleOf(dir, 'memberships.md')).toBe('Memberships');
    expect(titleOf(dir, 'lessons.md')).toBe('Swimming lessons');
    expect(titleOf(dir, 'parties.md')).toBe('Parties');
    expect(titleOf(dir, 'cafe.md')).toBe('Café');
  });
});
