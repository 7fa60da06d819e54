// Security headers on every response, a strict CSP on pages, no framing,
// and CORS only for the configured origins.
import { describe, expect, it } from 'vitest';
import { siteOrigins } from '../../src/config.js';
import { postJson, testApp } from './app-fixture.js';

const site = 'https://www.omaspecworks.org';
const app = testApp({ allowedOrigins: [site] });

describe('security headers', () => {
  it('every response (JSON, page, error) carries them', async () => {
    for (const res of [await app.request('/healthz'), await app.request('/'), await app.request('/nope'), await app.request('/api/chat', postJson('{'))]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it("pages get a strict CSP: no inline script or style except with this response's nonce", async () => {
    const res = await app.request('/');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/_-]{16,}={0,2}$/);
    const html = await res.text();
    // every inline <style>/<script> in the page carries the nonce the header allows
    const inline = [...html.matchAll(/<(style|script)(?![^>]*\bsrc=)[^>]*>/g)].map((m) => m[0]);
    for (const tag of inline) expect(tag).toContain(`nonce="${nonce}"`);
    // and a fresh nonce per response
    const again = (await app.request('/')).headers.get('content-security-policy')!;
    expect(again).not.toBe(csp);
  });

  it('JSON (the API, /healthz) gets the same policy without a nonce: it never carries inline script or style', async () => {
    for (const res of [await app.request('/healthz'), await app.request('/api/chat', postJson({ message: 'Hello' }))]) {
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('nonce-');
      expect(csp).not.toContain('unsafe-inline');
    }
  });

  it('the CSP names each kind of content: only this origin (images also data:), forms post only here, no <base> and no framing', async () => {
    const page = await testApp().request('/');
    expect(page.headers.get('x-frame-options')).toBe('DENY'); // the older browsers' no-framing
    const csp = page.headers.get('content-security-policy')!;
    const directives = Object.fromEntries(
      csp
        .split(/;\s*/)
        .filter(Boolean)
        .map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name, values.map((v) => (v.startsWith("'nonce-") ? 'NONCE' : v)).join(' ')];
        }),
    );
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self' NONCE",
      'style-src': "'self' NONCE",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'form-action': "'self'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
  });

  it('a route that must be loadable by other sites keeps its own cross-origin policy', async () => {
    // /widget.js is embedded by the host site: the default same-origin CORP would block it.
    const res = await testApp().request('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('CORS', () => {
  it('the allowed origin may call the API (preflight and request)', async () => {
    const pre = await app.request('/api/chat', {
      method: 'OPTIONS',
      headers: { origin: site, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get('access-control-allow-origin')).toBe(site);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    const res = await app.request('/api/chat', postJson({ message: 'hello' }, { origin: site }));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(site);
  });

  it('a foreign origin gets no CORS grant, so browsers refuse it', async () => {
    for (const origin of ['https://evil.example', 'https://www.omaspecworks.org.evil.example', 'null']) {
      const pre = await app.request('/api/chat', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      const res = await app.request('/api/chat', postJson({ message: 'hello' }, { origin }));
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it("with no ALLOWED_ORIGINS, the site's own origin (site.yml) and its www twin are granted, nothing else", async () => {
    const plain = testApp();
    for (const origin of ['https://omaspecworks.org', 'https://www.omaspecworks.org']) {
      const res = await plain.request('/api/chat', postJson({ message: 'hello' }, { origin }));
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    }
    for (const origin of ['http://omaspecworks.org', 'https://omaspecworks.org:8443', 'https://docs.omaspecworks.org', 'https://evil.example']) {
      const res = await plain.request('/api/chat', postJson({ message: 'hello' }, { origin }));
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('a preflight tells the browser what it may send, and for how long to remember', async () => {
    const pre = await testApp({ allowedOrigins: [site] }).request('/api/chat', {
      method: 'OPTIONS',
      headers: { origin: site, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
    expect(pre.headers.get('access-control-allow-headers')).toBe('Content-Type');
    expect(pre.headers.get('access-control-max-age')).toBe('600');
  });

  it('origins in ALLOWED_ORIGINS match as people write them: spaces and a trailing slash do not matter', async () => {
    const loose = testApp({ allowedOrigins: [' https://help.example.org/ ', '', 'https://other.example.org//'] });
    for (const origin of ['https://help.example.org', 'https://other.example.org']) {
      const res = await loose.request('/api/chat', postJson({ message: 'hello' }, { origin }));
      expect(res.headers.get('access-control-allow-origin'), origin).toBe(origin);
    }
    expect((await loose.request('/api/chat', postJson({ message: 'hello' }, { origin: '' }))).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('ALLOWED_ORIGINS replaces the default; an empty list grants no origin', async () => {
    expect(
      (await app.request('/api/chat', postJson({ message: 'hello' }, { origin: 'https://omaspecworks.org' }))).headers.get('access-control-allow-origin'),
    ).toBeNull();
    const none = testApp({ allowedOrigins: [] });
    expect((await none.request('/api/chat', postJson({ message: 'hello' }, { origin: site }))).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('siteOrigins', () => {
  it.each([
    ['https://omaspecworks.org', ['https://omaspecworks.org', 'https://www.omaspecworks.org']],
    ['https://www.aldermoormuseum.org', ['https://www.aldermoormuseum.org', 'https://aldermoormuseum.org']],
    ['http://example.org:8080', ['http://example.org:8080', 'http://www.example.org:8080']],
    ['https://help.example.co.uk', ['https://help.example.co.uk', 'https://www.help.example.co.uk']],
    ['http://localhost:1313', ['http://localhost:1313']],
    ['http://127.0.0.1:8080', ['http://127.0.0.1:8080']],
    ['http://[::1]:8080', ['http://[::1]:8080']],
  ])('%s → %j', (origin, expected) => {
    expect(siteOrigins(origin)).toEqual(expected);
  });
});
