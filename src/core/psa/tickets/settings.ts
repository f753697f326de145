import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  defaultTicketSettings,
  ticketSettingsSchema,
  type TicketSettings,
} from '../../../shared/contract/tickets';
import type { Cache } from '../../cache/cache';

const TICKET_SETTINGS_KEY = 'tickets.settings';
const CONSOLE_ID_KEY = 'console.id';

export function readTicketSettings(cache: Cache): TicketSettings {
  const stored = cache.settings.get(TICKET_SETTINGS_KEY, ticketSettingsSchema.partial(), {});
  return { ...defaultTicketSettings, ...stored };
}

export function saveTicketSettings(cache: Cache, patch: Partial<TicketSettings>): TicketSettings {
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
