// Importing the site as it is served: through its sitemap, politely. The
// passages made from the HTML must be the passages made from the site's own
// markdown, with none of the page furniture in them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { sentences } from '../../src/nlp/analyse.js';
import { ingest } from '../../src/pipeline/ingest.js';
import { ROBOT_NAME } from '../../src/import/polite-fetch.js';
import { serveFixtureSite, SITE_OMA, type FixtureSite } from './fixture-site.js';
import { importInto, tempKnowledge } from './knowledge-dir.js';

const passagesOf = (dir: string) => ingest(loadKnowledge(dir), sentences);
/** Text of the fixture page's cookie banner, header, breadcrumbs, sidebar and footer. */
const FURNITURE = [
  'We use cookies',
  'Accept all cookies',
  'OMA SpecWorks logo',
  'About Us',
  'Develop with Us',
  'Become a Member',
  'News and Events',
  'Search the site',
  'Latest News',
  'TestFest',
  'Subscribe',
  'Stay informed',
  'webmaster',
  'Quick links',
  'Sitemap',
  'Follow us',
  'All rights reserved',
  'Staff notes',
];

describe('import of HTML pages through a sitemap', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await serveFixtureSite();
  });
  afterAll(() => site.close());

  it('yields the sentences the content folder yields, and no navigation, banner, sidebar or footer text', async () => {
    const fromHtml = tempKnowledge();
    const report = await importInto(fromHtml, [`${site.origin}/sitemap.xml`]);
    expect(report.pages.written).toEqual(['pages/omaspecworks/about.md']);
    const fromSource = tempKnowledge();
    await importInto(fromSource, [join(SITE_OMA, 'content')]);

    const html = passagesOf(fromHtml);
    expect(html.map((p) => p.sentences)).toEqual(passagesOf(fromSource).map((p) => p.sentences));
    for (const p of html) for (const word of FURNITURE) expect(p.text).not.toContain(word);
  });

  it("writes front matter with the title, the page's path on the site and its meta description", async () => {
    const dir = tempKnowledge();
    await importInto(dir, [`${site.origin}/omaspecworks/about/`]);
    const { data, content } = matter(readFileSync(join(dir, 'pages/omaspecworks/about.md'), 'utf8'));
    expect(data).toEqual({
      title: 'About',
      url: '/omaspecworks/about/',
      description: expect.stringContaining('standards development organization'),
    });
    expect(content).toContain('## Intellectual Property Rights');
    expect(content).toMatch(/^\* +\[Collaborate with OMA SpecWorks\]\(\/omaspecworks\/about\/collaborate\)$/m);
    // Addresses are the site's (site.yml origin), not the host it was fetched from.
    expect(loadKnowledge(dir).pages[0]!.url).toBe('https://omaspecworks.org/omaspecworks/about/');
  });

  it('asks "changed since?" on the next import, and a 304 keeps the page as it is', async () => {
    const dir = tempKnowledge();
    await importInto(dir, [`${site.origin}/sitemap.xml`]);
    const file = join(dir, 'pages/omaspecworks/about.md');
    const before = readFileSync(file);
    site.requests.length = 0;
    const second = await importInto(dir, [`${site.origin}/sitemap.xml`]);
    const page = site.requests.find((r) => r.path === '/omaspecworks/about/')!;
    expect(page.headers['if-none-match']).toMatch(/^".+"$/);
    expect(page.headers['if-modified-since']).toBe('Thu, 02 May 2024 09:30:00 GMT');
    expect(page.status).toBe(304);
    expect(second.pages).toMatchObject({ total: 1, written: [], notModified: 1, deleted: [] });
    expect(second.drift.changed).toEqual([]);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('honours robots.txt: a disallowed page is never requested, and is reported as skipped', async () => {
    site.requests.length = 0;
    const dir = tempKnowledge();
    const report = await importInto(dir, [`${site.origin}/sitemap.xml`]);
    expect(site.requests.map((r) => r.path)).toContain('/robots.txt');
    expect(site.requests.some((r) => r.path.startsWith('/private/'))).toBe(false);
    expect(report.pages.skipped).toEqual([
      expect.objectContaining({ from: `${site.origin}/private/staff-notes/`, reason: expect.stringContaining('robots.txt') }),
    ]);
  });

  it('says who is asking, and keeps to two requests at a time', async () => {
    const many = await serveFixtureSite(50);
    const urls = Array.from({ length: 6 }, (_, i) => `<url><loc>${many.origin}/omaspecworks/about/?copy=${i}</loc></url>`).join('');
    many.route('/big-sitemap.xml', (_req, res) => res.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset>${urls}</urlset>`));
    try {
      await importInto(tempKnowledge(), [`${many.origin}/big-sitemap.xml`]);
      expect(many.requests.filter((r) => r.path === '/omaspecworks/about/')).toHaveLength(6);
      expect(many.maxInFlight).toBe(2);
      for (const r of many.requests)
        expect(r.headers['user-agent']).toMatch(new RegExp(`^${ROBOT_NAME}/\\S+ \\(\\+https://omaspecworks.org; .*helpdesk@omaorg.org\\)$`));
    } finally {
      await many.close();
    }
  });

  it('follows redirects within the site only', async () => {
    site.route('/old-about', (_req, res) => res.writeHead(301, { location: '/omaspecworks/about/' }).end());
    site.route('/elsewhere', (_req, res) => res.writeHead(302, { location: 'https://other.example/about' }).end());
    const dir = tempKnowledge();
    const report = await importInto(dir, [`${site.origin}/old-about`, `${site.origin}/elsewhere`]);
    expect(report.pages.written).toEqual(['pages/omaspecworks/about.md']);
    expect(report.pages.skipped).toEqual([
      expect.objectContaining({ from: `${site.origin}/elsewhere`, reason: 'redirects off the site to https://other.example/about' }),
    ]);
  });

  it('keeps the previous page when the site cannot be reached, and times out a page that never answers', async () => {
    const dir = tempKnowledge();
    await importInto(dir, [`${site.origin}/omaspecworks/about/`]);
    site.route('/omaspecworks/about/', () => {
      /* never answers */
    });
    try {
      const report = await importInto(dir, [`${site.origin}/omaspecworks/about/`], { fetch: { timeoutMs: 300 } });
      expect(report.pages.failed).toEqual([expect.objectContaining({ reason: 'timed out' })]);
      expect(report.pages).toMatchObject({ total: 1, deleted: [] });
      expect(report.drift.removed).toEqual([]);
    } finally {
      site.route('/omaspecworks/about/');
    }
  });
});
