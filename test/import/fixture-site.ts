// The site-oma fixture served over HTTP on 127.0.0.1, as a static host does
// it: index.html for folder paths, ETag and Last-Modified on every file, 304
// for a conditional request that matches. It records each request (path,
// headers) and how many were in flight at once, and a test can add routes
// (redirects, errors) of its own.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

export const SITE_OMA = resolve('test/fixtures/site-oma');
const ROOT = join(SITE_OMA, 'html');
const LAST_MODIFIED = 'Thu, 02 May 2024 09:30:00 GMT';
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', xml: 'application/xml', txt: 'text/plain' };

export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
  status: number;
}

export interface FixtureSite {
  origin: string;
  requests: SeenRequest[];
  maxInFlight: number;
  /** Answer `path` with `handler` instead of the fixture files; without a handler, serve the files again. */
  route(path: string, handler?: (req: IncomingMessage, res: ServerResponse) => void): void;
  close(): Promise<void>;
}

export async function serveFixtureSite(delayMs = 20): Promise<FixtureSite> {
  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  let inFlight = 0;
  const site: FixtureSite = {
    origin: '',
    requests: [],
    maxInFlight: 0,
    route: (path, handler) => void (handler ? routes.set(path, handler) : routes.delete(path)),
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
  const server = createServer((req, res) => {
    inFlight++;
    site.maxInFlight = Math.max(site.maxInFlight, inFlight);
    const path = new URL(req.url ?? '/', site.origin).pathname;
    res.on('finish', () => {
      inFlight--;
      site.requests.push({ path, headers: req.headers, status: res.statusCode });
    });
    // A little latency, so requests overlap when a client sends them at once.
    setTimeout(() => {
      const custom = routes.get(path);
      if (custom) return custom(req, res);
      let file = join(ROOT, path.endsWith('/') ? `${path}index.html` : path);
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!file.startsWith(ROOT) || !existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
        return;
      }
      const body = readFileSync(file, 'utf8').replaceAll('{origin}', site.origin);
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      const headers = { etag, 'last-modified': LAST_MODIFIED };
      if (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === LAST_MODIFIED)) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(200, { ...headers, 'content-type': TYPES[file.split('.').pop()!] ?? 'application/octet-stream' }).end(body);
    }, delayMs);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return site;
}
