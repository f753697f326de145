const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 17179869184 → "16 GB" (binary multiples, as Windows and NinjaOne show them). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
