// Real Chromium for the widget tests (Debian's package, as .ci/run installs),
// plus the two origins an embedding involves: the service (API + widget.js)
// and a separate host site that embeds it with one script tag.
import { serve } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { testApp } from '../http/app-fixture.js';

export const launchChromium = (): Promise<Browser> => chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

const listen = (server: Server, host: string) => new Promise<number>((done) => {
  server.listen(0, host, () => done((server.address() as AddressInfo).port));
});

/** A host site's page: hostile global CSS, one script tag, optionally a strict CSP. */
export function hostPage(api: string, strict = false) {
  const csp = strict ? `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${api}; connect-src ${api}; style-src 'nonce-h'">` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${csp}
<title>A member's site</title>
<style nonce="h">*{font-size:30px!important;font-family:serif!important}button{background:red!important;color:yellow!important}p{display:none}</style>
</head><body><h1>A member's site</h1><a href="/other">Another page</a>
<script src="${api}/widget.js" async data-title="Ask OMA SpecWorks" data-greeting="Hello from the test site!"></script>
</body></html>`;
}

export interface Origins { api: string; host: string; close(): Promise<void> }

/** Service on 127.0.0.1, host site on localhost: two different origins. */
export async function startOrigins(): Promise<Origins> {
  let api = '';
  const site = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostPage(api, req.url === '/strict'));
  });
  const hostPort = await listen(site, 'localhost');
  const host = `http://localhost:${hostPort}`;
  const app = testApp({ allowedOrigins: [host] });
  const service = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as unknown as Server;
  const apiPort = await new Promise<number>((done) => {
    const port = () => (service.address() as AddressInfo | null)?.port;
    if (port()) done(port()!);
    else service.once('listening', () => done(port()!));
  });
  api = `http://127.0.0.1:${apiPort}`;
  return {
    api,
    host,
    close: async () => {
      await Promise.all([site, service].map((s) => new Promise((done) => { s.closeAllConnections?.(); s.close(done); })));
    },
  };
}
