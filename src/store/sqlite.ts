// SQLite on Node (better-sqlite3 12): the default durable store. The store
// itself is the one in sql-store.ts; this file only gives better-sqlite3 the
// shape of Cloudflare's D1 API (prepare/bind/first/all/run, batch as one
// transaction), so Node and Workers run the same statements.
//
// Durability: WAL journal with synchronous=NORMAL by default. In WAL mode a
// commit is in the WAL file (the OS page cache) before the call returns, so
// every write answered with 2xx survives a crash or kill of the process (the
// SIGKILL test in test/store/sqlite.test.ts shows it). What NORMAL gives up
// is the last commits on a power loss or kernel crash; FULL (SQLITE_SYNCHRONOUS
// =FULL) fsyncs each commit and closes that gap too, but measured 2.96 ms per
// chat turn against 0.25 ms here, and better-sqlite3 blocks the event loop
// for that time, so it caps the whole server near 300 turns/s.
// busy_timeout lets a second process (e.g. `npm run export-answers`) wait for
// the lock instead of failing.
//
// Erasure: deleting a row does not remove its bytes. secure_delete=ON makes
// SQLite overwrite deleted content (cells and freed pages) with zeros, and
// after the store erases a visitor's address (their reply delivered) the WAL
// is checkpointed and truncated, so no older WAL frame still holding the row
// survives either: the address is gone from the file and the WAL, not only
// from the rows.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from './migrate-node.js';
import { createSqlStore } from './sql-store.js';
import type { D1Database, D1PreparedStatement, D1Result } from './d1-types.js';
import type { Store } from './types.js';

export interface SqliteStoreOptions {
  /** Folder of numbered .sql migrations. Default: the repository's migrations/. */
  migrationsDir?: string;
  /** SQLite synchronous mode. Default NORMAL (see above); FULL also survives power loss. */
  synchronous?: 'NORMAL' | 'FULL';
}

function defaultMigrationsDir(): string {
  // From src/store (tsx, vitest) the folder is two levels up; from the
  // bundled dist/server.js it is next to the working directory.
  const here = fileURLToPath(new URL('../../migrations/', import.meta.url));
  return existsSync(here) ? here : resolve('migrations');
}

/** better-sqlite3 behind the part of the D1 API the store uses. */
export function d1Facade(db: Database.Database): D1Database {
  const cache = new Map<string, Database.Statement>();
  const prepared = (query: string) => {
    let st = cache.get(query);
    if (!st) cache.set(query, (st = db.prepare(query)));
    return st;
  };
  // D1 takes numbered parameters (?1, ?2) as positional values; better-sqlite3
  // binds those by number, from an object.
  const args = (query: string, values: unknown[]) => (/\?\d/.test(query) ? [Object.fromEntries(values.map((v, i) => [i + 1, v]))] : values);

  class Statement implements D1PreparedStatement {
    constructor(
      readonly query: string,
      readonly values: unknown[] = [],
    ) {}
    bind(...values: unknown[]) {
      return new Statement(this.query, values);
    }
    /** Synchronous execution, so a batch can run inside one transaction. */
    exec<T>(): D1Result<T> {
      const st = prepared(this.query);
      if (st.reader) {
        const results = st.all(...args(this.query, this.values)) as T[];
        return { results, success: true, meta: { changes: /^\s*(insert|update|delete)/i.test(this.query) ? results.length : 0 } };
      }
      const info = st.run(...args(this.query, this.values));
      return { results: [], success: true, meta: { changes: info.changes, last_row_id: Number(info.lastInsertRowid) } };
    }
    async first<T>(): Promise<T | null> {
      return (this.exec<T>().results[0] ?? null) as T | null;
    }
    async all<T>() {
      return this.exec<T>();
    }
    async run<T>() {
      return this.exec<T>();
    }
  }

  return {
    prepare: (query) => new Statement(query),
    async batch<T>(statements: D1PreparedStatement[]) {
      return db.transaction(() => statements.map((s) => (s as Statement).exec<T>()))();
    },
    async exec(query) {
      db.exec(query);
      return undefined;
    },
  };
}

/** Open (creating folder, file and schema as needed) the store at `path`; ':memory:' for a throwaway one. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store & { db: Database.Database } {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  migrate(db, options.migrationsDir ?? defaultMigrationsDir());
  const store = createSqlStore(d1Facade(db), {
    close: async () => {
      if (db.open) db.close();
    },
    // Copies every WAL frame into the (zero-overwritten) database and empties
    // the WAL. Another process reading at that moment (export-answers) keeps
    // its frames: then the next erasure or SQLite's own checkpoint does it.
    erased: async () => {
      if (db.open) db.pragma('wal_checkpoint(TRUNCATE)');
    },
  });
  return Object.assign(store, { db });
}
