import { useEffect, useRef } from 'react';
import { fillPattern, type severityPatterns } from './chart-theme';

/** A legend key painted with the very pattern the chart fills with. */
export function PatternSwatch({
  kind,
  colour,
  panel,
}: {
  kind: (typeof severityPatterns)[keyof typeof severityPatterns];
  colour: string;
  panel: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = fillPattern(kind, colour, panel);
    ctx.fillRect(0, 0, 14, 14);
    ctx.strokeStyle = colour;
    ctx.strokeRect(0.5, 0.5, 13, 13);
  }, [kind, colour, panel]);
  return <canvas ref={canvas} className="swatch" width={14} height={14} aria-hidden="true" />;
}

/** A legend key drawn with the line's own dash. */
export function DashSwatch({ dash, colour, width = 2 }: { dash: number[]; colour: string; width?: number }) {
  return (
    <svg className="swatch" width="24" height="14" aria-hidden="true">
      <line
        x1="1"
        y1="7"
        x2="23"
        y2="7"
        stroke={colour}
        strokeWidth={width}
        strokeDasharray={dash.join(' ')}
      />
    </svg>
  );
}
