/** @jsxImportSource hono/jsx */
// The log of recent questions, answered ones too, with the bot's confidence
// and the visitor's thumbs; filters for low confidence and thumbs down, and
// per reply a page to mark it wrong: it should have quoted this, said this,
// or passed the question to the helpdesk.
import type { FC } from 'hono/jsx';
import type { LoggedTurn } from '../../store/types.js';
import { adminHref, clip, iso, pct, turnHref, when, type LogFilter } from './format.js';
import { AnswerFields, Pager, Search } from './layout.js';
import { Candidates, type Candidate } from './item.js';

/** Confidence below this is "low" (the same line as the store's filter). */
export const LOW_CONFIDENCE = 0.7;

const Feedback: FC<{ helpful?: boolean | undefined }> = ({ helpful }) =>
  helpful === undefined ? <span class="muted">—</span> : helpful ? <span class="badge good">👍 helpful</span> : <span class="badge bad">👎 not helpful</span>;

const Confidence: FC<{ t: LoggedTurn }> = ({ t }) =>
  t.escalated ? <span class="badge open">escalated</span> : <span class={t.confidence < LOW_CONFIDENCE ? 'badge low' : 'badge'}>{pct(t.confidence)}</span>;

const FILTERS: [LogFilter | undefined, string][] = [
  [undefined, 'All'],
  ['low', 'Low confidence'],
  ['unhelpful', 'Thumbs down'],
];

export const Log: FC<{ items: LoggedTurn[]; page: number; hasMore: boolean; filter?: LogFilter | undefined; q: string }> = ({
  items,
  page,
  hasMore,
  filter,
  q,
}) => (
  <>
    <div class="head">
      <div>
        <h1>Log of questions</h1>
        <p class="muted small">Every question, newest first, answered or not. Mark a wrong reply to teach the bot.</p>
      </div>
      <Search tab="log" q={q} filter={filter} label="Search questions" />
    </div>
    <nav class="filters" aria-label="Filter the log">
      {FILTERS.map(([f, name]) => (
        <a href={adminHref({ tab: 'log', filter: f, q })} aria-current={f === filter ? 'page' : undefined}>
          {name}
        </a>
      ))}
    </nav>
    {items.length ? (
      <table class="log">
        <caption class="sr">
          Questions{filter === 'low' ? ' answered with low confidence' : filter === 'unhelpful' ? ' whose reply got a thumbs down' : ''}, page {page}
        </caption>
        <thead>
          <tr>
            <th>When</th>
            <th>Question</th>
            <th>Reply</th>
            <th class="num">Confidence</th>
            <th>Feedback</th>
            <th>
              <span class="sr">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((t) => (
            <tr>
              <td class="small muted when">
                <time datetime={iso(t.createdAt)}>{when(t.createdAt)}</time>
              </td>
              <td>
                <strong>{clip(t.question, 160)}</strong>
              </td>
              <td class="small" data-label="Reply">
                {t.escalated ? <span class="muted">Passed to the helpdesk</span> : clip(t.answer, 180)}
              </td>
              <td class="num" data-label="Confidence">
                <Confidence t={t} />
              </td>
              <td data-label="Feedback">
                <Feedback helpful={t.helpful} />
              </td>
              <td>
                <a href={turnHref(t.id)}>
                  {t.escalated ? 'Answer it' : 'Mark wrong'}
                  <span class="sr">: {clip(t.question, 60)}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : (
      <p class="empty">No questions{filter || q ? ' match' : ' yet'}.</p>
    )}
    <Pager tab="log" page={page} hasMore={hasMore} q={q} filter={filter} />
  </>
);

/** One reply of the log, to correct. */
export const Turn: FC<{ t: LoggedTurn; candidates: Candidate[] }> = ({ t, candidates }) => {
  const action = `${turnHref(t.id)}/correct`;
  return (
    <>
      <p class="small">
        <a href={adminHref({ tab: 'log' })}>← Log</a>
      </p>
      <h1>{t.question}</h1>
      <dl class="facts">
        <dt>Asked</dt>
        <dd>
          <time datetime={iso(t.createdAt)}>{when(t.createdAt)}</time>
        </dd>
        <dt>Reply</dt>
        <dd>{t.answer}</dd>
        <dt>Confidence</dt>
        <dd>
          <Confidence t={t} />
        </dd>
        <dt>Feedback</dt>
        <dd>
          <Feedback helpful={t.helpful} />
        </dd>
      </dl>
      <div class="cols">
        <div>
          <section aria-labelledby="quotes">
            <h2 id="quotes">It should be this quote</h2>
            <Candidates items={candidates} action={action} button="Should be this quote" />
          </section>
        </div>
        <div>
          {t.escalated ? null : (
            <section aria-labelledby="esc">
              <h2 id="esc">It should have escalated</h2>
              <p class="muted small">The pages do not answer this: the bot stops giving this reply to it and passes it to the helpdesk.</p>
              <form method="post" action={action}>
                <input type="hidden" name="escalate" value="1" />
                <button type="submit" class="danger">
                  Should have escalated
                </button>
              </form>
            </section>
          )}
          <section aria-labelledby="write">
            <h2 id="write">It should be this answer</h2>
            <form method="post" action={action}>
              <AnswerFields />
              <p>
                <button type="submit" class="primary">
                  Should be this answer
                </button>
              </p>
            </form>
          </section>
        </div>
      </div>
    </>
  );
};
