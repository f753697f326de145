import { useMemo, useState } from 'react';
import uPlot from 'uplot';
import type { VolumeBucket } from '../../../../shared/contract/dashboard-trends';
import type { Severity } from '../../../../shared/contract/domain';
import { useNow } from '../../../format/use-now';
import { useQuery } from '../../../rpc/use-query';
import {
  countSteps,
  fillPattern,
  severityPatterns,
  useChartTheme,
  type ChartTheme,
} from '../charts/chart-theme';
import { PatternSwatch } from '../charts/Legend';
import type { ChartPick } from '../charts/UPlotChart';
import { openAlerts } from '../drill-down';
import { dayBoundaries, dayLabel, hourBoundaries, hourLabel, longDayLabel, timeLabel } from './buckets';
import { TrendChart, TrendTable } from './TrendFigure';

/** Bottom of the stack first: the most severe sits on the axis, where it is easiest to read. */
const stack: readonly Severity[] = ['CRITICAL', 'MAJOR', 'MODERATE', 'MINOR', 'NONE'];
const ranges = {
  '24h': { label: '24 hours', count: 24 },
  '30d': { label: '30 days', count: 30 },
} as const;
type Range = keyof typeof ranges;

const sum = (counts: VolumeBucket['triggered']): number =>
  Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);

/** Cumulative heights per stack level: level k holds the severities stack[0..k]. */
function cumulative(buckets: readonly VolumeBucket[], key: 'triggered' | 'reset'): number[][] {
  return stack.map((_, k) =>
    buckets.map((b) => stack.slice(0, k + 1).reduce((total, sev) => total + (b[key][sev] ?? 0), 0)),
  );
}

function breakdown(counts: VolumeBucket['triggered']): string {
  const parts = stack.filter((s) => counts[s]).map((s) => `${counts[s]} ${s.toLowerCase()}`);
  return parts.length ? parts.join(', ') : 'none';
}

function options(
  theme: ChartTheme,
  buckets: readonly VolumeBucket[],
  label: (b: VolumeBucket) => string,
  historyFrom: number | null,
  size: { width: number; height: number },
): uPlot.Options {
  const bars = uPlot.paths.bars!({ size: [0.72, 40], align: 0 });
  const axis = { stroke: theme.muted, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid } };
  // Drawn tallest first so each lower level paints over it: series order is the stack reversed.
  const levels = [...stack.keys()].reverse();
  const series = (key: 'triggered' | 'reset'): uPlot.Series[] =>
    levels.map((k) => ({
      label: `${stack[k]!.toLowerCase()} ${key}`,
      fill: fillPattern(severityPatterns[stack[k]!], theme.severity[stack[k]!], theme.panel),
      stroke: theme.severity[stack[k]!],
      width: 1,
      paths: bars,
      points: { show: false },
    }));
  return {
    ...size,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { show: false } },
    scales: {
      x: { time: false, range: [-0.5, Math.max(1, buckets.length) - 0.5] },
      y: { range: (_u, min, max) => [Math.min(0, min) * 1.1, Math.max(1, max) * 1.1] },
    },
    axes: [
      {
        ...axis,
        grid: { show: false },
        values: (_u, splits) => splits.map((i) => (buckets[i] ? label(buckets[i]) : '')),
      },
      // Resets are drawn below the axis; their counts read as positive numbers.
      {
        ...axis,
        incrs: countSteps,
        values: (_u, splits) => splits.map((v) => String(Math.abs(v))),
        size: 44,
      },
    ],
    series: [{}, ...series('triggered'), ...series('reset')],
    hooks: {
      draw: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          const zero = u.valToPos(0, 'y', true);
          ctx.strokeStyle = theme.text;
          ctx.lineWidth = devicePixelRatio;
          ctx.beginPath();
          ctx.moveTo(u.bbox.left, zero);
          ctx.lineTo(u.bbox.left + u.bbox.width, zero);
          ctx.stroke();
          ctx.fillStyle = theme.muted;
          ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
          ctx.textAlign = 'right';
          const right = u.bbox.left + u.bbox.width - 2 * devicePixelRatio;
          ctx.fillText('▲ triggered', right, u.bbox.top + 10 * devicePixelRatio);
          ctx.fillText('▼ reset', right, u.bbox.top + u.bbox.height - 3 * devicePixelRatio);
          ctx.textAlign = 'left';
          // Buckets before the history starts are marked as unknown, not shown as quiet.
          const unknown =
            historyFrom === null ? buckets.length : buckets.findIndex((b) => b.to > historyFrom);
          if (unknown > 0) {
            const right = u.valToPos(unknown - 0.5, 'x', true);
            ctx.fillStyle = theme.grid;
            ctx.globalAlpha = 0.5;
            ctx.fillRect(u.bbox.left, u.bbox.top, right - u.bbox.left, u.bbox.height);
            ctx.globalAlpha = 1;
            ctx.fillStyle = theme.muted;
            ctx.fillText(
              'not recorded',
              u.bbox.left + 4 * devicePixelRatio,
              u.bbox.top + 28 * devicePixelRatio,
            );
          }
          ctx.restore();
        },
      ],
    },
  };
}

/** Which severity a point on a stacked bar falls in, or null above the stack (the whole bar). */
function severityAt(levels: number[][], idx: number, value: number): Severity | null {
  const k = levels.findIndex((level) => value <= (level[idx] ?? 0));
  return k === -1 ? null : stack[k]!;
}

/**
 * Alert volume, triggered above the axis and reset below, stacked by severity (patterns tell the
 * severities apart without colour), over the last 24 hours or 30 days. A bar segment, or a count in
 * the table, opens the alerts it counts.
 */
export function AlertVolumeChart() {
  const [range, setRange] = useState<Range>('24h');
  const [hover, setHover] = useState<number | null>(null);
  const theme = useChartTheme();
  const now = useNow(60_000);
  // New buckets when the hour turns, not every minute.
  const hour = now - (now % 3_600_000);
  const boundaries = useMemo(
    () => (range === '24h' ? hourBoundaries(hour, 24) : dayBoundaries(hour, 30)),
    [range, hour],
  );
  const query = useQuery('dashboard.alertVolume', { boundaries }, { refreshOn: ['activities'] });
  const buckets = useMemo(() => query.data?.buckets ?? [], [query.data]);
  const historyFrom = query.data?.historyFrom ?? null;
  const label = (b: VolumeBucket): string => (range === '24h' ? hourLabel(b.from) : dayLabel(b.from));
  const longLabel = (b: VolumeBucket): string =>
    range === '24h' ? `${timeLabel(b.from)}–${timeLabel(b.to)}` : longDayLabel(b.from);
  const triggered = useMemo(() => cumulative(buckets, 'triggered'), [buckets]);
  const reset = useMemo(() => cumulative(buckets, 'reset'), [buckets]);
  const data = useMemo<uPlot.AlignedData>(
    () => [
      buckets.map((_, i) => i),
      ...[...triggered].reverse(),
      ...[...reset].reverse().map((level) => level.map((v) => -v)),
    ],
    [buckets, triggered, reset],
  );

  const open = (b: VolumeBucket, kind: 'triggered' | 'reset', severity: Severity | null): void => {
    const severities = severity ? [severity] : undefined;
    openAlerts(
      kind === 'triggered'
        ? { states: ['open', 'reset'], severities, createdAfter: b.from, createdBefore: b.to }
        : { states: ['reset'], severities, resetAfter: b.from, resetBefore: b.to },
    );
  };
  const pick = ({ idx, y }: ChartPick): void => {
    const b = buckets[idx];
    if (!b) return;
    if (y >= 0) open(b, 'triggered', severityAt(triggered, idx, y));
    else open(b, 'reset', severityAt(reset, idx, -y));
  };
  const shown = hover === null ? null : (buckets[hover] ?? null);
  const totals = buckets.reduce(
    (t, b) => ({ triggered: t.triggered + sum(b.triggered), reset: t.reset + sum(b.reset) }),
    {
      triggered: 0,
      reset: 0,
    },
  );

  return (
    <section className="card trend" aria-labelledby="trend-volume">
      <header className="trend-header">
        <h2 id="trend-volume">Alert volume</h2>
        <div className="segmented" role="group" aria-label="Alert volume period">
          {(Object.keys(ranges) as Range[]).map((r) => (
            <button key={r} type="button" aria-pressed={range === r} onClick={() => setRange(r)}>
              {ranges[r].label}
            </button>
          ))}
        </div>
      </header>
      <p className="trend-readout" aria-live="off">
        {shown
          ? `${longLabel(shown)} · triggered: ${breakdown(shown.triggered)} · reset: ${breakdown(shown.reset)}`
          : `Last ${ranges[range].label}: ${totals.triggered.toLocaleString()} triggered, ${totals.reset.toLocaleString()} reset`}
      </p>
      <ul className="legend" aria-label="Severities">
        {stack.map((s) => (
          <li key={s}>
            <PatternSwatch kind={severityPatterns[s]} colour={theme.severity[s]} panel={theme.panel} />
            {s.toLowerCase()}
          </li>
        ))}
      </ul>
      <TrendChart
        error={query.error}
        ready={query.data !== null}
        label="Alert volume"
        optionsKey={`${theme.scheme}:${range}:${buckets.length}:${historyFrom ?? ''}:${buckets[0]?.from ?? ''}`}
        options={(size) => options(theme, buckets, label, historyFrom, size)}
        data={data}
        onPick={pick}
        onHover={setHover}
      />
      <TrendTable summary="Alert volume as a table">
        {() => (
          <>
            <thead>
              <tr>
                <th scope="col">{range === '24h' ? 'Hour' : 'Day'}</th>
                {stack.map((s) => (
                  <th key={s} scope="col">
                    {s.toLowerCase()}
                  </th>
                ))}
                <th scope="col">reset</th>
              </tr>
            </thead>
            <tbody>
              {buckets.map((b) => (
                <tr key={b.from}>
                  <th scope="row">{longLabel(b)}</th>
                  {stack.map((s) => (
                    <td key={s}>
                      {b.triggered[s] ? (
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`${b.triggered[s]} ${s.toLowerCase()} triggered, ${longLabel(b)}`}
                          onClick={() => open(b, 'triggered', s)}
                        >
                          {b.triggered[s]}
                        </button>
                      ) : (
                        '0'
                      )}
                    </td>
                  ))}
                  <td>
                    {sum(b.reset) ? (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`${sum(b.reset)} reset, ${longLabel(b)}`}
                        onClick={() => open(b, 'reset', null)}
                      >
                        {sum(b.reset)}
                      </button>
                    ) : (
                      '0'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </TrendTable>
    </section>
  );
}
