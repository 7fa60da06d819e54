/** @jsxImportSource hono/jsx */
// The frame of every staff page: document, header with sign-out, the tabs
// (links with aria-current, counts per tab), a skip link, the confirmation
// after an action; and the small pieces every tab uses (search, pager).
import type { FC, PropsWithChildren } from 'hono/jsx';
import { raw } from 'hono/html';
import { css } from './style.js';
import { adminHref, type LogFilter, type Tab } from './format.js';

export interface TabCounts {
  open: number;
  forwarded: number;
  resolved: number;
  answers: number;
  /** Suggestions no member of staff has decided yet (open and learned). */
  suggestions?: number;
}

export const Document: FC<PropsWithChildren<{ nonce: string; title: string }>> = ({ nonce, title, children }) => (
  <>
    {raw('<!doctype html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        <style nonce={nonce}>{raw(css)}</style>
      </head>
      <body>{children}</body>
    </html>
  </>
);

const TAB_NAMES: Record<Tab, string> = {
  open: 'Open',
  forwarded: 'Forwarded',
  resolved: 'Resolved',
  log: 'Log',
  suggestions: 'Suggestions',
  answers: 'Answers',
  figures: 'Figures',
};

export const Tabs: FC<{ current?: Tab; counts: TabCounts }> = ({ current, counts }) => (
  <nav class="tabs" aria-label="Sections">
    <ul class="wrap">
      {(Object.keys(TAB_NAMES) as Tab[]).map((t) => {
        const n = t === 'log' || t === 'figures' ? undefined : counts[t];
        return (
          <li>
            <a href={adminHref({ tab: t })} aria-current={t === current ? 'page' : undefined}>
              {TAB_NAMES[t]}
              {n === undefined ? null : <span class="count">{n}</span>}
            </a>
          </li>
        );
      })}
    </ul>
  </nav>
);

/** A signed-in page: header, tabs, then the page's own content in <main>. */
export const Shell: FC<PropsWithChildren<{ nonce: string; site?: string; title: string; tab?: Tab; counts: TabCounts; done?: string | undefined }>> = ({
  nonce,
  site,
  title,
  tab,
  counts,
  done,
  children,
}) => (
  <Document nonce={nonce} title={`${title} · ${site ? `${site} ` : ''}FAQ assistant staff`}>
    <a class="skip" href="#main">
      Skip to content
    </a>
    <header class="top">
      <div class="wrap">
        <span class="brand">
          {site ? `${site} ` : ''}FAQ assistant <span>· staff</span>
        </span>
        <form method="post" action="/admin/logout">
          <button type="submit">Sign out</button>
        </form>
      </div>
    </header>
    <Tabs current={tab} counts={counts} />
    <main id="main" class="wrap" tabindex={-1}>
      {done ? (
        <p class="flash" role="status">
          ✓ {done}
        </p>
      ) : null}
      {children}
    </main>
  </Document>
);

export const Login: FC<{ nonce: string; site?: string; error?: string }> = ({ nonce, site, error }) => (
  <Document nonce={nonce} title={`Sign in · ${site ? `${site} ` : ''}FAQ assistant staff`}>
    <main class="login wrap" id="main">
      <h1>{site ? `${site} ` : ''}FAQ assistant — staff sign-in</h1>
      {error ? (
        <p class="flash problem" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/admin/login">
        <label for="token">Admin token</label>
        <input id="token" type="password" name="token" autocomplete="current-password" required />
        <p>
          <button type="submit" class="primary">
            Sign in
          </button>
        </p>
      </form>
    </main>
  </Document>
);

/** Without ADMIN_TOKEN: the staff page is off, and how to turn it on. */
export const StaffOff: FC<{ nonce: string; message: string }> = ({ nonce, message }) => (
  <Document nonce={nonce} title="Staff page off · FAQ assistant">
    <main class="login wrap" id="main">
      <h1>The staff page is off</h1>
      <p>{message}.</p>
      <p>
        For example: <code>ADMIN_TOKEN=$(openssl rand -hex 32) npm start</code>, then sign in here with that token. See the README, “Escalations and staff
        review”.
      </p>
    </main>
  </Document>
);

/** A 4xx as a page, for a browser: what was wrong and the way back. */
export const ErrorPage: FC<{ nonce: string; status: number; message: string }> = ({ nonce, status, message }) => (
  <Document nonce={nonce} title={`${status} · FAQ assistant staff`}>
    <main class="login wrap" id="main">
      <h1>{status === 404 ? 'Not found' : 'That did not work'}</h1>
      <p class="flash problem" role="alert">
        {message}
      </p>
      <p>
        <a href="/admin">← Back to the staff page</a> (or use your browser’s back button to fix the form).
      </p>
    </main>
  </Document>
);

export const Search: FC<{ tab: Tab; q: string; filter?: LogFilter | undefined; label: string }> = ({ tab, q, filter, label }) => (
  <form class="search" method="get" action="/admin" role="search">
    {tab !== 'open' ? <input type="hidden" name="tab" value={tab} /> : null}
    {filter ? <input type="hidden" name="filter" value={filter} /> : null}
    <label class="sr" for="q">
      {label}
    </label>
    <input id="q" type="search" name="q" value={q} placeholder={label} maxlength={200} />
    <button type="submit">Search</button>
    {q ? (
      <a class="button" href={adminHref({ tab, filter })}>
        Clear
      </a>
    ) : null}
  </form>
);

/** Page links: previous, a window of numbers, next; `pages` unknown shows previous/next only. Every paged list of the staff page uses it. */
export const PageLinks: FC<{
  href: (page: number) => string;
  page: number;
  pages?: number | undefined;
  hasMore?: boolean | undefined;
  summary?: string | undefined;
}> = ({ href, page, pages, hasMore, summary }) => {
  const last = pages ?? (hasMore ? page + 1 : page);
  if (last <= 1 && page <= 1) return summary ? <p class="pager muted small">{summary}</p> : null;
  const from = Math.max(1, Math.min(page - 2, last - 4));
  const numbers = pages ? Array.from({ length: Math.min(5, pages) }, (_, i) => from + i).filter((p) => p <= pages) : [];
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          ← Previous
        </a>
      ) : null}
      {numbers.map((p) =>
        p === page ? (
          <span aria-current="page">{p}</span>
        ) : (
          <a href={href(p)} aria-label={`Page ${p}`}>
            {p}
          </a>
        ),
      )}
      {page < last ? (
        <a href={href(page + 1)} rel="next">
          Next →
        </a>
      ) : null}
      <span class="muted small">
        {pages ? `Page ${page} of ${pages}` : `Page ${page}`}
        {summary ? ` · ${summary}` : ''}
      </span>
    </nav>
  );
};

/** A tab's page links (its search and filter kept). */
export const Pager: FC<{ tab: Tab; page: number; pages?: number; hasMore?: boolean; q: string; filter?: LogFilter | undefined; summary?: string }> = ({
  tab,
  page,
  pages,
  hasMore,
  q,
  filter,
  summary,
}) => <PageLinks href={(p) => adminHref({ tab, page: p, q, filter })} page={page} pages={pages} hasMore={hasMore} summary={summary} />;

/** The fields of a written answer: its text and, optionally, the FAQ page it cites (item view and log correction). */
export const AnswerFields: FC<{ hint?: string }> = ({ hint }) => (
  <>
    <label for="answer">Answer{hint ? <span class="muted"> ({hint})</span> : ''}</label>
    <textarea id="answer" name="answer" rows={4} maxlength={4000} required></textarea>
    <label for="sourceUrl">
      Page to cite <span class="muted">(optional)</span>
    </label>
    <input id="sourceUrl" type="url" name="sourceUrl" placeholder="https://…" />
  </>
);
