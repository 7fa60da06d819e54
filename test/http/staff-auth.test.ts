// Every staff route — found by walking the app's route table, so a route
// added later is covered without editing this test — answers 401 without a
// token, with a wrong one, or with a forged session cookie.
import { describe, expect, it } from 'vitest';
import { testApp } from './app-fixture.js';

const TOKEN = 'correct-horse-battery-staple-42';
const app = testApp({ adminToken: TOKEN });

const staffRoutes = [
  ...new Set(
    app.routes
      .filter((r) => r.method !== 'ALL' && /^\/(api\/)?admin(\/|$)/.test(r.path))
      // Logging out needs no credentials and grants nothing.
      .filter((r) => r.path !== '/admin/logout')
      .map((r) => `${r.method} ${r.path.replace(/:\w+/g, '1')}`),
  ),
];

const attempts: Record<string, Record<string, string>> = {
  'no credentials': {},
  'wrong bearer token': { authorization: 'Bearer wrong-token' },
  'token with a suffix': { authorization: `Bearer ${TOKEN}x` },
  'token prefix only': { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
  'forged session cookie': { cookie: 'faq_admin=forged; session=forged' },
};

describe('staff routes', () => {
  it('are found (the walk itself works)', () => {
    expect(staffRoutes.length).toBeGreaterThanOrEqual(10);
    expect(staffRoutes).toContain('GET /admin');
    expect(staffRoutes).toContain('GET /api/admin/escalations');
  });

  for (const [name, headers] of Object.entries(attempts)) {
    it(`all answer 401 with ${name}`, async () => {
      for (const route of staffRoutes) {
        const [method, path] = route.split(' ') as [string, string];
        const isForm = path.startsWith('/admin');
        const res = await app.request(path, {
          method,
          // Browsers send Origin with every form post; the staff forms refuse other sites'.
          headers: {
            'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json',
            ...(isForm ? { origin: 'http://localhost' } : {}),
            ...headers,
          },
          body: method === 'GET' || method === 'DELETE' ? undefined : isForm ? 'token=wrong&answer=x' : '{}',
        });
        expect(res.status, route).toBe(401);
        expect(await res.text(), route).not.toContain(TOKEN);
      }
    });
  }

  it('the right token is let in (so the 401s above are not a broken route)', async () => {
    const res = await app.request('/api/admin/escalations', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
  });
});
