/** @jsxImportSource hono/jsx */
// The Figures tab: questions over 7 and 30 days split three ways — answered
// directly, offered choices, escalated — and what visitors did with the
// choices (picked one, none: asked the team, no pick); the chart of that
// split per day, the most asked unanswered questions, the latest thumbs
// down with the visitors' comments, and the outbox.
import type { FC } from 'hono/jsx';
import type { Feedback, Stats } from '../../store/types.js';
import { adminHref, clip, pct, when } from './format.js';
import { AnsweredChart, type Day } from './chart.js';

export interface OutboxRow {
  createdAt?: string | undefined;
  subject: string;
  status: 'pending' | 'sent';
  attempts: number;
  lastError?: string | undefined;
}

const share = (n: number, of: number) => pct(of ? n / of : 0);

const Kpi: FC<{ label: string; s: Stats }> = ({ label, s }) => (
  <div class="card kpi">
    <div class="muted small">{label}</div>
    <div class="big">{pct(s.answeredRate)} answered</div>
    <div class="small">{`${s.asked} questions, ${s.answered} answered (${pct(s.answeredRate)}), ${s.choices} with choices (${share(s.choices, s.asked)}), ${s.escalated} escalated (${share(s.escalated, s.asked)}).`}</div>
    {s.choices ? (
      <div class="small muted">
        Of the choices: {s.picks.picked} picked, {s.picks.declined} declined (asked the team), {s.picks.unpicked} no pick.
      </div>
    ) : null}
  </div>
);

/** What visitors did with the choices offered, over both windows. */
const Picks: FC<{ last7: Stats; last30: Stats }> = ({ last7, last30 }) => {
  const rows: [string, (s: Stats) => number][] = [
    ['Picked one of the quotes', (s) => s.picks.picked],
    ['None of them — asked the team', (s) => s.picks.declined],
    ['No pick (yet)', (s) => s.picks.unpicked],
  ];
  return (
    <table class="picks">
      <caption class="sr">What visitors did with the choices offered</caption>
      <thead>
        <tr>
          <th scope="col">Choices</th>
          <th scope="col" class="num">
            Last 7 days
          </th>
          <th scope="col" class="num">
            Last 30 days
          </th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Questions offered choices</th>
          <td class="num">{last7.choices}</td>
          <td class="num">{last30.choices}</td>
        </tr>
        {rows.map(([name, n]) => (
          <tr>
            <th scope="row">{name}</th>
            {[last7, last30].map((s) => (
              <td class="num">
                {n(s)} <span class="muted">({share(n(s), s.choices)})</span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
};

export const Figures: FC<{ last7: Stats; last30: Stats; days: Day[]; unhelpful: Feedback[]; outbox: OutboxRow[]; smtp: boolean }> = ({
  last7,
  last30,
  days,
  unhelpful,
  outbox,
  smtp,
}) => (
  <>
    <h1>Figures</h1>
    <div class="kpis">
      <Kpi label="Last 7 days" s={last7} />
      <Kpi label="Last 30 days" s={last30} />
    </div>
    <h2>Choices offered</h2>
    <p class="muted small">
      When the bot is unsure which sentence answers, it offers up to three quotes: the visitor picks one, or none of them and the question goes to the team.
    </p>
    <Picks last7={last7} last30={last30} />
    <h2>Questions per day</h2>
    <AnsweredChart days={days} />
    <h2>Most asked, not answered (30 days)</h2>
    <p class="muted small">
      Escalated at once, or after the visitor declined the choices; not yet resolved (asked again after you resolved it, it counts again).
    </p>
    {last30.topUnanswered.length ? (
      <ol>
        {last30.topUnanswered.map((t) => (
          <li>
            {clip(t.question, 160)} <span class="muted">× {t.count}</span>
          </li>
        ))}
      </ol>
    ) : (
      <p class="muted">None.</p>
    )}
    <h2>Latest thumbs down</h2>
    {unhelpful.length ? (
      <>
        <ul>
          {unhelpful.slice(0, 10).map((f) => (
            <li>
              <strong>{clip(f.question, 160)}</strong>
              <br />
              <span class="small">{clip(f.answer, 200)}</span>
              <br />
              <span class="muted small">
                {when(f.createdAt)}
                {f.comment ? ` — “${f.comment}”` : ''}
              </span>
            </li>
          ))}
        </ul>
        <p>
          <a href={adminHref({ tab: 'log', filter: 'unhelpful' })}>All thumbs down in the log →</a>
        </p>
      </>
    ) : (
      <p class="muted">None.</p>
    )}
    <h2>Outbox</h2>
    {smtp ? null : <p class="note">No mail server is configured (SMTP_URL): mails are kept here, not sent.</p>}
    <p>{outbox.filter((m) => m.status === 'pending').length} not sent yet.</p>
    {outbox.length ? (
      <table>
        <thead>
          <tr>
            <th>Created</th>
            <th>Subject</th>
            <th>Status</th>
            <th class="num">Attempts</th>
            <th>Last error</th>
          </tr>
        </thead>
        <tbody>
          {outbox.map((m) => (
            <tr>
              <td class="small">{m.createdAt?.slice(0, 16).replace('T', ' ')}</td>
              <td>{m.subject}</td>
              <td>{m.status === 'sent' ? 'sent' : 'not sent'}</td>
              <td class="num">{m.attempts}</td>
              <td class="small">{m.lastError ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : null}
  </>
);
