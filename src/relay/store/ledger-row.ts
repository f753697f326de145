import { teamLedgerEntrySchema } from '../../shared/relay/ledger';
import type { LedgerRow } from './store';

/** Ledger rows keep the entry as JSON (the stream carries exactly that JSON) plus the private claim key. */
export function ledgerRowFrom(entryJson: string, claimKey: string | null): LedgerRow {
  return { entry: teamLedgerEntrySchema.parse(JSON.parse(entryJson)), claimKey };
}

export const tokenNameTaken = (name: string): Error =>
  new Error(`A console token named "${name}" exists already: revoke it first or choose another name.`);
