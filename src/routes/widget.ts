// GET /widget.js — the embeddable chat widget (built from widget/ by
// scripts/build-widget.ts). Served from an import, compressed at build time:
// no filesystem or zlib at request time, so Node and Workers serve it alike.
// GET /api/widget/config — what the widget says: the site's title, greeting,
// helpdesk address and every fixed text, so widget/ names no organisation.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { fill } from '../engine/compose.js';
import { widgetBrotli, widgetGzip, widgetHash, widgetJs } from '../generated/widget.js';

const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const variants = {
  br: { body: bytes(widgetBrotli), etag: `"${widgetHash}-br"` },
  gzip: { body: bytes(widgetGzip), etag: `"${widgetHash}-gz"` },
  identity: { body: new TextEncoder().encode(widgetJs), etag: `"${widgetHash}"` },
};

/** The best encoding the client accepts (q > 0), preferring brotli. */
export function pickEncoding(accept: string | undefined): keyof typeof variants {
  const ok = new Set<string>();
  for (const part of (accept ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    if (name && (!q || Number(q.slice(2)) > 0)) ok.add(name);
  }
  return ok.has('br') ? 'br' : ok.has('gzip') || ok.has('*') ? 'gzip' : 'identity';
}

/** The body of GET /api/widget/config: knowledge/site.yml and messages.yml `widget:`, with {site} and {helpdesk} filled in. */
export function widgetConfig({ engine, config }: Pick<AppDeps, 'engine' | 'config'>) {
  const { site, messages } = engine.index;
  const vars = { site: site.name, helpdesk: config.helpdeskEmail };
  const texts = Object.fromEntries(Object.entries(messages.widget).map(([k, v]) => [k, fill(v, vars)]));
  return { title: site.title, greeting: site.greeting, helpdesk: config.helpdeskEmail, texts };
}

export function widgetRoutes(deps: Pick<AppDeps, 'engine' | 'config'>) {
  const body = JSON.stringify(widgetConfig(deps)); // the index does not change while the app runs
  return new Hono()
    .get('/api/widget/config', (c) => {
      // Every page view of every embedding site asks for it: a few minutes in
      // the browser's cache keep that to one request per visitor and while,
      // and a change to the knowledge still reaches visitors soon. CORS (with
      // Vary: Origin) comes from the /api/* middleware in app.ts.
      c.header('Cache-Control', 'public, max-age=300');
      c.header('Content-Type', 'application/json; charset=utf-8');
      return c.body(body);
    })
    .get('/widget.js', (c) => {
      const encoding = pickEncoding(c.req.header('accept-encoding'));
      const v = variants[encoding];
      // The plain URL is what sites embed, so it must pick up new releases
      // within a day (revalidated cheaply by ETag); a URL pinned to this
      // content (?v=<hash>, see README) can be cached for a year.
      const pinned = c.req.query('v') === widgetHash;
      c.header('Cache-Control', pinned ? 'public, max-age=31536000, immutable' : 'public, max-age=86400, stale-while-revalidate=604800');
      c.header('ETag', v.etag);
      c.header('Vary', 'Accept-Encoding');
      // Loaded by other sites' pages: allow cross-origin embedding of this one resource.
      c.header('Cross-Origin-Resource-Policy', 'cross-origin');
      c.header('X-Content-Type-Options', 'nosniff');
      const inm = c.req.header('if-none-match');
      if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === v.etag)) return c.body(null, 304);
      c.header('Content-Type', 'application/javascript; charset=utf-8');
      if (encoding === 'identity') return c.body(v.body);
      c.header('Content-Encoding', encoding);
      const res = c.body(v.body);
      // The bytes are compressed already: workerd would compress them again
      // (and clients would get brotli inside gzip) unless told the body is
      // encoded as sent. Node ignores the option.
      return new Response(res.body, { status: res.status, headers: res.headers, encodeBody: 'manual' } as ResponseInit);
    });
}
