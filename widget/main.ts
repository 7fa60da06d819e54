// Entry: one <script src=".../widget.js" async data-...> tag mounts the chat
// in an open Shadow DOM, so host CSS cannot break it and its CSS cannot leak.
import { post, trouble, type Reply } from './api.js';
import { inkFor, readConfig } from './config.js';
import { h, icon, log } from './dom.js';
import { bubble, type Ctx } from './messages.js';
import { storage, type Msg } from './store.js';

declare const __CSS__: string; // minified styles.css, injected by scripts/build-widget.ts

// currentScript is only set while this file first runs, so capture it now.
const script = document.currentScript as HTMLScriptElement | null;
const CHAT = 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z';
const win = window as unknown as { OMAChat?: object };

if (win.OMAChat) log('already loaded; ignoring a second copy');
else if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount); // async script in <head>

function mount() {
  const cfg = readConfig(script);
  const store = storage(cfg.api);
  const state = store.load();
  const host = document.createElement('oma-chat');
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
    host.style.setProperty('--oma-accent', cfg.accent);
    host.style.setProperty('--oma-ink', inkFor(cfg.accent));
  }

  const list = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
  const input = h('input', { 'aria-label': 'Type your question', placeholder: 'Type your question…', maxlength: '1000', autocomplete: 'off', enterkeyhint: 'send' });
  const form = h('form', { class: 'ask' }, input, h('button', { type: 'submit' }, 'Send'));
  const clear = h('button', { type: 'button', class: 'txt', 'aria-label': 'Clear conversation' }, 'Clear');
  const close = h('button', { type: 'button', class: 'ico', 'aria-label': 'Close chat' }, '×');
  const panel = h('div', { class: 'panel', id: 'p', role: 'dialog', 'aria-labelledby': 't', hidden: '' },
    h('header', null, h('h2', { id: 't' }, cfg.title), clear, close),
    list, form,
    h('p', { class: 'foot' }, 'Prefer e-mail? ', h('a', { href: 'mailto:' + cfg.helpdesk }, cfg.helpdesk)));
  const launcher = h('button', { type: 'button', class: 'launch', 'aria-label': 'Open chat', 'aria-expanded': 'false', 'aria-controls': 'p' }, icon(CHAT));
  root.append(h('div', { class: cfg.left ? 'w left' : 'w' }, panel, launcher));

  let busy = false;
  let failed: HTMLElement[] = []; // the last unanswered question and its error, replaced by the next try
  const save = () => store.save(state);
  const ctx: Ctx = { cfg, state, save, send };
  const scroll = () => { list.scrollTop = list.scrollHeight; };
  const add = (el: HTMLElement) => { list.append(el); scroll(); return el; };
  const push = (m: Msg) => {
    list.querySelector('.chips')?.remove(); // suggestions belong to the latest reply only
    state.msgs.push(m);
    save();
    return add(bubble(m, ctx, true));
  };
  const render = () => {
    list.replaceChildren(bubble({ text: cfg.greeting }, ctx, false), ...state.msgs.map((m, i) => bubble(m, ctx, i === state.msgs.length - 1)));
    scroll();
  };

  async function send(text: string) {
    text = text.trim();
    if (!text || busy) return;
    busy = true;
    input.value = '';
    failed.forEach((el) => el.remove());
    const mine = push({ me: 1, text });
    const wait = add(h('p', { class: 'msg wait' }, 'Thinking…'));
    const { status, data } = await post<Reply>(cfg.api + '/api/chat', state.id ? { message: text, conversationId: state.id } : { message: text });
    wait.remove();
    busy = false;
    if (status === 200 && typeof data.answer === 'string') {
      state.id = data.conversationId;
      const escalated = data.escalated && data.escalationId ? data.escalationId : undefined;
      push({ text: data.answer, sources: data.sources, suggestions: data.suggestions, escalationId: escalated, answer: data.escalated ? undefined : 1 });
      return;
    }
    // Unanswered questions are not kept; the visitor can retry or edit.
    state.msgs.pop();
    save();
    const err = add(h('div', { class: 'msg err', role: 'alert' }, h('p', null, trouble(status, data.error))));
    failed = [mine, err];
    if (status === 0 || status === 429 || status >= 500) {
      const retry = h('button', { type: 'button', class: 'txt' }, 'Try again');
      retry.onclick = () => { void send(text); input.focus(); };
      err.append(retry);
    } else {
      mine.remove();
      input.value = text;
    }
  }

  function setOpen(open: boolean, focus = true) {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    state.open = open || undefined;
    save();
    if (open) scroll();
    if (focus) (open ? input : launcher).focus();
  }

  form.onsubmit = (e) => { e.preventDefault(); void send(input.value); };
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
    if (k.key === 'Escape' && !panel.hidden) { k.stopPropagation(); setOpen(false); }
  });

  render();
  document.body.append(host);
  if (state.open || cfg.open) setOpen(true, false); // never steal focus on page load
  win.OMAChat = { open: () => setOpen(true), close: () => setOpen(false), clear: () => clear.click() };
}
