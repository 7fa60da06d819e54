-- What visitors' picks teach: each pick among the choices is a labelled
-- wording — this question, this sentence. Close wordings share a key (their
-- content words, stemmed and sorted), so a suggestion is one (wording key,
-- sentence) pair with the distinct wordings seen (at most 10 kept) and one
-- vote per client (a salted hash of the address, IPv6 by /64): a client
-- picking a thousand times counts once. A thumbs-down on a direct answer is
-- a vote against. Staff accept (the wording becomes an alternate question of
-- the sentence) or reject (a negative pair, never overridden by visitors);
-- with LEARN_FROM_CHOICES=N, N distinct clients accept it on their own
-- ('learned'), which staff can undo.
CREATE TABLE suggestions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  wording_key TEXT NOT NULL,
  -- The picked sentence, verbatim (stable across index rebuilds).
  sentence TEXT NOT NULL,
  -- The first wording asked, and the quote and source the visitor saw.
  wording TEXT NOT NULL,
  quote TEXT NOT NULL,
  url TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected', 'learned')),
  staff_answer_id INTEGER,
  correction_id INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (wording_key, sentence)
);
CREATE INDEX suggestions_status ON suggestions (status, updated_at);

CREATE TABLE suggestion_wordings (
  suggestion_id INTEGER NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
  wording TEXT NOT NULL,
  PRIMARY KEY (suggestion_id, wording)
) WITHOUT ROWID;

CREATE TABLE suggestion_votes (
  suggestion_id INTEGER NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
  client_key TEXT NOT NULL,
  -- 1: picked this sentence for this wording; -1: said it does not answer it.
  verdict INTEGER NOT NULL CHECK (verdict IN (1, -1)),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (suggestion_id, client_key)
) WITHOUT ROWID;
