import type { EventMap, ProcedureMap } from '../rpc/define';
import { alertProcedures } from './alerts';
import { appEvents, appProcedures } from './app';
import { assetProcedures } from './assets';
import { dashboardProcedures } from './dashboard';
import { exportProcedures } from './export';
import { patchProcedures } from './patches';
import { softwareProcedures } from './software';
import { ninjaOneEvents, ninjaOneProcedures } from './ninjaone';
import { psaEvents, psaProcedures } from './psa';
import { ticketEvents, ticketProcedures } from './tickets';
import { psaTicketEvents, psaTicketProcedures } from './psa-tickets';
import { desktopEvents, desktopProcedures } from './desktop';
import { notificationEvents, notificationProcedures } from './notifications';
import { remoteProcedures } from './remote';
import { relayEvents, relayProcedures } from './relay';
import { ruleProcedures } from './rules';
import { syncEvents, syncProcedures } from './sync';

/** Every procedure the core serves. Adding one here makes the core fail to typecheck until it is handled. */
export const procedures = {
  ...appProcedures,
  ...assetProcedures,
  ...alertProcedures,
  ...dashboardProcedures,
  ...exportProcedures,
  ...softwareProcedures,
  ...patchProcedures,
  ...ninjaOneProcedures,
  ...psaProcedures,
  ...ticketProcedures,
  ...psaTicketProcedures,
  ...notificationProcedures,
  ...desktopProcedures,
  ...remoteProcedures,
  ...syncProcedures,
  ...relayProcedures,
  ...ruleProcedures,
} satisfies ProcedureMap;

/** Every event the core pushes. */
export const events = {
  ...appEvents,
  ...ninjaOneEvents,
  ...psaEvents,
  ...ticketEvents,
  ...psaTicketEvents,
  ...notificationEvents,
  ...desktopEvents,
  ...syncEvents,
  ...relayEvents,
} satisfies EventMap;

export type Procedures = typeof procedures;
export type Events = typeof events;
export type ProcedureName = keyof Procedures & string;
export type EventName = keyof Events & string;
export { cacheTopics, type CacheTopic } from './cache-topics';
