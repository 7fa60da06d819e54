// Settings parsed for both entries (src/settings.ts): a misspelt name stops
// start-up naming the one it was meant to be (issue 21, "misspelt names"), and
// an ADMIN_TOKEN long enough but easy to guess is refused with advice (row 7).
// The real server printing these lines: test/entry/node-server.test.ts; the
// Worker's 503: test/worker/settings.test.ts.
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MIN_TOKEN_BITS, tokenBits } from '../../src/admin/token-strength.js';
import { parseSettings, SettingsError } from '../../src/settings.js';

function refusal(env: Record<string, string>): string {
  try {
    parseSettings(env);
  } catch (err) {
    expect(err).toBeInstanceOf(SettingsError);
    const line = (err as Error).message;
    expect(line).not.toContain('\n');
    return line;
  }
  throw new Error('accepted');
}

describe('misspelt setting names', () => {
  it.each([
    ['ADMIN_TOKN', 'ADMIN_TOKEN'],
    ['RATE_LIMT_PER_MINUTE', 'RATE_LIMIT_PER_MINUTE'],
    ['admin_token', 'ADMIN_TOKEN'],
    ['LOGIN_ATTEMPS_PER_MINUTE', 'LOGIN_ATTEMPTS_PER_MINUTE'],
    ['HELPDESK_MAIL', 'HELPDESK_EMAIL'],
    ['DATABSE_PATH', 'DATABASE_PATH'],
    ['RETENTION_DAY', 'RETENTION_DAYS'],
    ['port', 'PORT'],
  ])('%s stops start-up naming %s', (typo, meant) => {
    expect(refusal({ [typo]: '30' })).toBe(`Unknown setting ${typo}: did you mean ${meant}? (${typo} is not read; rename it)`);
  });

  it('names that are not ours are left alone, however close to ours in length', () => {
    const everyday = [
      'PATH',
      'HOME',
      'HOSTNAME',
      'HOSTTYPE',
      'PWD',
      'OLDPWD',
      'SHELL',
      'TERM',
      'USER',
      'LANG',
      'LOGNAME',
      'MAIL',
      'EDITOR',
      'TZ',
      'CI',
      'NODE_ENV',
      'NODE_OPTIONS',
      'NODE_PATH',
      'NODE_EXTRA_CA_CERTS',
      'HTTP_PROXY',
      'HTTPS_PROXY',
      'NO_PROXY',
      'http_proxy',
      'https_proxy',
      'DATABASE_URL',
      'SMTP_HOST',
      'SMTP_PORT',
      'SMTP_USER',
      'LOG_LEVEL',
      'DEBUG',
      'INIT_CWD',
      'COLOR',
      'POST',
      'HOST_IP',
      'PORTS',
      'npm_config_cache',
      'npm_lifecycle_event',
      'VITEST',
      'VITEST_POOL_ID',
      'HEAP_MB',
      'SHORT_HOUR_MS',
      'CHROMIUM_PATH',
    ];
    expect(() => parseSettings(Object.fromEntries(everyday.map((n) => [n, 'x'])))).not.toThrow();
    // Nor is anything in the environment these tests run in.
    expect(() => parseSettings(process.env)).not.toThrow();
  });
});

describe('ADMIN_TOKEN strength', () => {
  const random = [
    ...Array.from({ length: 300 }, () => randomBytes(16).toString('hex')), // 32 hex characters, the shortest allowed
    ...Array.from({ length: 100 }, () => randomBytes(32).toString('hex')), // openssl rand -hex 32
    ...Array.from({ length: 300 }, () => randomBytes(24).toString('base64')), // openssl rand -base64 24
    ...Array.from({ length: 100 }, () => randomBytes(32).toString('base64')),
    ...Array.from({ length: 300 }, () => randomBytes(24).toString('base64url')),
    ...Array.from({ length: 100 }, () => randomUUID()),
  ];

  it('random hex and base64 tokens pass, every one', () => {
    for (const token of random) expect(parseSettings({ ADMIN_TOKEN: token }).ADMIN_TOKEN, token).toBe(token);
  });

  it.each([
    'correcthorsebatterystaplesunshine', // 33 characters of dictionary words
    'CorrectHorseBatteryStapleSunshine',
    'thequickbrownfoxjumpsoverthelazydog',
    'administratorpasswordsecrettoken',
    'correct-horse-battery-staple-42-x',
    'test-admin-token-0123456789abcdef',
    '0123456789abcdef0123456789abcdef',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    'deadbeefdeadbeefdeadbeefdeadbeef',
  ])('%s is refused with one line of advice that does not repeat it', (token) => {
    const line = refusal({ ADMIN_TOKEN: token });
    expect(line).toMatch(new RegExp(`^Bad setting ADMIN_TOKEN \\(${token.length} characters, not shown\\): too easy to guess .*openssl rand -hex 32$`));
    expect(line).not.toContain(token);
    expect(tokenBits(token)).toBeLessThan(MIN_TOKEN_BITS);
  });

  it('a short token is still refused for its length', () => {
    expect(refusal({ ADMIN_TOKEN: 'a1B2c3' })).toMatch(/^Bad setting ADMIN_TOKEN \(6 characters, not shown\): expected at least 32 characters/);
  });
});
