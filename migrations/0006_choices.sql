-- Choices: when the bot is not sure which sentence answers, a turn offers up
-- to three quotes instead of one. The offering turn keeps what it offered
-- (JSON: id, quote, sources, and where on the pages each is) and, once the
-- visitor answers, what they picked (a choice id, or 'none': ask the team).
-- The reply to a pick is a turn of its own pointing at the offer
-- (pick_of); at most one per offer, so a second pick of the same offer is
-- refused instead of answered twice.
ALTER TABLE turns ADD COLUMN choices TEXT;
ALTER TABLE turns ADD COLUMN picked TEXT;
ALTER TABLE turns ADD COLUMN picked_at INTEGER;
ALTER TABLE turns ADD COLUMN pick_of INTEGER;
CREATE UNIQUE INDEX turns_pick_of ON turns (pick_of) WHERE pick_of IS NOT NULL;
