/** @jsxImportSource hono/jsx */
// The Answers tab: what staff taught the bot — written answers and quotes of
// the pages — with the other wordings each answers; edit, add a wording,
// remove. A quote no longer on the pages is flagged.
import type { FC } from 'hono/jsx';
import type { StaffAnswer } from '../../store/types.js';
import { when } from './format.js';
import { Pager, Search } from './layout.js';

const Answer: FC<{ a: StaffAnswer; unplaced: boolean }> = ({ a, unplaced }) => (
  <li class="card" id={`a-${a.id}`}>
    <h2>{a.question}</h2>
    <p class="small muted">
      <span class="badge">{a.kind === 'quote' ? 'quote of the pages' : 'written answer'}</span> · updated {when(a.updatedAt)}
      {a.sourceUrl ? (
        <>
          {' '}
          ·{' '}
          <a href={a.sourceUrl} rel="noopener noreferrer">
            cited page
          </a>
        </>
      ) : null}
    </p>
    {unplaced ? <p class="flash problem small">This sentence is no longer on the pages: the bot cannot quote it. Edit or remove it.</p> : null}
    <blockquote>{a.answer}</blockquote>
    {a.questions.length ? (
      <>
        <p class="small muted">Also answers:</p>
        <ul class="small alts">
          {a.questions.map((q) => (
            <li>{q}</li>
          ))}
        </ul>
      </>
    ) : null}
    <details>
      <summary>Edit</summary>
      <form method="post" action={`/admin/answers/${a.id}`}>
        <label for={`q-${a.id}`}>Question</label>
        <input id={`q-${a.id}`} type="text" name="question" value={a.question} maxlength={500} required />
        <label for={`t-${a.id}`}>{a.kind === 'quote' ? 'Quote' : 'Answer'}</label>
        <textarea id={`t-${a.id}`} name="answer" rows={3} maxlength={4000} required>
          {a.answer}
        </textarea>
        <label for={`u-${a.id}`}>
          Page to cite <span class="muted">(optional)</span>
        </label>
        <input id={`u-${a.id}`} type="url" name="sourceUrl" value={a.sourceUrl ?? ''} />
        <p>
          <button type="submit" class="primary">
            Save
          </button>
        </p>
      </form>
    </details>
    <div class="row">
      <form method="post" action={`/admin/answers/${a.id}/questions`} class="row grow">
        <label class="sr" for={`w-${a.id}`}>
          Another wording it answers
        </label>
        <input id={`w-${a.id}`} type="text" name="question" placeholder="Another wording it answers" maxlength={500} required />
        <button type="submit">Add wording</button>
      </form>
      <form method="post" action={`/admin/answers/${a.id}/delete`}>
        <button type="submit" class="danger">
          Remove
        </button>
      </form>
    </div>
  </li>
);

export const Answers: FC<{ items: StaffAnswer[]; total: number; page: number; pages: number; q: string; unplaced: Set<number> }> = ({
  items,
  total,
  page,
  pages,
  q,
  unplaced,
}) => (
  <>
    <div class="head">
      <div>
        <h1>Staff answers</h1>
        <p class="muted small">
          What the bot learnt from you. <a href="/admin/answers.md">Download as markdown</a> (for knowledge/; or <code>npm run export-answers</code>).
        </p>
      </div>
      <Search tab="answers" q={q} label="Search answers" />
    </div>
    {items.length ? (
      <ul class="answers">
        {items.map((a) => (
          <Answer a={a} unplaced={unplaced.has(a.id)} />
        ))}
      </ul>
    ) : (
      <p class="empty">{q ? 'No answer matches that search.' : 'No staff answers yet: resolve an open question to add one.'}</p>
    )}
    <Pager tab="answers" page={page} pages={pages} q={q} summary={`${total} answer${total === 1 ? '' : 's'}`} />
  </>
);
