// Small helpers shared by the staff page's components: dates, shares, links
// that keep the page's query parameters, and the confirmations shown after an
// action (a fixed set: the URL names one, it never carries text of its own).

export const TABS = ['open', 'forwarded', 'resolved', 'log', 'suggestions', 'answers', 'figures'] as const;
export type Tab = (typeof TABS)[number];
export type LogFilter = 'low' | 'unhelpful';

/** `2025-05-12 14:03` (UTC), the same for every member of staff. */
export const when = (ms?: number) => (ms ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : '');
export const iso = (ms: number) => new Date(ms).toISOString();
export const pct = (share: number) => `${Math.round(share * 100)} %`;
export const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/** `/admin?tab=…&page=…&q=…&filter=…`, leaving out defaults. */
export function adminHref(p: { tab?: Tab; page?: number; q?: string; filter?: LogFilter | undefined }): string {
  const s = new URLSearchParams();
  if (p.tab && p.tab !== 'open') s.set('tab', p.tab);
  if (p.filter) s.set('filter', p.filter);
  if (p.q) s.set('q', p.q);
  if (p.page && p.page > 1) s.set('page', String(p.page));
  const qs = s.toString();
  return qs ? `/admin?${qs}` : '/admin';
}

export const itemHref = (id: string) => `/admin/items/${encodeURIComponent(id)}`;
export const turnHref = (id: number) => `/admin/turns/${id}`;

/** What `?done=` may say after an action, with `n` questions it touched. */
const DONE: Record<string, (n: number) => string> = {
  resolved: (n) => `Resolved${n > 1 ? ` with ${n - 1} similar wording${n > 2 ? 's' : ''}` : ''}. The bot answers this question with your answer from now on.`,
  quoted: (n) => `Resolved${n > 1 ? ` with ${n - 1} similar wording${n > 2 ? 's' : ''}` : ''}. The bot answers this question with that quote from now on.`,
  dismissed: () => 'Dismissed. The bot keeps escalating this question.',
  corrected: () => 'Corrected. The bot will not give that reply to this question again.',
  escalates: () => 'Corrected. The bot now passes this question to the helpdesk.',
  saved: () => 'Answer saved. The bot uses the new text at once.',
  removed: () => 'Answer removed. The bot no longer uses it.',
  added: () => 'Wording added. The bot answers it with this answer too.',
  accepted: () => 'Accepted. The bot answers these wordings with that sentence from now on (they match only; visitors never see them).',
  rejected: () => 'Rejected. The bot never answers these wordings with that sentence directly, whatever visitors pick.',
  confirmed: () => 'Confirmed. What visitors taught stays, as if you had accepted it.',
  undone: () => 'Undone. The bot no longer answers these wordings with that sentence, and visitors cannot teach it again.',
};

export function doneMessage(done: string | undefined, n: number | undefined): string | undefined {
  return done && Object.hasOwn(DONE, done) ? DONE[done]!(n ?? 1) : undefined;
}
