import { z } from 'zod';

/**
 * The alert-to-ticket ledger the relay keeps for the whole team: one entry per NinjaOne alert
 * series (`seriesUid`). A console claims a series before it creates a ticket, so two technicians
 * (or a technician and a rule) never create two tickets for one alert.
 */
export const seriesUidSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'a series uid is 1-128 letters, digits or . _ : -');

export const technicianNameSchema = z.string().trim().min(1).max(200);

export const teamLedgerEntrySchema = z.object({
  seriesUid: z.string(),
  /** `open`: nobody holds it (never claimed, or released). A `claimed` entry past `expiresAt` is up for grabs. */
  state: z.enum(['open', 'claimed', 'ticketed']),
  claim: z
    .object({
      by: z.string(),
      /** Name of the console token that claimed it. */
      via: z.string(),
      expiresAt: z.number().int(),
    })
    .nullable(),
  ticket: z
    .object({
      id: z.string(),
      number: z.string().nullable(),
      by: z.string(),
      at: z.number().int(),
    })
    .nullable(),
  updatedAt: z.number().int(),
  /** Increases with every change of this entry. */
  version: z.number().int().positive(),
});
export type TeamLedgerEntry = z.infer<typeof teamLedgerEntrySchema>;

export const claimRequestSchema = z.object({
  by: technicianNameSchema,
  /** Repeat a claim with the same key to renew it or to retry after a lost answer. */
  claimKey: z.string().min(8).max(200).optional(),
  ttlSeconds: z.number().int().min(10).max(3600).optional(),
});
export type ClaimRequest = z.infer<typeof claimRequestSchema>;

export const recordTicketRequestSchema = z.object({
  by: technicianNameSchema,
  claimKey: z.string().min(8).max(200).optional(),
  ticket: z.object({
    id: z.string().min(1).max(200),
    number: z.string().min(1).max(200).nullable().optional(),
  }),
});
export type RecordTicketRequest = z.infer<typeof recordTicketRequestSchema>;

export const releaseClaimRequestSchema = z.object({ claimKey: z.string().min(8).max(200) });

export const ledgerOutcome = z.enum([
  /** You hold the claim now (new, renewed, or taken over from an expired one). */
  'claimed',
  /** Someone else holds an unexpired claim. */
  'held',
  /** A ticket is recorded already: use it. */
  'ticketed',
  /** Your ticket is recorded. */
  'recorded',
  /** Your claim is given up. */
  'released',
  /** You do not hold this claim (it expired and someone else took it, or it never was yours). */
  'not_holder',
]);
export type LedgerOutcome = z.infer<typeof ledgerOutcome>;

export const ledgerAnswerSchema = z.object({
  outcome: ledgerOutcome,
  /** Null only when the series was never seen (releasing a claim nobody made). */
  entry: teamLedgerEntrySchema.nullable(),
  /** Only for `claimed`: present it to record the ticket or release the claim. */
  claimKey: z.string().optional(),
});
export type LedgerAnswer = z.infer<typeof ledgerAnswerSchema>;
