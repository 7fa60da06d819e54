// One database, one site. Conversations, open questions and staff answers
// belong to the organisation whose pages the bot quotes; a database that
// served another site's knowledge would show that site's questions on the
// staff page and reuse its staff answers here. So the database records the
// site (site.yml's origin) the first time a service starts against it, and a
// service with another site's knowledge refuses to start: one line naming
// both origins and the way out. New pages for the same site are fine.
import type { Store } from '../store/types.js';

export interface SiteGuard {
  /** site.yml's origin, from the index being served. */
  origin: string;
  /** ALLOW_SITE_CHANGE: the origin the database belonged to before the site moved. */
  movedFrom?: string;
  /** The database, as the operator knows it ("the database /srv/faq/data/faq.db", "the D1 database bound as DB"). */
  database: string;
  /** How to get a fresh database on this platform, e.g. "set DATABASE_PATH to a new file". */
  fresh: string;
  /** Told once when a move is recorded. */
  log?: (message: string) => void;
}

/** Claim the database for the site; the refusal line when it belongs to another site, else undefined. */
export async function refuseOtherSite(store: Store, guard: SiteGuard): Promise<string | undefined> {
  const recorded = await store.claimSite(guard.origin, guard.movedFrom);
  if (recorded === guard.origin) {
    if (guard.movedFrom && guard.movedFrom !== guard.origin) {
      guard.log?.(
        `ALLOW_SITE_CHANGE=${guard.movedFrom} is set: ${guard.database} belongs to ${guard.origin} (taken over from ${guard.movedFrom} if it was that site's); remove the setting now`,
      );
    }
    return undefined;
  }
  const database = guard.database.charAt(0).toUpperCase() + guard.database.slice(1);
  return (
    `${database} belongs to ${recorded}, but the knowledge (site.yml) is for ${guard.origin}: ` +
    `for a new site, ${guard.fresh}; if ${recorded} merely moved to ${guard.origin}, set ALLOW_SITE_CHANGE=${recorded} (once)`
  );
}
