// The widget's message rendering (widget/messages.ts) and embedding options
// (widget/config.ts) as plain functions over a DOM (linkedom), without a
// browser: which sources become links (never a javascript: URL), that text
// stays text, the thumbs and the contact form with each answer the service
// can give. Fast enough for mutation testing; the same behaviour in real
// Chromium is in embed.test.ts and e2e.test.ts.
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Reply, Source } from '../../widget/api.js';
import { apiOf, inkFor, readConfig, type Config } from '../../widget/config.js';
import { bubble, type Ctx } from '../../widget/messages.js';
import type { Msg, State } from '../../widget/store.js';

const HOST = 'https://www.member.example/products/page.html';
const API = 'https://faq.example.org';

interface Call {
  url: string;
  body?: Record<string, unknown>;
}
let calls: Call[];
let answer: (call: Call) => { status: number; body?: unknown } | Promise<never>;
let warnings: unknown[][];

beforeEach(() => {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  vi.stubGlobal('document', document);
  vi.stubGlobal('location', new URL(HOST));
  calls = [];
  warnings = [];
  answer = () => ({ status: 200, body: {} });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const call = { url, ...(init?.body ? { body: JSON.parse(init.body as string) as Record<string, unknown> } : {}) };
      calls.push(call);
      const r = await answer(call);
      return new Response(r.body === undefined ? '' : JSON.stringify(r.body), { status: r.status });
    }),
  );
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    warnings.push(args);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const config = (): Config =>
  readConfig(
    null,
    {
      texts: {
        sources: 'Sources',
        suggestions: 'Suggestions',
        thanks: 'Thanks for your feedback.',
        forwarded: 'Forwarded. They will reply to {email}.',
        invalid: 'Check the address.',
        closed: 'Closed already.',
        busy: 'Busy, wait.',
        server: 'Our fault.',
        failed: 'Not sent.',
        network: 'No connection.',
        yes: 'Yes',
        no: 'No',
        forward: 'Forward',
        email: 'E-mail',
        name: 'Name',
        contact: 'Contact the helpdesk',
        helpful: 'Helpful?',
        choices: 'Possible answers',
        choose: 'This one',
        none: 'None of these',
      },
    },
    false,
  );

function context(overrides: Partial<Ctx> = {}) {
  const state: State = { id: 'conversation-123', msgs: [] };
  const ctx: Ctx & { saved: number; sent: string[]; picked: string[]; replies: Reply[] } = {
    cfg: { ...config(), api: API },
    state,
    saved: 0,
    sent: [],
    picked: [],
    replies: [],
    save() {
      ctx.saved++;
    },
    send(text) {
      ctx.sent.push(text);
    },
    pick(_m, _el, id) {
      ctx.picked.push(id);
      return Promise.resolve(true);
    },
    reply(d) {
      ctx.replies.push(d);
    },
    ...overrides,
  };
  return ctx;
}

const links = (el: Element) =>
  Array.from(el.querySelectorAll('a')).map((a) => ({
    text: a.textContent,
    href: a.getAttribute('href'),
    target: a.getAttribute('target'),
    rel: a.getAttribute('rel'),
  }));
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('source links', () => {
  const reply = (sources: Source[]): Msg => ({ text: 'Here are some sources.', sources });

  it('only http(s) and mailto: sources become links; script and data URLs are dropped, however disguised', () => {
    const el = bubble(
      reply([
        { title: 'Script', url: 'javascript:alert(1)' },
        { title: 'Script, disguised', url: ' JaVa\tScRiPt:alert(2)' },
        { title: 'Script, entity-free case', url: 'JAVASCRIPT:alert(3)' },
        { title: 'Data', url: 'data:text/html,<script>alert(4)</script>' },
        { title: 'VBScript', url: 'vbscript:msgbox(5)' },
        { title: 'File', url: 'file:///etc/passwd' },
        { title: 'Look-alike scheme', url: 'ms-https://example.org/' },
        { title: 'Not a URL', url: 'http://[' },
        { title: 'Web page', url: 'https://example.org/page#part:~:text=Hello' },
        { title: 'Plain web page', url: 'http://example.org/' },
        { title: 'Mail', url: 'mailto:help@example.org' },
      ]),
      context(),
      false,
    );
    expect(links(el)).toEqual([
      { text: 'Web page', href: 'https://example.org/page#part:~:text=Hello', target: '_blank', rel: 'noopener' },
      { text: 'Plain web page', href: 'http://example.org/', target: '_blank', rel: 'noopener' },
      { text: 'Mail', href: 'mailto:help@example.org', target: null, rel: null },
    ]);
    expect(el.querySelector('ul')!.getAttribute('aria-label')).toBe('Sources');
    expect(el.querySelector('ul')!.getAttribute('class')).toBe('src');
  });

  it('a relative source is a page of the host site', () => {
    const el = bubble(reply([{ title: 'Our FAQ', url: '/faq#fees' }]), context(), false);
    expect(links(el)).toEqual([{ text: 'Our FAQ', href: 'https://www.member.example/faq#fees', target: '_blank', rel: 'noopener' }]);
  });

  it('no list at all when no source is safe', () => {
    const el = bubble(reply([{ title: 'Script', url: 'javascript:alert(1)' }]), context(), false);
    expect(el.querySelector('ul')).toBeNull();
    expect(el.querySelectorAll('[href]')).toHaveLength(0);
  });
});

describe('message text', () => {
  it('shows markup in the text and in source titles as text, never as elements', () => {
    const el = bubble({ text: '<img src=x onerror=alert(1)> hello', sources: [{ title: '<b>bold</b>', url: 'https://example.org/' }] }, context(), false);
    expect(el.querySelectorAll('img, b')).toHaveLength(0);
    expect(el.querySelector('p')!.textContent).toBe('<img src=x onerror=alert(1)> hello');
    expect(el.querySelector('a')!.textContent).toBe('<b>bold</b>');
  });

  it("the visitor's own message is marked as theirs and has nothing to act on", () => {
    const el = bubble({ me: 1, text: 'When was OMA launched?' }, context(), true);
    expect(el.getAttribute('class')).toBe('msg me');
    expect(el.children).toHaveLength(1);
    const reply = bubble({ text: 'In 2018.' }, context(), true);
    expect(reply.getAttribute('class')).toBe('msg');
  });
});

describe('suggestion chips', () => {
  it('on the last message only; pressing one asks it', () => {
    const ctx = context();
    const m: Msg = { text: 'Hello!', suggestions: ['What is LwM2M?', 'What is OMA?'] };
    expect(bubble(m, ctx, false).querySelector('.chips')).toBeNull();
    const el = bubble(m, ctx, true);
    const group = el.querySelector('.chips')!;
    expect(group.getAttribute('role')).toBe('group');
    expect(group.getAttribute('aria-label')).toBe('Suggestions');
    const buttons = Array.from(group.querySelectorAll('button'));
    expect(buttons.map((b) => [b.textContent, b.getAttribute('type')])).toEqual([
      ['What is LwM2M?', 'button'],
      ['What is OMA?', 'button'],
    ]);
    buttons[1]!.onclick!(new Event('click') as never);
    expect(ctx.sent).toEqual(['What is OMA?']);
  });

  it('no chips for an empty list', () => {
    expect(bubble({ text: 'Hello!', suggestions: [] }, context(), true).querySelector('.chips')).toBeNull();
  });
});

describe('thumbs on an answer', () => {
  it('are offered only on answers, each button named for screen readers', () => {
    expect(bubble({ text: 'not an answer' }, context(), true).querySelector('.rate')).toBeNull();
    const rate = bubble({ text: 'In 2018.', answer: 1 }, context(), true).querySelector('.rate')!;
    expect(rate.textContent).toBe('Helpful?');
    expect(Array.from(rate.querySelectorAll('button')).map((b) => [b.getAttribute('aria-label'), b.getAttribute('class'), b.getAttribute('type')])).toEqual([
      ['Yes', 'ico', 'button'],
      ['No', 'ico down', 'button'],
    ]);
    expect(rate.querySelectorAll('svg[aria-hidden="true"] path')).toHaveLength(2);
  });

  for (const [label, helpful, rated] of [
    ['Yes', true, 'up'],
    ['No', false, 'down'],
  ] as const) {
    it(`"${label}" records the feedback, remembers it and thanks the visitor`, async () => {
      const ctx = context();
      const m: Msg = { text: 'In 2018.', answer: 1 };
      const el = bubble(m, ctx, true);
      document.body.append(el);
      const button = Array.from(el.querySelectorAll('button')).find((b) => b.getAttribute('aria-label') === label)!;
      button.onclick!(new Event('click') as never);
      expect(m.rated).toBe(rated);
      expect(ctx.saved).toBe(1);
      expect(el.querySelector('.rate')).toBeNull();
      const thanks = el.querySelector('.note')!;
      expect(thanks.textContent).toBe('Thanks for your feedback.');
      expect(thanks.getAttribute('tabindex')).toBe('-1');
      await flush();
      expect(calls).toEqual([{ url: `${API}/api/feedback`, body: { conversationId: 'conversation-123', helpful } }]);
      expect(warnings).toEqual([]);
    });
  }

  it('a thumbs-down answered with a reply (the other quotes, or the helpdesk) shows that reply, after the thanks', async () => {
    for (const reply of [
      {
        conversationId: 'conversation-123',
        answer: 'Sorry. One of these?',
        sources: [],
        escalated: false,
        choices: [{ id: 'c1', answer: 'In 2018.', sources: [] }],
      },
      { conversationId: 'conversation-123', answer: 'Passing it on.', sources: [], escalated: true, escalationId: 'e1' },
    ]) {
      answer = () => ({ status: 201, body: { ok: true, reply } });
      const ctx = context();
      const el = bubble({ text: 'In 2017.', answer: 1 }, ctx, true);
      Array.from(el.querySelectorAll('button')).find((b) => b.getAttribute('aria-label') === 'No')!.onclick!(new Event('click') as never);
      expect(el.querySelector('.note')!.textContent).toBe('Thanks for your feedback.');
      await vi.waitFor(() => expect(ctx.replies).toEqual([reply]));
    }
    expect(warnings).toEqual([]);
  });

  it('without a reply (a thumbs-up, or nothing was quoted) shows nothing more', async () => {
    answer = () => ({ status: 201, body: { ok: true } });
    for (const label of ['Yes', 'No']) {
      const ctx = context();
      const el = bubble({ text: 'In 2018.', answer: 1 }, ctx, true);
      Array.from(el.querySelectorAll('button')).find((b) => b.getAttribute('aria-label') === label)!.onclick!(new Event('click') as never);
      await flush();
      await flush();
      expect(ctx.replies).toEqual([]);
    }
    // A refused feedback that carries a reply is not shown either.
    answer = () => ({ status: 404, body: { error: 'No such conversation', reply: { answer: 'x' } } });
    const ctx = context();
    bubble({ text: 'In 2018.', answer: 1 }, ctx, true).querySelector('button')!.onclick!(new Event('click') as never);
    await vi.waitFor(() => expect(warnings).toHaveLength(1));
    expect(ctx.replies).toEqual([]);
  });

  it('says so in the console when the service did not record it', async () => {
    answer = () => ({ status: 404, body: { error: 'No such conversation' } });
    const el = bubble({ text: 'In 2018.', answer: 1 }, context(), true);
    el.querySelector('button')!.onclick!(new Event('click') as never);
    await vi.waitFor(() => expect(warnings).toEqual([['[faq chat]', 'feedback not recorded', 404]]));
  });

  it('a rated answer shows the thanks, not the buttons, after a reload', () => {
    const el = bubble({ text: 'In 2018.', answer: 1, rated: 'down' }, context(), true);
    expect(el.querySelector('.rate')).toBeNull();
    expect(el.querySelector('.note')!.textContent).toBe('Thanks for your feedback.');
  });
});

describe('quotes offered to pick from', () => {
  const offer = (): Msg => ({
    text: 'Is it one of these?',
    choices: [
      { id: 'a1', answer: 'Launched in 2018.', sources: [{ title: 'About', url: 'https://example.org/about#a' }] },
      {
        id: 'b2',
        answer: '<b>Not</b> markup.',
        sources: [
          { title: 'Script', url: 'javascript:alert(1)' },
          { title: 'Mail', url: 'mailto:help@example.org' },
        ],
      },
    ],
  });
  const items = (el: Element) => Array.from(el.querySelectorAll('ol > li'));

  it('are a named list: each quote as text with its safe source links and a button described by the quote, then "none"', () => {
    const el = bubble(offer(), context(), true);
    expect(el.querySelector('p')!.textContent).toBe('Is it one of these?');
    const ol = el.querySelector('ol')!;
    expect([ol.getAttribute('aria-label'), ol.getAttribute('tabindex')]).toEqual(['Possible answers', '-1']);
    expect(items(el).map((li) => li.querySelector('p')!.textContent)).toEqual(['Launched in 2018.', '<b>Not</b> markup.']);
    expect(el.querySelectorAll('b')).toHaveLength(0);
    expect(items(el).map((li) => links(li).map((a) => a.href))).toEqual([['https://example.org/about#a'], ['mailto:help@example.org']]);
    for (const li of items(el)) {
      const b = li.querySelector('button')!;
      expect([b.textContent, b.getAttribute('type')]).toEqual(['This one', 'button']);
      expect(el.querySelector(`#${b.getAttribute('aria-describedby')}`)).toBe(li.querySelector('p'));
    }
    const none = el.lastElementChild!;
    expect([none.tagName, none.textContent]).toEqual(['BUTTON', 'None of these']);
    expect(ol.contains(none)).toBe(false);
    // Never thumbs or chips on the question back to the visitor.
    expect(el.querySelector('.rate, .chips')).toBeNull();
    // Two offers on one page never share ids.
    const ids = [el, bubble(offer(), context(), true)].flatMap((e) => Array.from(e.querySelectorAll('[id]')).map((x) => x.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('once passed over (not the last message), the quotes stay, without buttons', () => {
    const el = bubble(offer(), context(), false);
    expect(items(el)).toHaveLength(2);
    expect(el.querySelectorAll('button')).toHaveLength(0);
  });

  it('a pick sends its id ("none" for none of these) with every button disabled until it went through', async () => {
    let release!: (ok: boolean) => void;
    const ctx = context({ pick: (_m, _el, id) => ((ctx.picked = [...ctx.picked, id]), new Promise((r) => (release = r))) });
    const m = offer();
    const el = bubble(m, ctx, true);
    document.body.append(el);
    const buttons = Array.from(el.querySelectorAll('button'));
    const done = buttons[1]!.onclick!(new Event('click') as never) as unknown as Promise<void>;
    expect(ctx.picked).toEqual(['b2']);
    expect(buttons.map((b) => b.disabled)).toEqual([true, true, true]);
    release(false); // refused: the visitor can pick again
    await done;
    expect(buttons.map((b) => b.disabled)).toEqual([false, false, false]);
    const again = buttons[2]!.onclick!(new Event('click') as never) as unknown as Promise<void>;
    expect(ctx.picked).toEqual(['b2', 'none']);
    release(true);
    await again;
  });
});

describe('the contact form on an escalated reply', () => {
  function form(m: Msg = { text: 'Passing this to the helpdesk.', escalationId: 'esc/1 2' }, ctx = context()) {
    const el = bubble(m, ctx, true);
    document.body.append(el);
    const f = el.querySelector('form')!;
    const [email, name] = Array.from(f.querySelectorAll('input')) as HTMLInputElement[];
    const submit = async (e: string, n = '') => {
      email!.value = e;
      name!.value = n;
      const done = f.onsubmit!({ preventDefault() {} } as SubmitEvent);
      expect(f.querySelector('button')!.disabled).toBe(true);
      await done;
    };
    return { el, f, email: email!, name: name!, submit, ctx, m };
  }

  it('is labelled: an e-mail field (required) and an optional name', () => {
    const { f, email, name } = form();
    expect(f.getAttribute('aria-label')).toBe('Contact the helpdesk');
    expect(f.getAttribute('class')).toBe('esc');
    expect([email.getAttribute('type'), email.getAttribute('name'), email.hasAttribute('required'), email.getAttribute('autocomplete')]).toEqual([
      'email',
      'email',
      true,
      'email',
    ]);
    expect([name.getAttribute('name'), name.hasAttribute('required'), name.getAttribute('maxlength'), name.getAttribute('autocomplete')]).toEqual([
      'name',
      false,
      '100',
      'name',
    ]);
    const labels = Array.from(f.querySelectorAll('label')).map((l) => [l.textContent, l.getAttribute('for')]);
    expect(labels).toEqual([
      ['E-mail', email.id],
      ['Name', name.id],
    ]);
    expect(email.id).not.toBe(name.id);
    expect(f.querySelector('button')!.textContent).toBe('Forward');
    expect(f.querySelector('button')!.getAttribute('type')).toBe('submit');
    expect(f.querySelector('[role=alert]')!.getAttribute('class')).toBe('err');
    // Two forms on one page never share ids.
    expect(form().email.id).not.toBe(email.id);
  });

  it('sends the trimmed address (and a name when given) for this escalation, then confirms with the address', async () => {
    answer = () => ({ status: 202, body: { escalationId: 'esc/1 2', status: 'forwarded' } });
    const { el, submit, ctx, m } = form();
    await submit('  ann@example.com ', '  Ann  ');
    expect(calls).toEqual([{ url: `${API}/api/escalations/esc%2F1%202/contact`, body: { email: 'ann@example.com', name: 'Ann' } }]);
    expect(m.sent).toBe('ann@example.com');
    expect(ctx.saved).toBe(1);
    expect(el.querySelector('form')).toBeNull();
    const done = el.querySelector('.note.ok')!;
    expect(done.textContent).toBe('Forwarded. They will reply to ann@example.com.');
    expect(done.getAttribute('tabindex')).toBe('-1');
  });

  it('leaves the name out when it is blank', async () => {
    answer = () => ({ status: 202, body: {} });
    await form().submit('bob@example.com', '   ');
    expect(calls[0]!.body).toEqual({ email: 'bob@example.com' });
  });

  it('an address with $-patterns is shown as typed', () => {
    const el = bubble({ text: 'x', escalationId: 'e', sent: "$&$'@example.com" }, context(), true);
    expect(el.querySelector('.note')!.textContent).toBe("Forwarded. They will reply to $&$'@example.com.");
  });

  const refusals: [string, number, unknown, string][] = [
    ['400: the address', 400, { error: 'email must be a valid e-mail address' }, 'Check the address.'],
    ['409: closed', 409, { error: 'closed' }, 'Closed already.'],
    ['429: busy', 429, { error: 'Too many requests' }, 'Busy, wait.'],
    ['500: our side', 500, { error: 'Internal server error' }, 'Our fault.'],
    ['503: our side', 503, {}, 'Our fault.'],
    ["404: the service's own words", 404, { error: 'No such escalation' }, 'No such escalation'],
    ['413 without words: not sent', 413, {}, 'Not sent.'],
  ];
  for (const [name, status, body, shown] of refusals) {
    it(`${name} — the form stays, with the reason, and can be sent again`, async () => {
      answer = () => ({ status, body });
      const { el, f, submit, m, ctx } = form();
      await submit('ann@example.com');
      expect(el.querySelector('form')).toBe(f);
      expect(f.querySelector('[role=alert]')!.textContent).toBe(shown);
      expect(f.querySelector('button')!.disabled).toBe(false);
      expect(m.sent).toBeUndefined();
      expect(ctx.saved).toBe(0);
      // A second try clears the old reason first.
      answer = () => ({ status: 202, body: {} });
      await submit('ann@example.com');
      expect(el.querySelector('.note.ok')).not.toBeNull();
    });
  }

  it('no response at all: check your connection', async () => {
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    const ctx = context();
    ctx.cfg = { ...ctx.cfg, api: new URL(HOST).origin }; // same origin: cannot be a refused origin
    const { f, submit } = form(undefined, ctx);
    await submit('ann@example.com');
    expect(f.querySelector('[role=alert]')!.textContent).toBe('No connection.');
  });

  it('once sent, the confirmation replaces the form after a reload', () => {
    const el = bubble({ text: 'x', escalationId: 'e', sent: 'ann@example.com' }, context(), true);
    expect(el.querySelector('form')).toBeNull();
    expect(el.querySelector('.note.ok')!.textContent).toBe('Forwarded. They will reply to ann@example.com.');
  });
});

describe('embedding options (readConfig)', () => {
  const script = (attrs: Record<string, string>, src = 'https://faq.example.org/widget.js?v=1') => {
    const el = document.createElement('script');
    el.setAttribute('src', src);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    return el;
  };
  const remote = { title: 'Library help', greeting: 'Ask the library.', helpdesk: 'desk@library.example', texts: { send: 'Ask' } };

  it("the service's title, greeting, helpdesk and texts; the API is where the script came from", () => {
    const c = readConfig(script({}), remote, false);
    expect(c).toMatchObject({
      api: 'https://faq.example.org',
      title: 'Library help',
      greeting: 'Ask the library.',
      helpdesk: 'desk@library.example',
      left: false,
      open: false,
      refused: false,
    });
    expect(c.accent).toBeUndefined();
    expect(c.t.send).toBe('Ask');
    expect(c.t.retry).toBe('Retry'); // a text the service did not send keeps the built-in one
  });

  it('data- attributes override the service', () => {
    const c = readConfig(
      script({
        'data-title': 'Member help',
        'data-greeting': 'Welcome!',
        'data-helpdesk': 'desk@member.example',
        'data-position': 'left',
        'data-open': 'true',
        'data-accent': '#0a6b3d',
      }),
      remote,
      false,
    );
    expect(c).toMatchObject({ title: 'Member help', greeting: 'Welcome!', helpdesk: 'desk@member.example', left: true, open: true, accent: '#0a6b3d' });
  });

  it('data-open with no value opens too; other values and other positions do not', () => {
    expect(readConfig(script({ 'data-open': '' }), {}, false).open).toBe(true);
    expect(readConfig(script({ 'data-open': 'false' }), {}, false).open).toBe(false);
    expect(readConfig(script({ 'data-position': 'right' }), {}, false).left).toBe(false);
    expect(readConfig(script({ 'data-position': 'LEFT' }), {}, false).left).toBe(false);
  });

  it('built-in texts when neither the tag nor the service says; no helpdesk line then', () => {
    const c = readConfig(script({}), {}, true);
    expect(c).toMatchObject({ title: 'Chat', greeting: 'Hi! Ask me a question.', refused: true });
    expect(c.helpdesk).toBeUndefined();
    expect(c.t).toMatchObject({ ask: 'Your question', send: 'Send', sources: 'Sources' });
  });

  it('accepts #rgb and #rrggbb accents; anything else is ignored with one console note', () => {
    expect(readConfig(script({ 'data-accent': '#FD0' }), {}, false).accent).toBe('#FD0');
    expect(readConfig(script({ 'data-accent': ' #0b57d0 ' }), {}, false).accent).toBe('#0b57d0');
    expect(warnings).toEqual([]);
    for (const bad of ['red;background:url(x)', '#12345', '#1234567', '0b57d0', '#ggg', 'url(#fff)', '#fff;']) {
      warnings = [];
      expect(readConfig(script({ 'data-accent': bad }), {}, false).accent, bad).toBeUndefined();
      expect(warnings, bad).toEqual([['[faq chat]', 'data-accent must be #rgb or #rrggbb; ignoring', bad.trim()]]);
    }
  });

  it("without a script element the API is the page's own origin", () => {
    expect(apiOf(null)).toBe('https://www.member.example');
    expect(readConfig(null, {}, false).api).toBe('https://www.member.example');
  });
});

describe('text colour on the accent (inkFor)', () => {
  it('white on dark accents, near-black on light ones, whichever contrasts more', () => {
    expect(inkFor('#0a6b3d')).toBe('#fff');
    expect(inkFor('#0b57d0')).toBe('#fff');
    expect(inkFor('#000000')).toBe('#fff');
    expect(inkFor('#fd0')).toBe('#1b1f24');
    expect(inkFor('#ffdd00')).toBe('#1b1f24');
    expect(inkFor('#ffffff')).toBe('#1b1f24');
  });

  it('near the crossover: mid greys and saturated colours', () => {
    // #777 (L≈0.184): white gives 4.48, #1b1f24 gives 3.66 → white.
    expect(inkFor('#777')).toBe('#fff');
    // #888 (L≈0.246): white 3.55, dark 4.62 → dark.
    expect(inkFor('#888888')).toBe('#1b1f24');
    // Pure red (L≈0.2126) and pure green (L≈0.7152), blue (L≈0.0722): the weights per channel matter.
    expect(inkFor('#f00')).toBe('#1b1f24');
    expect(inkFor('#00ff00')).toBe('#1b1f24');
    expect(inkFor('#0000ff')).toBe('#fff');
    // Dark channels use the linear part of the sRGB curve (c ≤ 0.03928).
    expect(inkFor('#0a0a0a')).toBe('#fff');
  });
});
