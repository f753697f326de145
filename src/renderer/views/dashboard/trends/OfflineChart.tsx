import { useMemo, useState } from 'react';
import uPlot from 'uplot';
import { serverAssetTypes } from '../../../../shared/contract/dashboard-attention';
import type { StatusSample } from '../../../../shared/contract/dashboard-trends';
import { useNow } from '../../../format/use-now';
import { useQuery } from '../../../rpc/use-query';
import { countSteps, lineDashes, useChartTheme, type ChartTheme } from '../charts/chart-theme';
import { DashSwatch } from '../charts/Legend';
import type { ChartPick } from '../charts/UPlotChart';
import { openAssets } from '../drill-down';
import { hourLabel, timeLabel } from './buckets';
import { TrendChart, TrendTable } from './TrendFigure';

const WINDOW_MS = 24 * 3_600_000;
/** Samples further apart than this were not confirmed in between (console closed or offline): a gap. */
const GAP_MS = 2 * 3_600_000;
const lines = [
  { key: 'offline', label: 'all devices', dash: lineDashes[0]! },
  { key: 'offlineServers', label: 'servers', dash: lineDashes[1]! },
] as const;

function options(
  theme: ChartTheme,
  from: number,
  to: number,
  size: { width: number; height: number },
): uPlot.Options {
  const axis = { stroke: theme.muted, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid } };
  const stepped = uPlot.paths.stepped!({ align: 1 });
  const colours = [theme.bad, theme.warn];
  return {
    ...size,
    ms: 1,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, focus: { prox: 24 } },
    focus: { alpha: 0.4 },
    scales: {
      x: { time: true, range: [from, to] },
      y: { range: (_u, _min, max) => [0, Math.max(4, max * 1.15)] },
    },
    axes: [
      { ...axis, grid: { show: false }, values: (_u, splits) => splits.map((t) => hourLabel(t)) },
      { ...axis, incrs: countSteps, size: 44 },
    ],
    series: [
      {},
      ...lines.map((line, i) => ({
        label: `offline ${line.label}`,
        stroke: colours[i],
        width: 2,
        dash: line.dash,
        paths: stepped,
        points: { show: true, size: 4, fill: theme.panel },
      })),
    ],
  };
}

/**
 * The samples as chart columns: a null between two samples too far apart so the line breaks there,
 * and the last sample held until now when it is recent (the cache still says so).
 */
function columns(
  samples: readonly StatusSample[],
  now: number,
): { data: uPlot.AlignedData; index: (number | null)[] } {
  const x: number[] = [];
  const offline: (number | null)[] = [];
  const servers: (number | null)[] = [];
  const index: (number | null)[] = [];
  samples.forEach((s, i) => {
    const previous = samples[i - 1];
    if (previous && s.at - previous.at > GAP_MS) {
      x.push(previous.at + 1);
      offline.push(null);
      servers.push(null);
      index.push(null);
    }
    x.push(s.at);
    offline.push(s.offline);
    servers.push(s.offlineServers);
    index.push(i);
  });
  const last = samples.at(-1);
  if (last && now - last.at < GAP_MS && now > last.at) {
    x.push(now);
    offline.push(last.offline);
    servers.push(last.offlineServers);
    index.push(samples.length - 1);
  }
  return { data: [x, offline, servers], index };
}

/**
 * Offline devices over the last 24 hours, from the status samples the console took after each sync
 * and status change (none while it was closed or offline: the line breaks). Clicking the line opens
 * the devices offline now, all or servers.
 */
export function OfflineChart() {
  const theme = useChartTheme();
  const now = useNow(60_000);
  const since = now - WINDOW_MS;
  // The window moves with the minute; asking again each minute keeps it cheap and current.
  const query = useQuery(
    'dashboard.offlineHistory',
    { since: since - (since % 60_000) },
    { refreshOn: ['device_status_samples'] },
  );
  const [hover, setHover] = useState<number | null>(null);
  const samples = useMemo(() => query.data?.samples ?? [], [query.data]);
  const { data, index } = useMemo(() => columns(samples, now), [samples, now]);
  const hovered = hover === null ? null : (index[hover] ?? null);
  const shown = hovered === null ? samples.at(-1) : samples[hovered];
  const open = (servers: boolean): void =>
    openAssets(
      servers ? { agentStatus: 'offline', assetTypes: [...serverAssetTypes] } : { agentStatus: 'offline' },
    );
  const pick = ({ series }: ChartPick): void => open(series === 2);
  const hourly = useMemo(() => {
    const byHour = new Map<number, StatusSample>();
    for (const s of samples) {
      const hour = s.at - (s.at % 3_600_000);
      const seen = byHour.get(hour);
      if (s.at >= since && (!seen || s.offline > seen.offline)) byHour.set(hour, s);
    }
    return [...byHour.entries()];
  }, [samples, since]);

  return (
    <section className="card trend" aria-labelledby="trend-offline">
      <header className="trend-header">
        <h2 id="trend-offline">Offline devices, last 24 hours</h2>
      </header>
      <p className="trend-readout">
        {shown
          ? `${hovered === null ? `Last sample, ${timeLabel(shown.at)}` : timeLabel(shown.at)}: ${shown.offline.toLocaleString()} offline (${shown.offlineServers.toLocaleString()} servers) of ${shown.total.toLocaleString()}`
          : 'No status recorded yet: samples are taken after each sync.'}
        {samples.length > 0 && samples[0]!.at > since
          ? ` · Recorded since ${timeLabel(samples[0]!.at)}: the console samples while it runs.`
          : null}
      </p>
      <ul className="legend" aria-label="Lines">
        {lines.map((line, i) => (
          <li key={line.key}>
            <DashSwatch dash={line.dash} colour={i === 0 ? theme.bad : theme.warn} />
            offline {line.label}
          </li>
        ))}
      </ul>
      <TrendChart
        error={query.error}
        ready={query.data !== null}
        label="Offline devices"
        optionsKey={`${theme.scheme}:${Math.floor(now / 60_000)}`}
        options={(size) => options(theme, since, now, size)}
        data={data}
        onPick={pick}
        onHover={setHover}
      />
      <div className="trend-links">
        <button type="button" className="link-button" onClick={() => open(false)}>
          Devices offline now
        </button>
        <button type="button" className="link-button" onClick={() => open(true)}>
          Servers offline now
        </button>
      </div>
      <TrendTable summary="Offline devices as a table">
        {() => (
          <>
            <thead>
              <tr>
                <th scope="col">Hour</th>
                <th scope="col">Most offline</th>
                <th scope="col">Servers</th>
                <th scope="col">Devices</th>
              </tr>
            </thead>
            <tbody>
              {hourly.map(([hour, s]) => (
                <tr key={hour}>
                  <th scope="row">{timeLabel(hour)}</th>
                  <td>{s.offline.toLocaleString()}</td>
                  <td>{s.offlineServers.toLocaleString()}</td>
                  <td>{s.total.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </TrendTable>
    </section>
  );
}
