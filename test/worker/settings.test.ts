// Bad bindings on Workers fail loudly: every request gets a 503 JSON error
// (never a silently dropped value), and the log says which setting is wrong.
import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import worker from '../../src/entry/worker.js';

const call = (bindings: Record<string, unknown>) =>
  worker.fetch(new Request('https://faq.test/healthz'), { ...env, ...bindings } as never, createExecutionContext());

describe('Worker settings', () => {
  for (const [name, value] of [['RATE_LIMIT_PER_MINUTE', 'abc'], ['ANSWER_THRESHOLD', '0.45x'], ['ADMIN_TOKEN', 'short'], ['ALLOWED_ORIGINS', '*'], ['RETENTION_DAYS', '-1']] as [string, string][]) {
    it(`refuses ${name}=${value} with 503 and one log line naming it`, async () => {
      const errors: string[] = [];
      const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => { errors.push(String(m)); });
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

  it('good bindings serve as usual', async () => {
    expect((await call({ RATE_LIMIT_PER_MINUTE: '10' })).status).toBe(200);
  });
});
