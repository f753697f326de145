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
  /** The question asks for devices ("every device with AnyDesk"), not titles. */
  devices?: true;
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

const machines = '(?:devices?|machines?|computers?|endpoints?|pcs?|hosts?|servers?|workstations?)';
/** How a question about which devices have a title starts or ends; what is left names the title. */
const devicePhrases = [
  new RegExp(
    `^(?:(?:show|list|find)\\s+(?:me\\s+)?)?(?:(?:every|all|any|the)\\s+)?${machines}\\s+(?:with|running|that\\s+(?:have|has|run|runs))\\s+(.+)$`,
    'i',
  ),
  new RegExp(`^(?:who|what|which(?:\\s+${machines})?)\\s+(?:has|have|runs?|is\\s+running)\\s+(.+)$`, 'i'),
  /^where\s+is\s+(.+?)(?:\s+installed)?$/i,
  /^(.+?)\s+(?:is\s+)?installed(?:\s+(?:on|where))?$/i,
];

/**
 * Reads what a technician types into the software search: "chrome below 120", "Google Chrome < 120.0",
 * "anydesk", "7-zip >= 23", and questions about devices: "every device with AnyDesk", "who has Zoom
 * below 5.17", "where is TeamViewer installed". Returns the title text, an optional version condition
 * and whether devices were asked for.
 */
export function parseSoftwareQuery(text: string): SoftwareQuery {
  const trimmed = text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[?.!]+$/, '');
  for (const phrase of devicePhrases) {
    const match = phrase.exec(trimmed);
    if (match?.[1]) return { ...titleQuery(match[1]), devices: true };
  }
  return titleQuery(trimmed);
}

function titleQuery(trimmed: string): SoftwareQuery {
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
