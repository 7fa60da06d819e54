// npm run export-answers [-- out.md [out.yml]]: write the staff answers from
// the database (DATABASE_PATH, default data/faq.db) into knowledge/, for
// review in git: written answers as markdown (knowledge/staff-answers.md),
// and the questions staff pointed at a sentence of the pages in the form of
// questions.yml (knowledge/staff-questions.yml) — merged into questions.yml
// they keep working after the database is gone.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { staffAnswersMarkdown, staffAnswersYaml } from '../src/admin/export.js';
import { openSqliteStore } from '../src/store/sqlite.js';

const store = openSqliteStore(resolve(process.env.DATABASE_PATH || 'data/faq.db'));
const md = resolve(process.argv[2] ?? 'knowledge/staff-answers.md');
const yml = resolve(process.argv[3] ?? 'knowledge/staff-questions.yml');
const answers = await store.listStaffAnswers();
writeFileSync(md, staffAnswersMarkdown(answers));
writeFileSync(yml, staffAnswersYaml(answers));
await store.close!();
console.log(`wrote ${answers.length} staff answer(s) to ${md}, ${answers.filter((a) => a.kind === 'quote').length} pointed at a sentence to ${yml}`);
