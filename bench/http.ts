// HTTP throughput on one Node server in one run: the no-work route
// (GET /healthz) as the physical reference, then POST /api/chat over a pool
// of distinct questions; their ratio is what the engine costs.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

export interface Throughput {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function run(url: string, connections: number, duration: number, request: autocannon.Request): Promise<Throughput> {
  const r = await autocannon({ url, connections, duration, timeout: 10, requests: [request] });
  return {
    rps: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

export async function benchHttp(url: string, pool: string[], connections = 50, duration = 10) {
  let next = 0;
  const chatRequest: autocannon.Request = {
    method: 'POST',
    path: '/api/chat',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => ({ ...req, body: JSON.stringify({ message: pool[next++ % pool.length] }) }),
  };
  // A short warm-up of both routes so both are measured with a warmed JIT.
  await run(url, connections, 2, { method: 'GET', path: '/healthz' });
  await run(url, connections, 2, chatRequest);
  const noWork = await run(url, connections, duration, { method: 'GET', path: '/healthz' });
  const chat = await run(url, connections, duration, chatRequest);
  return { connections, durationS: duration, pool: pool.length, noWork, chat, ratio: +(chat.rps / noWork.rps).toFixed(3) };
}

/** Resident set of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 102.4) / 10;
}
