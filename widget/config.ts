// Embedding options, read once from the <script> tag's data- attributes:
//   data-title, data-greeting, data-accent (#rgb or #rrggbb), data-position
//   (right|left), data-open (true: open on load), data-helpdesk (e-mail).
// The API origin is the origin of the script's own src, so one tag works on
// any site without hard-coding where the service lives.
import { log } from './dom.js';

export interface Config {
  api: string;
  title: string;
  greeting: string;
  accent?: string;
  left: boolean;
  open: boolean;
  helpdesk: string;
}

export function readConfig(script: HTMLScriptElement | null): Config {
  const d = script?.dataset ?? {};
  const accent = d.accent?.trim();
  const valid = accent && /^#([0-9a-f]{3}){1,2}$/i.test(accent);
  if (accent && !valid) log('data-accent must be #rgb or #rrggbb; ignoring', accent);
  return {
    api: new URL(script?.src || location.href).origin,
    title: d.title || 'OMA SpecWorks help',
    greeting: d.greeting || 'Hi! Ask me about OMA SpecWorks. I answer from our pages and show where each answer comes from.',
    accent: valid ? accent : undefined,
    left: d.position === 'left',
    open: d.open === '' || d.open === 'true',
    helpdesk: d.helpdesk || 'helpdesk@omaorg.org',
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
