// Entry: one <script src=".../widget.js" async data-...> tag mounts the chat
// in an open Shadow DOM, so host CSS cannot break it and its CSS cannot leak.
import { NETWORK, REFUSED, req, trouble, type Reply } from './api.js';
import { apiOf, inkFor, readConfig, type Config, type Remote } from './config.js';
import { h, icon, log } from './dom.js';
import { bubble, type Ctx } from './messages.js';
import { storage, type Msg } from './store.js';

declare const __CSS__: string; // minified styles.css, injected by scripts/build-widget.ts

// currentScript is only set while this file first runs, so capture it now.
const script = document.currentScript as HTMLScriptElement | null;
const CHAT = 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z';
const win = window as unknown as { FAQChat?: object };
let ui: { o(open: boolean): void; c(): void } | undefined;

// The global is claimed at once, before any await, so a second copy of the
// script (two tags, or a tag plus a tag manager) stands down even while the
// first still waits for its config. Its methods work once the widget is up.
if (win.FAQChat) log('already loaded; ignoring a second copy');
else {
  win.FAQChat = { open: () => ui?.o(true), close: () => ui?.o(false), clear: () => ui?.c() };
  void start();
}

// Waits for the service's config before showing anything, rather than
// drawing with built-in texts and swapping them: the launcher is all that
// shows at first, a title or greeting must not change under the visitor (nor
// be announced twice), and the config is one small GET to the origin that just
// served this script, in the browser cache (5 min) on the next page. If it
// fails, the widget still mounts, with config.ts's terse fallback texts.
async function start() {
  const config = req<Remote>(apiOf(script) + '/api/widget/config');
  if (!document.body) await new Promise((done) => document.addEventListener('DOMContentLoaded', done)); // async script in <head>
  const { status, data } = await config;
  mount(readConfig(script, status === 200 ? data : {}, status === REFUSED));
}

function mount(cfg: Config) {
  const t = cfg.t;
  const store = storage(cfg.api);
  const state = store.load();
  const host = document.createElement('faq-chat');
  const root = host.attachShadow({ mode: 'open' });
  // A constructed sheet is not an inline <style>, so a host page's strict CSP
  // (style-src without 'unsafe-inline') does not block it.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(__CSS__);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(h('style', null, __CSS__));
  }
  if (cfg.accent) {
    host.style.setProperty('--faq-accent', cfg.accent);
    host.style.setProperty('--faq-ink', inkFor(cfg.accent));
  }

  const list = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t.log });
  const input = h('input', { 'aria-label': t.ask, placeholder: t.ask, maxlength: '1000', autocomplete: 'off', enterkeyhint: 'send' });
  const form = h('form', { class: 'ask' }, input, h('button', { type: 'submit' }, t.send));
  const clear = h('button', { type: 'button', class: 'txt' }, t.clear);
  const close = h('button', { type: 'button', class: 'ico', 'aria-label': t.close }, '×');
  const panel = h(
    'div',
    { class: 'panel', id: 'p', role: 'dialog', 'aria-labelledby': 't', hidden: '' },
    h('header', null, h('h2', { id: 't' }, cfg.title), clear, close),
    list,
    form,
    cfg.helpdesk && h('p', { class: 'foot' }, t.mail + ' ', h('a', { href: 'mailto:' + cfg.helpdesk }, cfg.helpdesk)),
  );
  const launcher = h('button', { type: 'button', class: 'launch', 'aria-label': t.open, 'aria-expanded': 'false', 'aria-controls': 'p' }, icon(CHAT));
  root.append(h('div', { class: cfg.left ? 'w left' : 'w' }, panel, launcher));

  let busy = false;
  let failed: HTMLElement[] = []; // the last unanswered question and its error, replaced by the next try
  const save = () => store.save(state);
  const ctx: Ctx = { cfg, state, save, send, pick, reply: (d) => show(msg(d)) };
  const scroll = () => {
    list.scrollTop = list.scrollHeight;
  };
  const add = (el: HTMLElement) => {
    list.append(el);
    scroll();
    return el;
  };
  const push = (m: Msg) => {
    list.querySelectorAll('.chips,.c').forEach((el) => el.remove()); // suggestions and picks belong to the latest reply only
    state.msgs.push(m);
    save();
    return add(bubble(m, ctx, true));
  };
  const problem = (status: number, error?: string) => add(h('div', { class: 'msg err', role: 'alert' }, h('p', null, trouble(status, t, error))));
  const render = () => {
    list.replaceChildren(bubble({ text: cfg.greeting }, ctx, false), ...state.msgs.map((m, i) => bubble(m, ctx, i === state.msgs.length - 1)));
    if (cfg.refused) problem(REFUSED); // say so before the visitor types in vain
    scroll();
  };

  /** POST /api/chat in this conversation while "thinking" shows: the reply as a message (`m`), or why not. */
  async function chat(body: object) {
    busy = true;
    failed.forEach((el) => el.remove());
    const wait = add(h('p', { class: 'msg wait' }, t.thinking));
    const { status, data: d } = await req<Reply>(cfg.api + '/api/chat', state.id ? { ...body, conversationId: state.id } : body);
    wait.remove();
    busy = false;
    if (status !== 200 || typeof d.answer !== 'string') return { status, error: d.error };
    return { status, m: msg(d as Reply) };
  }

  /** A reply of the conversation (to a question, a pick or a thumbs-down) as a message. */
  function msg(d: Reply): Msg {
    state.id = d.conversationId;
    return {
      text: d.answer,
      sources: d.sources,
      suggestions: d.suggestions,
      escalationId: d.escalated && d.escalationId ? d.escalationId : undefined,
      choices: d.choices,
      answer: d.escalated || d.choices ? undefined : 1,
    };
  }

  /**
   * Adds a reply to the log. Quotes to pick from take the visitor there (the
   * log announces them too), showing from `from` (the question) on rather
   * than the end of the list.
   */
  function show(m: Msg, from?: HTMLElement) {
    const el = push(m);
    if (m.choices) {
      list.scrollTop = (from ?? el).offsetTop - list.offsetTop - 12;
      el.querySelector('ol')!.focus({ preventScroll: true });
    }
  }

  async function send(text: string) {
    text = text.trim();
    if (!text || busy) return;
    input.value = '';
    const mine = push({ me: 1, text });
    const { status, error, m } = await chat({ message: text });
    if (m) return show(m, mine);
    // Unanswered questions are not kept; the visitor can retry or edit.
    state.msgs.pop();
    save();
    const err = problem(status, error);
    failed = [mine, err];
    if (status === NETWORK || status === 429 || status >= 500) {
      const retry = h('button', { type: 'button', class: 'txt' }, t.retry);
      retry.onclick = () => {
        void send(text);
        input.focus();
      };
      err.append(retry);
    } else {
      mine.remove();
      input.value = text;
    }
  }

  // A pick replaces the offer (its message and bubble) with the reply: the
  // quote picked, with thumbs, or the escalation with its contact form.
  async function pick(offer: Msg, el: HTMLElement, choice: string) {
    if (busy) return false;
    const { status, error, m } = await chat({ choice });
    if (!m) {
      failed = [problem(status, error)];
      return false;
    }
    state.msgs[state.msgs.indexOf(offer)] = m;
    save();
    el.replaceWith(bubble(m, ctx, true));
    scroll();
    input.focus();
    return true;
  }

  function setOpen(open: boolean, focus = true) {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    state.open = open || undefined;
    save();
    if (open) scroll();
    if (focus) (open ? input : launcher).focus();
  }

  form.onsubmit = (e) => {
    e.preventDefault();
    void send(input.value);
  };
  launcher.onclick = () => setOpen(panel.hidden);
  close.onclick = () => setOpen(false);
  clear.onclick = () => {
    state.msgs = [];
    delete state.id;
    save();
    render();
    input.focus();
  };
  root.addEventListener('keydown', (e) => {
    const k = e as KeyboardEvent;
    if (k.key === 'Escape' && !panel.hidden) {
      k.stopPropagation();
      setOpen(false);
    }
  });

  render();
  document.body.append(host);
  if (state.open || cfg.open) setOpen(true, false); // never steal focus on page load
  ui = { o: setOpen, c: () => clear.click() };
}
