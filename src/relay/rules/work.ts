import { z } from 'zod';

/**
 * The PSA work a decision leaves for the rules worker, kept as private JSON on the decision row so a
 * restarted (or another) relay carries it on where it stopped.
 */
export const decisionWorkSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('create'),
    seriesUid: z.string(),
    /** The ledger claim key: the same on every retry, so a restarted relay renews its own claim. */
    claimKey: z.string(),
    /** Who the ledger shows as the ticket's creator: `rule 2 "Servers"`. */
    by: z.string(),
    /** The idempotency key stored in the ticket's attributes (the console's outbox uses the same). */
    key: z.string(),
    clientId: z.string(),
    body: z.object({
      title: z.string(),
      board_id: z.string(),
      client_id: z.string(),
      status_id: z.string(),
      priority_id: z.string(),
      attributes: z.record(z.string(), z.unknown()),
    }),
    /** A create was sent: before sending again, look for the ticket it may have made. */
    maybeCreated: z.boolean(),
    firstSentAt: z.number().int().nullable(),
  }),
  z.object({
    kind: z.literal('comment'),
    /** The ticket to comment on, or the decision whose ticket it is (still being created). */
    ticketId: z.string().nullable(),
    fromDecision: z.number().int().nullable(),
    text: z.string(),
  }),
  z.object({
    kind: z.literal('reset'),
    ticketId: z.string(),
    text: z.string(),
    close: z.boolean(),
  }),
]);
export type DecisionWork = z.infer<typeof decisionWorkSchema>;

export const workFrom = (json: string): DecisionWork => decisionWorkSchema.parse(JSON.parse(json));
