// Application options, with defaults, merged in one place. The entry files
// read the environment and pass plain values in; the core never reads
// process.env, so the same app runs on Node and on Workers.
import { DEFAULT_ENGINE_OPTIONS } from './engine/options.js';

export interface AppConfig {
  /** Helpdesk address named in escalations. Default helpdesk@omaorg.org. */
  helpdeskEmail: string;
  /** Longest message accepted, in characters after trimming. Default 1000; range 200–4000. */
  maxMessageChars: number;
  /** Largest request body accepted, in bytes. Default 65 536 (64 KB); range 4 KB–1 MB. */
  maxBodyBytes: number;
  /** Requests per minute per client address on POST /api/chat and the escalation routes. Default 30; 0 turns limiting off. */
  rateLimitPerMinute: number;
  /** Origins allowed to call the API from a browser (CORS), e.g. the site embedding the widget. Default none. */
  allowedOrigins: string[];
  /** Put visitors' message text in the request log. Default false (logs are kept and shipped; messages may hold personal data). */
  logMessages: boolean;
}

export const DEFAULT_CONFIG: AppConfig = {
  helpdeskEmail: DEFAULT_ENGINE_OPTIONS.helpdeskEmail,
  maxMessageChars: 1000,
  maxBodyBytes: 64 * 1024,
  rateLimitPerMinute: 30,
  allowedOrigins: [],
  logMessages: false,
};

export function mergeConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_CONFIG, ...defined };
}
