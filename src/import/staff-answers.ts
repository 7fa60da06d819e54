// Staff answers that cite the site, read from the service's SQLite database
// (read-only: the import never writes to the store, and may run while the
// server does). A `quote` column, when a future migration adds it, holds the
// page sentence an answer leans on.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface StaffAnswerCitation {
  id: number;
  question: string;
  sourceUrl?: string;
  quote?: string;
}

/** The staff answers with a source or a quote; none when there is no database (yet). */
export function readStaffAnswers(databasePath: string): StaffAnswerCitation[] {
  if (!existsSync(databasePath)) return [];
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const columns = new Set((db.prepare('PRAGMA table_info(staff_answers)').all() as { name: string }[]).map((c) => c.name));
    if (!columns.has('question')) return [];
    const quote = columns.has('quote') ? 'quote' : 'NULL AS quote';
    const rows = db.prepare(`SELECT id, question, source_url, ${quote} FROM staff_answers ORDER BY id`).all() as {
      id: number;
      question: string;
      source_url: string | null;
      quote: string | null;
    }[];
    return rows
      .filter((r) => r.source_url?.trim() || r.quote?.trim())
      .map((r) => ({
        id: r.id,
        question: r.question,
        ...(r.source_url?.trim() ? { sourceUrl: r.source_url.trim() } : {}),
        ...(r.quote?.trim() ? { quote: r.quote.trim() } : {}),
      }));
  } finally {
    db.close();
  }
}
