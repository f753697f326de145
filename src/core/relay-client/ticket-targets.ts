import { severities } from '../../shared/contract/domain';
import type { AlertRule, TicketTargets } from '../../shared/relay/rules';
import type { Cache } from '../cache/cache';
import { OrgClientMapRepository } from '../psa/mapping/repository';
import type { ReferenceDataRepository } from '../psa/reference-data';
import { openingStatus } from '../psa/tickets/compose';
import { priorityForSeverity } from '../psa/tickets/priority';
import { readTicketSettings } from '../psa/tickets/settings';

/**
 * Where rule-made tickets go, as this console would send them: its ticket defaults (board, opening
 * status, priority per severity), the boards the rules name, its confirmed organization mapping.
 * Null when the console has no Alga PSA reference data to take them from.
 */
export function ticketTargets(
  cache: Cache,
  reference: ReferenceDataRepository,
  rules: readonly AlertRule[],
  ninjaOneUrl: string | null,
): TicketTargets | null {
  const boards = reference.boards();
  const settings = readTicketSettings(cache);
  const defaultBoard =
    boards.find((b) => b.id === settings.boardId) ??
    boards.find((b) => b.isDefault && !b.inactive) ??
    boards.find((b) => !b.inactive);
  if (!defaultBoard) return null;
  const wanted = new Set([defaultBoard.id]);
  for (const rule of rules)
    if (rule.action.type === 'ticket' && rule.action.boardId) wanted.add(rule.action.boardId);
  const targets: TicketTargets['boards'] = {};
  for (const id of wanted) {
    const board = boards.find((b) => b.id === id);
    const statuses = reference.statuses(id);
    const open = board ? openingStatus(board, statuses, settings) : null;
    if (board && open)
      targets[id] = {
        name: board.name,
        openStatusId: open.id,
        closedStatusId: statuses.find((s) => s.isClosed)?.id ?? null,
      };
  }
  const priorities = reference.priorities();
  const priorityBySeverity: TicketTargets['priorityBySeverity'] = {};
  for (const severity of severities) {
    const priority = priorityForSeverity(severity, priorities, settings.priorityBySeverity);
    if (priority) priorityBySeverity[severity] = priority.id;
  }
  const clients: TicketTargets['clients'] = {};
  for (const [organizationId, clientId] of new OrgClientMapRepository(cache.db).confirmedClients())
    clients[String(organizationId)] = clientId;
  return {
    boardId: defaultBoard.id,
    boards: targets,
    priorityBySeverity,
    clients,
    ninjaOneUrl: ninjaOneUrl ?? settings.ninjaOneUrl,
  };
}
