// npm test: the prerequisites, then every part of the suite — lint, the Node
// tests, the workerd tests, the soak — each run even when an earlier one failed, so one
// failure never hides another (a `&&` chain skipped the workerd suite without
// a word). Ends with one line per part and exits non-zero if any failed.
// Plain Node, no dependencies.
import { spawnSync } from 'node:child_process';

const parts = [
  ['prerequisites', ['node', ['scripts/prereqs.mjs']]],
  ['lint (eslint, prettier)', ['npm', ['run', '-s', 'lint']]],
  ['Node tests', ['npx', ['vitest', 'run']]],
  ['workerd tests', ['npx', ['vitest', 'run', '-c', 'vitest.workers.config.mts']]],
  ['soak (Node server, workerd)', ['npx', ['vitest', 'run', '-c', 'vitest.soak.config.ts']]],
];

const results = [];
for (const [name, [cmd, args]] of parts) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000), status: r.status ?? r.signal });
  // Without the prerequisites nothing else can run: their one line is the report.
  if (name === 'prerequisites' && !ok) break;
}
console.log('\nnpm test:');
for (const r of results) console.log(`  ${r.ok ? 'passed' : 'FAILED'}  ${r.name} (${r.seconds} s${r.ok ? '' : `, exit ${r.status}`})`);
process.exit(results.every((r) => r.ok) && results.length === parts.length ? 0 : 1);
