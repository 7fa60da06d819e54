// Sizes: /widget.js as served (raw, gzip, brotli — the bytes on the wire for
// each Accept-Encoding) and the Worker bundle gzipped (wrangler's own
// dry-run bundle). undefined when the piece does not exist yet.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

function served(url: string, encoding: string): Promise<number | undefined> {
  return new Promise((done) => {
    const req = request(`${url}/widget.js`, { headers: { 'accept-encoding': encoding } }, (res) => {
      let n = 0;
      res.on('data', (b: Buffer) => {
        n += b.length;
      });
      res.on('end', () => done(res.statusCode === 200 ? n : undefined));
    });
    req.on('error', () => done(undefined));
    req.end();
  });
}

export async function widgetSizes(url: string) {
  return { raw: await served(url, 'identity'), gzip: await served(url, 'gzip'), brotli: await served(url, 'br') };
}

export function workerBundleGzip(): { raw?: number; gzip?: number; note?: string } {
  if (!existsSync('wrangler.toml') || !existsSync('src/entry/worker.ts')) return { note: 'no Worker entry yet' };
  const out = mkdtempSync(join(tmpdir(), 'faq-worker-bundle-'));
  try {
    const r = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], { encoding: 'utf8', timeout: 120_000 });
    const files = existsSync(out) ? readdirSync(out).filter((f) => /\.(m?js|wasm)$/.test(f)) : [];
    if (r.status !== 0 || files.length === 0) return { note: `wrangler dry-run failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-1)[0]}` };
    let raw = 0;
    let gzip = 0;
    for (const f of files) {
      const bytes = readFileSync(join(out, f));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    return { raw, gzip };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
