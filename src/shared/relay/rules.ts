import { z } from 'zod';
import { severitySchema } from '../contract/domain';
import { technicianNameSchema } from './ledger';

/**
 * Alert rules: evaluated only in the relay, on each new alert trigger, first match wins. The relay
 * keeps them as one document edited from a console with the admin token; every decision is kept
 * with its reason and streamed to the consoles.
 */
const code = z
  .string()
  .trim()
  .regex(/^[A-Z0-9_*]{1,80}$/, 'use NinjaOne codes: capital letters, digits and _');

/** Every list left empty matches anything; a rule matches when all its conditions do. */
export const ruleConditionsSchema = z.object({
  severities: z.array(severitySchema).max(5).default([]),
  /** NinjaOne priorities: NONE, LOW, MEDIUM, HIGH. */
  priorities: z.array(code).max(10).default([]),
  /** `CONDITION`, `CONDITION_ACTIONSET`, `CONDITION_ACTION`. */
  activityTypes: z.array(code).max(20).default([]),
  statusCodes: z.array(code).max(50).default([]),
  /**
   * Case-insensitive; `*` stands for anything (`Disk*`, `*CPU*`). Matched against the condition's
   * name, its source name and the subject of the trigger.
   */
  conditionPattern: z.string().trim().max(200).nullable().default(null),
  organizationIds: z.array(z.number().int().nonnegative()).max(500).default([]),
  nodeClasses: z.array(code).max(50).default([]),
});
export type RuleConditions = z.infer<typeof ruleConditionsSchema>;

const psaId = z.string().trim().min(1).max(200);

export const ruleActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ticket'),
    /** Overrides of the published defaults; null keeps the default. */
    boardId: psaId.nullable().default(null),
    priorityId: psaId.nullable().default(null),
  }),
  /** No ticket; the consoles notify as usual. */
  z.object({ type: z.literal('notify') }),
  /** No ticket and no desktop notification. */
  z.object({ type: z.literal('suppress') }),
]);
export type RuleAction = z.infer<typeof ruleActionSchema>;

export const alertRuleSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a rule id is 1-64 letters, digits, _ or -'),
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().default(true),
  when: ruleConditionsSchema,
  action: ruleActionSchema,
});
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const rulesSettingsSchema = z.object({
  /**
   * A condition that triggers again on the same device within this many minutes of its previous
   * trigger or reset is flapping: its ticket gets a comment instead of a second ticket.
   */
  flappingWindowMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(30),
  /** When a series with a rule-made ticket resets: add a comment, and optionally close the ticket. */
  onReset: z
    .object({ comment: z.boolean().default(true), close: z.boolean().default(false) })
    .default({ comment: true, close: false }),
});
export type RulesSettings = z.infer<typeof rulesSettingsSchema>;

/**
 * Where rule-made tickets go in Alga PSA. The relay has no cache, so the console that saves the
 * rules publishes these from its own PSA reference data, ticket defaults and confirmed mapping.
 */
export const ticketTargetsSchema = z.object({
  /** The board unless a rule names another. */
  boardId: psaId,
  /** Per board the rules may use: the status a new ticket opens with, and one that closes it. */
  boards: z.record(
    psaId,
    z.object({ name: z.string().max(300), openStatusId: psaId, closedStatusId: psaId.nullable() }),
  ),
  priorityBySeverity: z.partialRecord(severitySchema, psaId),
  /** NinjaOne organization id to Alga PSA client id (the confirmed mappings). */
  clients: z.record(z.string().regex(/^\d{1,15}$/), psaId),
  /** The NinjaOne web console, for the device link in descriptions. */
  ninjaOneUrl: z.string().url().nullable(),
});
export type TicketTargets = z.infer<typeof ticketTargetsSchema>;

export const rulesDocumentSchema = z.object({
  /** Increases with every save; a save names the version it edited (lost updates are refused). */
  version: z.number().int().nonnegative(),
  rules: z.array(alertRuleSchema).max(200),
  settings: rulesSettingsSchema,
  tickets: ticketTargetsSchema.nullable(),
  updatedAt: z.number().int().nullable(),
  updatedBy: z.string().nullable(),
});
export type RulesDocument = z.infer<typeof rulesDocumentSchema>;

export const emptyRulesDocument: RulesDocument = {
  version: 0,
  rules: [],
  settings: { flappingWindowMinutes: 30, onReset: { comment: true, close: false } },
  tickets: null,
  updatedAt: null,
  updatedBy: null,
};

export const saveRulesRequestSchema = z
  .object({
    expectedVersion: z.number().int().nonnegative(),
    by: technicianNameSchema,
    rules: z.array(alertRuleSchema).max(200),
    settings: rulesSettingsSchema,
    tickets: ticketTargetsSchema.nullable(),
  })
  .superRefine((request, ctx) => {
    const ids = new Set<string>();
    for (const [i, rule] of request.rules.entries()) {
      if (ids.has(rule.id))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'id'],
          message: `rule id ${rule.id} is used twice`,
        });
      ids.add(rule.id);
    }
  });
export type SaveRulesRequest = z.infer<typeof saveRulesRequestSchema>;

/** Whether rules run (at least one enabled rule), as consoles need to know it. */
export const rulesStateSchema = z.object({ active: z.boolean(), version: z.number().int().nonnegative() });
export type RulesState = z.infer<typeof rulesStateSchema>;

export const decisionActions = ['ticket', 'comment', 'notify', 'suppress', 'none'] as const;

/** What the rules decided for one activity, and how carrying it out went. */
export const ruleDecisionSchema = z.object({
  id: z.number().int().positive(),
  activityId: z.number().int(),
  /** A trigger opens a series; a reset of a series with a rule-made ticket comments on it. */
  kind: z.enum(['trigger', 'reset']),
  seriesUid: z.string().nullable(),
  deviceId: z.number().int().nullable(),
  deviceName: z.string().nullable(),
  organizationId: z.number().int().nullable(),
  condition: z.string().nullable(),
  severity: z.string().nullable(),
  ruleId: z.string().nullable(),
  ruleName: z.string().nullable(),
  action: z.enum(decisionActions),
  /** Whether consoles show a desktop notification for the trigger. */
  notify: z.boolean(),
  /** Why: "matched rule 2 "Servers": create a ticket", "suppressed: flapping", "device silenced by Bob until …". */
  reason: z.string(),
  /** `pending` while the PSA work (ticket, comment) is still to be done. */
  state: z.enum(['pending', 'done', 'failed']),
  /** What happened: "created ticket T-1042", "Bob is creating the ticket on a console", an error. */
  outcome: z.string().nullable(),
  ticket: z.object({ id: z.string(), number: z.string().nullable() }).nullable(),
  decidedAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type RuleDecision = z.infer<typeof ruleDecisionSchema>;

/** A device silenced by a technician: rules create nothing for it, consoles notify nobody. */
export const deviceSilenceSchema = z.object({
  deviceId: z.number().int(),
  /** Null: the silence was lifted. */
  until: z.number().int().nullable(),
  by: z.string().nullable(),
  reason: z.string().nullable(),
});
export type DeviceSilence = z.infer<typeof deviceSilenceSchema>;

export const silenceRequestSchema = z.object({
  until: z.number().int().positive(),
  by: technicianNameSchema,
  reason: z.string().trim().max(300).nullable().default(null),
});
