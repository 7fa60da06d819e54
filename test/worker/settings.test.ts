// Bad bindings on Workers fail loudly: every request gets a 503 JSON error
// (never a silently dropped value), and the log says which setting is wrong.
import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import worker from '../../src/entry/worker.js';
import { siteOrigins } from '../../src/config.js';
import index from '../../build/index.json' with { type: 'json' };

const call = (bindings: Record<string, unknown>) =>
  worker.fetch(new Request('https://faq.test/healthz'), { ...env, ...bindings } as never, createExecutionContext());

describe('Worker settings', () => {
  for (const [name, value] of [
    ['RATE_LIMIT_PER_MINUTE', 'abc'],
    ['ANSWER_THRESHOLD', '0.45x'],
    ['ADMIN_TOKEN', 'short'],
    ['ALLOWED_ORIGINS', '*'],
    ['RETENTION_DAYS', '-1'],
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
        if (name === 'ADMIN_TOKEN') expect(errors.join('\n')).not.toContain('short');
      } finally {
        spy.mockRestore();
      }
    });
  }

  it("without HELPDESK_EMAIL or ALLOWED_ORIGINS (wrangler.toml sets neither) site.yml's helpdesk and origins apply, as on Node", async () => {
    expect(env).not.toHaveProperty('HELPDESK_EMAIL');
    expect(env).not.toHaveProperty('ALLOWED_ORIGINS');
    const { site } = index as { site: { origin: string; helpdesk: string } };
    for (const origin of siteOrigins(site.origin)) {
      const res = await worker.fetch(new Request('https://faq.test/api/widget/config', { headers: { origin } }), env as never, createExecutionContext());
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(((await res.json()) as { helpdesk: string }).helpdesk).toBe(site.helpdesk);
    }
    const stranger = await worker.fetch(
      new Request('https://faq.test/api/widget/config', { headers: { origin: 'https://evil.example' } }),
      env as never,
      createExecutionContext(),
    );
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('good bindings serve as usual', async () => {
    expect((await call({ RATE_LIMIT_PER_MINUTE: '10' })).status).toBe(200);
  });
});
