// npm run import -- <source…>: bring a site's pages into knowledge/pages/ and
// report drift since the last import. Sources: a static site's content folder
// (pages copied verbatim), HTML page URLs or files, sitemap.xml URLs or files.
//   --knowledge DIR   knowledge directory (default $KNOWLEDGE_DIR or knowledge)
//   --database FILE   SQLite database with staff answers (default $DATABASE_PATH or data/faq.db)
//   --json            print the report as JSON
//   --check           exit 1 when anything cites a sentence or page that is gone (for CI)
//   --watch           re-import a content folder whenever it changes
//   --timeout SEC     per-request timeout for fetched pages (default 15)
// Progress goes to stderr, the report to stdout.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { KnowledgeError } from '../src/knowledge/load.js';
import { orphanCount } from '../src/import/orphans.js';
import { formatReport, restartAdvice } from '../src/import/report.js';
import { runImport, type ImportOptions } from '../src/import/run-import.js';
import { classifySource, SourceError } from '../src/import/sources.js';
import { StateError } from '../src/import/state.js';
import { watchFolder } from '../src/import/watch.js';

const USAGE =
  'usage: npm run import -- [--knowledge DIR] [--database FILE] [--json] [--check] [--watch] [--timeout SEC] <content folder | page.html | sitemap.xml | URL>…';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      knowledge: { type: 'string' },
      database: { type: 'string' },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
const { values, positionals } = args;
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (positionals.length === 0) fail(USAGE);
const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
if (timeout !== undefined && !(timeout > 0)) fail('--timeout must be a number of seconds above 0');

const knowledgeDir = resolve(values.knowledge ?? process.env.KNOWLEDGE_DIR ?? 'knowledge');
const options: ImportOptions = {
  sources: positionals,
  knowledgeDir,
  databasePath: resolve(values.database ?? process.env.DATABASE_PATH ?? 'data/faq.db'),
  log: (line) => process.stderr.write(`${line}\n`),
  ...(timeout ? { fetch: { timeoutMs: timeout * 1000 } } : {}),
};

/** One import, its report printed; the number of orphaned citations. */
async function once(): Promise<number> {
  const report = await runImport(options);
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  // The report's last line; with --json, stdout stays JSON only.
  if (values.json) process.stderr.write(`${restartAdvice(report)}\n`);
  return orphanCount(report.orphans);
}

function explain(err: unknown): string {
  // Bad input (a knowledge file, a source, the state file) is one line; anything else is a bug, with its stack.
  return err instanceof KnowledgeError || err instanceof SourceError || err instanceof StateError ? err.message : ((err as Error).stack ?? String(err));
}

if (values.watch) {
  let folder;
  try {
    folder = positionals.length === 1 ? classifySource(positionals[0]!) : undefined;
  } catch (err) {
    fail(explain(err));
  }
  if (folder?.kind !== 'content-folder') fail('--watch takes exactly one source: a content folder');
  if (`${knowledgeDir}/`.startsWith(`${resolve(folder.dir)}/`))
    fail('--watch: the knowledge directory must not be inside the watched folder (each import would trigger the next)');
  const run = async () => {
    try {
      await once();
    } catch (err) {
      process.stderr.write(`${explain(err)}\n`);
    }
    process.stderr.write(`watching ${folder.dir} (Ctrl-C to stop)\n`);
  };
  await run();
  watchFolder(folder.dir, run);
} else {
  try {
    const orphans = await once();
    process.exitCode = values.check && orphans > 0 ? 1 : 0;
  } catch (err) {
    fail(explain(err));
  }
}
