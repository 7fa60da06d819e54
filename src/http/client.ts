// Who is asking, and over what: the client's address (for rate limits and
// the per-client cap on open questions) and whether the request came over
// HTTPS (for the Secure cookie flag). The entry file knows where these come
// from (the socket on Node, cf-connecting-ip on Workers); proxies are
// believed only as far as TRUST_PROXY says.
import type { Context } from 'hono';

export interface Client {
  /** The client's IP address, when known. */
  address?: string;
  /** The request reached us (or the trusted proxy in front of us) over HTTPS. */
  https: boolean;
}

export type ClientOf = (c: Context) => Client;

/**
 * The value a proxy chain added `hops` from the right: each trusted proxy
 * appends what it saw, so that entry is the first one no client could forge.
 */
export function fromRight(header: string | undefined, hops: number): string | undefined {
  if (!header || hops < 1) return undefined;
  const parts = header
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return parts[Math.max(0, parts.length - hops)];
}

const overHttps = (c: Context) => new URL(c.req.url).protocol === 'https:';

/**
 * A client behind `hops` trusted reverse proxies (0: none). Without trusted
 * proxies, X-Forwarded-For is ignored — anyone could pick their own address
 * — and seeing it logs one warning naming TRUST_PROXY, because it usually
 * means a proxy makes every visitor look like one client.
 */
export function clientBehindProxies(hops: number, socketAddress: (c: Context) => string | undefined, warn: (message: string) => void): ClientOf {
  let warned = false;
  return (c) => {
    if (hops > 0) {
      const proto = fromRight(c.req.header('x-forwarded-proto'), hops);
      return { address: fromRight(c.req.header('x-forwarded-for'), hops) ?? socketAddress(c), https: proto ? proto.toLowerCase() === 'https' : overHttps(c) };
    }
    if (!warned && c.req.header('x-forwarded-for') !== undefined) {
      warned = true;
      warn(
        "Requests carry X-Forwarded-For but TRUST_PROXY is not set: the proxy's address is used, so all visitors behind it share one rate limit. Set TRUST_PROXY=1 (or the number of proxies) if this service runs behind a reverse proxy.",
      );
    }
    return { address: socketAddress(c), https: overHttps(c) };
  };
}

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The key a client is counted under: an IPv4 address as it is, an IPv6
 * address by its /64 prefix (one subscriber usually holds a whole /64, so
 * rotating within it must not buy a fresh budget).
 */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = IPV4_MAPPED.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const bare = address.replace(/%.*$/, '').toLowerCase(); // no zone index
  const [head = '', tail] = bare.split('::');
  const groups = (s: string) =>
    s
      .split(':')
      .filter(Boolean)
      .flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const full = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${full
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
