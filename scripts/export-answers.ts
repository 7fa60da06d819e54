// npm run export-answers [-- [--knowledge DIR] [--database FILE] [out.md [out.yml]]]:
// write the staff answers from the database into the knowledge folder, for
// review in git: written answers as markdown (<knowledge>/staff-answers.md),
// and the questions staff pointed at a sentence of the pages in the form of
// questions.yml (<knowledge>/staff-questions.yml) — merged into questions.yml
// they keep working after the database is gone.
//   --knowledge DIR   knowledge folder (default $KNOWLEDGE_DIR or knowledge), as npm run import and the server use
//   --database FILE   SQLite database (default $DATABASE_PATH or data/faq.db)
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { staffAnswersMarkdown, staffAnswersYaml } from '../src/admin/export.js';
import { openSqliteStore } from '../src/store/sqlite.js';

const USAGE = 'usage: npm run export-answers -- [--knowledge DIR] [--database FILE] [out.md [out.yml]]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: { knowledge: { type: 'string' }, database: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
const { values, positionals } = args;
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (positionals.length > 2) fail(USAGE);

// The same folder the server answers from: the export is meant to be reviewed next to its pages.
const knowledgeDir = resolve(values.knowledge || process.env.KNOWLEDGE_DIR || 'knowledge');
if (!existsSync(knowledgeDir) || !statSync(knowledgeDir).isDirectory())
  fail(`${knowledgeDir} is not a folder: --knowledge (or KNOWLEDGE_DIR) must name the knowledge folder to write into`);
const databasePath = resolve(values.database || process.env.DATABASE_PATH || 'data/faq.db');
// Opening a missing database would create an empty one and export nothing.
if (!existsSync(databasePath)) fail(`${databasePath}: no such database (--database or DATABASE_PATH names the server's SQLite file)`);

const store = openSqliteStore(databasePath);
const md = resolve(positionals[0] ?? join(knowledgeDir, 'staff-answers.md'));
const yml = resolve(positionals[1] ?? join(knowledgeDir, 'staff-questions.yml'));
const answers = await store.listStaffAnswers();
writeFileSync(md, staffAnswersMarkdown(answers));
writeFileSync(yml, staffAnswersYaml(answers));
await store.close!();
console.log(`wrote ${answers.length} staff answer(s) to ${md}, ${answers.filter((a) => a.kind === 'quote').length} pointed at a sentence to ${yml}`);
