import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  defaultTicketSettings,
  ticketSettingsSchema,
  type TicketSettings,
} from '../../../shared/contract/tickets';
import { AppError } from '../../../shared/rpc/errors';
import type { Cache } from '../../cache/cache';
import type { ReferenceDataRepository } from '../reference-data';

const TICKET_SETTINGS_KEY = 'tickets.settings';
const CONSOLE_ID_KEY = 'console.id';

export function readTicketSettings(cache: Cache): TicketSettings {
  const stored = cache.settings.get(TICKET_SETTINGS_KEY, ticketSettingsSchema.partial(), {});
  return { ...defaultTicketSettings, ...stored };
}

/**
 * Saves the fields given. Ids must be in the cached reference data (a status must be of its board),
 * so a typo never silently falls back to a default.
 */
export function saveTicketSettings(
  cache: Cache,
  reference: ReferenceDataRepository,
  patch: Partial<TicketSettings>,
): TicketSettings {
  const unknown = (what: string, id: string): AppError =>
    new AppError(
      'invalid_input',
      `${what} ${id} is not in the Alga PSA reference data. Refresh it and choose again.`,
    );
  if (patch.boardId && !reference.board(patch.boardId)) throw unknown('Board', patch.boardId);
  for (const [boardId, statusId] of Object.entries(patch.statusByBoard ?? {})) {
    if (reference.status(statusId)?.boardId !== boardId)
      throw unknown(`Status of board ${boardId}:`, statusId);
  }
  const priorities = new Set(reference.priorities().map((p) => p.id));
  for (const id of Object.values(patch.priorityBySeverity ?? {})) {
    if (id && !priorities.has(id)) throw unknown('Priority', id);
  }
  const next = ticketSettingsSchema.parse({ ...readTicketSettings(cache), ...patch });
  cache.settings.set(TICKET_SETTINGS_KEY, next);
  return next;
}

/** A stable id for this installation: who claimed an alert series in a shared ledger. */
export function consoleId(cache: Cache): string {
  const existing = cache.settings.get(CONSOLE_ID_KEY, z.string().min(1), '');
  if (existing) return existing;
  const id = `console-${randomUUID()}`;
  cache.settings.set(CONSOLE_ID_KEY, id);
  return id;
}
