import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartPick {
  /** The data index under the pointer. */
  idx: number;
  /** The value of the y scale under the pointer. */
  y: number;
  /** The series the pointer is nearest to, when the chart focuses series. */
  series: number | null;
}

/**
 * One uPlot chart sized to its container. `options` gets the width and height; it is rebuilt when
 * `optionsKey` changes (theme, series) and the data is swapped in place otherwise. A click reports
 * what is under the pointer; hovering reports the index (null when the pointer leaves).
 */
export function UPlotChart({
  options,
  optionsKey,
  data,
  height,
  onPick,
  onHover,
  label,
}: {
  options: (size: { width: number; height: number }) => uPlot.Options;
  optionsKey: string;
  data: uPlot.AlignedData;
  height: number;
  onPick?: (pick: ChartPick) => void;
  onHover?: (idx: number | null) => void;
  /** What the picture shows, for the test hooks and tooltips; the data table next to it is what screen readers read. */
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const focused = useRef<number | null>(null);
  const handlers = useRef({ onPick, onHover });
  const dataRef = useRef(data);
  useLayoutEffect(() => {
    handlers.current = { onPick, onHover };
    dataRef.current = data;
  });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const base = options({ width: Math.max(200, el.clientWidth), height });
    const plot = new uPlot(
      {
        ...base,
        hooks: {
          ...base.hooks,
          setCursor: [
            ...(base.hooks?.setCursor ?? []),
            (u) => handlers.current.onHover?.(u.cursor.idx ?? null),
          ],
          setSeries: [
            ...(base.hooks?.setSeries ?? []),
            (_u, seriesIdx) => {
              focused.current = seriesIdx;
            },
          ],
        },
      },
      dataRef.current,
      el,
    );
    chart.current = plot;
    const click = (): void => {
      const idx = plot.cursor.idx;
      const top = plot.cursor.top;
      if (idx === null || idx === undefined || top === undefined || top < 0) return;
      handlers.current.onPick?.({ idx, y: plot.posToVal(top, 'y'), series: focused.current });
    };
    plot.over.addEventListener('click', click);
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, el.clientWidth);
      if (width !== plot.width) plot.setSize({ width, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.over.removeEventListener('click', click);
      plot.destroy();
      chart.current = null;
    };
    // The chart is rebuilt only when what its options depend on changes (optionsKey), not per render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [optionsKey, height]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return (
    <div
      ref={host}
      className={`chart${onPick ? ' pickable' : ''}`}
      aria-hidden="true"
      data-chart={label}
      title={onPick ? `${label}: click a point to open the list it counts` : label}
    />
  );
}
