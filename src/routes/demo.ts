// GET / — a plain page that says what the service is and how to use it, for
// whichever organisation the knowledge set speaks for.
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../deps.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

// The inline style carries the request's CSP nonce (see http/security.ts).
// `origin` is where this page was asked for (escaped), so the curl line works
// whatever PORT, host or proxy it is served on.
const page = (nonce: string, name: string, origin: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name} FAQ assistant</title>
<style nonce="${nonce}">
body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
code,pre{background:#f2f4f7;border-radius:4px;padding:.1rem .3rem}pre{padding:.75rem;overflow:auto}
</style>
</head>
<body>
<main>
<h1>${name} FAQ assistant</h1>
<p>This service answers visitors' questions about ${name} from the site's
pages. Every answer is a verbatim quote with a link to where it comes from;
what the pages do not say is passed to the helpdesk instead of being made up.</p>
<h2>Try it</h2>
<pre>curl -s ${origin}/api/chat -H 'content-type: application/json' \\
  -d '{"message":"Who are you?"}'</pre>
<p>Health: <a href="/healthz">/healthz</a>.</p>
<h2>The chat widget</h2>
<p>The button in the corner is the widget, embedded exactly as a site would
embed it. Its title, greeting and texts come from the service
(<a href="/api/widget/config">/api/widget/config</a>); <code>data-</code>
attributes on the tag override them:</p>
<pre>&lt;script src="https://your-service.example/widget.js" async&gt;&lt;/script&gt;</pre>
</main>
<!-- The widget, embedded with one tag as any site would. -->
<script src="/widget.js" async></script>
</body>
</html>`;

/** This service's origin as the visitor reached it: the Host they asked for, over HTTPS when the request (or the trusted proxy) was. */
function originOf(c: Context, client: AppDeps['client']): string {
  const url = new URL(c.req.url);
  const host = c.req.header('host') ?? url.host;
  return `${client(c).https ? 'https' : 'http'}://${host}`;
}

export function demoRoutes({ engine, client }: Pick<AppDeps, 'engine' | 'client'>) {
  const name = esc(engine.index.site.name);
  return new Hono().get('/', (c) => c.html(page(c.get('secureHeadersNonce') ?? '', name, esc(originOf(c, client)))));
}
