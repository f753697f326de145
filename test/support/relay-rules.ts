import { hashAdminToken } from '../../src/relay/auth/admin-token';
import type { Relay } from '../../src/relay/relay';
import {
  ruleConditionsSchema,
  type AlertRule,
  type RuleDecision,
  type RulesDocument,
  type RulesSettings,
  type TicketTargets,
} from '../../src/shared/relay/rules';
import type { PsaSimulator } from '../../src/simulator/psa';
import { eventually } from './eventually';
import { consoleCall, send, type HttpAnswer } from './relay';

export const ADMIN_TOKEN = 'alga_admin_test-token-0123456789abcdef';

/** Relay options that turn rules on: the admin token, Alga PSA, fast retries and polling. */
export function rulesRelayOptions(psa: PsaSimulator) {
  return {
    config: { psaUrl: psa.baseUrl },
    options: {
      secrets: { adminTokenHash: hashAdminToken(ADMIN_TOKEN), psaApiKey: psa.apiKey },
      psaClient: { timeoutMs: 2_000, retry: { attempts: 2, baseMs: 1, maxMs: 5 } },
      rulesRetry: { baseMs: 20, maxMs: 100 },
      rulesIntervalMs: 50,
    },
  };
}

/** What a console publishes with the rules: the simulator's default board, its statuses and priorities. */
export function ticketTargets(psa: PsaSimulator, clients: Record<string, string>): TicketTargets {
  const reference = psa.control.reference();
  const boards = Object.fromEntries(
    reference.boards.map((b) => [
      b.id,
      {
        name: b.name,
        openStatusId: (b.statuses.find((s) => s.isDefault && !s.isClosed) ??
          b.statuses.find((s) => !s.isClosed))!.id,
        closedStatusId: b.statuses.find((s) => s.isClosed)?.id ?? null,
      },
    ]),
  );
  const byName = (name: string) => reference.priorities.find((p) => p.name.toLowerCase() === name)!.id;
  return {
    boardId: reference.boards.find((b) => b.isDefault)!.id,
    boards,
    priorityBySeverity: {
      CRITICAL: byName('urgent'),
      MAJOR: byName('high'),
      MODERATE: byName('medium'),
      MINOR: byName('low'),
      NONE: byName('low'),
    },
    clients,
    ninjaOneUrl: 'https://eu.ninjarmm.com',
  };
}

export function rule(
  id: string,
  name: string,
  when: Partial<AlertRule['when']>,
  action: AlertRule['action'],
): AlertRule {
  return {
    id,
    name,
    enabled: true,
    when: ruleConditionsSchema.parse(when),
    action,
  };
}

export function adminCall(
  relay: Relay | string,
  method: string,
  path: string,
  body?: unknown,
  token = ADMIN_TOKEN,
) {
  const url = typeof relay === 'string' ? relay : relay.url;
  return send(`${url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Saves rules over whatever version is stored. */
export async function saveRules(
  relay: Relay,
  rules: AlertRule[],
  tickets: TicketTargets | null,
  settings: Partial<RulesSettings> = {},
): Promise<RulesDocument> {
  const current = (await adminCall(relay, 'GET', '/v1/admin/rules')).json<RulesDocument>();
  const answer: HttpAnswer = await adminCall(relay, 'PUT', '/v1/admin/rules', {
    expectedVersion: current.version,
    by: 'Admin',
    rules,
    tickets,
    settings: { flappingWindowMinutes: 30, onReset: { comment: true, close: false }, ...settings },
  });
  if (answer.status !== 200) throw new Error(`saving rules answered ${answer.status}: ${answer.body}`);
  return answer.json<RulesDocument>();
}

export async function decisions(relay: Relay, token: string): Promise<RuleDecision[]> {
  return (await consoleCall(relay.url, token, 'GET', '/v1/decisions?limit=500')).json<{
    decisions: RuleDecision[];
  }>().decisions;
}

/** Waits until the decision of an activity is settled (done or failed) and answers it. */
export function settledDecision(
  relay: Relay,
  token: string,
  activityId: number,
  timeoutMs = 10_000,
): Promise<RuleDecision> {
  return eventually(
    async () =>
      (await decisions(relay, token)).find((d) => d.activityId === activityId && d.state !== 'pending'),
    timeoutMs,
    `the decision for activity ${activityId}`,
  );
}
