// The real Node server (src/entry/node.ts) in a child process, as `npm start`
// runs it (its heap flags included), for tests of what only real sockets and
// a real process show: slow clients, connection caps, memory, the log.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { freePort, SERVER_NODE_FLAGS } from '../../scripts/lib/server.js';

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string;
  /** SIGTERM, resolving when the process is gone. */
  stop: () => Promise<void>;
}

const running: ChildProcess[] = [];
/** For afterAll: kill whatever is still running. */
export function killAll() {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'src/entry/node.ts'], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* starting */
    }
    if (Date.now() > deadline) throw new Error(`server did not start in 30 s: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resident memory of a process in MB (Linux). */
export const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

export interface RawExchange {
  socket: Socket;
  /** Bytes the server sent back so far. */
  received: () => string;
  /** Resolves when the server (or the client) closed the connection, with ms since connect. */
  closed: Promise<number>;
  /** Resolves with the status line's code as soon as one arrives. */
  status: Promise<number>;
}

/**
 * A raw HTTP/1.1 exchange: `head` (request line and headers) and then
 * `body`, and nothing more — a client that stalls, as a slow-body attack
 * does. `from` picks the local address (127.0.0.x), so a test can be two
 * clients on one machine.
 */
export function rawRequest(port: number, head: string, body = '', from?: string): RawExchange {
  const started = performance.now();
  const socket = connect({ host: '127.0.0.1', port, ...(from ? { localAddress: from } : {}) });
  let received = '';
  let gotStatus: (n: number) => void;
  const status = new Promise<number>((done) => (gotStatus = done));
  socket.on('data', (d) => {
    received += d.toString('latin1');
    const m = /^HTTP\/1\.1 (\d{3})/.exec(received);
    if (m) gotStatus(Number(m[1]));
  });
  socket.on('error', () => {});
  const closed = new Promise<number>((done) => socket.once('close', () => done(performance.now() - started)));
  socket.on('connect', () => {
    socket.write(head.replace(/\n/g, '\r\n') + '\r\n\r\n');
    if (body) socket.write(body);
  });
  return { socket, received: () => received, closed, status };
}

/** `promise`'s value, or `fallback` when it has not settled within `ms`. */
export const within = <T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> =>
  Promise.race([promise, new Promise<F>((done) => setTimeout(() => done(fallback), ms))]);
