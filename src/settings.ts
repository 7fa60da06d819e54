// Settings from the environment, parsed in one place for both entries: the
// Node server's process.env and the Worker's bindings are the same kind of
// thing (names → strings), so one table says what each name means, what form
// it takes and its default. A bad value is refused with one line that names
// the variable, the value (never a secret's) and the expected form.
import { z } from 'zod';
import { MIN_TOKEN_BITS, tokenBits } from './admin/token-strength.js';
import { nearestName } from './nearest-name.js';

export class SettingsError extends Error {
  override name = 'SettingsError';
}

interface Spec<T> {
  /** What a good value looks like, for the error line. */
  expected: string;
  parse: z.ZodType<T, string>;
  /** A secret: its value is never repeated in an error. */
  secret?: boolean;
}

const trimmed = z.string().trim();
const wholeNumber = (min: number, max: number) => trimmed.regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));
const decimal = (min: number, max: number) =>
  trimmed
    .regex(/^\d*\.?\d+$/)
    .transform(Number)
    .pipe(z.number().min(min).max(max));
const bool = trimmed
  .toLowerCase()
  .pipe(z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off']))
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));
const email = trimmed.pipe(z.email());
const httpUrl = trimmed.pipe(z.url({ protocol: /^https?$/ }));
/** "https://a.example, https://b.example": origins only (scheme, host, port), no paths, no wildcard. */
const origins = trimmed
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim().replace(/\/+$/, ''))
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^https?:\/\/[^/*\s]+$/)).min(1));

// Each variable: meaning, form and default (in the entries' `?? default`).
const SPECS = {
  /** Port the Node server listens on. Default 8787. */
  PORT: { expected: 'a port number from 1 to 65535', parse: wholeNumber(1, 65535) },
  /** Interface to listen on. Default 0.0.0.0. */
  HOST: { expected: 'a host name or IP address', parse: trimmed.regex(/^[\w.:[\]-]+$/) },
  KNOWLEDGE_DIR: { expected: 'a folder path', parse: trimmed.min(1) },
  INDEX_PATH: { expected: 'a file path', parse: trimmed.min(1) },
  DATABASE_PATH: { expected: 'a file path', parse: trimmed.min(1) },
  MIGRATIONS_DIR: { expected: 'a folder path', parse: trimmed.min(1) },
  SQLITE_SYNCHRONOUS: { expected: 'NORMAL or FULL', parse: trimmed.toUpperCase().pipe(z.enum(['NORMAL', 'FULL'])) },
  /** Helpdesk address named in escalations. Default: knowledge/site.yml's helpdesk. */
  HELPDESK_EMAIL: { expected: 'an e-mail address such as helpdesk@example.org', parse: email },
  /** Sender of mail. Default: the FAQ assistant's own name at the helpdesk's domain. */
  MAIL_FROM: { expected: 'an e-mail address such as faq-assistant@example.org', parse: email },
  /** Lowest probability that the top sentence answers at which it is quoted alone (0–1). Default: fitted (model.json). */
  ANSWER_THRESHOLD: { expected: 'a number from 0 to 1, such as 0.9', parse: decimal(0, 1) },
  /** Lowest probability that one of the choices answers at which they are offered; below it the question is escalated (0–1). Default: fitted. */
  CHOICE_THRESHOLD: { expected: 'a number from 0 to 1, such as 0.5', parse: decimal(0, 1) },
  /** Requests per minute per client on the visitor routes; 0 turns limiting off. Default 30. */
  RATE_LIMIT_PER_MINUTE: { expected: 'a whole number of requests per minute, 0 to 100000 (0 turns limiting off)', parse: wholeNumber(0, 100_000) },
  /** Failed staff sign-ins per minute per client before 429. Default 5. */
  LOGIN_ATTEMPTS_PER_MINUTE: { expected: 'a whole number of attempts per minute, 0 to 1000 (0 turns the limit off)', parse: wholeNumber(0, 1000) },
  /** Distinct clients who must pick the same sentence for a wording before it is learned; 0 turns learning off. Default 3. */
  LEARN_FROM_CHOICES: { expected: 'a whole number of clients, 0 to 1000 (0 turns learning from picks off)', parse: wholeNumber(0, 1000) },
  /** Open questions one client may leave per day; 0 turns the cap off. Default 20. */
  OPEN_QUESTIONS_PER_CLIENT: { expected: 'a whole number of questions per day, 0 to 100000 (0 turns the cap off)', parse: wholeNumber(0, 100_000) },
  /** Days transcripts and questions are kept; 0 keeps everything. Default 90. */
  RETENTION_DAYS: { expected: 'a whole number of days, 0 to 3650 (0 keeps everything)', parse: wholeNumber(0, 3650) },
  /** Staff token. At least 32 characters: it is the only thing between the internet and visitors' addresses. */
  ADMIN_TOKEN: {
    expected: 'at least 32 characters without spaces (make one with: openssl rand -hex 32)',
    // Long but made of words or patterns is refused too: the sign-in limit
    // slows guessing, only the token's randomness makes it hopeless.
    parse: z
      .string()
      .regex(/^\S{32,512}$/)
      // (A token too short or with spaces is the pattern's to refuse, in its words.)
      .refine((t) => !/^\S{32,512}$/.test(t) || tokenBits(t) >= MIN_TOKEN_BITS, {
        error: (i) =>
          `too easy to guess (about ${Math.round(tokenBits(String(i.input)))} bits: words, runs and repeats count for little; ${MIN_TOKEN_BITS} needed); use a random one: openssl rand -hex 32`,
      }),
    secret: true,
  },
  PUBLIC_URL: { expected: 'an http(s) URL such as https://faq.example.org', parse: httpUrl },
  ALLOWED_ORIGINS: {
    expected:
      'a comma-separated list of origins such as https://www.example.org,https://example.org ("*" is not allowed: name the sites that embed the widget)',
    parse: origins,
  },
  /**
   * The site moved: the origin the database belongs to (recorded on its first
   * start), which it then records as belonging to site.yml's origin instead.
   * Without it a database of another site is refused.
   */
  ALLOW_SITE_CHANGE: {
    expected: 'the origin the database belongs to, such as https://old.example.org (set only when the site moved)',
    parse: trimmed
      .regex(/^https?:\/\/[^/*\s]+\/?$/)
      .refine((u) => URL.canParse(u))
      .transform((u) => new URL(u).origin),
  },
  LOG_MESSAGES: { expected: 'true or false', parse: bool },
  /** Behind reverse proxies: true (one) or the number of proxy hops whose X-Forwarded-For/-Proto is believed. */
  TRUST_PROXY: {
    expected: 'true, false or a number of proxy hops from 0 to 10',
    parse: trimmed
      .toLowerCase()
      .pipe(z.union([z.enum(['true', 'yes', 'on']).transform(() => 1), z.enum(['false', 'no', 'off']).transform(() => 0), wholeNumber(0, 10)])),
  },
  SMTP_URL: {
    expected: 'smtp://[user:password@]host[:port] or smtps://…',
    parse: trimmed.pipe(z.url({ protocol: /^smtps?$/ })),
    secret: true,
  },
  OUTBOX_INTERVAL_MS: { expected: 'a whole number of milliseconds, 100 to 3600000', parse: wholeNumber(100, 3_600_000) },
  OUTBOX_LEASE_MS: { expected: 'a whole number of milliseconds, 1000 to 3600000', parse: wholeNumber(1000, 3_600_000) },
  MAIL_API_URL: { expected: 'an https URL', parse: httpUrl },
  MAIL_API_TOKEN: { expected: 'a non-empty token', parse: trimmed.min(1), secret: true },
  /** Node: ms a request may take to arrive whole, headers and body (a slow body is cut off with 408). Default 15 000. */
  REQUEST_TIMEOUT_MS: { expected: 'a whole number of milliseconds, 1000 to 300000', parse: wholeNumber(1000, 300_000) },
  /** Node: ms the request line and headers may take to arrive. Default 10 000; at most REQUEST_TIMEOUT_MS. */
  HEADERS_TIMEOUT_MS: { expected: 'a whole number of milliseconds, 500 to 300000', parse: wholeNumber(500, 300_000) },
  /** Node: open connections in all; more are closed at once. Default 500. */
  MAX_CONNECTIONS: { expected: 'a whole number of connections, 10 to 100000', parse: wholeNumber(10, 100_000) },
  /** Node: open connections per client address (IPv6 by /64); 0 turns the cap off. Default 50. Not applied behind TRUST_PROXY. */
  MAX_CONNECTIONS_PER_CLIENT: { expected: 'a whole number of connections, 0 to 100000 (0 turns the cap off)', parse: wholeNumber(0, 100_000) },
} satisfies Record<string, Spec<unknown>>;

export type SettingName = keyof typeof SPECS;
export type Settings = { [K in SettingName]?: z.output<(typeof SPECS)[K]['parse']> };

/** Names this project reads that are not settings of the service (npm start's heap, test hooks), so never taken for misspellings. */
const OTHER_NAMES = ['HEAP_MB', 'SHORT_HOUR_MS', 'CHROMIUM_PATH', 'UPDATE_SCREENSHOTS', 'TEST_MIGRATIONS', 'DB'];

/**
 * A name that is not a setting but looks like one (ADMIN_TOKN, admin_token,
 * RATE_LIMT_PER_MINUTE): the one line saying which it was meant to be. Its
 * value would otherwise be silently ignored, and the default used instead.
 */
function misspelt(env: Record<string, unknown>): string | undefined {
  for (const name of Object.keys(env)) {
    if (name in SPECS || OTHER_NAMES.includes(name)) continue;
    const meant = nearestName(name, [...Object.keys(SPECS), ...OTHER_NAMES]);
    if (meant) return `Unknown setting ${name}: did you mean ${meant}? (${name} is not read; rename it)`;
  }
  return undefined;
}

/**
 * Parse the variables this service reads (others are ignored); blank means
 * unset. Throws SettingsError with one line for the first bad value.
 */
export function parseSettings(env: Record<string, unknown>): Settings {
  const typo = misspelt(env);
  if (typo) throw new SettingsError(typo);
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(SPECS) as [SettingName, Spec<unknown>][]) {
    const raw = env[name];
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string') throw new SettingsError(`Bad setting ${name}: expected ${spec.expected}, got a ${typeof raw}`);
    if (raw.trim() === '') continue;
    const result = spec.parse.safeParse(raw);
    if (!result.success) {
      const shown = spec.secret ? ` (${raw.length} characters, not shown)` : `=${JSON.stringify(raw)}`;
      // A check of its own (refine) says what is wrong in its words; else the expected form.
      const own = result.error.issues.find((i) => i.code === 'custom')?.message;
      throw new SettingsError(`Bad setting ${name}${shown}: ${own ?? `expected ${spec.expected}`}`);
    }
    out[name] = result.data;
  }
  return out as Settings;
}
