// Retention, for both entries (hourly on Node, on the cron trigger on
// Workers): transcripts, questions, contacts, feedback and sent mails older
// than the retention period go, and expired staff sessions with them.
import { redact } from '../mail/outbox.js';
import type { Store } from '../store/types.js';

const DAY = 24 * 60 * 60 * 1000;

export type RetentionLog = (level: 'info' | 'error', msg: string, detail: Record<string, unknown>) => void;

/** One purge run; never throws (a failed run is logged and the next one tries again). */
export async function applyRetention(store: Store, retentionDays: number, log: RetentionLog, now = Date.now()): Promise<number> {
  try {
    // With retention off (0 days) only expired sessions go.
    const before = retentionDays > 0 ? now - retentionDays * DAY : 0;
    const { deleted } = await store.purge(before, now);
    if (deleted) log('info', 'retention purge', { retentionDays, deleted });
    return deleted;
  } catch (err) {
    log('error', 'retention purge failed', { error: redact(String(err)) });
    return 0;
  }
}
