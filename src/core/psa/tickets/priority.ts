import type { Severity } from '../../../shared/contract/domain';
import type { CachedPriority } from '../reference-data';

/** Alga's own alert pipeline tries these priority names per severity (§6.7 of the reference). */
export const priorityNamesBySeverity: Record<Severity, readonly string[]> = {
  CRITICAL: ['urgent', 'critical'],
  MAJOR: ['high'],
  MODERATE: ['medium', 'normal'],
  MINOR: ['low'],
  NONE: ['low'],
};

/**
 * The priority for a severity: the override from settings when it still exists, else the first
 * priority (by order) whose name equals one of the names tried, else the first containing one.
 */
export function priorityForSeverity(
  severity: Severity,
  priorities: readonly CachedPriority[],
  overrides: Partial<Record<Severity, string>>,
): CachedPriority | null {
  const override = overrides[severity];
  const chosen = override ? priorities.find((p) => p.id === override) : undefined;
  if (chosen) return chosen;
  const names = priorityNamesBySeverity[severity];
  const normalized = priorities.map((p) => ({ p, name: p.name.trim().toLowerCase() }));
  for (const name of names) {
    const exact = normalized.find((n) => n.name === name);
    if (exact) return exact.p;
  }
  for (const name of names) {
    const partial = normalized.find((n) => n.name.includes(name));
    if (partial) return partial.p;
  }
  return null;
}
