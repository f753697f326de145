/** Benchmarks print a readable table and then exactly one JSON line (for tooling). */
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  goal?: string;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function printReport(name: string, rows: BenchRow[], extra: Record<string, unknown> = {}): void {
  const width = Math.max(...rows.map((r) => r.metric.length), 6);
  const lines = [
    `| ${'metric'.padEnd(width)} | ${'value'.padStart(12)} | unit     | goal`,
    `|${'-'.repeat(width + 2)}|${'-'.repeat(14)}|----------|------`,
    ...rows.map(
      (r) =>
        `| ${r.metric.padEnd(width)} | ${String(r.value).padStart(12)} | ${r.unit.padEnd(8)} | ${r.goal ?? ''}`,
    ),
  ];
  console.log(`\nbench ${name}\n${lines.join('\n')}\n`);
  const json: Record<string, unknown> = { bench: name, ...extra };
  for (const r of rows) json[r.metric] = r.value;
  console.log(JSON.stringify(json));
}
