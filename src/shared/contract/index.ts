import type { EventMap, ProcedureMap } from '../rpc/define';
import { alertProcedures } from './alerts';
import { appEvents, appProcedures } from './app';
import { assetProcedures } from './assets';
import { dashboardProcedures } from './dashboard';
import { patchProcedures } from './patches';
import { softwareProcedures } from './software';
import { ninjaOneEvents, ninjaOneProcedures } from './ninjaone';
import { psaEvents, psaProcedures } from './psa';
import { ticketEvents, ticketProcedures } from './tickets';

/** Every procedure the core serves. Adding one here makes the core fail to typecheck until it is handled. */
export const procedures = {
  ...appProcedures,
  ...assetProcedures,
  ...alertProcedures,
  ...dashboardProcedures,
  ...softwareProcedures,
  ...patchProcedures,
  ...ninjaOneProcedures,
  ...psaProcedures,
  ...ticketProcedures,
} satisfies ProcedureMap;

/** Every event the core pushes. */
export const events = {
  ...appEvents,
  ...ninjaOneEvents,
  ...psaEvents,
  ...ticketEvents,
} satisfies EventMap;

export type Procedures = typeof procedures;
export type Events = typeof events;
export type ProcedureName = keyof Procedures & string;
export type EventName = keyof Events & string;
