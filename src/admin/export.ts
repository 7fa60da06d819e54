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
    lines.push(`## ${oneLine(a.question)}`, '');
    for (const q of a.questions) lines.push(`*Also asked as:* ${oneLine(q)}  `);
    if (a.questions.length) lines.push('');
    lines.push(a.kind === 'quote' ? `> ${oneLine(a.answer)}` : a.answer.trim(), '');
    if (a.sourceUrl) lines.push(`Source: <${a.sourceUrl}>`, '');
  }
  return lines.join('\n');
}

/**
 * The answers staff gave by pointing at a sentence of the pages, in the form
 * of knowledge/questions.yml (a quote and the questions it answers): merged
 * into that file they keep working after the database is gone.
 */
export function staffAnswersYaml(answers: StaffAnswer[], exportedAt = new Date()): string {
  const quotes = answers
    .filter((a) => a.kind === 'quote')
    .sort((x, y) => x.id - y.id)
    .map((a) => ({ quote: a.answer, questions: [...new Set([a.question, ...a.questions].map(oneLine))] }));
  // JSON strings are YAML double-quoted scalars: any text is written safely
  // without a YAML library in the Worker.
  const body = quotes
    .map((q) => [`- quote: ${JSON.stringify(q.quote)}`, '  questions:', ...q.questions.map((x) => `    - ${JSON.stringify(x)}`)].join('\n'))
    .join('\n');
  return `# Exported from the staff page on ${exportedAt.toISOString().slice(0, 10)}: ${quotes.length} quote(s) staff pointed questions at.\n${quotes.length ? `${body}\n` : '[]\n'}`;
}
