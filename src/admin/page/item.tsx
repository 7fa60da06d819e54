/** @jsxImportSource hono/jsx */
// One question (an escalation) with everything staff need to settle it:
// every wording grouped with it, in full — resolving teaches them all, so
// staff see what they teach, links and addresses (never taught) struck out —
// the visitor's address (the reply is mailed there and the address deleted
// once delivered), the sentences of the pages that come closest — each one
// click to resolve with — a written answer, dismissing, and the conversation.
import type { FC } from 'hono/jsx';
import type { Escalation, StaffAnswer, TranscriptTurn } from '../../store/types.js';
import { linkSpans, type Wording } from '../../service/taught.js';
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

/** A visitor's wording as text, whole; the links and addresses in it (never taught) struck out. */
export const WordingText: FC<{ text: string }> = ({ text }) => (
  <span class="wording">{linkSpans(text).map((s) => (s.link ? <del>{s.text}</del> : s.text))}</span>
);

/** Every distinct wording of the question, whole, in a list that scrolls when long: what resolving teaches. */
const Wordings: FC<{ wordings: Wording[]; more: number; resolved: boolean }> = ({ wordings, more, resolved }) => (
  <section aria-labelledby="wordings">
    <h2 id="wordings">{wordings.length === 1 ? 'What the visitor asked' : `What visitors asked, in ${wordings.length}${more ? '+' : ''} wordings`}</h2>
    <p class="muted small">
      {resolved
        ? 'In full, as asked. Links and addresses (struck out) are never taught.'
        : 'In full, as asked. Resolving teaches the bot every wording below as a question of your answer; links and addresses (struck out) are never taught.'}
    </p>
    <ol class="wordings" tabindex={0} aria-labelledby="wordings">
      {wordings.map((w) => (
        <li>
          <WordingText text={w.text} />{' '}
          <span class="muted small">
            <span class="times">× {w.count}</span> · <time datetime={iso(w.latest)}>{when(w.latest)}</time>
          </span>
        </li>
      ))}
    </ol>
    {more ? <p class="muted small">and {more} more wordings: resolved with it, not taught.</p> : null}
  </section>
);

export interface ItemProps {
  e: Escalation;
  /** The distinct wordings of its group (its own first), how many more there are, and how many times it was asked in all. */
  wordings: Wording[];
  more: number;
  asked: number;
  turns: TranscriptTurn[];
  candidates: Candidate[];
  answer?: StaffAnswer | undefined;
  next?: Escalation | undefined;
}

export const Item: FC<ItemProps> = ({ e, wordings, more, asked, turns, candidates, answer, next }) => {
  const action = `/admin/escalations/${encodeURIComponent(e.id)}/resolve`;
  const distinct = wordings.length + more;
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
      <h1 class="question">{clip(e.question, 120)}</h1>
      <p class="muted small">
        <span class={`badge ${e.status}`}>{e.status}</span> · asked <time datetime={iso(e.createdAt)}>{when(e.createdAt)}</time>
        {asked > 1 ? ` · asked ${asked} times${distinct > 1 ? ` in ${distinct} wordings` : ''}` : ''}
        {e.resolvedAt ? ` · resolved ${when(e.resolvedAt)}` : ''}
      </p>
      <ContactNote e={e} />
      <Wordings wordings={wordings} more={more} resolved={e.status === 'resolved'} />
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
                  <p class="small">The bot answers these wordings with it:</p>
                  <ul class="small alts">
                    {[answer.question, ...answer.questions].map((q) => (
                      <li>{q}</li>
                    ))}
                  </ul>
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
                  The closest sentences; the bot will quote the one you choose, with its link{wordings.length > 1 ? ', for every wording above' : ''}.
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
          <section aria-labelledby="conv">
            <h2 id="conv">Conversation</h2>
            <Transcript turns={turns} />
          </section>
        </div>
      </div>
    </>
  );
};
