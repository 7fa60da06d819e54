// npm run export-answers [-- out.md]: write the staff answers from the
// database (DATABASE_PATH, default data/faq.db) as markdown into knowledge/,
// for review in git and for moving good answers into the FAQ pages.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { staffAnswersMarkdown } from '../src/admin/export.js';
import { openSqliteStore } from '../src/store/sqlite.js';

const store = openSqliteStore(resolve(process.env.DATABASE_PATH || 'data/faq.db'));
const out = resolve(process.argv[2] ?? 'knowledge/staff-answers.md');
const answers = await store.listStaffAnswers();
writeFileSync(out, staffAnswersMarkdown(answers));
await store.close!();
console.log(`wrote ${answers.length} staff answer(s) to ${out}`);
