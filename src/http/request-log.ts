// One structured JSON line per request: method, path, status, duration and
// the conversation id. Message text and e-mail addresses stay out unless the
// operator opts in (LOG_MESSAGES=true), since logs are kept and shipped.
import type { MiddlewareHandler } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by routes that know which conversation a request belongs to. */
    conversationId?: string;
    /** Visitor text a route may add to the log line; logged only with LOG_MESSAGES=true. */
    logDetail?: Record<string, string>;
    /** The client hung up before its request arrived whole (set by the app's error handler). */
    aborted?: boolean;
  }
}

export interface RequestLine {
  method: string;
  path: string;
  status: number;
  ms: number;
  conversationId?: string;
  [detail: string]: unknown;
}

export type RequestLogger = (line: RequestLine) => void;

export function requestLog(log: RequestLogger, logMessages: boolean): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const line: RequestLine = {
      method: c.req.method,
      path: c.req.path, // the path only: query strings may carry tokens or addresses
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (c.get('aborted')) line.aborted = true;
    const conversationId = c.get('conversationId');
    if (conversationId) line.conversationId = conversationId;
    const detail = c.get('logDetail');
    if (logMessages && detail) Object.assign(line, detail);
    log(line);
  };
}
