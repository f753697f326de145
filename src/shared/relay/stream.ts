import { z } from 'zod';
import { teamLedgerEntrySchema } from './ledger';
import { deviceSilenceSchema, ruleDecisionSchema, rulesStateSchema } from './rules';

/**
 * What `GET /v1/events` (Server-Sent Events) carries. Every committed change has a global sequence
 * number: the SSE `id`, and `seq` in the data. Events arrive in commit order; resume with
 * `Last-Event-ID` (or `?after=`). Consoles must ignore event types they do not know: the relay
 * will add types (rule decisions, silences) without a protocol version bump.
 */
export const streamEventTypes = ['webhook', 'ledger', 'decision', 'silence', 'rules'] as const;
export type StreamEventType = (typeof streamEventTypes)[number];

/** A NinjaOne delivery exactly as received (the raw JSON body); see `webhookActivitySchema`. */
export const webhookEventSchema = z.object({
  seq: z.number().int().positive(),
  type: z.literal('webhook'),
  /** When the relay committed it, epoch ms. */
  at: z.number().int(),
  activity: z.record(z.string(), z.unknown()),
});

/** A ledger entry changed: every console shows "ticket T by Alice" at once. */
export const ledgerEventSchema = z.object({
  seq: z.number().int().positive(),
  type: z.literal('ledger'),
  at: z.number().int(),
  entry: teamLedgerEntrySchema,
});

/** A rule decision was made or its PSA work finished (the same `decision.id` again, updated). */
export const decisionEventSchema = z.object({
  seq: z.number().int().positive(),
  type: z.literal('decision'),
  at: z.number().int(),
  decision: ruleDecisionSchema,
});

/** A technician silenced a device (or lifted the silence): every console silences it too. */
export const silenceEventSchema = z.object({
  seq: z.number().int().positive(),
  type: z.literal('silence'),
  at: z.number().int(),
  silence: deviceSilenceSchema,
});

/** The rules were saved: whether they are active now (consoles then wait for decisions to notify). */
export const rulesEventSchema = z.object({
  seq: z.number().int().positive(),
  type: z.literal('rules'),
  at: z.number().int(),
  rules: rulesStateSchema,
});

/**
 * The position the console asked for is gone (older than retention) or unknown to this relay (its
 * database was replaced). The console runs a full sync; the stream continues from `head` (also the
 * SSE id of this event, so a reconnect resumes from there).
 */
export const resetEventSchema = z.object({
  type: z.literal('reset'),
  reason: z.enum(['retention', 'unknown_position']),
  head: z.number().int().nonnegative(),
});

export const streamEventSchema = z.discriminatedUnion('type', [
  webhookEventSchema,
  ledgerEventSchema,
  decisionEventSchema,
  silenceEventSchema,
  rulesEventSchema,
  resetEventSchema,
]);
export type StreamEvent = z.infer<typeof streamEventSchema>;
