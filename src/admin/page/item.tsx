/** @jsxImportSource hono/jsx */
// One question (an escalation) with everything staff need to settle it: the
// other wordings grouped with it, the visitor's address (the reply is mailed
// there and the address deleted once delivered), the sentences of the pages
// that come closest — each one click to resolve with — a written answer,
// dismissing, and the conversation.
import type { FC } from 'hono/jsx';
import type { Escalation, StaffAnswer, TranscriptTurn } from '../../store/types.js';
import { adminHref, clip, iso, itemHref, pct, when } from './format.js';
import { AnswerFields } from './layout.js';

export interface Candidate {
  quote: string;
  url: string;
  title: string;
  confidence: number;
}

export const Candidates: FC<{ items: Candidate[]; action: string; button: string }> = ({ items, action, button }) =>
  items.length ? (
    <ol class="cands">
      {items.map((c, i) => (
        <li>
          <blockquote>{c.quote}</blockquote>
          <div class="row small">
            <a href={c.url} target="_blank" rel="noopener noreferrer">
              {c.title}
            </a>
            <span class="muted">match {pct(c.confidence)}</span>
          </div>
          <form method="post" action={action}>
            <input type="hidden" name="quote" value={c.quote} />
            <button type="submit">
              {button}
              <span class="sr"> {i + 1}</span>
            </button>
          </form>
        </li>
      ))}
    </ol>
  ) : (
    <p class="muted">No sentence of the pages comes close.</p>
  );

export const Transcript: FC<{ turns: TranscriptTurn[] }> = ({ turns }) =>
  turns.length ? (
    <ol class="turns">
      {turns.map((t) => (
        <li>
          <span class="who">
            Visitor · <time datetime={iso(t.createdAt)}>{when(t.createdAt)}</time>
          </span>
          {t.question}
          <span class="who">Assistant{t.escalated ? ' (escalated)' : ''}</span>
          {t.answer}
        </li>
      ))}
    </ol>
  ) : (
    <p class="muted">The conversation is no longer kept.</p>
  );

const ContactNote: FC<{ e: Escalation }> = ({ e }) => {
  if (e.repliedAt) return <p class="note">The answer was mailed to the visitor on {when(e.repliedAt)}; their address was deleted then.</p>;
  if (!e.contact) return null;
  const c = e.contact;
  return (
    <div class="note">
      <strong>
        {c.name ? `${c.name} ` : ''}&lt;{c.email}&gt;
      </strong>{' '}
      left an address{e.forwardedAt ? ` on ${when(e.forwardedAt)}` : ''}.{c.message ? <blockquote>{c.message}</blockquote> : null}
      <p class="small">
        {e.status !== 'resolved'
          ? 'When you answer, the reply is mailed to this address and the address is deleted once it is delivered.'
          : e.staffAnswerId
            ? 'The reply is mailed to this address; the address is deleted once it is delivered.'
            : 'Dismissed: no reply is mailed. The address is deleted with the question after the retention period.'}
      </p>
    </div>
  );
};

export interface ItemProps {
  e: Escalation;
  similar: Escalation[];
  turns: TranscriptTurn[];
  candidates: Candidate[];
  answer?: StaffAnswer | undefined;
  next?: Escalation | undefined;
}

export const Item: FC<ItemProps> = ({ e, similar, turns, candidates, answer, next }) => {
  const action = `/admin/escalations/${encodeURIComponent(e.id)}/resolve`;
  const others = similar.filter((s) => s.id !== e.id);
  return (
    <>
      <p class="small">
        <a href={adminHref({ tab: e.status })}>← {e.status === 'open' ? 'Open questions' : e.status === 'forwarded' ? 'Forwarded' : 'Resolved'}</a>
        {next ? (
          <>
            {' '}
            · <a href={itemHref(next.id)}>Next open question →</a>
          </>
        ) : null}
      </p>
      <h1>{e.question}</h1>
      <p class="muted small">
        <span class={`badge ${e.status}`}>{e.status}</span> · asked <time datetime={iso(e.createdAt)}>{when(e.createdAt)}</time>
        {others.length ? ` · ${others.length + 1} wordings of this question are open` : ''}
        {e.resolvedAt ? ` · resolved ${when(e.resolvedAt)}` : ''}
      </p>
      <ContactNote e={e} />
      <div class="cols">
        <div>
          {e.status === 'resolved' ? (
            <section aria-labelledby="given">
              <h2 id="given">{answer ? 'Answered with' : 'Dismissed'}</h2>
              {answer ? (
                <div class="card">
                  <blockquote>{answer.answer}</blockquote>
                  <p class="small muted">
                    {answer.kind === 'quote' ? 'A sentence of the pages' : 'Written by staff'} ·{' '}
                    <a href={`${adminHref({ tab: 'answers' })}#a-${answer.id}`}>see it under Answers</a>
                  </p>
                </div>
              ) : (
                <p class="muted">No answer was given; the bot keeps escalating this question.</p>
              )}
            </section>
          ) : (
            <>
              <section aria-labelledby="quotes">
                <h2 id="quotes">Answer with a sentence of the pages</h2>
                <p class="muted small">
                  The closest sentences; the bot will quote the one you choose, with its link{others.length ? ', for every wording above' : ''}.
                </p>
                <Candidates items={candidates} action={action} button="Resolve with this quote" />
              </section>
              <section aria-labelledby="write">
                <h2 id="write">Or write an answer</h2>
                <form method="post" action={action}>
                  <AnswerFields hint="the bot uses it for this and similar questions" />
                  <p>
                    <button type="submit" class="primary">
                      Answer and resolve
                    </button>
                  </p>
                </form>
              </section>
              <section aria-labelledby="dismiss">
                <h2 id="dismiss">Nothing to answer?</h2>
                <form method="post" action={action}>
                  <input type="hidden" name="dismiss" value="1" />
                  <button type="submit" class="danger">
                    Dismiss
                  </button>{' '}
                  <span class="muted small">Closes it without an answer.</span>
                </form>
              </section>
            </>
          )}
        </div>
        <div>
          {others.length ? (
            <section aria-labelledby="wordings">
              <h2 id="wordings">Also asked as ({others.length})</h2>
              <ul class="small">
                {others.slice(0, 30).map((s) => (
                  <li>
                    {clip(s.question, 200)} <span class="muted">· {when(s.createdAt)}</span>
                  </li>
                ))}
              </ul>
              {others.length > 30 ? <p class="muted small">and {others.length - 30} more</p> : null}
            </section>
          ) : null}
          <section aria-labelledby="conv">
            <h2 id="conv">Conversation</h2>
            <Transcript turns={turns} />
          </section>
        </div>
      </div>
    </>
  );
};
