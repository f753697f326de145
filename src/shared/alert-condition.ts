/**
 * The one name a NinjaOne condition goes by in the console, the relay's rules and their decisions.
 *
 * NinjaOne names one condition three ways: the alert API's `conditionName` is the kind of check
 * ("Disk Free Space"), `sourceName` is the condition as the policy configures it ("Disk free space <
 * 10%"), and `subject` is its notification line ("Disk space low"). A webhook activity carries
 * `sourceName` and `subject` but no `conditionName`, so the configured name is the only one every
 * source has from the moment an alert fires; the others stand in only when it is missing.
 */
export interface ConditionNames {
  sourceName?: string | null | undefined;
  conditionName?: unknown;
  subject?: string | null | undefined;
  sourceType?: unknown;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().replace(/\s+/g, ' ') : null;

export function conditionNameOf(source: ConditionNames): string | null {
  return (
    text(source.sourceName) ?? text(source.conditionName) ?? text(source.subject) ?? text(source.sourceType)
  );
}
