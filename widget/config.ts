// Embedding options. The service says what the widget says (GET
// /api/widget/config: title, greeting and helpdesk from the knowledge's
// site.yml, every fixed text from its messages.yml `widget:`); the <script>
// tag's data- attributes override:
//   data-title, data-greeting, data-accent (#rgb or #rrggbb), data-position
//   (right|left), data-open (true: open on load), data-helpdesk (e-mail).
// The API origin is the origin of the script's own src, so one tag works on
// any site without hard-coding where the service lives.
import type { WidgetTexts } from '../src/knowledge/schema.js'; // type only: no zod in the bundle
import { log } from './dom.js';

export type Texts = WidgetTexts;

/** What GET /api/widget/config returns. */
export interface Remote {
  title?: string;
  greeting?: string;
  helpdesk?: string;
  texts?: Partial<Texts>;
}

export interface Config {
  api: string;
  title: string;
  greeting: string;
  accent?: string;
  left: boolean;
  open: boolean;
  /** Unknown when neither the service nor data-helpdesk said: no e-mail line then. */
  helpdesk?: string;
  t: Texts;
  /** The service refused this page's origin (see api.ts). */
  refused?: boolean;
}

// Used only when the config could not be read (service down, the page's
// origin refused, an older service). The widget waits for the config instead
// of showing these first (main.ts), so they are a stopgap: terse on purpose,
// since every byte here is sent to every visitor of every site (6 KB gzip
// budget). The real wording is src/knowledge/defaults.ts and messages.yml.
const FALLBACK: Texts = {
  ask: 'Your question',
  send: 'Send',
  thinking: '…',
  retry: 'Retry',
  network: 'No connection. Try again.',
  busy: 'Busy. Try again soon.',
  server: 'Server error. Try again soon.',
  failed: 'Not sent.',
  helpful: 'Helpful?',
  yes: 'Yes',
  no: 'No',
  thanks: 'Thanks!',
  contact: 'Contact',
  email: 'Email',
  name: 'Name',
  forward: 'Send',
  forwarded: 'Sent. Reply to {email}.',
  invalid: 'Check the address.',
  closed: 'Closed. Ask again.',
  mail: 'E-mail:',
  open: 'Chat',
  close: 'Close',
  clear: 'Clear',
  log: 'Chat',
  sources: 'Sources',
  suggestions: 'Suggestions',
  choices: 'Answers',
  choose: 'This one',
  none: 'None of these',
};

export const apiOf = (script: HTMLScriptElement | null) => new URL(script?.src || location.href).origin;

export function readConfig(script: HTMLScriptElement | null, remote: Remote, refused: boolean): Config {
  const d = script?.dataset ?? {};
  const accent = d.accent?.trim();
  const valid = accent && /^#([0-9a-f]{3}){1,2}$/i.test(accent);
  if (accent && !valid) log('data-accent must be #rgb or #rrggbb; ignoring', accent);
  return {
    api: apiOf(script),
    title: d.title || remote.title || 'Chat',
    greeting: d.greeting || remote.greeting || 'Hi! Ask me a question.',
    accent: valid ? accent : undefined,
    left: d.position === 'left',
    open: d.open === '' || d.open === 'true',
    helpdesk: d.helpdesk || remote.helpdesk,
    t: { ...FALLBACK, ...remote.texts },
    refused,
  };
}

/** Text colour for the accent background: whichever of white/near-black contrasts more (WCAG relative luminance). */
export function inkFor(hex: string): string {
  const v = hex.length === 4 ? hex.replace(/\w/g, (c) => c + c) : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(v.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is 1.05/(l+.05); with #1b1f24 (l≈.014) it is (l+.05)/.064.
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.064 ? '#fff' : '#1b1f24';
}
