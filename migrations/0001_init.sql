-- Conversations, escalations, staff answers, feedback and the e-mail outbox.
-- Plain SQLite SQL: applied by src/store/migrate-node.ts on Node and by
-- `wrangler d1 migrations apply` on Workers (both record it in d1_migrations).
-- Times are milliseconds since the epoch (UTC).

CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- TurnMemory JSON of the last turn: what a follow-up refers to.
  memory TEXT
);
CREATE INDEX conversations_updated ON conversations (updated_at);

CREATE TABLE turns (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  escalated INTEGER NOT NULL,
  confidence REAL NOT NULL,
  staff_answer_id INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX turns_conversation ON turns (conversation_id, id);
CREATE INDEX turns_created ON turns (created_at);

CREATE TABLE escalations (
  -- Random UUID: the public contact route takes it, so it must not be guessable.
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  question TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'forwarded', 'resolved')),
  created_at INTEGER NOT NULL,
  forwarded_at INTEGER,
  resolved_at INTEGER,
  staff_answer_id INTEGER
);
CREATE INDEX escalations_status ON escalations (status, created_at);

CREATE TABLE contacts (
  escalation_id TEXT PRIMARY KEY REFERENCES escalations (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  name TEXT,
  message TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE staff_answers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  source_url TEXT,
  escalation_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id TEXT NOT NULL,
  turn_id INTEGER,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  helpful INTEGER NOT NULL,
  comment TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX feedback_created ON feedback (created_at);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  escalation_id TEXT,
  to_address TEXT NOT NULL,
  reply_to_address TEXT,
  reply_to_name TEXT,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent')),
  attempts INTEGER NOT NULL DEFAULT 0,
  -- A pending mail is due at next_attempt_at; a claimed one is leased until then.
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
