// GET /widget.js: the one file every embedding site loads, so it must be
// small, cacheable, compressed when the browser accepts it, and loadable
// from other origins.
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { widgetHash, widgetJs } from '../../src/generated/widget.js';
import { pickEncoding } from '../../src/routes/widget.js';
import { createApp } from '../../src/app.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { engineFor, LIBRARY_KNOWLEDGE } from '../helpers/knowledge.js';
import { testApp } from '../http/app-fixture.js';

const app = testApp();
const get = (headers: Record<string, string> = {}, path = '/widget.js') => app.request(path, { headers });
const body = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('GET /widget.js', () => {
  it('is JavaScript that loads on any site', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await body(res)).toString()).toBe(widgetJs);
  });

  it('sends brotli or gzip when accepted, each decoding to the same script', async () => {
    const br = await get({ 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(await body(br)).toString()).toBe(widgetJs);
    const gz = await get({ 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await body(gz)).toString()).toBe(widgetJs);
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
  });

  it('honours q=0 in Accept-Encoding', () => {
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('gzip;q=0')).toBe('identity');
    expect(pickEncoding(undefined)).toBe('identity');
  });

  it('is cached: a day on the plain URL, a year when pinned to the hash, and revalidated by ETag', async () => {
    const res = await get({ 'accept-encoding': 'gzip' });
    expect(res.headers.get('cache-control')).toMatch(/max-age=86400/);
    const etag = res.headers.get('etag')!;
    expect(etag).toContain(widgetHash);
    const again = await get({ 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect((await body(again)).length).toBe(0);
    // Another encoding is another representation: no 304 for the gzip tag.
    expect((await get({ 'accept-encoding': 'br', 'if-none-match': etag })).status).toBe(200);
    const pinned = await get({}, `/widget.js?v=${widgetHash}`);
    expect(pinned.headers.get('cache-control')).toMatch(/max-age=31536000, immutable/);
    expect((await get({}, '/widget.js?v=stale')).headers.get('cache-control')).toMatch(/max-age=86400/);
  });
});

describe('size budget', () => {
  it('is at most 6 KB gzipped', async () => {
    const served = await body(await get({ 'accept-encoding': 'gzip' }));
    const gzipped = gzipSync(Buffer.from(widgetJs), { level: 9 }).length;
    console.log(`widget.js: ${widgetJs.length} B raw, ${gzipped} B gzip`);
    expect(served.length).toBeLessThanOrEqual(6 * 1024);
    expect(gzipped).toBeLessThanOrEqual(6 * 1024);
  });
});

describe('the demo page', () => {
  it('embeds the widget with one script tag, as a site would', async () => {
    const html = await (await app.request('/')).text();
    expect(html).toMatch(/<script src="\/widget\.js" async[^>]*><\/script>/);
    expect(html).toContain('<h1>OMA SpecWorks FAQ assistant</h1>');
  });

  it('names the organisation of the knowledge set it serves', async () => {
    const library = createApp({ engine: engineFor(LIBRARY_KNOWLEDGE), store: openSqliteStore(':memory:'), log: () => {} });
    const html = await (await library.request('/')).text();
    expect(html).toContain('<h1>Riverside Library FAQ assistant</h1>');
    expect(html).not.toMatch(/OMA/);
  });
});
