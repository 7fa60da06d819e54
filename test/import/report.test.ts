// The report's last line: the running server answers from the pages it
// loaded at start-up, so after an import that changed pages it says to
// restart it (and when nothing changed, that no restart is needed).
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/import/report.js';
import { importInto, tempContent, tempKnowledge } from './knowledge-dir.js';

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

describe('the import report', () => {
  it('ends by telling to restart the server when pages changed, and that none is needed when none did', async () => {
    const content = tempContent();
    const dir = tempKnowledge();
    const first = formatReport(await importInto(dir, [content]));
    expect(lastLine(first)).toBe(
      'A running server still answers from the pages it loaded when it started: restart it (npm start, or npm run serve; either rebuilds the index from the new pages) — on Cloudflare Workers, npm run deploy.',
    );
    expect(lastLine(formatReport(await importInto(dir, [content])))).toBe('No page file changed: a running server needs no restart.');
  });
});
