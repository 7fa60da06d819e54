-- Rate limiting on Workers: isolates share no memory, so the per-client
-- GCRA state (one "theoretical arrival time" per key, ms since the epoch)
-- lives in D1. A row whose tat has passed means the same as no row and is
-- deleted by the limiter now and then. Unused on Node (memory limiter).
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  tat INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX rate_limits_tat ON rate_limits (tat);
