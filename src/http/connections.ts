// Node only (the Worker's runtime owns its sockets): caps on open
// connections, in all and per client address, so that slow clients cannot
// hold more memory than the caps allow. Every open connection can hold a
// request body being read (up to 64 KB, the body cap) plus its buffers; 4 000
// sockets that each sent most of a 64 KB body and then nothing used to fill
// the 128 MB heap in about 10 s. With the caps, one client holds at most
// `perClient` of them and everyone together `total`, each for at most the
// request deadline (REQUEST_TIMEOUT_MS); a connection over a cap is closed at
// once, before a byte of it is read.
import type { Server, Socket } from 'node:net';
import { clientKey } from './client.js';

export interface ConnectionLimits {
  /** Open connections in all (Node's server.maxConnections). */
  total: number;
  /** Open connections per client address (IPv6 by /64); 0: no per-client cap. */
  perClient: number;
}

export interface ConnectionGuard {
  /** Connections refused so far, by cap. */
  refused: { total: number; perClient: number };
}

/**
 * Apply the caps to a listening (or about to listen) server. `warn` is told,
 * at most once per `reportMs`, how many connections were refused since the
 * last report — a flood is one line, not one line per socket.
 */
export function limitConnections(
  server: Server,
  limits: ConnectionLimits,
  warn: (message: string, detail: Record<string, unknown>) => void,
  reportMs = 10_000,
): ConnectionGuard {
  const refused = { total: 0, perClient: 0 };
  const reported = { total: 0, perClient: 0 };
  let pending: NodeJS.Timeout | undefined;
  const report = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      warn('connections refused over the caps', {
        overTotal: refused.total - reported.total,
        overPerClient: refused.perClient - reported.perClient,
        maxConnections: limits.total,
        maxConnectionsPerClient: limits.perClient,
      });
      Object.assign(reported, refused);
    }, reportMs);
    pending.unref();
  };

  // Over the total, Node closes the socket itself and emits 'drop'.
  server.maxConnections = limits.total;
  server.on('drop', () => {
    refused.total++;
    report();
  });

  if (limits.perClient > 0) {
    // Open connections per client key; a key is dropped with its last
    // connection, so the map is never larger than `total`.
    const open = new Map<string, number>();
    // Before the HTTP server's own listener: the socket is gone before its parser reads.
    server.prependListener('connection', (socket: Socket) => {
      const key = clientKey(socket.remoteAddress);
      const n = (open.get(key) ?? 0) + 1;
      if (n > limits.perClient) {
        refused.perClient++;
        report();
        socket.destroy();
        return;
      }
      open.set(key, n);
      socket.once('close', () => {
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      });
    });
  }
  return { refused };
}
