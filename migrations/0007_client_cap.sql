-- The per-client cap counts every escalation a client opened in the window,
-- whatever its status (counting only open ones let a client leave an address
-- on one and ask again, without end). The count is by client and time, so
-- the index is too; the old one, with status in between, served only the cap.
CREATE INDEX escalations_client_created ON escalations (client_key, created_at);
DROP INDEX escalations_client;
