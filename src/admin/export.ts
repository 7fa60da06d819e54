// Staff answers as markdown, for knowledge/ (npm run export-answers, or
// GET /api/admin/answers/export): reviewed in git, and ready to be moved into
// the FAQ pages when an answer deserves to become page text.
import type { StaffAnswer } from '../store/types.js';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function staffAnswersMarkdown(answers: StaffAnswer[], exportedAt = new Date()): string {
  const lines = [
    '# Answers from the helpdesk',
    '',
    `<!-- Exported from the staff page on ${exportedAt.toISOString().slice(0, 10)}; ${answers.length} answer(s). -->`,
    '',
  ];
  for (const a of [...answers].sort((x, y) => x.id - y.id)) {
    lines.push(`## ${oneLine(a.question)}`, '', a.answer.trim(), '');
    if (a.sourceUrl) lines.push(`Source: <${a.sourceUrl}>`, '');
  }
  return lines.join('\n');
}
