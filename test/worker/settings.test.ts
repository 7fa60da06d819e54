// Bad bindings on Workers fail loudly: every request gets a 503 JSON error
// (never a silently dropped value), and the log says which setting is wrong.
import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import worker from '../../src/entry/worker.js';
import { siteOrigins } from '../../src/config.js';
import index from '../../build/index.json' with { type: 'json' };

// A random token (the test config's may be one of words, which is now refused).
const STRONG = '1d7f3b9e5a2c8d4f6b0e2a9c7d5f3b1e8a6c4d2f0b9e7a5c3d1f8b6e4a2c0d9f';
const call = (bindings: Record<string, unknown>) =>
  worker.fetch(new Request('https://faq.test/healthz'), { ...env, ADMIN_TOKEN: STRONG, ...bindings } as never, createExecutionContext());

describe('Worker settings', () => {
  for (const [name, value] of [
    ['RATE_LIMIT_PER_MINUTE', 'abc'],
    ['ANSWER_THRESHOLD', '0.45x'],
    ['ADMIN_TOKEN', 'short'],
    ['ALLOWED_ORIGINS', '*'],
    ['RETENTION_DAYS', '-1'],
    // Issue 21 row 7: long enough, but words.
    ['ADMIN_TOKEN', 'correcthorsebatterystaplesunshine'],
  ] as [string, string][]) {
    it(`refuses ${name}=${value} with 503 and one log line naming it`, async () => {
      const errors: string[] = [];
      const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => {
        errors.push(String(m));
      });
      try {
        const res = await call({ [name]: value });
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ error: expect.stringContaining('misconfigured') });
        expect(errors.join('\n')).toContain(`Bad setting ${name}`);
        if (name === 'ADMIN_TOKEN') expect(errors.join('\n')).not.toContain(value);
      } finally {
        spy.mockRestore();
      }
    });
  }

  // Issue 21, misspelt names: a binding that looks like a setting but is not
  // one would be ignored and its default used; the Worker refuses instead.
  for (const [typo, meant] of [
    ['ADMIN_TOKN', 'ADMIN_TOKEN'],
    ['RATE_LIMT_PER_MINUTE', 'RATE_LIMIT_PER_MINUTE'],
  ] as [string, string][]) {
    it(`refuses a binding named ${typo} with 503, the log line naming ${meant}`, async () => {
      const errors: string[] = [];
      const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => {
        errors.push(String(m));
      });
      try {
        const res = await call({ [typo]: typo === 'ADMIN_TOKN' ? STRONG : '0' });
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ error: expect.stringContaining('misconfigured') });
        expect(errors.join('\n')).toContain(`Unknown setting ${typo}: did you mean ${meant}?`);
        expect(errors.join('\n')).not.toContain(STRONG);
      } finally {
        spy.mockRestore();
      }
    });
  }

  it("without HELPDESK_EMAIL or ALLOWED_ORIGINS (wrangler.toml sets neither) site.yml's helpdesk and origins apply, as on Node", async () => {
    expect(env).not.toHaveProperty('HELPDESK_EMAIL');
    expect(env).not.toHaveProperty('ALLOWED_ORIGINS');
    const { site } = index as { site: { origin: string; helpdesk: string } };
    const strong = { ...env, ADMIN_TOKEN: STRONG };
    for (const origin of siteOrigins(site.origin)) {
      const res = await worker.fetch(new Request('https://faq.test/api/widget/config', { headers: { origin } }), strong as never, createExecutionContext());
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(((await res.json()) as { helpdesk: string }).helpdesk).toBe(site.helpdesk);
    }
    const stranger = await worker.fetch(
      new Request('https://faq.test/api/widget/config', { headers: { origin: 'https://evil.example' } }),
      strong as never,
      createExecutionContext(),
    );
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('good bindings serve as usual', async () => {
    expect((await call({ RATE_LIMIT_PER_MINUTE: '10' })).status).toBe(200);
  });
});
