/**
 * Company names as people type them differ in case, punctuation, "&" versus "and", a leading "The"
 * and legal suffixes. Normalizing those away makes "Acme Corp." and "ACME Corporation" the same name;
 * what is left is compared by character bigrams to catch typos and spelling variants.
 */
const legalSuffixes = new Set([
  'inc',
  'incorporated',
  'llc',
  'lc',
  'pllc',
  'ltd',
  'limited',
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'ug',
  'corp',
  'corporation',
  'co',
  'company',
  'plc',
  'llp',
  'lp',
  'pc',
  'pty',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'aps',
]);

export function normalizeName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[&+]/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  // "L.L.C." became "l l c": join runs of single letters back into one word.
  const tokens: string[] = [];
  let letterRun = false;
  for (const word of words) {
    const letter = /^[a-z]$/.test(word);
    if (letter && letterRun) tokens[tokens.length - 1] += word;
    else tokens.push(word);
    letterRun = letter;
  }
  if (tokens[0] === 'the' && tokens.length > 1) tokens.shift();
  while (tokens.length > 1 && legalSuffixes.has(tokens.at(-1)!)) tokens.pop();
  // "Smith and Co" / "Smith & Co": a trailing "and" left by a dropped "Co".
  while (tokens.length > 1 && tokens.at(-1) === 'and') tokens.pop();
  return tokens.join(' ');
}

function bigrams(text: string): Map<string, number> {
  const compact = text.replace(/ /g, '');
  const out = new Map<string, number>();
  for (let i = 0; i < compact.length - 1; i++) {
    const gram = compact.slice(i, i + 2);
    out.set(gram, (out.get(gram) ?? 0) + 1);
  }
  return out;
}

export interface PreparedName {
  normalized: string;
  grams: Map<string, number>;
  size: number;
}

export function prepareName(name: string): PreparedName {
  const normalized = normalizeName(name);
  const grams = bigrams(normalized);
  let size = 0;
  for (const n of grams.values()) size += n;
  return { normalized, grams, size };
}

/** 1 for the same normalized name, otherwise the Sørensen–Dice coefficient of the bigrams (0..1). */
export function nameSimilarity(a: PreparedName, b: PreparedName): number {
  if (a.normalized === b.normalized) return 1;
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const [gram, n] of a.grams) shared += Math.min(n, b.grams.get(gram) ?? 0);
  return Math.min(0.99, (2 * shared) / (a.size + b.size));
}

/** Below this a name is not offered as a suggestion. */
export const SUGGESTION_THRESHOLD = 0.75;
