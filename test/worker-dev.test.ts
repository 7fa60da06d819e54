// `npm run dev:worker` as a developer runs it: migrations applied to the
// local D1, then wrangler dev serving the Worker in workerd on loopback —
// no account and no network (checked by hand with the network namespace
// down, see README). Started as a process group so stopping it stops workerd.
// Then a visitor in real Chromium on the Worker's own demo page: the widget's
// quotes to pick from, over workerd and the local D1.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Response as PageResponse } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatResponse } from '../src/contract.js';
import { ask, freshPage, launchChromium, settled } from './widget/browser.js';

const freePort = () =>
  new Promise<number>((done, fail) => {
    const s = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => done(port));
      })
      .on('error', fail);
  });

describe('npm run dev:worker', () => {
  let dev: ChildProcess;
  let base = '';
  let output = '';

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dev = spawn('npm', ['run', '-s', 'dev:worker'], {
      detached: true,
      env: {
        ...process.env,
        PORT: String(port),
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        CLOUDFLARE_API_TOKEN: '',
        NO_COLOR: '1',
      },
    });
    dev.stdout!.on('data', (d) => {
      output += d;
    });
    dev.stderr!.on('data', (d) => {
      output += d;
    });
    const end = Date.now() + 90_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > end || dev.exitCode !== null) throw new Error(`dev:worker did not come up:\n${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 120_000);

  afterAll(() => {
    if (dev?.pid) {
      try {
        process.kill(-dev.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  });

  it('serves /healthz, /api/chat and /widget.js', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ ok: true, passages: expect.any(Number) });
    const chat = await fetch(`${base}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'When was OMA SpecWorks launched?' }),
    });
    expect(chat.status).toBe(200);
    expect(await chat.json()).toMatchObject({
      escalated: false,
      answer: expect.stringContaining('2018'),
      sources: [expect.objectContaining({ url: expect.any(String) })],
    });
    const widget = await fetch(`${base}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    expect((await widget.text()).length).toBeGreaterThan(1000);
  });

  it('serves /widget.js compressed once, whatever the client accepts: the script, as a browser decodes it', async () => {
    // The route sends bytes compressed at build time. workerd shows the Worker
    // Accept-Encoding "br, gzip" whatever the client sent, and compresses a body
    // with Content-Encoding once more unless the Response has encodeBody: 'manual'
    // (then it passes it on, or decodes it for a client that cannot).
    const served = await Promise.all(
      ['identity', 'gzip', 'br', 'gzip, deflate, br, zstd'].map(async (accept) => {
        const res = await fetch(`${base}/widget.js`, { headers: { 'accept-encoding': accept } });
        return { accept, encoding: res.headers.get('content-encoding'), script: await res.text() };
      }),
    );
    for (const { accept, encoding, script } of served) {
      const what = `Accept-Encoding: ${accept} → Content-Encoding: ${encoding}, decoded: ${JSON.stringify(script.slice(0, 16))}`;
      expect(script.startsWith('"use strict";'), what).toBe(true);
      expect(() => new Function(script), what).not.toThrow();
      expect(script === served[0]!.script, `${what}: the same script as for identity`).toBe(true);
    }
  });

  /** Which questions get choices depends on the fitted model (src/engine/model.json): the first of these that does, asked through the API. */
  async function unsureQuestion() {
    for (const question of ['Does OMA work on IoT?', 'In which year was OMA SpecWorks created?', 'are oma specs tested', 'What is the Open Mobile Alliance?']) {
      const res = await fetch(`${base}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: question }),
      });
      if (((await res.json()) as ChatResponse).choices?.length) return question;
    }
    throw new Error('none of the questions got choices: pick others that the fitted model is unsure of');
  }

  it('the widget on the demo page, in Chromium: a quote picked is the answer, with thumbs; "None of these" asks the team, who get the address', async () => {
    const question = await unsureQuestion();
    const browser = await launchChromium();
    try {
      const w = await freshPage(browser);
      const page = w.page;
      await page.addInitScript(() => {
        const v: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
        document.addEventListener('securitypolicyviolation', (e) => v.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const reply = async (url: string, act: () => Promise<void>): Promise<PageResponse> => {
        const response = page.waitForResponse((r) => r.url() === url && r.request().method() === 'POST');
        await act();
        return response;
      };
      const log = page.getByRole('log');
      const offer = log.getByRole('list', { name: 'Possible answers' }).filter({ has: page.getByRole('button') });
      const offered = async () => {
        const res = await reply(`${base}/api/chat`, () => ask(page, question));
        const body = (await res.json()) as ChatResponse;
        expect(body.choices?.length, `${question} should be offered choices again`).toBeGreaterThan(0);
        await offer.waitFor();
        expect(await offer.locator(':scope > li').count()).toBe(body.choices!.length);
        return body.choices!;
      };

      await page.goto(`${base}/`);
      await page
        .getByRole('button', { name: 'Open chat' })
        .waitFor({ timeout: 10_000 })
        .catch((e: Error) => {
          throw new Error(`the widget did not start on the demo page; page errors: ${JSON.stringify(w.errors)}\n${e.message}`);
        });
      await page.getByRole('button', { name: 'Open chat' }).click();
      const choices = await offered();
      const picked = await reply(`${base}/api/chat`, () => offer.locator(':scope > li').first().getByRole('button', { name: 'This one' }).click());
      expect(picked.status()).toBe(200);
      const helpful = log.getByRole('button', { name: 'Helpful', exact: true });
      await helpful.waitFor();
      await log.getByRole('button', { name: 'Not helpful', exact: true }).waitFor();
      await settled(page);
      expect(await log.locator('.msg:not(.me) > p').last().textContent()).toBe(choices[0]!.answer);
      expect(await log.getByRole('list', { name: 'Possible answers' }).count()).toBe(0);
      expect((await reply(`${base}/api/feedback`, () => helpful.click())).status()).toBe(201);
      await log.getByText('Thanks for your feedback.').waitFor();

      await offered();
      const none = await reply(`${base}/api/chat`, () => log.getByRole('button', { name: 'None of these — ask the team' }).click());
      const escalation = (await none.json()) as ChatResponse;
      expect(escalation).toMatchObject({ escalated: true, escalationId: expect.any(String) });
      await log.getByRole('textbox', { name: 'Email' }).fill('visitor@example.com');
      const contact = await reply(`${base}/api/escalations/${escalation.escalationId}/contact`, () =>
        log.getByRole('button', { name: 'Send to helpdesk' }).click(),
      );
      expect(contact.status()).toBe(202);
      await log.getByText(/forwarded to the helpdesk.*visitor@example\.com/).waitFor();

      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
