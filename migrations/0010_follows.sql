-- A thumbs-down on a quote is answered ("not this one": the other candidates
-- as choices, or the helpdesk). That reply is a turn of its own, but not a
-- new question: it points at the turn it follows, so the figures count the
-- question once (as its first reply) and the log shows the reply under it.
ALTER TABLE turns ADD COLUMN follows INTEGER;
