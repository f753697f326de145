import { useMemo, useState } from 'react';
import type uPlot from 'uplot';
import type { CompliancePoint } from '../../../../shared/contract/dashboard-trends';
import { dayStart, localDay } from '../../../../shared/calendar-day';
import { useNow } from '../../../format/use-now';
import { useQuery } from '../../../rpc/use-query';
import { lineDashes, useChartTheme, type ChartTheme } from '../charts/chart-theme';
import { DashSwatch } from '../charts/Legend';
import type { ChartPick } from '../charts/UPlotChart';
import { openAssets } from '../drill-down';
import { dayBoundaries, dayLabel, longDayLabel } from './buckets';
import { TrendChart, TrendTable } from './TrendFigure';

const DAYS = 30;

interface Line {
  key: string;
  label: string;
  organizationId: number | null;
  /** Null for the whole fleet. */
  fleet: boolean;
  points: Map<string, CompliancePoint>;
}

/** Up to date among the devices whose patches are known (a device never scanned is not counted). */
export function compliance(p: CompliancePoint | undefined): number | null {
  if (!p) return null;
  const known = p.devices - p.unknown;
  return known > 0 ? Math.round((p.upToDate / known) * 1000) / 10 : null;
}

function options(
  theme: ChartTheme,
  lines: readonly Line[],
  days: readonly string[],
  size: { width: number; height: number },
): uPlot.Options {
  const axis = { stroke: theme.muted, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid } };
  return {
    ...size,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, focus: { prox: 24 } },
    focus: { alpha: 0.35 },
    scales: { x: { time: false, range: [-0.5, days.length - 0.5] }, y: { range: [0, 100] } },
    axes: [
      {
        ...axis,
        grid: { show: false },
        values: (_u, splits) => splits.map((i) => (days[i] ? dayLabel(dayStart(days[i])) : '')),
      },
      { ...axis, size: 52, values: (_u, splits) => splits.map((v) => `${v}%`) },
    ],
    series: [
      {},
      ...lines.map((line, i) => ({
        label: line.label,
        stroke: line.fleet ? theme.text : theme.accent,
        width: line.fleet ? 2.5 : 1.5,
        dash: lineDashes[i % lineDashes.length],
        spanGaps: false,
        points: { show: true, size: 5, fill: theme.panel },
      })),
    ],
    hooks: {
      // Each line is named at its last point (names pushed apart where lines end close together):
      // readable without telling colours or dashes apart.
      draw: [
        (u) => {
          const ctx = u.ctx;
          const px = devicePixelRatio;
          const ends = lines.flatMap((line, i) => {
            const values = u.data[i + 1]!;
            let last = values.length - 1;
            while (last >= 0 && values[last] === null) last--;
            if (last < 0) return [];
            return [
              { label: line.label, x: u.valToPos(last, 'x', true), y: u.valToPos(values[last]!, 'y', true) },
            ];
          });
          ends.sort((a, b) => a.y - b.y);
          const gap = 12 * px;
          for (let i = 1; i < ends.length; i++) ends[i]!.y = Math.max(ends[i]!.y, ends[i - 1]!.y + gap);
          const bottom = u.bbox.top + u.bbox.height - gap / 2;
          for (let i = ends.length - 1; i >= 0; i--) {
            const limit = i === ends.length - 1 ? bottom : ends[i + 1]!.y - gap;
            ends[i]!.y = Math.min(ends[i]!.y, limit);
          }
          ctx.save();
          ctx.font = `${11 * px}px system-ui, sans-serif`;
          ctx.fillStyle = theme.text;
          ctx.textAlign = 'right';
          ctx.textBaseline = 'middle';
          for (const end of ends) ctx.fillText(end.label, end.x - 8 * px, end.y);
          ctx.restore();
        },
      ],
    },
  };
}

/**
 * Patch compliance per day for the fleet and the organizations with most devices needing patches,
 * from the daily snapshots the console keeps. A point opens that organization's devices that need
 * patches now.
 */
export function PatchComplianceChart() {
  const theme = useChartTheme();
  const now = useNow(60_000);
  const query = useQuery(
    'dashboard.patchHistory',
    { days: DAYS, organizations: 4 },
    { refreshOn: ['patch_compliance_daily'] },
  );
  const [hover, setHover] = useState<number | null>(null);
  // The days move at midnight, not every minute.
  const today = localDay(now);
  const days = useMemo(() => dayBoundaries(dayStart(today), DAYS).slice(0, -1).map(localDay), [today]);
  const lines = useMemo<Line[]>(() => {
    const h = query.data;
    if (!h) return [];
    const map = (points: CompliancePoint[]): Map<string, CompliancePoint> =>
      new Map(points.map((p) => [p.day, p]));
    return [
      { key: 'fleet', label: 'All organizations', organizationId: null, fleet: true, points: map(h.fleet) },
      ...h.organizations.map((o) => ({
        key: String(o.organizationId ?? 'none'),
        label: o.organizationName,
        organizationId: o.organizationId,
        fleet: false,
        points: map(o.points),
      })),
    ];
  }, [query.data]);
  const data = useMemo<uPlot.AlignedData>(
    () => [days.map((_, i) => i), ...lines.map((line) => days.map((d) => compliance(line.points.get(d))))],
    [days, lines],
  );
  const open = (line: Line): void =>
    openAssets(
      line.fleet || line.organizationId === null
        ? { patchStates: ['failed', 'pending'] }
        : { organizationIds: [line.organizationId], patchStates: ['failed', 'pending'] },
    );
  const pick = ({ idx, series }: ChartPick): void => {
    const line = lines[(series ?? 1) - 1];
    if (line && compliance(line.points.get(days[idx] ?? '')) !== null) open(line);
  };
  const day = hover === null ? days.at(-1) : days[hover];
  const fleetNow = lines[0]?.points.get(day ?? '');

  return (
    <section className="card trend" aria-labelledby="trend-patches">
      <header className="trend-header">
        <h2 id="trend-patches">Patch compliance, last 30 days</h2>
      </header>
      <p className="trend-readout">
        {fleetNow && day
          ? `${longDayLabel(dayStart(day))}: ${compliance(fleetNow) ?? '—'}% up to date (${fleetNow.upToDate.toLocaleString()} of ${(fleetNow.devices - fleetNow.unknown).toLocaleString()} scanned devices), ${fleetNow.failed.toLocaleString()} failed`
          : 'No snapshot yet: one is taken each day after a sync.'}
        {query.data && query.data.fleet.length === 1
          ? ' · The first snapshot: the lines grow by one point a day.'
          : null}
      </p>
      <ul className="legend" aria-label="Lines">
        {lines.map((line, i) => (
          <li key={line.key}>
            <DashSwatch
              dash={lineDashes[i % lineDashes.length]!}
              colour={line.fleet ? theme.text : theme.accent}
              width={line.fleet ? 2.5 : 1.5}
            />
            <button type="button" className="link-button" onClick={() => open(line)}>
              {line.label}
            </button>
          </li>
        ))}
      </ul>
      <TrendChart
        error={query.error}
        ready={query.data !== null}
        label="Patch compliance"
        optionsKey={`${theme.scheme}:${lines.map((l) => l.key).join(',')}:${days[0] ?? ''}`}
        options={(size) => options(theme, lines, days, size)}
        data={data}
        onPick={pick}
        onHover={setHover}
      />
      <TrendTable summary="Patch compliance as a table">
        {() => (
          <>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {lines.map((line) => (
                  <th key={line.key} scope="col">
                    {line.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days
                .filter((d) => lines.some((line) => line.points.has(d)))
                .map((d) => (
                  <tr key={d}>
                    <th scope="row">{longDayLabel(dayStart(d))}</th>
                    {lines.map((line) => {
                      const value = compliance(line.points.get(d));
                      return (
                        <td key={line.key}>
                          {value === null ? (
                            '—'
                          ) : (
                            <button
                              type="button"
                              className="link-button"
                              aria-label={`${line.label}, ${longDayLabel(dayStart(d))}: ${value}% up to date`}
                              onClick={() => open(line)}
                            >
                              {value}%
                            </button>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
            </tbody>
          </>
        )}
      </TrendTable>
    </section>
  );
}
