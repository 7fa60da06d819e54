/** @jsxImportSource hono/jsx */
// The Suggestions tab: what visitors' picks among the bot's choices suggest
// it should answer directly. Per sentence of the pages (the quote the
// visitors saw, with its source), the wordings they matched to it, how many
// distinct clients picked it and how many said it does not answer, and what
// was decided: open, learned (enough visitors taught it, LEARN_FROM_CHOICES),
// accepted or rejected. Sub-tabs by status with counts, 50 a page, and a
// form per item: Accept / Reject (on a learned one: Confirm / Undo). Every
// visitor's text goes through JSX as text: escaped, never markup.
import type { FC } from 'hono/jsx';
import type { Suggestion, SuggestionStatus } from '../../store/types.js';
import { clip, iso, when } from './format.js';
import { PageLinks } from './layout.js';

/** The sub-tabs, in the order staff work through them. */
export const SUGGESTION_STATUSES = ['open', 'learned', 'accepted', 'rejected'] as const satisfies readonly SuggestionStatus[];

const NAMES: Record<SuggestionStatus, string> = { open: 'Open', learned: 'Learned', accepted: 'Accepted', rejected: 'Rejected' };

/** `/admin?tab=suggestions&status=…&page=…`, leaving out defaults. */
export function suggestionsHref(p: { status?: SuggestionStatus; page?: number; done?: string }): string {
  const s = new URLSearchParams({ tab: 'suggestions' });
  if (p.status && p.status !== 'open') s.set('status', p.status);
  if (p.page && p.page > 1) s.set('page', String(p.page));
  if (p.done) s.set('done', p.done);
  return `/admin?${s.toString()}`;
}

/** A source link only for a web address (the store keeps what the choice cited; never a script: URL). */
const webUrl = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);

/** `omaspecworks.org/omaspecworks/about#all-oma…`: where it links, readable. */
function sourceLabel(url: string): string {
  try {
    const u = new URL(url);
    let path = `${u.pathname}${u.hash}`;
    try {
      path = decodeURI(path);
    } catch {
      // not percent-encoded text: keep it as it is
    }
    return clip(`${u.host}${path === '/' ? '' : path}`, 90);
  } catch {
    return clip(url, 90);
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the one item's forms post with: the sub-tab and page to come back to. */
const Back: FC<{ status: SuggestionStatus; page: number }> = ({ status, page }) => (
  <>
    <input type="hidden" name="status" value={status} />
    <input type="hidden" name="page" value={String(page)} />
  </>
);

const Action: FC<{ s: Suggestion; page: number; action: 'accept' | 'reject'; label: string; primary?: boolean }> = ({ s, page, action, label, primary }) => (
  <form method="post" action={`/admin/suggestions/${s.id}/${action}`}>
    <Back status={s.status} page={page} />
    <button type="submit" class={primary ? 'primary' : action === 'reject' ? 'danger' : undefined}>
      {label}
      <span class="sr">: “{clip(s.wording, 60)}”</span>
    </button>
  </form>
);

const Actions: FC<{ s: Suggestion; page: number }> = ({ s, page }) => {
  if (s.status === 'open')
    return (
      <div class="row">
        <Action s={s} page={page} action="accept" label="Accept" primary />
        <Action s={s} page={page} action="reject" label="Reject" />
      </div>
    );
  if (s.status === 'learned')
    return (
      <div class="row">
        <Action s={s} page={page} action="accept" label="Confirm" primary />
        <Action s={s} page={page} action="reject" label="Undo" />
      </div>
    );
  if (s.status === 'accepted')
    return (
      <div class="row">
        <Action s={s} page={page} action="reject" label="Reject" />
      </div>
    );
  return <p class="small muted">Rejected for good: neither visitors nor a later accept bring it back.</p>;
};

/** What is decided, in words: the learned one says visitors taught it. */
function decided(s: Suggestion, learnFrom: number): string | undefined {
  if (s.status === 'learned')
    return `Visitors taught this: ${learnFrom > 0 ? `at least ${plural(learnFrom, 'distinct client')}` : 'enough distinct clients'} picked this sentence and none said it does not answer, so the bot already answers these wordings with it. Confirm keeps it; Undo rejects it for good.`;
  if (s.status === 'accepted') return 'Accepted: the bot answers these wordings with this sentence (for matching only: visitors never see the wordings).';
  if (s.status === 'rejected') return 'Rejected: the bot never answers these wordings with this sentence directly, whatever visitors pick.';
  return undefined;
}

const Entry: FC<{ s: Suggestion; page: number; learnFrom: number }> = ({ s, page, learnFrom }) => {
  const note = decided(s, learnFrom);
  return (
    <li class="sugg" id={`s-${s.id}`}>
      <p class="small muted wl" id={`s-${s.id}-w`}>
        Visitors asked ({plural(s.wordings.length, 'wording')}
        {s.wordings.length >= 10 ? ', the first 10 kept' : ''}):
      </p>
      <ul class="asked" aria-labelledby={`s-${s.id}-w`}>
        {s.wordings.map((w) => (
          <li>“{w}”</li>
        ))}
      </ul>
      <p class="small figures">
        <span class={`badge ${s.status}`}>{s.status}</span> · picked by <strong>{plural(s.clients, 'distinct client')}</strong> ·{' '}
        {s.against > 0 ? <strong class="against">{s.against} said it does not answer</strong> : <span>none said it does not answer</span>} · last{' '}
        <time datetime={iso(s.updatedAt)}>{when(s.updatedAt)}</time>
      </p>
      {note ? <p class={`small decided ${s.status}`}>{note}</p> : null}
      <Actions s={s} page={page} />
    </li>
  );
};

/** The page's suggestions by sentence, in the order of the first (most picked) of each. */
function bySentence(items: Suggestion[]): Suggestion[][] {
  const groups = new Map<string, Suggestion[]>();
  for (const s of items) {
    const g = groups.get(s.sentence);
    if (g) g.push(s);
    else groups.set(s.sentence, [s]);
  }
  return [...groups.values()];
}

const Sentence: FC<{ group: Suggestion[]; page: number; learnFrom: number }> = ({ group, page, learnFrom }) => {
  const first = group[0]!;
  const url = webUrl(first.url);
  return (
    <li class="card">
      <blockquote>{first.quote}</blockquote>
      {first.sentence !== first.quote ? (
        <details class="small">
          <summary>The whole sentence</summary>
          <p>{first.sentence}</p>
        </details>
      ) : null}
      {url ? (
        <p class="small muted source">
          Source:{' '}
          <a href={url} rel="noopener noreferrer">
            {sourceLabel(url)}
          </a>
        </p>
      ) : null}
      <ul class="suggs">
        {group.map((s) => (
          <Entry s={s} page={page} learnFrom={learnFrom} />
        ))}
      </ul>
    </li>
  );
};

const ABOUT: Record<SuggestionStatus, string> = {
  open: 'Visitors picked these sentences among the bot’s choices for these wordings. Accept: the bot answers them with the sentence directly (the wordings match only; they are never shown to visitors). Reject: never this sentence for these wordings directly, whatever visitors pick.',
  learned:
    'Enough distinct clients picked these and none said they do not answer, so the bot learned them on its own (LEARN_FROM_CHOICES). Check them: Undo rejects one for good, Confirm keeps it as if you had accepted it.',
  accepted: 'Accepted by staff (or confirmed after visitors taught them): the bot answers these wordings with the sentence. Reject to take one back.',
  rejected: 'Rejected: the bot never answers these wordings with the sentence directly. A rejection is never overridden by visitors.',
};

const EMPTY: Record<SuggestionStatus, string> = {
  open: 'No open suggestions: when visitors pick one of the bot’s choices, the wording and the sentence appear here.',
  learned: 'Nothing learned from visitors.',
  accepted: 'No accepted suggestions.',
  rejected: 'No rejected suggestions.',
};

/** Page links for the status shown: previous, a window of numbers, next. */
const Pager: FC<{ status: SuggestionStatus; page: number; pages: number; total: number }> = ({ status, page, pages, total }) => (
  <PageLinks href={(p) => suggestionsHref({ status, page: p })} page={page} pages={pages} summary={plural(total, `${status} suggestion`)} />
);

export interface SuggestionsProps {
  status: SuggestionStatus;
  items: Suggestion[];
  page: number;
  pages: number;
  counts: Record<SuggestionStatus, number>;
  /** LEARN_FROM_CHOICES: distinct clients that teach a pair on their own (0: off). */
  learnFrom: number;
}

export const Suggestions: FC<SuggestionsProps> = ({ status, items, page, pages, counts, learnFrom }) => (
  <>
    <div class="head">
      <div>
        <h1>Suggestions from visitors’ picks</h1>
        <p class="muted small">{ABOUT[status]}</p>
        <p class="muted small">
          {learnFrom > 0
            ? `Learning from picks is on: ${plural(learnFrom, 'distinct client')} (one per address, an IPv6 /64 counting once) with no vote against teach a wording on their own.`
            : 'Learning from picks is off (LEARN_FROM_CHOICES=0): only staff accept.'}
        </p>
      </div>
    </div>
    <nav class="filters" aria-label="Suggestions by status">
      {SUGGESTION_STATUSES.map((s) => (
        <a href={suggestionsHref({ status: s })} aria-current={s === status ? 'page' : undefined}>
          {NAMES[s]} <span class="count">{counts[s]}</span>
        </a>
      ))}
    </nav>
    {items.length ? (
      <ul class="sentences">
        {bySentence(items).map((group) => (
          <Sentence group={group} page={page} learnFrom={learnFrom} />
        ))}
      </ul>
    ) : (
      <p class="empty">{EMPTY[status]}</p>
    )}
    <Pager status={status} page={page} pages={pages} total={counts[status]} />
  </>
);
