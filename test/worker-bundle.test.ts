// The Worker bundle as `wrangler deploy` would upload it: small enough for
// Workers (the paid plan allows 10 MB gzipped, the free one 3 MB; we keep a
// 1.5 MB budget so cold starts stay fast) and free of Node-only code.
// Runs offline: --dry-run needs no account and no network.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkerBundle, FORBIDDEN_IN_WORKER, type WorkerBundle } from '../scripts/worker-bundle.js';

const BUDGET_GZIP_BYTES = 1.5 * 1024 * 1024;

describe('Worker bundle (wrangler deploy --dry-run)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'worker-bundle-'));
  let bundle: WorkerBundle;
  beforeAll(() => {
    bundle = buildWorkerBundle(outdir);
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it(`is at most ${BUDGET_GZIP_BYTES / 1024 / 1024} MB gzipped`, () => {
    expect(bundle.gzipBytes).toBeGreaterThan(100_000); // it really holds the app, the index and the model
    expect(bundle.gzipBytes).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });

  it('contains the app, the prebuilt index and the D1 store, and no Node-only or build-time code', () => {
    expect(bundle.sources).toEqual(expect.arrayContaining(['src/entry/worker.ts', 'src/app.ts', 'build/index.json', 'src/store/sql-store.ts']));
    const forbidden = bundle.sources.filter((s) => FORBIDDEN_IN_WORKER.some((re) => re.test(s)));
    expect(forbidden).toEqual([]);
    expect(bundle.nodeImports).toEqual([]);
  });
});
