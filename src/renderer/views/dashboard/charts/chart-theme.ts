import { useEffect, useState } from 'react';
import type { Severity } from '../../../../shared/contract/domain';

/** The colours a chart paints with, resolved from the theme's CSS variables (canvas cannot read them). */
export interface ChartTheme {
  scheme: 'light' | 'dark';
  text: string;
  muted: string;
  grid: string;
  panel: string;
  accent: string;
  bad: string;
  warn: string;
  severity: Record<Severity, string>;
}

/** Tick steps for an axis of counts (alerts, devices): whole numbers, never "2.5 alerts". */
export const countSteps = [
  1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 25_000, 50_000,
];

const variables = {
  text: '--text',
  muted: '--muted',
  grid: '--border',
  panel: '--panel',
  accent: '--accent',
  bad: '--bad',
  warn: '--warn',
} as const;

const severityVariables: Record<Severity, string> = {
  CRITICAL: '--sev-critical',
  MAJOR: '--sev-major',
  MODERATE: '--sev-moderate',
  MINOR: '--sev-minor',
  NONE: '--sev-none',
};

/** A variable's colour as painted: `light-dark()` resolves only on a real property of a real element. */
function resolve(probe: HTMLElement, variable: string): string {
  probe.style.color = `var(${variable})`;
  return getComputedStyle(probe).color;
}

function readTheme(): ChartTheme {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  document.body.append(probe);
  try {
    const base = Object.fromEntries(
      Object.entries(variables).map(([key, variable]) => [key, resolve(probe, variable)]),
    ) as Record<keyof typeof variables, string>;
    const severity = Object.fromEntries(
      Object.entries(severityVariables).map(([key, variable]) => [key, resolve(probe, variable)]),
    ) as Record<Severity, string>;
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const chosen = document.documentElement.dataset.theme;
    return {
      ...base,
      severity,
      scheme: chosen === 'dark' || (chosen !== 'light' && dark) ? 'dark' : 'light',
    };
  } finally {
    probe.remove();
  }
}

/** The chart theme, read again when the technician switches theme or the OS switches scheme. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState<ChartTheme>(readTheme);
  useEffect(() => {
    const update = (): void => setTheme(readTheme());
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const media = matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', update);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', update);
    };
  }, []);
  return theme;
}

/**
 * Fill patterns that tell severities apart without colour: solid for critical, then ever lighter
 * hatching. Each tile is opaque (the panel behind the marks), so stacked bars overdraw cleanly.
 */
export const severityPatterns: Record<Severity, 'solid' | 'diagonal' | 'cross' | 'dots' | 'outline'> = {
  CRITICAL: 'solid',
  MAJOR: 'diagonal',
  MODERATE: 'cross',
  MINOR: 'dots',
  NONE: 'outline',
};

export function fillPattern(
  kind: (typeof severityPatterns)[Severity],
  colour: string,
  panel: string,
): CanvasPattern | string {
  if (kind === 'solid') return colour;
  const size = 8 * Math.max(1, Math.round(devicePixelRatio));
  const tile = document.createElement('canvas');
  tile.width = size;
  tile.height = size;
  const ctx = tile.getContext('2d');
  if (!ctx) return colour;
  ctx.fillStyle = panel;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = size / 5;
  const line = (x1: number, y1: number, x2: number, y2: number): void => {
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.stroke();
  };
  if (kind === 'diagonal' || kind === 'cross') {
    line(-1, size + 1, size + 1, -1);
    line(-1, 1, 1, -1);
    line(size - 1, size + 1, size + 1, size - 1);
  }
  if (kind === 'cross') {
    line(-1, -1, size + 1, size + 1);
    line(size - 1, -1, size + 1, 1);
    line(-1, size - 1, 1, size + 1);
  }
  if (kind === 'dots') {
    ctx.beginPath();
    ctx.arc(size / 2, size / 2, size / 6, 0, Math.PI * 2);
    ctx.fill();
  }
  if (kind === 'outline') {
    ctx.lineWidth = size / 8;
    line(0, size / 2, size, size / 2);
  }
  return ctx.createPattern(tile, 'repeat') ?? colour;
}

/** Line dashes that tell lines apart without colour (the first is solid). */
export const lineDashes: number[][] = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 5]];
