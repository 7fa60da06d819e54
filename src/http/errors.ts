// One error shape for every route: `{"error": "<clear message>"}` with a 4xx
// status for bad input; anything unexpected is a generic 500 (detail logged,
// never sent).
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class ApiError extends HTTPException {
  constructor(status: ContentfulStatusCode, message: string) {
    super(status, { message });
  }
}

export const errorBody = (message: string) => ({ error: message });

/**
 * The client hung up before its request arrived whole: Node's "aborted"
 * (ECONNRESET) from the body stream, or the request's signal, which the
 * server aborts when the connection closes first. Not the server's fault:
 * logged as an aborted request (status 499, as nginx calls it), never as an
 * unhandled error with a stack, and never a 500.
 */
export function clientGone(err: unknown, request: Request): boolean {
  if (request.signal?.aborted) return true;
  const e = err as { code?: unknown; message?: unknown } | null;
  return (e?.code === 'ECONNRESET' && e.message === 'aborted') || e?.message === 'Client connection prematurely closed.';
}

/** The status an aborted request is logged with (no client is left to read it). */
export const CLIENT_GONE = 499;
