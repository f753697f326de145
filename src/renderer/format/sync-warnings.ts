import type { SyncWarning } from '../../shared/contract/sync';

const what: Record<SyncWarning['code'], string> = {
  refused: 'refused',
  missing: 'not on this instance',
  failed: 'kept failing',
  deletion_held: 'deletion held',
  checkpoint_pruned: 'activities pruned, read everything',
};

/** "software: refused (403)": one warning in a few words, for a table cell or a list. */
export function warningSummary(warning: SyncWarning): string {
  return `${warning.family}: ${what[warning.code]}${warning.status ? ` (${warning.status})` : ''}`;
}

/** Every warning of a run in one line. */
export function warningsSummary(warnings: readonly SyncWarning[]): string {
  return warnings.map(warningSummary).join('; ');
}
