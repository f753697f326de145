import type { z } from 'zod';

/** A record NinjaOne sent that failed validation: kept with its error, never fatal to the caller. */
export interface QuarantinedRecord {
  /** What was being read, e.g. `devices-detailed` or `queries/software`. */
  source: string;
  /** The record's id (or uid, or deviceId) when it has one. */
  key: string | null;
  error: string;
  raw: unknown;
}

export type QuarantineSink = (record: QuarantinedRecord) => void;

export interface Parsed<T> {
  items: T[];
  quarantined: QuarantinedRecord[];
}

function keyOf(raw: unknown): string | null {
  if (!raw || typeof raw !== 'object') return null;
  const record = raw as Record<string, unknown>;
  for (const key of ['id', 'uid', 'deviceId']) {
    const value = record[key];
    if (typeof value === 'number' || typeof value === 'string') return String(value);
  }
  return null;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
    .join('; ');
}

/** Validates each record on its own: the good ones are returned, the bad ones quarantined. */
export function parseRecords<S extends z.ZodType>(
  raws: readonly unknown[],
  schema: S,
  source: string,
  sink?: QuarantineSink,
): Parsed<z.output<S>> {
  const items: z.output<S>[] = [];
  const quarantined: QuarantinedRecord[] = [];
  for (const raw of raws) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      items.push(parsed.data);
      continue;
    }
    const record = { source, key: keyOf(raw), error: describeIssues(parsed.error), raw };
    quarantined.push(record);
    sink?.(record);
  }
  return { items, quarantined };
}
