-- Staff knowledge is knowledge: a staff answer is either text staff wrote
-- (kind 'answer') or a pointer at a sentence of the pages (kind 'quote':
-- `answer` holds the verbatim quote), with every wording it answers
-- (staff_answer_questions). Corrections say a reply was wrong for a question
-- ("should have escalated"): that question and its close wordings are no
-- longer answered by the text that was quoted. A counter in `meta`
-- ('staff-version') changes with every edit, so every process and isolate
-- can tell cheaply when to reload.
ALTER TABLE staff_answers ADD COLUMN kind TEXT NOT NULL DEFAULT 'answer' CHECK (kind IN ('answer', 'quote'));

CREATE TABLE staff_answer_questions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  answer_id INTEGER NOT NULL REFERENCES staff_answers (id) ON DELETE CASCADE,
  question TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX staff_answer_questions_answer ON staff_answer_questions (answer_id);

CREATE TABLE staff_corrections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  question TEXT NOT NULL,
  -- The text the wrong reply quoted (a page sentence, or a staff answer's text).
  wrong TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

-- A reply mailed to the visitor who left an address: once the mail server
-- accepted it, the contact of `forget_contact` (an escalation id) is deleted.
ALTER TABLE outbox ADD COLUMN forget_contact TEXT;
-- When the staff answer was mailed to the visitor (and their address deleted).
ALTER TABLE escalations ADD COLUMN replied_at INTEGER;
