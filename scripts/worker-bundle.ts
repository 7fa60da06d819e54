// Builds the Worker bundle exactly as `wrangler deploy` would (--dry-run:
// nothing is uploaded, no account or network needed) and reports what is in
// it. Used by test/worker-bundle.test.ts and scripts/worker-cold-start.ts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Packages and source files that are Node-only or build-time-only: never in the Worker. */
export const FORBIDDEN_IN_WORKER = [
  /node_modules\/(better-sqlite3|nodemailer|marked|gray-matter|yaml|github-slugger|@hono\/node-server)\//,
  /src\/(pipeline|knowledge)\//,
  /src\/store\/(sqlite|migrate-node)\.ts$/,
  /src\/entry\/node\.ts$/,
  /src\/mail\/smtp[^/]*\.ts$/,
];

export interface WorkerBundle {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** Source files the bundle was made from (from its source map), relative to the repo. */
  sources: string[];
  /** `node:` modules the bundle imports at run time. */
  nodeImports: string[];
}

export function buildWorkerBundle(outdir: string): WorkerBundle {
  const result = spawnSync(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
    cwd: root,
    encoding: 'utf8',
    // Offline and anonymous: no metrics, no request.cf fetch, no account.
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CLOUDFLARE_API_TOKEN: '', NO_COLOR: '1' },
  });
  if (result.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${result.stdout}\n${result.stderr}`);
  const file = join(outdir, 'worker.js');
  const code = readFileSync(file);
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
  const sources = map.sources.map((s) => resolve(outdir, s).replace(`${root}/`, ''));
  const nodeImports = [...code.toString('utf8').matchAll(/(?:from|import|require)\s*\(?\s*["'](node:[\w/]+)["']/g)].map((m) => m[1]!);
  return { file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, sources, nodeImports: [...new Set(nodeImports)] };
}
