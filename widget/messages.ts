// One message in the log: the text, its sources as links, and what the visitor
// can do with it (suggestion chips, thumbs up/down, the helpdesk form).
import { post, trouble } from './api.js';
import type { Config } from './config.js';
import { h, icon, log } from './dom.js';
import type { Msg, State } from './store.js';

export interface Ctx {
  cfg: Config;
  state: State;
  save(): void;
  send(text: string): void;
}

const THUMB = 'M2 10h4v11H2zm6 11h9l4-9v-2h-7l1-5-2-2-5 6z'; // a plain thumb; flipped by CSS for down
let uid = 0;

/** Only web and mail links: a `javascript:` URL must never reach an href. Relative URLs are the host site's pages. */
function safeUrl(url: string): string | undefined {
  try {
    const u = new URL(url, location.href);
    return /^(https?|mailto):$/.test(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function bubble(m: Msg, ctx: Ctx, last: boolean): HTMLElement {
  const el = h('div', { class: m.me ? 'msg me' : 'msg' }, h('p', null, m.text));
  const links = (m.sources ?? []).map((s) => [s, safeUrl(s.url)] as const).filter(([, href]) => href);
  if (links.length) {
    el.append(h('ul', { class: 'src', 'aria-label': 'Sources' }, ...links.map(([s, href]) =>
      h('li', null, h('a', href!.startsWith('mailto:') ? { href: href! } : { href: href!, target: '_blank', rel: 'noopener' }, s.title)))));
  }
  if (m.escalationId) el.append(contact(m, ctx));
  if (m.answer) el.append(rating(m, ctx));
  if (last && m.suggestions?.length) {
    el.append(h('div', { class: 'chips', role: 'group', 'aria-label': 'Suggested questions' }, ...m.suggestions.map((s) => {
      const b = h('button', { type: 'button' }, s);
      b.onclick = () => ctx.send(s);
      return b;
    })));
  }
  return el;
}

/** Thumbs up/down on an answer; once given, replaced by a thank-you (and remembered). */
function rating(m: Msg, ctx: Ctx): HTMLElement {
  if (m.rated) return h('p', { class: 'note' }, 'Thanks for your feedback.');
  const wrap = h('div', { class: 'rate' }, 'Helpful?');
  for (const up of [true, false]) {
    const b = h('button', { type: 'button', class: up ? 'ico' : 'ico down', 'aria-label': up ? 'Helpful' : 'Not helpful' }, icon(THUMB));
    b.onclick = () => {
      m.rated = up ? 'up' : 'down';
      ctx.save();
      const thanks = rating(m, ctx);
      wrap.replaceWith(thanks);
      thanks.tabIndex = -1;
      thanks.focus(); // the pressed button is gone; keep keyboard users in place
      void post(ctx.cfg.api + '/api/feedback', { conversationId: ctx.state.id, helpful: up }).then((r) => {
        if (r.status >= 300 || !r.status) log('feedback not recorded', r.status);
      });
    };
    wrap.append(b);
  }
  return wrap;
}

/** The e-mail form for an escalated question; a confirmation once it was sent. */
function contact(m: Msg, ctx: Ctx): HTMLElement {
  if (m.sent) return h('p', { class: 'note ok' }, `Thanks! Your question was forwarded to the helpdesk. They will reply to ${m.sent}.`);
  const id = 'oma' + uid++;
  const email = h('input', { id: id + 'e', type: 'email', name: 'email', required: '', autocomplete: 'email' });
  const name = h('input', { id: id + 'n', name: 'name', autocomplete: 'name', maxlength: '200' });
  const problem = h('p', { class: 'err', role: 'alert' });
  const button = h('button', { type: 'submit' }, 'Send to helpdesk');
  const form = h('form', { class: 'esc', 'aria-label': 'Contact the helpdesk' },
    h('label', { for: id + 'e' }, 'Email'), email,
    h('label', { for: id + 'n' }, 'Name (optional)'), name, button, problem);
  form.onsubmit = async (e) => {
    e.preventDefault();
    button.disabled = true;
    problem.textContent = '';
    const body: Record<string, string> = { email: email.value.trim() };
    if (name.value.trim()) body.name = name.value.trim();
    const { status, data } = await post(`${ctx.cfg.api}/api/escalations/${encodeURIComponent(m.escalationId!)}/contact`, body);
    button.disabled = false;
    if (status >= 200 && status < 300) {
      m.sent = body.email;
      ctx.save();
      const done = contact(m, ctx);
      form.replaceWith(done);
      done.tabIndex = -1;
      done.focus();
    } else {
      problem.textContent = status === 400 ? 'Please check the e-mail address and try again.' : trouble(status, data.error);
    }
  };
  return form;
}
