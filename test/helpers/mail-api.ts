// A real HTTP mail API on 127.0.0.1 for tests (node:http): it takes what
// src/mail/http.ts sends (Resend-style JSON with a Bearer token) and keeps
// every request, by path, so each test can use a path of its own. Tests in
// the Node process read it directly; tests inside workerd, which cannot open
// a server themselves, reach the one test/setup/mail-api.ts starts through
// two control routes:
//   GET  /_received?path=/t1/emails          → the requests that path got
//   POST /_fail?path=/t1/emails&status=503&times=1 → answer the next requests so
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body as sent, and parsed when it is JSON. */
  raw: string;
  json?: Record<string, unknown>;
}

export interface MailApi {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  received(path: string): ReceivedMail[];
  /** The next `times` requests to `path` get `status` (and a short text body). */
  fail(path: string, status: number, times?: number): void;
  /** Requests to `path` are read but never answered (for timeouts). */
  hang(path: string): void;
  close(): Promise<void>;
}

export async function startMailApi(): Promise<MailApi> {
  const received = new Map<string, ReceivedMail[]>();
  const failures = new Map<string, { status: number; times: number }>();
  const hanging = new Set<string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
    });
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (url.pathname === '/_received') return send(200, received.get(url.searchParams.get('path') ?? '') ?? []);
      if (url.pathname === '/_fail') {
        failures.set(url.searchParams.get('path') ?? '', {
          status: Number(url.searchParams.get('status') ?? 503),
          times: Number(url.searchParams.get('times') ?? 1),
        });
        return send(200, { ok: true });
      }
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        /* not JSON: kept raw */
      }
      const list = received.get(url.pathname) ?? [];
      list.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, raw, ...(json ? { json } : {}) });
      received.set(url.pathname, list);
      if (hanging.has(url.pathname)) return; // never answered
      const failure = failures.get(url.pathname);
      if (failure && failure.times > 0) {
        failure.times--;
        return send(failure.status, `mail API down (${failure.status}) `.repeat(20));
      }
      send(200, { id: `m-${list.length}` });
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: (path) => received.get(path) ?? [],
    fail: (path, status, times = 1) => {
      failures.set(path, { status, times });
    },
    hang: (path) => {
      hanging.add(path);
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
