import { useId } from 'react';

export interface Bar {
  /** What the bar is for: a day (YYYY-MM-DD) or a name. */
  key: string;
  count: number;
}

const DAY_LABEL = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Today's date in the UK as YYYY-MM-DD (the Canadian format is ISO's). */
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** "2026-12-02" as "2 Dec". */
export function dayLabel(key: string): string {
  const date = new Date(`${key}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? key : DAY_LABEL.format(date);
}

/** The `days` days up to `last` (default today in the UK), each with its count or 0: quiet days show too. */
export function everyDay(counts: Bar[], days: number, last?: Date): Bar[] {
  const byDay = new Map(counts.map((c) => [c.key, c.count]));
  // The last day as the API counts days: in the UK.
  const end = last ?? new Date(`${LONDON_DAY.format(new Date())}T00:00:00Z`);
  const out: Bar[] = [];
  for (let i = days - 1; i >= 0; i -= 1) {
    const day = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate() - i));
    const key = day.toISOString().slice(0, 10);
    out.push({ key, count: byDay.get(key) ?? 0 });
  }
  return out;
}

/** The days from the first counted one to the last, quiet days included (at most `max`, the latest). */
export function daySpan(counts: Bar[], max = 60): Bar[] {
  if (counts.length === 0) {
    return [];
  }
  const first = new Date(`${counts[0].key}T00:00:00Z`);
  const last = new Date(`${counts[counts.length - 1].key}T00:00:00Z`);
  const days = Math.min(max, Math.round((last.getTime() - first.getTime()) / 86_400_000) + 1);
  return everyDay(counts, days, last);
}

/**
 * A small bar chart of our own, with the same figures in a table beside it. One series, one colour,
 * so nothing is told by colour; the SVG is an image with a summary for screen readers, and the table
 * carries every figure. (Chart libraries that fit in a few kB draw the bars but leave the table and the
 * text alternative to us, which is most of the work; this is about 2 kB.)
 */
export function BarChart({
  title,
  bars,
  keyHeading,
  countHeading,
  label = (key) => key,
  horizontal = false,
}: {
  title: string;
  bars: Bar[];
  keyHeading: string;
  countHeading: string;
  label?: (key: string) => string;
  /** Bars across (for names, which need room); the default is columns (for days). */
  horizontal?: boolean;
}) {
  const id = useId();
  const total = bars.reduce((sum, b) => sum + b.count, 0);
  const max = Math.max(1, ...bars.map((b) => b.count));
  const top = bars.reduce<Bar | null>((best, b) => (best === null || b.count > best.count ? b : best), null);
  const summary =
    bars.length === 0 || total === 0
      ? `${title}: none yet.`
      : `${title}: ${total.toLocaleString('en-GB')} in all over ${bars.length} ${horizontal ? 'rows' : 'days'}; most ${top!.count.toLocaleString('en-GB')}, ${label(top!.key)}.`;

  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="chart__title">
        {title}
      </figcaption>
      <div className="chart__body">
        {bars.length === 0 || total === 0 ? (
          <p>None yet.</p>
        ) : horizontal ? (
          <Across bars={bars} max={max} label={label} summary={summary} />
        ) : (
          <Columns bars={bars} max={max} label={label} summary={summary} />
        )}
        {bars.length > 0 && total > 0 ? (
          <details className="chart__data">
            <summary>
              {keyHeading} and {countHeading.toLowerCase()} as a table
            </summary>
            <table className="chart__table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{keyHeading}</th>
                  <th scope="col" className="num">
                    {countHeading}
                  </th>
                </tr>
              </thead>
              <tbody>
                {bars.map((b) => (
                  <tr key={b.key}>
                    <th scope="row">{label(b.key)}</th>
                    <td className="num">{b.count.toLocaleString('en-GB')}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td className="num">{total.toLocaleString('en-GB')}</td>
                </tr>
              </tfoot>
            </table>
          </details>
        ) : null}
      </div>
    </figure>
  );
}

function Columns({
  bars,
  max,
  label,
  summary,
}: {
  bars: Bar[];
  max: number;
  label: (key: string) => string;
  summary: string;
}) {
  const width = 600;
  const height = 180;
  const base = height - 28;
  const step = width / bars.length;
  const bar = Math.max(2, step * 0.7);
  // Label a few days under the axis: the first, the last and some between.
  const every = Math.max(1, Math.ceil(bars.length / 6));
  const last = bars.length - 1;
  // The first and last days, and every few between that are not crowding the last.
  const showTick = (i: number) => i === last || (i % every === 0 && last - i > every / 2);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="chart__svg" role="img" aria-label={summary}>
      <line x1="0" x2={width} y1={base} y2={base} className="chart__axis" />
      <text x="2" y="16" className="chart__max">
        {max.toLocaleString('en-GB')}
      </text>
      {bars.map((b, i) => {
        const h = Math.round((b.count / max) * (base - 22));
        return (
          <g key={b.key}>
            <rect x={i * step + (step - bar) / 2} y={base - h} width={bar} height={h} className="chart__bar">
              <title>
                {label(b.key)}: {b.count.toLocaleString('en-GB')}
              </title>
            </rect>
            {showTick(i) ? (
              <text
                x={i === 0 ? 0 : i === last ? width : i * step + step / 2}
                y={height - 6}
                textAnchor={i === 0 ? 'start' : i === last ? 'end' : 'middle'}
                className="chart__tick"
              >
                {label(b.key)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

function Across({
  bars,
  max,
  label,
  summary,
}: {
  bars: Bar[];
  max: number;
  label: (key: string) => string;
  summary: string;
}) {
  const shown = bars.slice(0, 12);
  const row = 30;
  const width = 600;
  const labelWidth = 240;
  const height = shown.length * row + 4;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="chart__svg" role="img" aria-label={summary}>
      {shown.map((b, i) => {
        const w = Math.max(1, Math.round((b.count / max) * (width - labelWidth - 60)));
        const y = i * row + 2;
        const name = label(b.key);
        return (
          <g key={b.key}>
            <text x={labelWidth - 6} y={y + 21} textAnchor="end" className="chart__tick">
              {name.length > 24 ? `${name.slice(0, 23)}…` : name}
            </text>
            <rect x={labelWidth} y={y + 5} width={w} height={row - 10} className="chart__bar">
              <title>
                {name}: {b.count.toLocaleString('en-GB')}
              </title>
            </rect>
            <text x={labelWidth + w + 6} y={y + 21} className="chart__tick">
              {b.count.toLocaleString('en-GB')}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
