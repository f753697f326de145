import { useState, type ComponentProps, type ReactNode } from 'react';
import { ErrorBanner } from '../../../components/fields';
import { UPlotChart } from '../charts/UPlotChart';

/**
 * A trend's picture: the error of its query, then the chart once its data is here (an empty chart
 * first would be built and drawn for nothing), a placeholder of the same height until then.
 */
export function TrendChart({
  error,
  ready,
  ...chart
}: { error: string | null; ready: boolean } & Omit<ComponentProps<typeof UPlotChart>, 'height'>) {
  return (
    <>
      <ErrorBanner message={error} />
      {ready ? <UPlotChart {...chart} height={190} /> : <div className="chart-placeholder" />}
    </>
  );
}

/**
 * The same trend as a table, for screen readers and for reading exact numbers. Built only once
 * opened: a month of hourly cells would otherwise be rendered with every refresh for nobody.
 */
export function TrendTable({ summary, children }: { summary: string; children: () => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="trend-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open ? <table>{children()}</table> : null}
    </details>
  );
}
