// The import's report as people read it: what was imported, what changed
// since the last import, and what now cites nothing.
import { orphanCount } from './orphans.js';
import type { ImportReport } from './run-import.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const quote = (s: string) => `"${s}"`;

/**
 * What the import means for a running server, the report's last line: the
 * server loads its index once, at start-up, so it answers from the old pages
 * until it is restarted (start-up rebuilds the index when the knowledge is
 * newer).
 */
export function restartAdvice(report: ImportReport): string {
  const { written, deleted } = report.pages;
  if (written.length + deleted.length === 0) return 'No page file changed: a running server needs no restart.';
  return 'A running server still answers from the pages it loaded when it started: restart it (npm start, or npm run serve; either rebuilds the index from the new pages) — on Cloudflare Workers, npm run deploy.';
}

export function formatReport(report: ImportReport): string {
  const { pages, drift, orphans } = report;
  const out: string[] = [];
  out.push(
    `Imported ${plural(pages.total, 'page')} into ${report.knowledgeDir}: ${pages.written.length} written, ${pages.unchanged} unchanged, ${pages.notModified} not modified (304), ${pages.deleted.length} deleted.`,
  );
  for (const s of pages.skipped) out.push(`  skipped ${s.from}: ${s.reason}`);
  for (const f of pages.failed) out.push(`  FAILED ${f.from}: ${f.reason} (kept as it was)`);

  out.push('');
  const added = drift.added.length;
  const removed = drift.removed.length;
  const changed = drift.changed.length;
  if (!drift.since) out.push(`First import: ${plural(added, 'page')} added.`);
  else if (added + removed + changed === 0) out.push(`No drift since the last import (${drift.since}): ${plural(drift.unchanged, 'page')} the same.`);
  else out.push(`Drift since the last import (${drift.since}): ${added} added, ${removed} removed, ${changed} changed, ${drift.unchanged} the same.`);
  if (drift.since) {
    for (const p of drift.added) out.push(`  + ${p.url} (${p.file}, ${plural(p.sentences, 'sentence')})`);
    for (const p of drift.removed) out.push(`  - ${p.url} (${p.file})`);
  }
  for (const p of drift.changed) {
    out.push(`  ~ ${p.url} (${p.file}): ${p.changed.length} changed, ${p.removed.length} removed, ${p.added.length} added`);
    for (const c of p.changed) out.push(`      changed: ${quote(c.before)}`, `           to: ${quote(c.after)}`);
    for (const s of p.removed) out.push(`      removed: ${quote(s)}`);
    for (const s of p.added) out.push(`      added:   ${quote(s)}`);
  }

  out.push('');
  const n = orphanCount(orphans);
  if (n === 0) out.push('Nothing cites a sentence or page that is gone.');
  else {
    out.push(`${plural(n, 'citation')} of a sentence or page that is gone:`);
    for (const q of orphans.questions)
      out.push(
        `  questions.yml: quote not found in any page: ${quote(q.quote)} (${plural(q.questions.length, 'question')}; the build fails until it is fixed)`,
      );
    for (const l of orphans.links) out.push(`  ${l.in === 'links.yml' ? 'links.yml' : `link on ${l.in}`}: ${quote(l.title)} → ${l.url} (page removed)`);
    for (const s of orphans.staffAnswers) {
      const what = [
        s.reasons.includes('page removed') ? `source ${s.sourceUrl} removed` : '',
        s.reasons.includes('quote not found') ? `quote not found: ${quote(s.quote ?? '')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      out.push(`  staff answer #${s.id} ${quote(s.question)}: ${what}`);
    }
  }
  out.push('', restartAdvice(report));
  return `${out.join('\n')}\n`;
}
