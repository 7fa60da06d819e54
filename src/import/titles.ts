// Page titles without the site's name. Sites put it after the page's own
// title ("Memberships | Fenwick Pool"); kept, it would open every source link
// the bot shows ("Memberships | Fenwick Pool — Parties"). Readability keeps
// such a title whole when the part before the separator is short, so the
// import takes the name off itself.

/** " | ", " – ", " - ", " — ": a separator has spaces around it (a hyphen inside a word is not one). */
const LAST_PART = /^(.*\S)\s+[|\u2013\u2014-]\s+(\S.*)$/su;

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();

function split(title: string): { head: string; tail: string } | undefined {
  const m = LAST_PART.exec(title.trim());
  return m ? { head: m[1]!.trim(), tail: m[2]!.trim() } : undefined;
}

/**
 * The site-name suffixes to take off a source's titles: the site's names
 * (site.yml's `name`, each page's og:site_name) and the last part that most
 * of the titles with one share (at least two of them, more than half; the
 * home page often is the bare name): a site whose name differs from
 * site.yml's still repeats it on every page.
 */
export function siteSuffixes(titles: string[], names: (string | undefined)[]): Set<string> {
  const suffixes = new Set(names.filter((n): n is string => !!n?.trim()).map(norm));
  const tails = titles.flatMap((t) => split(t)?.tail ?? []).map(norm);
  const counts = new Map<string, number>();
  for (const tail of tails) counts.set(tail, (counts.get(tail) ?? 0) + 1);
  for (const [tail, n] of counts) if (n >= 2 && n > tails.length / 2) suffixes.add(tail);
  return suffixes;
}

/** The title without trailing site names ("Memberships | Fenwick Pool" → "Memberships"); a title that is only the name stays. */
export function withoutSiteSuffix(title: string, suffixes: Set<string>): string {
  let current = title.trim();
  for (let parts = split(current); parts && suffixes.has(norm(parts.tail)); parts = split(current)) current = parts.head;
  return current;
}
