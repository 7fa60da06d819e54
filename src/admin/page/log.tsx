/** @jsxImportSource hono/jsx */
// The log of recent questions, answered ones too, with the bot's confidence
// and the visitor's thumbs; filters for low confidence and thumbs down, and
// per reply a page to mark it wrong: it should have quoted this, said this,
// or passed the question to the helpdesk. A turn that offered choices lists
// the quotes (clipped, each whole in a <details>, with its source) and what
// the visitor picked; the reply to a pick reads as that, linking to the
// offer, not as a new question. Once a reply was corrected, its page shows
// what was taught and what the bot says now, the forms folded away.
// Everything is text (hono/jsx escapes it).
import type { FC } from 'hono/jsx';
import type { LoggedTurn, OfferedChoice } from '../../store/types.js';
import type { Taught } from '../../service/staff.js';
import { adminHref, clip, iso, pct, turnHref, when, type LogFilter } from './format.js';
import { AnswerFields, Pager, Search } from './layout.js';
import { Candidates, type Candidate } from './item.js';

/** Confidence below this is "low" (the same line as the store's filter). */
export const LOW_CONFIDENCE = 0.7;

/** A quote offered as a choice is clipped to this in the log (the whole of it one click away). */
const QUOTE_CLIP = 140;

const Feedback: FC<{ helpful?: boolean | undefined }> = ({ helpful }) =>
  helpful === undefined ? <span class="muted">—</span> : helpful ? <span class="badge good">👍 helpful</span> : <span class="badge bad">👎 not helpful</span>;

const Confidence: FC<{ t: LoggedTurn }> = ({ t }) => {
  if (t.escalated) return <span class="badge open">escalated</span>;
  // A pick's reply is the visitor's choice, not the bot's: its offer carries the confidence.
  if (t.pickOf !== undefined) return <span class="badge good">visitor’s pick</span>;
  // The reply to a thumbs-down is the bot's second try at a question already counted.
  if (t.follows !== undefined && !t.choices) return <span class="badge bad">after 👎</span>;
  const level = <span class={t.confidence < LOW_CONFIDENCE ? 'badge low' : 'badge'}>{pct(t.confidence)}</span>;
  return t.choices ? (
    <>
      <span class="badge choices">choices</span> {level}
    </>
  ) : (
    level
  );
};

/** Links a browser may follow from the staff page: web addresses, site paths, mail. Anything else is shown as text. */
const safeHref = (url: string) => (/^(https?:\/\/|mailto:|\/(?!\/))/i.test(url) ? url : undefined);

const Sources: FC<{ sources: OfferedChoice['sources'] }> = ({ sources }) =>
  sources.length ? (
    <span class="sources small">
      {sources.map((s, i) => {
        const href = safeHref(s.url);
        return (
          <>
            {i ? ' · ' : ''}
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer">
                {s.title || s.url}
              </a>
            ) : (
              <span>{s.title || s.url}</span>
            )}
          </>
        );
      })}
    </span>
  ) : null;

/** A quote as text: clipped to `max` characters, with the whole of it in a <details> when longer. */
const QuoteText: FC<{ text: string; max: number }> = ({ text, max }) =>
  text.length > max ? (
    <details class="quote">
      <summary>
        {clip(text, max)}
        <span class="sr"> (show the whole quote)</span>
      </summary>
      <blockquote>{text}</blockquote>
    </details>
  ) : (
    <span class="quote">{text}</span>
  );

/** What the visitor did with the choices: which one they picked, none of them (asked the team), or no pick yet. */
const PickOutcome: FC<{ t: LoggedTurn }> = ({ t }) => {
  const at = (t.choices ?? []).findIndex((c) => c.id === t.picked);
  if (at >= 0) return <strong>Picked choice {at + 1}.</strong>;
  if (t.picked === 'none') return <strong>None — asked the team.</strong>;
  if (t.picked !== undefined) return <strong>Picked “{t.picked}”.</strong>;
  return <span class="muted">No pick yet.</span>;
};

/** The quotes a turn offered as choices, each with its source, the one picked marked; whole when `max` is not given. */
export const OfferedChoices: FC<{ t: LoggedTurn; max?: number }> = ({ t, max = Infinity }) => {
  const choices = t.choices ?? [];
  return (
    <div class="offered">
      <span class="muted">
        Offered {choices.length} choice{choices.length === 1 ? '' : 's'}:
      </span>
      <ol class="choices">
        {choices.map((c) => (
          <li class={c.id === t.picked ? 'picked' : undefined}>
            {c.id === t.picked ? (
              <>
                <span class="badge good">✓ picked</span>{' '}
              </>
            ) : null}
            <QuoteText text={c.answer} max={max} /> <Sources sources={c.sources} />
          </li>
        ))}
      </ol>
      <p class="pick">
        <PickOutcome t={t} />
      </p>
    </div>
  );
};

/** A pick's reply reads as what it is: the visitor's answer to the choices another turn offered, not a new question. */
const PickOf: FC<{ t: LoggedTurn & { pickOf: number } }> = ({ t }) => (
  <span class="pick-of small">
    <span class="muted">↳ The visitor’s pick among the </span>
    <a href={turnHref(t.pickOf)}>choices offered</a>
    <span class="muted"> for</span> “{clip(t.question, 160)}”
  </span>
);

const hasPickOf = (t: LoggedTurn): t is LoggedTurn & { pickOf: number } => t.pickOf !== undefined;

/** The reply to a thumbs-down reads as the second try at the turn it follows, not a new question. */
const Follows: FC<{ t: LoggedTurn & { follows: number } }> = ({ t }) => (
  <span class="pick-of small">
    <span class="muted">↳ After a thumbs-down on </span>
    <a href={turnHref(t.follows)}>the answer</a>
    <span class="muted"> to</span> “{clip(t.question, 160)}”
  </span>
);

const hasFollows = (t: LoggedTurn): t is LoggedTurn & { follows: number } => t.follows !== undefined;

const Reply: FC<{ t: LoggedTurn }> = ({ t }) => {
  if (t.choices) return <OfferedChoices t={t} max={QUOTE_CLIP} />;
  if (hasPickOf(t)) return t.escalated ? <span class="muted">None of the choices: passed to the helpdesk</span> : <>{clip(t.answer, 180)}</>;
  return t.escalated ? <span class="muted">Passed to the helpdesk</span> : <>{clip(t.answer, 180)}</>;
};

const FILTERS: [LogFilter | undefined, string][] = [
  [undefined, 'All'],
  ['low', 'Low confidence'],
  ['unhelpful', 'Thumbs down'],
];

export const Log: FC<{ items: LoggedTurn[]; page: number; pages: number; total: number; filter?: LogFilter | undefined; q: string }> = ({
  items,
  page,
  pages,
  total,
  filter,
  q,
}) => (
  <>
    <div class="head">
      <div>
        <h1>Log of questions</h1>
        <p class="muted small">
          Every question, newest first, answered, offered choices or escalated, and the visitors’ picks among choices. Mark a wrong reply to teach the bot.
        </p>
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
          Questions{filter === 'low' ? ' answered with low confidence or offered choices' : filter === 'unhelpful' ? ' whose reply got a thumbs down' : ''},
          page {page}
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
              <td>{hasPickOf(t) ? <PickOf t={t} /> : hasFollows(t) ? <Follows t={t} /> : <strong>{clip(t.question, 160)}</strong>}</td>
              <td class="small" data-label="Reply">
                <Reply t={t} />
              </td>
              <td class="num" data-label="Confidence">
                <Confidence t={t} />
              </td>
              <td data-label="Feedback">
                <Feedback helpful={t.helpful} />
              </td>
              <td>
                <a href={turnHref(t.id)}>
                  {t.escalated ? 'Answer it' : t.choices ? 'Teach' : 'Mark wrong'}
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
    <Pager tab="log" page={page} pages={pages} q={q} filter={filter} summary={`${total} ${total === 1 ? 'entry' : 'entries'}`} />
  </>
);

/** What staff taught for this question — each correction and staff answer — and what the bot replies to it now. */
const TaughtSection: FC<{ taught: Taught }> = ({ taught }) => (
  <section aria-labelledby="taught">
    <h2 id="taught">What was taught for this question</h2>
    <ul class="taught">
      {taught.corrections.map((c) => (
        <li class="card taught-correction">
          <span class="muted small">Correction · {when(c.createdAt)}</span>
          <br />
          {c.escalate ? (
            'It should have escalated: the bot passes this question to the helpdesk until staff answer it.'
          ) : (
            <>
              The bot no longer gives this reply to it: <QuoteText text={c.wrong} max={QUOTE_CLIP} />
            </>
          )}
        </li>
      ))}
      {taught.answers.map((a) => (
        <li class="card taught-answer">
          <span class="muted small">
            {a.kind === 'quote' ? 'Quote of the pages' : 'Written answer'} · {when(a.updatedAt)}
          </span>
          <blockquote>{a.answer}</blockquote>
          <a class="small" href={`${adminHref({ tab: 'answers' })}#a-${a.id}`}>
            See it under Answers (edit or remove)
          </a>
        </li>
      ))}
    </ul>
    <div class="effect">
      <h3>Asked now</h3>
      {taught.now.escalated ? (
        <p>The bot passes it to the helpdesk.</p>
      ) : taught.now.choices ? (
        <>
          <p>The bot offers choices:</p>
          <ol class="small">
            {taught.now.choices.map((c) => (
              <li>{c.answer}</li>
            ))}
          </ol>
        </>
      ) : (
        <>
          <p>The bot replies:</p>
          <blockquote>{taught.now.answer}</blockquote>
        </>
      )}
    </div>
  </section>
);

/** One reply of the log, to correct; once corrected, what was taught, with the forms on request. */
export const Turn: FC<{ t: LoggedTurn; candidates: Candidate[]; taught?: Taught | undefined }> = ({ t, candidates, taught }) => {
  const action = `${turnHref(t.id)}/correct`;
  const forms = (
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
  );
  return (
    <>
      <p class="small">
        <a href={adminHref({ tab: 'log' })}>← Log</a>
      </p>
      <h1 class="question">{t.question}</h1>
      <dl class="facts">
        <dt>{hasPickOf(t) ? 'Picked' : 'Asked'}</dt>
        <dd>
          <time datetime={iso(t.createdAt)}>{when(t.createdAt)}</time>
        </dd>
        {hasFollows(t) ? (
          <>
            <dt>After</dt>
            <dd>
              A thumbs-down on <a href={turnHref(t.follows)}>the answer</a> to this question: the bot’s second try.
            </dd>
          </>
        ) : null}
        {hasPickOf(t) ? (
          <>
            <dt>Pick</dt>
            <dd>
              The visitor’s pick among the <a href={turnHref(t.pickOf)}>choices offered</a> for this question:{' '}
              {t.escalated ? 'none of them, so it was passed to the helpdesk.' : 'the quote below.'}
            </dd>
          </>
        ) : null}
        <dt>Reply</dt>
        <dd>
          {t.answer}
          {t.choices ? <OfferedChoices t={t} /> : null}
        </dd>
        <dt>Confidence</dt>
        <dd>
          <Confidence t={t} />
        </dd>
        <dt>Feedback</dt>
        <dd>
          <Feedback helpful={t.helpful} />
        </dd>
      </dl>
      {taught ? (
        <>
          <TaughtSection taught={taught} />
          <details class="reteach">
            <summary>Correct it again</summary>
            {forms}
          </details>
        </>
      ) : (
        forms
      )}
    </>
  );
};
