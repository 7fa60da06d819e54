// One message in the log: the text, its sources as links, and what the visitor
// can do with it (suggestion chips, thumbs up/down, the helpdesk form, the
// quotes offered to pick from).
import { req, trouble, type Reply, type Source } from './api.js';
import type { Config, Texts } from './config.js';
import { h, icon, log } from './dom.js';
import type { Msg, State } from './store.js';

export interface Ctx {
  cfg: Config;
  state: State;
  save(): void;
  send(text: string): void;
  /** Sends the pick `id` ('none': ask the team) of message `m`, shown as `el`; false when it did not go through. */
  pick(m: Msg, el: HTMLElement, id: string): Promise<boolean>;
  /** Shows a reply of the conversation that came another way (the other quotes after a thumbs-down). */
  reply(d: Reply): void;
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

/** A text (with an id, when a button is described by it) and its sources as links. */
function quote(text: string, sources: Source[] | undefined, t: Texts, id?: string) {
  const links = (sources ?? []).map((s) => [s, safeUrl(s.url)] as const).filter(([, href]) => href);
  return [
    h('p', id ? { id } : null, text),
    links.length > 0 &&
      h(
        'ul',
        { class: 'src', 'aria-label': t.sources },
        ...links.map(([s, href]) =>
          h('li', null, h('a', href!.startsWith('mailto:') ? { href: href! } : { href: href!, target: '_blank', rel: 'noopener' }, s.title)),
        ),
      ),
  ];
}

export function bubble(m: Msg, ctx: Ctx, last: boolean): HTMLElement {
  const t = ctx.cfg.t;
  const el = h('div', { class: m.me ? 'msg me' : 'msg' }, ...quote(m.text, m.sources, t));
  if (m.choices) {
    // Each quote with a button that picks it; only while the offer is open
    // (the last message). A pick in flight disables them all.
    const buttons: HTMLButtonElement[] = [];
    const pick = (label: string, id: string, attrs?: Record<string, string>) => {
      const b = h('button', { type: 'button', class: 'txt c', ...attrs }, label);
      b.onclick = async () => {
        buttons.forEach((x) => (x.disabled = true));
        if (await ctx.pick(m, el, id)) return;
        buttons.forEach((x) => (x.disabled = false));
        b.focus();
      };
      buttons.push(b);
      return b;
    };
    el.append(
      h(
        'ol',
        { class: 'pick', 'aria-label': t.choices, tabindex: '-1' },
        ...m.choices.map((c) => {
          const id = 'q' + uid++;
          return h('li', null, ...quote(c.answer, c.sources, t, id), last && pick(t.choose, c.id, { 'aria-describedby': id }));
        }),
      ),
    );
    if (last) el.append(pick(t.none, 'none'));
  }
  if (m.escalationId) el.append(contact(m, ctx));
  if (m.answer) el.append(rating(m, ctx));
  if (last && m.suggestions?.length) {
    el.append(
      h(
        'div',
        { class: 'chips', role: 'group', 'aria-label': t.suggestions },
        ...m.suggestions.map((s) => {
          const b = h('button', { type: 'button' }, s);
          b.onclick = () => ctx.send(s);
          return b;
        }),
      ),
    );
  }
  return el;
}

/** Thumbs up/down on an answer; once given, replaced by a thank-you (and remembered). */
function rating(m: Msg, ctx: Ctx): HTMLElement {
  const t = ctx.cfg.t;
  if (m.rated) return h('p', { class: 'note' }, t.thanks);
  const wrap = h('div', { class: 'rate' }, t.helpful);
  for (const up of [true, false]) {
    const b = h('button', { type: 'button', class: up ? 'ico' : 'ico down', 'aria-label': up ? t.yes : t.no }, icon(THUMB));
    b.onclick = () => {
      m.rated = up ? 'up' : 'down';
      ctx.save();
      const thanks = rating(m, ctx);
      wrap.replaceWith(thanks);
      thanks.tabIndex = -1;
      thanks.focus(); // the pressed button is gone; keep keyboard users in place
      // A thumbs-down on a quote answers with the other quotes to pick from, or the helpdesk.
      void req<{ reply: Reply }>(ctx.cfg.api + '/api/feedback', { conversationId: ctx.state.id, helpful: up }).then((r) => {
        if (r.status < 200 || r.status >= 300) log('feedback not recorded', r.status);
        else if (r.data.reply) ctx.reply(r.data.reply);
      });
    };
    wrap.append(b);
  }
  return wrap;
}

/** The e-mail form for an escalated question; a confirmation once it was sent. */
function contact(m: Msg, ctx: Ctx): HTMLElement {
  const t = ctx.cfg.t;
  if (m.sent)
    return h(
      'p',
      { class: 'note ok' },
      t.forwarded.replace('{email}', () => m.sent!),
    );
  const id = 'f' + uid++;
  const email = h('input', { id: id + 'e', type: 'email', name: 'email', required: '', autocomplete: 'email' });
  const name = h('input', { id: id + 'n', name: 'name', autocomplete: 'name', maxlength: '100' });
  const problem = h('p', { class: 'err', role: 'alert' });
  const button = h('button', { type: 'submit' }, t.forward);
  const form = h(
    'form',
    { class: 'esc', 'aria-label': t.contact },
    h('label', { for: id + 'e' }, t.email),
    email,
    h('label', { for: id + 'n' }, t.name),
    name,
    button,
    problem,
  );
  form.onsubmit = async (e) => {
    e.preventDefault();
    button.disabled = true;
    problem.textContent = '';
    const body: Record<string, string> = { email: email.value.trim() };
    if (name.value.trim()) body.name = name.value.trim();
    const { status, data } = await req(`${ctx.cfg.api}/api/escalations/${encodeURIComponent(m.escalationId!)}/contact`, body);
    button.disabled = false;
    if (status >= 200 && status < 300) {
      m.sent = body.email;
      ctx.save();
      const done = contact(m, ctx);
      form.replaceWith(done);
      done.tabIndex = -1;
      done.focus();
    } else {
      problem.textContent = status === 400 ? t.invalid : status === 409 ? t.closed : trouble(status, t, data.error);
    }
  };
  return form;
}
