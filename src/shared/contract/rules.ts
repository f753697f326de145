import { z } from 'zod';
import { alertRuleSchema, rulesSettingsSchema } from '../relay/rules';
import { procedure } from '../rpc/define';
import { epochMs, severitySchema } from './domain';

/** How far back the rules editor looks: its choices and its preview read the last 7 days of alerts. */
export const RULE_HISTORY_MS = 7 * 86_400_000;

const count = z.number().int().nonnegative();

/** What the rules editor offers: what actually occurs in the cached fleet, with how often. */
export const ruleChoicesSchema = z.object({
  since: epochMs,
  /**
   * Names the relay matches a rule's condition pattern against (the condition's name as NinjaOne
   * sends it with a trigger), with the condition family the alert list shows ("Disk Free Space").
   */
  conditions: z.array(z.object({ name: z.string(), family: z.string().nullable(), alerts: count })),
  severities: z.array(z.object({ severity: severitySchema, alerts: count })),
  organizations: z.array(z.object({ id: z.number().int(), name: z.string(), devices: count })),
  nodeClasses: z.array(z.object({ nodeClass: z.string(), devices: count })),
});
export type RuleChoices = z.infer<typeof ruleChoicesSchema>;

export const rulePreviewInputSchema = z
  .object({
    /** The draft rule list, in order (first match wins, as in the relay). */
    rules: z.array(alertRuleSchema).max(200),
    /** Which rule to preview (it is previewed as enabled). */
    index: z.number().int().nonnegative(),
    settings: rulesSettingsSchema,
  })
  .refine((input) => input.index < input.rules.length, {
    message: 'index names no rule in the list',
    path: ['index'],
  });

export const previewOutcomes = ['ticket', 'comment', 'notify', 'suppress'] as const;

export const rulePreviewSchema = z.object({
  since: epochMs,
  until: epochMs,
  /** Alert triggers in the cached history over the period. */
  triggers: count,
  /** Triggers this rule would have taken (it is the first enabled rule that matches). */
  matched: count,
  /** Tickets it would have made: one per alert series, flapping repeats comment instead. */
  tickets: count,
  /** Triggers that would have commented on an earlier ticket (flapping) instead of making one. */
  comments: count,
  /** Triggers whose conditions it matches but an earlier rule takes. */
  takenEarlier: count,
  /** The matched triggers, newest first (at most 50). */
  alerts: z
    .array(
      z.object({
        seriesUid: z.string(),
        at: epochMs,
        deviceId: z.number().int().nullable(),
        deviceName: z.string().nullable(),
        condition: z.string().nullable(),
        severity: z.string().nullable(),
        outcome: z.enum(previewOutcomes),
      }),
    )
    .max(50),
});
export type RulePreview = z.infer<typeof rulePreviewSchema>;

export const ruleProcedures = {
  'rules.choices': procedure({
    summary:
      'What the rules editor offers: conditions, severities, organizations and device classes seen in the cached fleet and its last 7 days of alerts.',
    input: z.object({}).default({}),
    output: ruleChoicesSchema,
  }),
  'rules.preview': procedure({
    summary:
      "Which of the last 7 days' cached alerts a draft rule would have matched, and the tickets it would have made, decided by the relay's own matcher.",
    input: rulePreviewInputSchema,
    output: rulePreviewSchema,
  }),
};
