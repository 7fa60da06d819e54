// A site that is broken or hostile must not crash the import, make it read
// without bound, reach beyond the site, or write outside the knowledge
// folder; and one bad page must never cost the others (Hardening III, rows
// 12, 14 and 15, and the page-file traversal survivor).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NESTING } from '../../src/import/html-to-markdown.js';
import { MAX_SEGMENT_BYTES } from '../../src/import/page-file.js';
import { MAX_SITEMAP_BYTES, MAX_SITEMAP_PAGES } from '../../src/import/sitemap.js';
import { readState } from '../../src/import/state.js';
import { serveFixtureSite, SITE_OMA, type FixtureSite } from './fixture-site.js';
import { importInto, tempContent, tempDir, tempKnowledge } from './knowledge-dir.js';

const MB = 1024 * 1024;
const page = (title: string, body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
const ABOUT_HTML = readFileSync(join(SITE_OMA, 'html/omaspecworks/about/index.html'), 'utf8');

describe('a hostile or broken site', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await serveFixtureSite(0);
  });
  afterAll(() => site.close());
  const about = () => `${site.origin}/omaspecworks/about/`;
  const serve = (path: string, html: string) =>
    site.route(path, (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html.replaceAll('{origin}', site.origin)));
  const sitemap = (path: string, urls: string[]) =>
    site.route(path, (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset>${urls.map((u) => `<url><loc>${u}</loc></url>`).join('')}</urlset>`),
    );

  describe('row 12: a sitemap that inflates', () => {
    it('a gzip of spaces served as sitemap.xml (no Content-Encoding) fails that source at the cap, in bounded memory; the other sources import', async () => {
      // 64 MB of spaces in 66 KB: gzip members concatenated, as gunzip reads them all.
      const member = gzipSync(Buffer.alloc(MB, ' '), { level: 9 });
      const bomb = Buffer.concat(Array.from({ length: 64 }, () => member));
      expect(bomb.length).toBeLessThan(MB);
      site.route('/bomb/sitemap.xml', (_req, res) => res.writeHead(200, { 'content-type': 'application/xml' }).end(bomb));
      const url = `${site.origin}/bomb/sitemap.xml`;
      const content = tempContent();
      // Warmed up first: the first import in a process loads the language model.
      await importInto(tempKnowledge(), [content]);
      const rssBefore = process.memoryUsage().rss;
      const report = await importInto(tempKnowledge(), [content, url]);
      const grew = process.memoryUsage().rss - rssBefore;
      expect(report.pages.failed).toEqual([
        { source: url, from: url, reason: `sitemap ${url} is larger than ${MAX_SITEMAP_BYTES / MB} MB once decompressed, the import's cap for a sitemap` },
      ]);
      expect(report.pages.written).toEqual(['pages/omaspecworks/about.md']);
      // Before the cap: 64 MB inflated, then parsed (+190 MB); 2.2 GB crashed V8.
      expect(grew).toBeLessThan(48 * MB);
    });

    it('a local sitemap.xml.gz that inflates past the cap is refused the same way', async () => {
      const file = join(tempDir('sitemap'), 'sitemap.xml.gz');
      writeFileSync(file, gzipSync(Buffer.alloc(MAX_SITEMAP_BYTES + 1, ' ')));
      const report = await importInto(tempKnowledge(), [tempContent(), file]);
      expect(report.pages.failed).toEqual([expect.objectContaining({ from: file, reason: expect.stringContaining('once decompressed') })]);
    });
  });

  describe('row 14: robots.txt is read from the site only', () => {
    it('a robots.txt redirecting to another host (127.0.0.1:other port) is not followed, and nothing on the site is fetched', async () => {
      const internal: string[] = [];
      const inside = createServer((req: IncomingMessage, res) => {
        internal.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      });
      await new Promise<void>((ready) => inside.listen(0, '127.0.0.1', ready));
      const insideOrigin = `http://127.0.0.1:${(inside.address() as AddressInfo).port}`;
      const other = await serveFixtureSite(0);
      other.route('/robots.txt', (_req, res) => res.writeHead(302, { location: `${insideOrigin}/internal` }).end());
      const lines: string[] = [];
      try {
        const report = await importInto(tempKnowledge(), [tempContent(), `${other.origin}/omaspecworks/about/`], { log: (l) => lines.push(l) });
        expect(internal).toEqual([]);
        expect(other.requests.map((r) => r.path)).toEqual(['/robots.txt']);
        expect(report.pages.skipped).toEqual([expect.objectContaining({ reason: expect.stringContaining('robots.txt') })]);
        expect(lines).toContain(`robots.txt of ${other.origin} redirects off the site to ${insideOrigin}/internal: not followed, nothing there is fetched`);
      } finally {
        await other.close();
        await new Promise((done) => inside.close(done));
      }
    });

    it('a robots.txt redirecting within the site is still followed', async () => {
      const other = await serveFixtureSite(0);
      other.route('/robots.txt', (_req, res) => res.writeHead(301, { location: '/robots-real.txt' }).end());
      other.route('/robots-real.txt', (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /omaspecworks/\n'));
      try {
        const report = await importInto(tempKnowledge(), [tempContent(), `${other.origin}/omaspecworks/about/`]);
        expect(other.requests.map((r) => r.path)).toEqual(['/robots.txt', '/robots-real.txt']);
        expect(report.pages.skipped).toEqual([expect.objectContaining({ reason: expect.stringContaining('disallowed by robots.txt') })]);
      } finally {
        await other.close();
      }
    });
  });

  describe('row 15: one bad page never fails the source or leaves state.json stale', () => {
    it('a 300-character path segment gets a shortened file name with a hash, and state.json records it', async () => {
      const long = 'a'.repeat(300);
      serve(`/long/${long}/`, ABOUT_HTML);
      serve(`/long/${long}b/`, ABOUT_HTML);
      const dir = tempKnowledge();
      const report = await importInto(dir, [about(), `${site.origin}/long/${long}/`, `${site.origin}/long/${long}b/`]);
      expect(report.pages.failed).toEqual([]);
      const long1 = report.pages.written.filter((f) => f.startsWith('pages/long/'));
      expect(long1).toHaveLength(2);
      for (const f of long1) {
        expect(basename(f)).toMatch(/^a+-[0-9a-f]{12}\.md$/);
        expect(Buffer.byteLength(basename(f, '.md'))).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
        expect(existsSync(join(dir, f))).toBe(true);
      }
      expect(
        readState(dir)!
          .pages.map((p) => p.file)
          .sort(),
      ).toEqual(['pages/omaspecworks/about.md', ...long1].sort());
    });

    it('a page that cannot be written is reported FAILED; the others are written and state.json is updated', async () => {
      const dir = tempKnowledge();
      // A file where the page's folder would go: mkdir fails for that page only.
      mkdirSync(join(dir, 'pages'));
      writeFileSync(join(dir, 'pages/blocked'), 'not a folder');
      serve('/blocked/page/', ABOUT_HTML);
      sitemap('/mixed-sitemap.xml', [`${site.origin}/blocked/page/`, about()]);
      const report = await importInto(dir, [`${site.origin}/mixed-sitemap.xml`]);
      expect(report.pages.failed).toEqual([
        expect.objectContaining({ from: `${site.origin}/blocked/page/`, reason: expect.stringContaining('pages/blocked/page.md could not be written') }),
      ]);
      expect(report.pages.written).toEqual(['pages/omaspecworks/about.md']);
      expect(readState(dir)!.pages.map((p) => p.file)).toEqual(['pages/omaspecworks/about.md']);
    });

    it('a page whose fetch throws (a redirect to an unparsable Location) fails alone; the rest of its sitemap imports', async () => {
      site.route('/bad-redirect/', (_req, res) => res.writeHead(302, { location: 'http://[' }).end());
      sitemap('/bad-redirect-sitemap.xml', [`${site.origin}/bad-redirect/`, about()]);
      const dir = tempKnowledge();
      const report = await importInto(dir, [`${site.origin}/bad-redirect-sitemap.xml`]);
      expect(report.pages.failed).toEqual([
        expect.objectContaining({ from: `${site.origin}/bad-redirect/`, reason: expect.stringContaining('could not be imported: Invalid URL') }),
      ]);
      expect(report.pages.written).toEqual(['pages/omaspecworks/about.md']);
      expect(readState(dir)!.pages.map((p) => p.file)).toEqual(['pages/omaspecworks/about.md']);
    });

    it('a page of 3 000 nested elements imports, flattened below the cap, and the rest of its sitemap imports too', async () => {
      const depth = 3000;
      const deep = page(
        'Deep page',
        `<p>The pool opens at seven on weekdays and at eight at weekends.</p>${'<div>'.repeat(depth)}<p>Lockers take a one pound coin that you get back.</p><p>Towels can be hired at the desk.</p>${'</div>'.repeat(depth)}`,
      );
      serve('/deep/', deep);
      sitemap('/deep-sitemap.xml', [`${site.origin}/deep/`, about()]);
      const dir = tempKnowledge();
      const lines: string[] = [];
      const report = await importInto(dir, [`${site.origin}/deep-sitemap.xml`], { log: (l) => lines.push(l) });
      expect(report.pages.failed).toEqual([]);
      expect(report.pages.written.sort()).toEqual(['pages/deep.md', 'pages/omaspecworks/about.md']);
      const text = readFileSync(join(dir, 'pages/deep.md'), 'utf8');
      expect(text).toContain('The pool opens at seven on weekdays');
      expect(text).toMatch(/Lockers take a one pound coin that you get back\.\n\nTowels can be hired at the desk\./);
      expect(lines.find((l) => l.includes('/deep/'))).toContain(`nested deeper than ${MAX_NESTING} elements: flattened`);
    });

    it(`a sitemap of 20 000 pages is cut to the first ${MAX_SITEMAP_PAGES} before anything is fetched, with a line naming the cap`, async () => {
      const dir = tempKnowledge();
      const url = `${site.origin}/huge-sitemap.xml`;
      sitemap('/huge-sitemap.xml', [about()]);
      await importInto(dir, [url]);
      // /private/ is disallowed by robots.txt, so listing them costs no request: the cap is what is counted.
      const privates = Array.from({ length: 20_000 }, (_, i) => `${site.origin}/private/p${i}/`);
      sitemap('/huge-sitemap.xml', [...privates, about()]);
      site.requests.length = 0;
      const report = await importInto(dir, [url]);
      expect(report.pages.skipped[0]).toEqual({
        source: url,
        from: url,
        reason: `lists 20001 pages; only the first ${MAX_SITEMAP_PAGES} are imported (the import's cap per sitemap); pages an earlier import brought from the rest are kept as they are`,
      });
      expect(report.pages.skipped).toHaveLength(1 + MAX_SITEMAP_PAGES);
      // The page past the cap is neither fetched nor taken for removed.
      expect(site.requests.map((r) => r.path)).toEqual(['/robots.txt', '/huge-sitemap.xml']);
      expect(report.pages).toMatchObject({ total: 1, deleted: [] });
      expect(report.drift.removed).toEqual([]);
      expect(existsSync(join(dir, 'pages/omaspecworks/about.md'))).toBe(true);
    });
  });

  describe('page-file names cannot climb out of pages/', () => {
    it('/a/..%2F..%2F..%2Fevil is written as pages/a/evil.md, and nothing lands outside the knowledge folder', async () => {
      const root = tempDir('traversal');
      const dir = join(root, 'knowledge');
      mkdirSync(dir);
      writeFileSync(join(dir, 'site.yml'), readFileSync(join(SITE_OMA, 'site.yml')));
      serve('/a/..%2F..%2F..%2Fevil', ABOUT_HTML);
      const report = await importInto(dir, [`${site.origin}/a/..%2F..%2F..%2Fevil`]);
      expect(report.pages.written).toEqual(['pages/a/evil.md']);
      expect(report.pages.failed).toEqual([]);
      expect(existsSync(join(root, 'evil.md'))).toBe(false);
      expect(existsSync(join(dir, 'evil.md'))).toBe(false);
    });
  });
});
