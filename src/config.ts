// Application options, with defaults, merged in one place. The entry files
// read the environment and pass plain values in; the core never reads
// process.env, so the same app runs on Node and on Workers.
import type { Settings } from './settings.js';

export interface AppConfig {
  /** Helpdesk address mailed about escalations. Default: the engine's (knowledge/site.yml, or HELPDESK_EMAIL). */
  helpdeskEmail: string;
  /** Longest message accepted, in characters after trimming. Default 1000; range 200–4000. */
  maxMessageChars: number;
  /** Largest request body accepted, in bytes. Default 65 536 (64 KB); range 4 KB–1 MB. */
  maxBodyBytes: number;
  /**
   * Requests per minute per client on POST /api/chat, /api/escalations/* and
   * /api/feedback. Default 30; 0 turns limiting off (for local tools such as
   * a load test). Every client counts, this machine included: behind a
   * reverse proxy set TRUST_PROXY so visitors are told apart.
   */
  rateLimitPerMinute: number;
  /**
   * Failed staff sign-ins per minute per client address — a wrong token on
   * the sign-in form, a wrong Bearer token or a stale session cookie — before
   * further failures get 429. A correct token is never refused. Default 5; 0
   * turns it off.
   */
  loginAttemptsPerMinute: number;
  /** Open (unanswered, no contact left) questions one client may add per day; beyond it turns are recorded without new escalations. Default 20. */
  openQuestionsPerClient: number;
  /** How long a staff sign-in lasts, in hours. Default 12. */
  sessionHours: number;
  /** How often the store is asked whether staff knowledge changed elsewhere (another process or isolate), in ms. Default 3000; changes made through this process apply at once. */
  staffRefreshMs: number;
  /**
   * Origins allowed to call the API from a browser (CORS): the pages that
   * embed the widget. Default: the site's own origin (knowledge/site.yml)
   * and its www/non-www twin (siteOrigins); set to name others (it replaces
   * the default, so list the site too if it embeds the widget).
   */
  allowedOrigins: string[];
  /** Put visitors' message text in the request log. Default false (logs are kept and shipped; messages may hold personal data). */
  logMessages: boolean;
  /** Token for the staff page and /api/admin (Bearer for the API, a sign-in form for the page). Unset: admin routes are disabled (404). */
  adminToken?: string;
  /** Public base URL of this service (e.g. https://faq.example.org), for the staff-page link in helpdesk mail. Default '' (relative link). */
  publicUrl: string;
  /** Transcripts, feedback and sent mails older than this many days are deleted. Default 90; 0 keeps everything. */
  retentionDays: number;
  /** How alike two open questions must be (0–1, weighted share of words in common, both ways, synonyms counting) to be shown as one item on the staff page. Default 0.75; range 0.5–0.95. */
  groupSimilarity: number;
  /**
   * Distinct clients (IPv6 by /64) who must pick the same sentence for one
   * wording among the choices before the bot learns it on its own (the
   * wording becomes a matching-only alternate question of that sentence,
   * which staff can undo). Default 3; 0 turns it off (staff accept by hand).
   */
  learnFromChoices: number;
}

export const DEFAULT_CONFIG: Omit<AppConfig, 'helpdeskEmail' | 'allowedOrigins'> = {
  maxMessageChars: 1000,
  maxBodyBytes: 64 * 1024,
  rateLimitPerMinute: 30,
  loginAttemptsPerMinute: 5,
  openQuestionsPerClient: 20,
  sessionHours: 12,
  staffRefreshMs: 3000,
  logMessages: false,
  publicUrl: '',
  retentionDays: 90,
  groupSimilarity: 0.75,
  learnFromChoices: 3,
};

/**
 * Where a site's own pages are served from: its origin and the www/non-www
 * twin (same scheme and port), which sites commonly answer on both. Not for
 * a host without a dot (localhost) or an IP address.
 */
export function siteOrigins(origin: string): string[] {
  const url = new URL(origin);
  const host = url.hostname;
  if (!host.includes('.') || /^[\d.]+$/.test(host) || host.startsWith('[')) return [url.origin];
  const twin = new URL(url.origin);
  twin.hostname = host.startsWith('www.') ? host.slice(4) : `www.${host}`;
  return [url.origin, twin.origin];
}

/**
 * Defaults, then the site's (knowledge/site.yml: its helpdesk and its own
 * origins for CORS), then what the deployment set (undefined values mean
 * "not set"). Node and Workers both get here through createApp.
 */
export function mergeConfig(overrides: Partial<AppConfig> = {}, site: { helpdeskEmail: string; origin: string }): AppConfig {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_CONFIG, helpdeskEmail: site.helpdeskEmail, allowedOrigins: siteOrigins(site.origin), ...defined };
}

/** The app options a deployment sets through its environment (Node) or bindings (Workers). */
export function configFromSettings(s: Settings): Partial<AppConfig> {
  return {
    helpdeskEmail: s.HELPDESK_EMAIL,
    adminToken: s.ADMIN_TOKEN,
    publicUrl: s.PUBLIC_URL,
    retentionDays: s.RETENTION_DAYS,
    rateLimitPerMinute: s.RATE_LIMIT_PER_MINUTE,
    loginAttemptsPerMinute: s.LOGIN_ATTEMPTS_PER_MINUTE,
    openQuestionsPerClient: s.OPEN_QUESTIONS_PER_CLIENT,
    allowedOrigins: s.ALLOWED_ORIGINS,
    logMessages: s.LOG_MESSAGES,
    learnFromChoices: s.LEARN_FROM_CHOICES,
  };
}
