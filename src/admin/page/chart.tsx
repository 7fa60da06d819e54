/** @jsxImportSource hono/jsx */
// The answered share per day as an inline SVG bar chart, drawn on the
// server: one bar per day (a grey stub on days without questions), each
// with a <title> giving its figures, plus a text summary for screen readers.
import type { FC } from 'hono/jsx';
import { pct } from './format.js';

export interface Day {
  day: string;
  asked: number;
  answered: number;
}

const W = 640;
const H = 180;
const LEFT = 48;
const TOP = 10;
const PLOT = 140; // plot height: 100 % is TOP, 0 % is TOP + PLOT

export const AnsweredChart: FC<{ days: Day[] }> = ({ days }) => {
  const step = (W - LEFT) / Math.max(1, days.length);
  const bar = Math.max(2, step * 0.7);
  const asked = days.reduce((n, d) => n + d.asked, 0);
  const answered = days.reduce((n, d) => n + d.answered, 0);
  const y = (share: number) => TOP + PLOT * (1 - share);
  return (
    <figure>
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">
        <title id="chart-title">Answered share per day, last {days.length} days</title>
        <desc id="chart-desc">
          {asked} questions, {answered} answered ({pct(asked ? answered / asked : 0)}).
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
          const share = d.asked ? d.answered / d.asked : 0;
          // A day with questions and none answered still shows a stub (red), like a day without any (grey).
          const top = Math.min(+y(share).toFixed(1), TOP + PLOT - 2);
          return (
            <rect
              class={!d.asked ? 'bar none' : d.answered ? 'bar' : 'bar zero'}
              x={x}
              y={top}
              width={+bar.toFixed(1)}
              height={+(TOP + PLOT - top).toFixed(1)}
              rx={2}
              data-day={d.day}
            >
              <title>
                {d.day}: {d.asked ? `${d.answered} of ${d.asked} answered (${pct(share)})` : 'no questions'}
              </title>
            </rect>
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
        Share of questions answered from the pages or staff answers, per day (UTC). Grey: no questions that day; red: none answered.
      </figcaption>
    </figure>
  );
};
