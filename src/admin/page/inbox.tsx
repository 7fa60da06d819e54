/** @jsxImportSource hono/jsx */
// The inbox tabs (open, forwarded, resolved): one row per question — for open
// questions one row per group of wordings that mean the same, with how many
// times it was asked — a link to the item, search and page links; on the open
// tab, questions asked three times or more this week come first as suggestions.
import type { FC } from 'hono/jsx';
import type { Escalation } from '../../store/types.js';
import type { Frequent } from '../groups.js';
import type { StaffList } from '../../service/staff.js';
import { distinctWordings } from '../../service/taught.js';
import { clip, iso, itemHref, when, type Tab } from './format.js';
import { Pager, Search } from './layout.js';

type InboxTab = Extract<Tab, 'open' | 'forwarded' | 'resolved'>;

const TITLES: Record<InboxTab, { title: string; about: string }> = {
  open: { title: 'Open questions', about: 'Not answered by the pages, no address left. Wordings that mean the same are one row.' },
  forwarded: {
    title: 'Forwarded to the helpdesk',
    about: 'The visitor left an address and the helpdesk is mailed (see the Outbox under Figures). Answer here and the visitor gets the reply by mail.',
  },
  resolved: { title: 'Resolved', about: 'Answered or dismissed.' },
};
/** Without a mail server nothing is sent: the page must not say the helpdesk got anything. */
const FORWARDED_UNSENT =
  'The visitor left an address. No mail server is configured (SMTP_URL, or the mail API on Workers): the mail to the helpdesk is waiting in the outbox, not sent, and so is a reply you write here.';

export type Suggestion = Frequent;

export const Suggestions: FC<{ items: Suggestion[] }> = ({ items }) =>
  items.length ? (
    <section class="suggest" aria-labelledby="suggested">
      <h2 id="suggested">Asked 3 times or more this week</h2>
      <ul>
        {items.slice(0, 8).map((s) => (
          <li>
            <a href={itemHref(s.ids[0]!)}>{clip(s.question, 90)}</a> <span class="badge">{s.count} open</span>
          </li>
        ))}
      </ul>
    </section>
  ) : null;

const Row: FC<{ e: Escalation; similar: Escalation[] }> = ({ e, similar }) => {
  const asked = similar.length + 1;
  // Each other wording once, case and spacing ignored (the item view lists them all, in full).
  const others = distinctWordings(e, [e, ...similar])
    .wordings.slice(1)
    .map((w) => w.text);
  return (
    <li>
      <a class="q" href={itemHref(e.id)}>
        {clip(e.question, 200)}
      </a>
      <p class="meta">
        <time datetime={iso(e.createdAt)}>{when(e.createdAt)}</time>
        {e.contact ? (
          <>
            {' '}
            · from {e.contact.name ? `${e.contact.name} ` : ''}&lt;{e.contact.email}&gt;
          </>
        ) : null}
        {e.status === 'resolved' ? (
          <>
            {' '}
            · <span class="badge resolved">{e.staffAnswerId ? 'answered' : 'dismissed'}</span>
          </>
        ) : null}
        {e.repliedAt ? <> · reply mailed</> : null}
      </p>
      {others.length ? (
        <p class="also">
          Also asked as{' '}
          {others.slice(0, 2).map((q, i) => (
            <>
              {i ? ', ' : ''}“{clip(q, 70)}”
            </>
          ))}
          {others.length > 2 ? ` and ${others.length - 2} more` : ''}
        </p>
      ) : null}
      {asked > 1 ? (
        <span class="side">
          <span class="n" title={`Asked ${asked} times`}>
            {asked}
            <span class="sr"> times asked</span>
          </span>
        </span>
      ) : null}
    </li>
  );
};

export const Inbox: FC<{ tab: InboxTab; list: StaffList; q: string; suggestions: Suggestion[]; smtp: boolean }> = ({ tab, list, q, suggestions, smtp }) => {
  const { title } = TITLES[tab];
  const about = tab === 'forwarded' && !smtp ? FORWARDED_UNSENT : TITLES[tab].about;
  const questions = list.items.reduce((n, g) => n + 1 + g.similar.length, 0);
  const unit = tab === 'open' ? (list.total === 1 ? 'group' : 'groups') : list.total === 1 ? 'question' : 'questions';
  return (
    <>
      <div class="head">
        <div>
          <h1>{title}</h1>
          <p class="muted small">{about}</p>
        </div>
        <Search tab={tab} q={q} label={`Search ${title.toLowerCase()}`} />
      </div>
      {tab === 'open' && list.page === 1 && !q ? <Suggestions items={suggestions} /> : null}
      {q ? (
        <p class="muted">
          {list.total} {unit} matching “{q}”.
        </p>
      ) : null}
      {list.items.length ? (
        <ul class="inbox" aria-label={title}>
          {list.items.map((g) => (
            <Row e={g.escalation} similar={g.similar} />
          ))}
        </ul>
      ) : (
        <p class="empty">{q ? 'Nothing matches that search.' : 'Nothing here. 🎉'}</p>
      )}
      <Pager
        tab={tab}
        page={list.page}
        pages={list.pages}
        q={q}
        summary={`${list.total} ${unit}${tab === 'open' ? `, ${questions} questions on this page` : ''}`}
      />
    </>
  );
};
