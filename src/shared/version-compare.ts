/**
 * Compares software version strings the way technicians read them: numeric segments as numbers
 * ("120.0.6099" > "99.1"), other segments as text, missing segments as zero ("8.0" = "8").
 * Negative when a < b, positive when a > b, zero when equal.
 */
export function compareVersions(a: string, b: string): number {
  const left = a.split(/[^0-9A-Za-z]+/).filter(Boolean);
  const right = b.split(/[^0-9A-Za-z]+/).filter(Boolean);
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const x = left[i] ?? '0';
    const y = right[i] ?? '0';
    const nx = /^\d+$/.test(x) ? Number(x) : null;
    const ny = /^\d+$/.test(y) ? Number(y) : null;
    if (nx !== null && ny !== null) {
      if (nx !== ny) return nx < ny ? -1 : 1;
    } else if (x !== y) {
      return x.localeCompare(y, 'en', { numeric: true, sensitivity: 'base' }) < 0 ? -1 : 1;
    }
  }
  return 0;
}

export const versionOperators = ['<', '<=', '=', '>=', '>'] as const;
export type VersionOperator = (typeof versionOperators)[number];

export interface SoftwareQuery {
  name: string;
  version?: { op: VersionOperator; value: string };
}

const words: Record<string, VersionOperator> = {
  below: '<',
  under: '<',
  'older than': '<',
  before: '<',
  above: '>',
  over: '>',
  'newer than': '>',
  after: '>',
  'at least': '>=',
  'at most': '<=',
  is: '=',
};

/**
 * Reads what a technician types into the software search: "chrome below 120", "Google Chrome < 120.0",
 * "anydesk", "7-zip >= 23". Returns the title text and an optional version condition.
 */
export function parseSoftwareQuery(text: string): SoftwareQuery {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const symbol = /^(.*?)\s*(<=|>=|<|>|=)\s*(\S+)$/.exec(trimmed);
  if (symbol && symbol[1])
    return { name: symbol[1], version: { op: symbol[2] as VersionOperator, value: symbol[3]! } };
  for (const [word, op] of Object.entries(words)) {
    const match = new RegExp(`^(.*?)\\s+${word}\\s+(?:version\\s+)?v?(\\d\\S*)$`, 'i').exec(trimmed);
    if (match && match[1]) return { name: match[1], version: { op, value: match[2]! } };
  }
  return { name: trimmed };
}

export function versionMatches(version: string, condition: { op: VersionOperator; value: string }): boolean {
  const c = compareVersions(version, condition.value);
  switch (condition.op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '=':
      return c === 0;
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
  }
}
