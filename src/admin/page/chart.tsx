/** @jsxImportSource hono/jsx */
// What the bot did with the questions of each day, as an inline SVG chart
// drawn on the server: one bar per day, stacked to 100 % from the bottom —
// answered directly, offered choices, escalated — (a grey stub on days
// without questions), each day's group with a <title> giving its figures.
// A legend names the three colours, and the same figures are there as text
// for screen readers: a summary in the SVG's <desc> and, one click away, a
// table of every day.
import type { FC } from 'hono/jsx';
import type { DayCounts } from '../../store/types.js';
import { pct } from './format.js';

export type Day = DayCounts;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every day of the `days` up to `now` (UTC), those without questions too, as the store's window `now - days` gives them. */
export function everyDay(rows: DayCounts[], days: number, now = Date.now()): Day[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(now - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10);
    return byDay.get(day) ?? { day, asked: 0, answered: 0, choices: 0, escalated: 0 };
  });
}

/** The three series, bottom to top, with their names in the titles and summary, the legend and the table. */
export const SERIES = [
  { key: 'answered', name: 'answered', legend: 'Answered directly' },
  { key: 'choices', name: 'with choices', legend: 'Offered choices' },
  { key: 'escalated', name: 'escalated', legend: 'Escalated' },
] as const;

const questions = (n: number) => `${n} question${n === 1 ? '' : 's'}`;

/** "7 answered (58 %), 3 with choices (25 %), 2 escalated (17 %)". */
export const split = (d: Pick<Day, 'asked' | 'answered' | 'choices' | 'escalated'>) =>
  SERIES.map((s) => `${d[s.key]} ${s.name} (${pct(d.asked ? d[s.key] / d.asked : 0)})`).join(', ');

const W = 640;
const H = 180;
const LEFT = 48;
const TOP = 10;
const PLOT = 140; // plot height: 100 % is TOP, 0 % is TOP + PLOT
const BOTTOM = TOP + PLOT;

export const AnsweredChart: FC<{ days: Day[] }> = ({ days }) => {
  const step = (W - LEFT) / Math.max(1, days.length);
  const bar = +Math.max(2, step * 0.7).toFixed(1);
  const total = days.reduce(
    (t, d) => ({ asked: t.asked + d.asked, answered: t.answered + d.answered, choices: t.choices + d.choices, escalated: t.escalated + d.escalated }),
    {
      asked: 0,
      answered: 0,
      choices: 0,
      escalated: 0,
    },
  );
  const y = (share: number) => TOP + PLOT * (1 - share);
  return (
    <>
      <figure>
        <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">
          <title id="chart-title">What the bot did with the questions of each day, last {days.length} days</title>
          <desc id="chart-desc">
            {questions(total.asked)}: {split(total)}. Each day's bar is split into answered directly (bottom), offered choices and escalated (top).
          </desc>
          {[0, 0.5, 1].map((s) => (
            <>
              <line class="grid" x1={LEFT} x2={W} y1={y(s)} y2={y(s)} />
              <text x={LEFT - 6} y={y(s) + 4} text-anchor="end">
                {pct(s)}
              </text>
            </>
          ))}
          {days.map((d, i) => {
            const x = +(LEFT + i * step + (step - bar) / 2).toFixed(1);
            let base = BOTTOM;
            return (
              <g class="day" data-day={d.day}>
                <title>
                  {d.day}: {d.asked ? `${questions(d.asked)} — ${split(d)}` : 'no questions'}
                </title>
                {d.asked ? (
                  SERIES.map((s) => {
                    const n = d[s.key];
                    if (!n) return null;
                    const top = +(base - (PLOT * n) / d.asked).toFixed(1);
                    const height = +(base - top).toFixed(1);
                    base = top;
                    return <rect class={`bar ${s.key}`} x={x} y={top} width={bar} height={height} data-n={n} />;
                  })
                ) : (
                  <rect class="bar none" x={x} y={BOTTOM - 2} width={bar} height={2} />
                )}
              </g>
            );
          })}
          <text x={LEFT} y={H - 8}>
            {days[0]?.day.slice(5)}
          </text>
          <text x={W} y={H - 8} text-anchor="end">
            {days.at(-1)?.day.slice(5)}
          </text>
        </svg>
        <figcaption class="muted small">
          <ul class="legend" aria-label="Legend">
            {SERIES.map((s) => (
              <li>
                <span class={`swatch ${s.key}`} aria-hidden="true"></span>
                {s.legend}
              </li>
            ))}
            <li>
              <span class="swatch none" aria-hidden="true"></span>
              No questions that day
            </li>
          </ul>
          Share of each day's questions (UTC), bottom to top. A visitor's pick among choices is not a new question.
        </figcaption>
      </figure>
      <details class="chart-table">
        <summary>The figures per day, as a table</summary>
        <table>
          <caption class="sr">Questions per day, by what the bot did</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" class="num">
                Questions
              </th>
              {SERIES.map((s) => (
                <th scope="col" class="num">
                  {s.legend}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr>
                <th scope="row">{d.day}</th>
                <td class="num">{d.asked}</td>
                {SERIES.map((s) => (
                  <td class="num">{d[s.key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
};
