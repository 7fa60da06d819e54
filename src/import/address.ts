// Comparing page addresses: a citation names a page whatever its section
// anchor, text fragment or final slash ("…/about#ipr", "…/about/" and
// "…/about" are one page), and two hosts are one site whatever the scheme
// or a leading "www.".

/** The page an address names, for comparison: absolute, no #fragment, no final slash. */
export function pageKey(url: string, origin: string): string {
  try {
    const u = new URL(url, `${origin}/`);
    u.hash = '';
    const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : u.pathname;
    return `${u.protocol}//${u.host.toLowerCase()}${path}${u.search}`;
  } catch {
    return url;
  }
}

const siteHost = (u: URL) => u.host.toLowerCase().replace(/^www\./, '');

/** Whether two URLs are on the same site (redirects may not leave it). */
export function sameSite(a: URL, b: URL): boolean {
  return /^https?:$/.test(a.protocol) && /^https?:$/.test(b.protocol) && siteHost(a) === siteHost(b);
}
