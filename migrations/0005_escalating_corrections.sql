-- "It should have escalated": a correction that stops every reply to the
-- question (and its close wordings), not only the text the wrong one quoted,
-- so the bot passes it to the helpdesk.
ALTER TABLE staff_corrections ADD COLUMN escalate INTEGER NOT NULL DEFAULT 0;
