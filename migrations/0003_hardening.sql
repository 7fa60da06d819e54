-- Hardening: staff sessions kept on the server, a per-client cap on open
-- questions, grouping terms stored with each escalation, one helpdesk mail
-- per escalation and address, and a small key/value table for secrets the
-- service makes itself.

-- A staff sign-in: only the SHA-256 of the random session id is stored, so a
-- copy of the database holds no usable cookie. Deleted at sign-out, expired
-- after its lifetime, purged by the retention job.
CREATE TABLE staff_sessions (
  id_hash TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at);

-- Who asked (a salted hash of the client address, never the address) and the
-- question's analysed terms, so the staff page can group wordings without
-- analysing every question again on each visit.
ALTER TABLE escalations ADD COLUMN client_key TEXT;
ALTER TABLE escalations ADD COLUMN terms TEXT;
CREATE INDEX escalations_client ON escalations (client_key, status, created_at);

-- When the helpdesk was last mailed about this contact: a repeat contact
-- with the same address within the hour updates the row without a new mail.
ALTER TABLE contacts ADD COLUMN mailed_at INTEGER;

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
