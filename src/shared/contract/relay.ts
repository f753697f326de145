import { z } from 'zod';
import {
  alertRuleSchema,
  ruleDecisionSchema,
  rulesDocumentSchema,
  rulesSettingsSchema,
} from '../relay/rules';
import { procedure } from '../rpc/define';
import { pageOf, pageRequest } from '../rpc/paging';
import { epochMs } from './domain';

/** The console's link to the relay: its event stream, the shared ticket ledger, the rules. */
export const relayStates = ['not_configured', 'connecting', 'connected', 'reconnecting'] as const;

export const relayStatusSchema = z.object({
  state: z.enum(relayStates),
  /** The relay's address (`https://relay.example.com`), null when none is set. */
  url: z.string().nullable(),
  /** Why the last connection ended or failed, while reconnecting. */
  reason: z.string().nullable(),
  /** When the next attempt starts, while reconnecting. */
  nextAttemptAt: epochMs.nullable(),
  connectedAt: epochMs.nullable(),
  /** When the last event arrived (any kind). */
  lastEventAt: epochMs.nullable(),
  /** The sequence number of the last event applied to the cache: where the stream resumes. */
  lastSeq: z.number().int().nonnegative().nullable(),
  /** Whether an admin token (for the rules editor) is in the keychain. */
  adminToken: z.boolean(),
  /** Whether the relay's rules run (new alerts then notify once the relay decided). */
  rulesActive: z.boolean(),
  /** Events that failed to apply again and again and were set aside (newest first, at most 10). */
  quarantined: z.array(
    z.object({
      seq: z.number().int().nonnegative(),
      /** The event type the relay sent (webhook, ledger, ...). */
      event: z.string(),
      reason: z.string(),
      at: epochMs,
    }),
  ),
});
export type RelayStatus = z.infer<typeof relayStatusSchema>;

const secret = z.string().trim().min(16).max(512);

export const registerWebhookInputSchema = z.object({
  /** The relay's public address as NinjaOne reaches it (https, through the reverse proxy). */
  publicUrl: z.string().trim().url().max(500),
  /** The relay's webhook secret: sent to NinjaOne, never stored by the console. */
  secret,
  secretHeader: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,100}$/, 'must be an HTTP header name')
    .default('X-Relay-Secret'),
});

export const rulesEditSchema = z.object({
  expectedVersion: z.number().int().nonnegative(),
  rules: z.array(alertRuleSchema).max(200),
  settings: rulesSettingsSchema,
});

export const relayProcedures = {
  'relay.status': procedure({
    summary: 'The relay connection: state, reason while reconnecting, last event time and sequence.',
    input: z.object({}).default({}),
    output: relayStatusSchema,
  }),
  'relay.connect': procedure({
    summary:
      'Checks the relay address and console token, keeps them (the token in the OS keychain) and starts the event stream.',
    input: z.object({
      url: z.string().trim().min(1).max(500),
      /** Omitted: the token already in the keychain. */
      token: secret.optional(),
    }),
    output: relayStatusSchema,
  }),
  'relay.disconnect': procedure({
    summary: 'Stops the event stream and forgets the relay address and its tokens.',
    input: z.object({}).default({}),
    output: relayStatusSchema,
  }),
  'relay.setAdminToken': procedure({
    summary: 'Checks the relay admin token (rules editor) and keeps it in the OS keychain; null forgets it.',
    input: z.object({ token: secret.nullable() }),
    output: relayStatusSchema,
  }),
  'relay.registerWebhook': procedure({
    summary:
      'Registers the relay with NinjaOne (PUT /v2/webhook): its URL, the activities consoles need, expand=device, the secret header.',
    input: registerWebhookInputSchema,
    output: z.object({
      url: z.string(),
      activities: z.record(z.string(), z.array(z.string())),
    }),
  }),
  'relay.rules.get': procedure({
    summary: "The relay's alert rules (needs the admin token).",
    input: z.object({}).default({}),
    output: rulesDocumentSchema,
  }),
  'relay.rules.save': procedure({
    summary:
      'Saves the rules, with the ticket targets (boards, statuses, priorities, client mapping) from this console; refused when someone saved since.',
    input: rulesEditSchema,
    output: rulesDocumentSchema,
  }),
  'relay.decisions': procedure({
    summary: 'What the rules decided and why, newest first.',
    input: z.object(pageRequest),
    output: pageOf(ruleDecisionSchema),
  }),
};

export const relayEvents = {
  'relay.statusChanged': relayStatusSchema,
  /** A rule decision arrived (new, or its ticket work finished). */
  'relay.decision': ruleDecisionSchema,
};
