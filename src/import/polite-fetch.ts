// Polite HTTP for the import: a User-Agent that says who is asking, robots.txt
// honoured (and its Crawl-delay), at most two requests at a time, a timeout on
// every request, conditional requests (a 304 keeps the page as it is), a cap
// on the size of a response, and redirects followed only within the site.
import { createRequire } from 'node:module';
import { sameSite } from './address.js';
import { limiter, type Limiter } from './limiter.js';

// robots-parser is CommonJS whose typings declare an ES default export; required
// as CommonJS, its function is what the typings call the default.
const robotsParser = createRequire(import.meta.url)('robots-parser') as typeof import('robots-parser').default;

/** The robots.txt product token the import answers to. */
export const ROBOT_NAME = 'faq-assistant-import';

export interface FetchOptions {
  /** Validators from the previous import, sent as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  accept?: string;
}

export type FetchResult =
  | { kind: 'ok'; url: URL; body: Buffer; contentType: string; etag?: string; lastModified?: string }
  | { kind: 'not-modified'; url: URL }
  /** 404 or 410: the page is not (or no longer) on the site. */
  | { kind: 'gone'; url: URL; status: number }
  | { kind: 'disallowed'; url: URL }
  | { kind: 'off-site'; url: URL; location: string }
  /** Timeouts, network errors, other 4xx and 5xx: the page's state is unknown. */
  | { kind: 'failed'; url: URL; reason: string };

export interface PoliteFetchSettings {
  userAgent: string;
  timeoutMs: number;
  maxConcurrent: number;
  maxBytes: number;
  maxRedirects: number;
  /** Longest Crawl-delay honoured; longer ones are cut to it (and said so). */
  maxCrawlDelayMs: number;
  log: (line: string) => void;
}

export const DEFAULT_FETCH_SETTINGS: Omit<PoliteFetchSettings, 'userAgent' | 'log'> = {
  timeoutMs: 15_000,
  maxConcurrent: 2,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  maxCrawlDelayMs: 30_000,
};

interface Robots {
  allows(url: URL): boolean;
  delayMs: number;
}

type Raw = { status: number; headers: Headers; body?: Buffer };

export class PoliteFetcher {
  private readonly slot: Limiter;
  private readonly robots = new Map<string, Promise<Robots>>();
  /** Per origin: when the next request may start (Crawl-delay). */
  private readonly nextStart = new Map<string, number>();

  constructor(private readonly settings: PoliteFetchSettings) {
    this.slot = limiter(settings.maxConcurrent);
  }

  /** GET a URL on behalf of the import, following same-site redirects. */
  async get(url: URL, options: FetchOptions = {}): Promise<FetchResult> {
    let current = url;
    for (let hop = 0; hop <= this.settings.maxRedirects; hop++) {
      const robots = await this.robotsFor(current);
      if (!robots.allows(current)) return { kind: 'disallowed', url: current };
      let raw: Raw;
      try {
        raw = await this.request(current, this.headers(options), robots.delayMs);
      } catch (err) {
        return { kind: 'failed', url: current, reason: describeError(err) };
      }
      const location = raw.headers.get('location');
      if (raw.status >= 300 && raw.status < 400 && raw.status !== 304 && location) {
        const next = new URL(location, current);
        if (!sameSite(next, url)) return { kind: 'off-site', url: current, location: next.toString() };
        current = next;
        continue;
      }
      if (raw.status === 304) return { kind: 'not-modified', url: current };
      // Only "not found" and "gone" say the page is not there; a 403 or 429 may pass.
      if (raw.status === 404 || raw.status === 410) return { kind: 'gone', url: current, status: raw.status };
      if (raw.status !== 200 || !raw.body) return { kind: 'failed', url: current, reason: `HTTP ${raw.status}` };
      return {
        kind: 'ok',
        url: current,
        body: raw.body,
        contentType: raw.headers.get('content-type') ?? '',
        ...optional('etag', raw.headers.get('etag')),
        ...optional('lastModified', raw.headers.get('last-modified')),
      };
    }
    return { kind: 'failed', url: current, reason: `more than ${this.settings.maxRedirects} redirects` };
  }

  private headers(options: FetchOptions): Record<string, string> {
    const headers: Record<string, string> = {
      'user-agent': this.settings.userAgent,
      accept: options.accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
    };
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    return headers;
  }

  /** One request, in one of the slots, after the origin's Crawl-delay. */
  private request(url: URL, headers: Record<string, string>, delayMs: number): Promise<Raw> {
    return this.slot(async () => {
      if (delayMs > 0) {
        const wait = (this.nextStart.get(url.origin) ?? 0) - Date.now();
        this.nextStart.set(url.origin, Date.now() + Math.max(wait, 0) + delayMs);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const signal = AbortSignal.timeout(this.settings.timeoutMs);
      const res = await fetch(url, { headers, redirect: 'manual', signal });
      if (res.status !== 200) {
        await res.body?.cancel();
        return { status: res.status, headers: res.headers };
      }
      return { status: res.status, headers: res.headers, body: await readCapped(res, this.settings.maxBytes) };
    });
  }

  /** The origin's robots.txt, read once per import (RFC 9309's rules for when it cannot be read). */
  private robotsFor(url: URL): Promise<Robots> {
    let robots = this.robots.get(url.origin);
    if (!robots) {
      robots = this.readRobots(url.origin);
      this.robots.set(url.origin, robots);
    }
    return robots;
  }

  private async readRobots(origin: string): Promise<Robots> {
    const robotsUrl = new URL('/robots.txt', origin);
    const all = (allowed: boolean): Robots => ({ allows: () => allowed, delayMs: 0 });
    let raw: Raw | undefined;
    try {
      let current = robotsUrl;
      for (let hop = 0; hop <= this.settings.maxRedirects; hop++) {
        raw = await this.request(current, this.headers({ accept: 'text/plain' }), 0);
        const location = raw.headers.get('location');
        if (!(raw.status >= 300 && raw.status < 400 && location)) break;
        const next = new URL(location, current);
        // Held to the site, as page redirects are: a robots.txt redirecting to
        // 127.0.0.1 or another internal host must not make the import ask it.
        if (!sameSite(next, robotsUrl)) {
          this.settings.log(`robots.txt of ${origin} redirects off the site to ${next}: not followed, nothing there is fetched`);
          return all(false);
        }
        current = next;
      }
    } catch (err) {
      this.settings.log(`robots.txt of ${origin} could not be read (${describeError(err)}): nothing there is fetched`);
      return all(false);
    }
    if (!raw || raw.status >= 500 || (raw.status >= 300 && raw.status < 400)) {
      this.settings.log(`robots.txt of ${origin} answered ${raw?.status}: nothing there is fetched`);
      return all(false);
    }
    // A missing robots.txt (4xx) allows everything.
    if (raw.status >= 400 || !raw.body) return all(true);
    const parsed = robotsParser(robotsUrl.toString(), raw.body.toString('utf8'));
    const delaySeconds = parsed.getCrawlDelay(ROBOT_NAME) ?? 0;
    let delayMs = Math.max(0, delaySeconds * 1000);
    if (delayMs > this.settings.maxCrawlDelayMs) {
      this.settings.log(`robots.txt of ${origin} asks for ${delaySeconds} s between requests: waiting ${this.settings.maxCrawlDelayMs / 1000} s`);
      delayMs = this.settings.maxCrawlDelayMs;
    }
    return { allows: (u) => parsed.isAllowed(u.toString(), ROBOT_NAME) !== false, delayMs };
  }
}

function optional<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}

async function readCapped(res: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new Error(`response larger than ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    size += part.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new Error(`response larger than ${maxBytes} bytes`);
    }
    chunks.push(Buffer.from(part.value));
  }
  return Buffer.concat(chunks);
}

function describeError(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timed out';
  return e.cause?.code ?? e.cause?.message ?? e.message;
}
