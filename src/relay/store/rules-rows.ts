import {
  deviceSilenceSchema,
  emptyRulesDocument,
  ruleDecisionSchema,
  rulesDocumentSchema,
  type DeviceSilence,
  type RuleDecision,
  type RulesDocument,
  type RulesState,
  type SaveRulesRequest,
} from '../../shared/relay/rules';
import type { DecisionRow, DecisionUpdate, NewDecision } from './store';

/** How both backends turn rules, decisions and silences into rows and back (the same JSON on each). */

export interface DecisionSql {
  decision: string;
  condition_key: string | null;
  last_seen_at: number | string;
  work: string | null;
  attempts: number | string;
  next_attempt_at: number | string | null;
}

export const decisionColumns = 'decision, condition_key, last_seen_at, work, attempts, next_attempt_at';

export const decisionFrom = (json: string): RuleDecision => ruleDecisionSchema.parse(JSON.parse(json));

export function decisionRowFrom(r: DecisionSql): DecisionRow {
  return {
    decision: decisionFrom(r.decision),
    conditionKey: r.condition_key,
    lastSeenAt: Number(r.last_seen_at),
    work: r.work,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at === null ? null : Number(r.next_attempt_at),
  };
}

/** The columns of a new decision's row, in `decisionInsertColumns` order (the JSON is written once the id is known). */
export const decisionInsertColumns =
  'activity_id, kind, series_uid, device_id, condition_key, state, has_ticket, work, next_attempt_at, last_seen_at, decided_at';

type DecisionInsertValues = [
  activityId: number,
  kind: string,
  seriesUid: string | null,
  deviceId: number | null,
  conditionKey: string | null,
  state: string,
  hasTicket: number,
  work: string | null,
  nextAttemptAt: number | null,
  lastSeenAt: number,
  decidedAt: number,
];

export function decisionInsertValues(input: NewDecision, now: number): DecisionInsertValues {
  const d = input.decision;
  return [
    d.activityId,
    d.kind,
    d.seriesUid,
    d.deviceId,
    input.conditionKey,
    d.state,
    d.ticket ? 1 : 0,
    input.work,
    input.nextAttemptAt,
    input.lastSeenAt,
    now,
  ];
}

/** The stored row of a new decision, once the database gave it its id. */
export function newDecisionRow(id: number, input: NewDecision, now: number): DecisionRow {
  return {
    decision: { ...input.decision, id, decidedAt: now, updatedAt: now },
    conditionKey: input.conditionKey,
    lastSeenAt: input.lastSeenAt,
    work: input.work,
    attempts: 0,
    nextAttemptAt: input.nextAttemptAt,
  };
}

export function updatedDecisionRow(row: DecisionRow, change: DecisionUpdate, now: number): DecisionRow {
  return {
    ...row,
    decision: {
      ...row.decision,
      state: change.state,
      outcome: change.outcome,
      ...(change.ticket !== undefined ? { ticket: change.ticket } : {}),
      updatedAt: now,
    },
    ...(change.work !== undefined ? { work: change.work } : {}),
    ...(change.attempts !== undefined ? { attempts: change.attempts } : {}),
    ...(change.nextAttemptAt !== undefined ? { nextAttemptAt: change.nextAttemptAt } : {}),
  };
}

export function rulesFrom(json: string | null | undefined): RulesDocument {
  return json ? rulesDocumentSchema.parse(JSON.parse(json)) : emptyRulesDocument;
}

export function rulesStateOf(document: RulesDocument): RulesState {
  return { active: document.rules.some((rule) => rule.enabled), version: document.version };
}

/** The document a save leaves, or null when it edited an older version than the stored one. */
export function savedRules(
  current: RulesDocument,
  request: SaveRulesRequest,
  now: number,
): RulesDocument | null {
  if (request.expectedVersion !== current.version) return null;
  return {
    version: current.version + 1,
    rules: request.rules,
    settings: request.settings,
    tickets: request.tickets,
    updatedAt: now,
    updatedBy: request.by,
  };
}

export function silenceFrom(r: {
  device_id: number | string;
  until_at: number | string;
  by: string;
  reason: string | null;
}): DeviceSilence {
  return deviceSilenceSchema.parse({
    deviceId: Number(r.device_id),
    until: Number(r.until_at),
    by: r.by,
    reason: r.reason,
  });
}
