// What the app is built from: injected by the entry files (Node, Workers) or
// by tests. Its own module so routes and the app share the type without
// importing each other.
import type { AppConfig } from './config.js';
import type { Engine } from './engine/engine.js';
import type { ClientOf } from './http/client.js';
import type { RateLimiter } from './http/rate-limit.js';
import type { RequestLogger } from './http/request-log.js';
import type { Outbox } from './mail/outbox.js';
import type { Assistant } from './service/assistant.js';
import type { StaffService } from './service/staff.js';
import type { StaffAuth } from './admin/auth.js';
import type { Store } from './store/types.js';

export interface AppParts {
  /** The engine over the prebuilt index; the app teaches its own copy what staff add. */
  engine: Engine;
  store: Store;
  config?: Partial<AppConfig>;
  /** Where unexpected errors are reported (default: console.error). */
  log?: (message: string, detail?: unknown) => void;
  /** Where the one-line-per-request log goes (default: nowhere). */
  logRequest?: RequestLogger;
  /** Who is asking and over what (socket or trusted proxy on Node, cf-connecting-ip on Workers). Default: unknown, plain HTTP as the URL says. */
  client?: ClientOf;
  /** Rate limiter for the visitor routes (default: in memory, per process or isolate). */
  rateLimiter?: RateLimiter;
  /** Counts failed staff sign-ins (default: in memory). */
  loginLimiter?: RateLimiter;
  /** Delivers queued mail; kicked after a contact is stored. Absent: mails wait in the outbox (no SMTP configured). */
  outbox?: Pick<Outbox, 'kick'>;
}

/** The parts after defaults are filled in: what routes receive. */
export interface AppDeps extends Omit<AppParts, 'config' | 'client'> {
  config: AppConfig;
  client: ClientOf;
  /** Runs turns and holds what staff taught; the admin routes tell it when that changes. */
  assistant: Assistant;
  /** What staff do: review, resolve, teach, correct. */
  staff: StaffService;
  /** Staff sign-in; absent when no ADMIN_TOKEN is set (admin routes are off). */
  staffAuth?: StaffAuth;
}
