import { z } from 'zod';

/**
 * Where the window should go when the technician clicks a notification or opens an `alga-console://`
 * link. Main sends one of these to the renderer (a bridge event, not part of the core's contract,
 * because it comes from the operating system rather than the core); the renderer opens the view.
 */
export const entityIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/);

export const navigationTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('alert'), uid: entityIdSchema }),
  z.object({ kind: z.literal('device'), id: z.number().int().positive() }),
  z.object({ kind: z.literal('ticket'), id: entityIdSchema }),
  /** The alerts queue, narrowed to one organization when a storm there was grouped. */
  z.object({ kind: z.literal('alerts'), organizationId: z.number().int().nullable() }),
]);
export type NavigationTarget = z.infer<typeof navigationTargetSchema>;
