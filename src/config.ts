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
  /**
   * Count requests from this machine (127.0.0.0/8, ::1) against the rate
   * limit too. Default false: local tools — health checks, the answer-quality
   * grader, a load test — are not visitors. Behind a reverse proxy on the same
   * host set TRUST_PROXY so visitors are told apart by X-Forwarded-For;
   * otherwise every visitor arrives from loopback and is not limited.
   */
  rateLimitLoopback: boolean;
  /**
   * Staff sign-in attempts per minute per client address (POST /admin/login),
   * against token guessing. Default 5; 0 turns it off. Counted per process
   * (per isolate on Workers).
   */
  loginAttemptsPerMinute: number;
  /** Origins allowed to call the API from a browser (CORS), e.g. the site embedding the widget. Default none. */
  allowedOrigins: string[];
  /** Put visitors' message text in the request log. Default false (logs are kept and shipped; messages may hold personal data). */
  logMessages: boolean;
  /** Token for the staff page and /api/admin (Bearer for the API, a sign-in form for the page). Unset: admin routes are disabled (404). */
  adminToken?: string;
  /** Public base URL of this service (e.g. https://faq.omaorg.org), for the staff-page link in helpdesk mail. Default '' (relative link). */
  publicUrl: string;
  /** Transcripts, feedback and sent mails older than this many days are deleted. Default 90; 0 keeps everything. */
  retentionDays: number;
  /**
   * How closely a visitor's question must match a staff-answered one (0–1,
   * weighted term coverage both ways) to get the staff answer. Default 0.75;
   * range 0.6–0.9: lower reuses answers for looser rewordings, higher only
   * for near-identical questions.
   */
  staffAnswerMinScore: number;
}

export const DEFAULT_CONFIG: AppConfig = {
  helpdeskEmail: DEFAULT_ENGINE_OPTIONS.helpdeskEmail,
  maxMessageChars: 1000,
  maxBodyBytes: 64 * 1024,
  rateLimitPerMinute: 30,
  rateLimitLoopback: false,
  loginAttemptsPerMinute: 5,
  allowedOrigins: [],
  logMessages: false,
  publicUrl: '',
  retentionDays: 90,
  staffAnswerMinScore: 0.75,
};

export function mergeConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_CONFIG, ...defined };
}
