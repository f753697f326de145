import { z } from 'zod';

/**
 * How unkind the simulated NinjaOne is. The defaults are what a real instance does to a client that
 * asks politely: pages shorter than asked, activity noise from every agent, old activities pruned,
 * query cursors that die on a fixed deadline, a Windows workstation with 100 to 200 software titles.
 * Tests and `/_sim/behaviour` switch each one at runtime.
 */
export const behaviourSchema = z.object({
  /**
   * The largest page served, whatever `pageSize` asks (every paged family). The default is below
   * the client's 1,000: a client that ends a walk on a short page loses everything after it.
   */
  pageCap: z.number().int().min(1).max(10_000),
  /** Fleet query (`/v2/queries/*`) cursors. */
  cursor: z.object({
    /** `deadline`: expires `ttlSeconds` after the query started; `renewed`: after the last page. */
    model: z.enum(['deadline', 'renewed']),
    ttlSeconds: z.number().positive().max(86_400),
  }),
  /**
   * Background activities (user logins, patch scans, script runs) of online agents, per device
   * per hour of simulated time; 0 turns it off. They change nothing a sync caches.
   */
  noise: z.object({ perDevicePerHour: z.number().min(0).max(100) }),
  /** Activities older than `days` (or beyond the newest `maxActivities`) are pruned, as NinjaOne does. */
  retention: z.object({
    days: z.number().positive().max(3650),
    maxActivities: z.number().int().min(100),
  }),
  /**
   * Endpoint families the token may not read: a path or a prefix ending in `*` (`/v2/queries/software`,
   * `/v2/queries/*`) answered 403 (a scope or role the token lacks) or 404 (an instance without it).
   */
  refusals: z.record(z.string().regex(/^\/v2\//), z.union([z.literal(403), z.literal(404)])),
  /** `realistic`: 100-200 titles per Windows workstation; `lean`: the main catalogue only (about 40). */
  software: z.enum(['realistic', 'lean']),
  /**
   * A share of new activities becomes visible `delaySeconds` after it is recorded, with the id it
   * got then: lower than activities recorded after it that a client may already have read.
   */
  lateActivities: z.object({
    share: z.number().min(0).max(1),
    delaySeconds: z.number().min(0).max(86_400),
  }),
});
export type SimBehaviour = z.infer<typeof behaviourSchema>;

export interface BehaviourChange extends Partial<
  Omit<SimBehaviour, 'cursor' | 'noise' | 'retention' | 'lateActivities'>
> {
  cursor?: Partial<SimBehaviour['cursor']>;
  noise?: Partial<SimBehaviour['noise']>;
  retention?: Partial<SimBehaviour['retention']>;
  lateActivities?: Partial<SimBehaviour['lateActivities']>;
}

export const defaultBehaviour: SimBehaviour = {
  pageCap: 500,
  cursor: { model: 'deadline', ttlSeconds: 300 },
  // About 12 a device a day: a login and logout, patch and software-patch scans, policy scripts.
  noise: { perDevicePerHour: 0.5 },
  retention: { days: 30, maxActivities: 2_000_000 },
  refusals: {},
  software: 'realistic',
  lateActivities: { share: 0, delaySeconds: 0 },
};

/** `base` with `change` applied (nested parts merged), validated; throws a ZodError on a bad value. */
export function changedBehaviour(base: SimBehaviour, change: BehaviourChange): SimBehaviour {
  return behaviourSchema.parse({
    ...base,
    ...change,
    cursor: { ...base.cursor, ...change.cursor },
    noise: { ...base.noise, ...change.noise },
    retention: { ...base.retention, ...change.retention },
    lateActivities: { ...base.lateActivities, ...change.lateActivities },
  });
}
