// The same store contract as SQLite and memory (test/store/contract.ts), run
// against D1 inside workerd with the production migrations applied.
import { env } from 'cloudflare:test';
import { createSqlStore } from '../../src/store/sql-store.js';
import { storeContract } from '../store/contract.js';
import { suggestionContract } from '../store/suggestions-contract.js';

// Each contract test expects an empty store; children before parents (foreign keys).
const TABLES = [
  'suggestion_votes',
  'suggestion_wordings',
  'suggestions',
  'contacts',
  'outbox',
  'feedback',
  'turns',
  'escalations',
  'staff_corrections',
  'staff_answers',
  'conversations',
  'staff_sessions',
  'meta',
];

const fresh = async () => {
  await env.DB.batch(TABLES.map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
  return createSqlStore(env.DB);
};
storeContract('D1', fresh);
suggestionContract('D1', fresh);
