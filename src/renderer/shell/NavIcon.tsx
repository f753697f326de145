import type { View } from '../state/navigation-slice';

/** Stroke paths on a 16x16 grid: what the collapsed sidebar shows instead of the names. */
const paths: Record<View | 'jump' | 'shortcuts', string> = {
  jump: 'M7 2.5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zM10.5 10.5 14 14',
  shortcuts: 'M1.5 4h13v8h-13zM4 6.5h1M7.5 6.5h1M11 6.5h1M5 9.5h6',
  dashboard: 'M2 2h5v5H2zM9 2h5v5H9zM2 9h5v5H2zM9 9h5v5H9z',
  assets: 'M2 3h12v8H2zM6 14h4M8 11v3',
  alerts: 'M4 11V7a4 4 0 0 1 8 0v4l1.5 1.5h-11zM6.5 14h3',
  patches: 'M8 2v8M5 7l3 3 3-3M3 13h10',
  software: 'M2 2h5v5H2zM9 4.5 11.5 2 14 4.5 11.5 7zM2 9h5v5H2zM9 9h5v5H9z',
  tickets: 'M2 4h12v2.5a1.5 1.5 0 0 0 0 3V12H2V9.5a1.5 1.5 0 0 0 0-3zM10 4v8',
  settings: 'M3 4h10M3 8h10M3 12h10M6 2.5v3M11 6.5v3M5 10.5v3',
};

export function NavIcon({ view }: { view: keyof typeof paths }) {
  return (
    <svg className="nav-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={paths[view]} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
    </svg>
  );
}
