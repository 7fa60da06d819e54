// GET / — a plain page that says what the service is and how to use it.
import { Hono } from 'hono';

// The inline style carries the request's CSP nonce (see http/security.ts).
const page = (nonce: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OMA SpecWorks FAQ assistant</title>
<style nonce="${nonce}">
body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
code,pre{background:#f2f4f7;border-radius:4px;padding:.1rem .3rem}pre{padding:.75rem;overflow:auto}
</style>
</head>
<body>
<main>
<h1>OMA SpecWorks FAQ assistant</h1>
<p>This service answers visitors' questions about OMA SpecWorks from the site's
<em>About</em> and <em>Intellectual Property Rights</em> text. Every answer is a
verbatim quote with a link to where it comes from; what the pages do not say is
passed to the helpdesk instead of being made up.</p>
<h2>Try it</h2>
<pre>curl -s localhost:8787/api/chat -H 'content-type: application/json' \\
  -d '{"message":"When was OMA SpecWorks launched?"}'</pre>
<p>Health: <a href="/healthz">/healthz</a>.</p>
<h2>The chat widget</h2>
<p>The button in the corner is the widget, embedded exactly as a site would embed it:</p>
<pre>&lt;script src="https://your-service.example/widget.js" async
  data-title="OMA SpecWorks help"&gt;&lt;/script&gt;</pre>
</main>
<!-- The widget, embedded with one tag as any site would. -->
<script src="/widget.js" async data-title="OMA SpecWorks help"></script>
</body>
</html>`;

export function demoRoutes() {
  return new Hono().get('/', (c) => c.html(page(c.get('secureHeadersNonce') ?? '')));
}
