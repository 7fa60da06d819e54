// Tiny DOM helpers. Children are appended with Element.append, which turns
// strings into Text nodes: visitor and server text can never become markup.
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string> | null, ...kids: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const k in attrs) el.setAttribute(k, attrs[k]!);
  for (const kid of kids) if (kid) el.append(kid);
  return el;
}

/** A 24×24 single-path SVG icon, hidden from screen readers (the button carries the name). */
export function icon(d: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

export const log = (...args: unknown[]) => console.warn('[faq chat]', ...args);
