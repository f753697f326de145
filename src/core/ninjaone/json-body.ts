import { randomBytes } from 'node:crypto';

/**
 * Bytes of a body parsed at a time. A string over 128 KB is a large object to V8: each one is its
 * own mapping, freed by a garbage collection it triggers, and costs about a millisecond of CPU
 * (system time mostly) however fast it is filled; a page of 500 software rows is 150 KB and a full
 * sync reads thousands of them. Pieces of 16 KB stay well below that, two-byte text included.
 */
const PIECE = 16 * 1024;
/** Stands for the records parsed apart; no NinjaOne text holds it. */
const MARKER = `\u0000records-${randomBytes(8).toString('hex')}`;
const UNSPLIT = Symbol('unsplit');

/** JSON when it parses, null when empty, undefined when it is something else. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length > 3 * PIECE) {
    const parsed = parseInPieces(body);
    if (parsed !== UNSPLIT) return parsed;
  }
  return parseText(body.toString('utf8'));
}

function parseText(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A large body whose list of records (the body itself, or a list among its fields, like a query
 * page's `results`) is parsed in runs of records cut at seams (`seamOf`), each run a string of its own;
 * the rest of the body is parsed with a marker where the runs go. The result equals `JSON.parse` of
 * the whole. A seam that was not one between records of one list (inside a text, or between records
 * of a nested list) leaves a run or the rest unbalanced, which does not parse, or the marker where no
 * list of the body's own holds it: then the body is parsed whole (UNSPLIT).
 */
function parseInPieces(body: Buffer): unknown {
  const seam = seamOf(body);
  if (!seam) return UNSPLIT;
  const cuts: number[] = [];
  for (let from = PIECE; from < body.length - 2 * PIECE;) {
    const at = body.indexOf(seam, from);
    if (at < 0) break;
    cuts.push(at + 1);
    from = at + 1 + PIECE;
  }
  if (cuts.length < 2) return UNSPLIT;
  const records: unknown[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const run = parseText(`[${body.toString('utf8', cuts[i]! + 1, cuts[i + 1])}]`);
    if (!Array.isArray(run)) return UNSPLIT;
    for (const record of run) records.push(record);
  }
  const rest = parseText(
    `${body.toString('utf8', 0, cuts[0])},${JSON.stringify(MARKER)}${body.toString('utf8', cuts.at(-1))}`,
  );
  return withRecords(rest, records);
}

/**
 * Where one record of the body's first list of records ends and the next begins, as NinjaOne (and
 * `JSON.stringify`) writes it: `},{"id":` when the first record starts with `id`. Naming the first
 * field keeps the seams of lists nested in a record (a device's volumes) from being taken for it.
 */
function seamOf(body: Buffer): Buffer | null {
  const list = body.indexOf('[{"');
  if (list < 0 || list > PIECE) return null;
  const field = body.indexOf('":', list + 3);
  if (field < 0 || field - list > 100) return null;
  return Buffer.concat([Buffer.from('},'), body.subarray(list + 1, field + 2)]);
}

/** `value` with `records` in place of the marker, in the body's list or a list among its fields. */
function withRecords(value: unknown, records: unknown[]): unknown {
  if (Array.isArray(value)) return spliced(value, records) ?? UNSPLIT;
  if (typeof value !== 'object' || value === null) return UNSPLIT;
  const fields = value as Record<string, unknown>;
  let found = false;
  for (const key of Object.keys(fields)) {
    const list = fields[key];
    if (!Array.isArray(list)) continue;
    const merged = spliced(list, records);
    if (merged === null) continue;
    if (found) return UNSPLIT;
    fields[key] = merged;
    found = true;
  }
  return found ? fields : UNSPLIT;
}

/** `list` with `records` in place of its one marker; null when it holds none (or more than one). */
function spliced(list: unknown[], records: unknown[]): unknown[] | null {
  const at = list.indexOf(MARKER);
  if (at < 0 || list.indexOf(MARKER, at + 1) >= 0) return null;
  const merged = list.slice(0, at);
  for (const record of records) merged.push(record);
  for (let i = at + 1; i < list.length; i++) merged.push(list[i]);
  return merged;
}
