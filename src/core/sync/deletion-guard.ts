import { z } from 'zod';
import type { HeldDeletion, SyncWarning } from '../../shared/contract/sync';
import { AppError } from '../../shared/rpc/errors';
import type { Cache } from '../cache/cache';

const HELD_CHECKPOINT = 'deletion.held';
export const defaultGuardPercent = 10;

const heldSchema = z.object({
  runId: z.number().int(),
  heldAt: z.number(),
  devices: z.array(z.number().int()),
  organizations: z.array(z.number().int()),
  fleet: z.number().int().nonnegative(),
  reason: z.string(),
});
type Held = z.infer<typeof heldSchema>;

/** What the end of a full pass would delete, and why it must not (null: go ahead). */
export interface SweepPlan {
  devices: number[];
  organizations: number[];
  hold: string | null;
}

/**
 * The guard between "NinjaOne did not list it" and "delete it". A read can come back short in ways
 * no walk detects (a role that hides some clients, a server that loses a page), and deleting on that
 * would wipe a technician's fleet. So a sweep that would remove more than `guardPercent` of the fleet,
 * or every device of an organization NinjaOne still lists, is held: the rows stay, the run and the
 * dashboard say so, and a technician confirms it (or the next full pass finds the devices again).
 * `organizations` null: the pass did not read them, so none are swept.
 */
export function planSweep(
  cache: Cache,
  run: number,
  guardPercent: number,
  read: { devices: boolean; organizations: boolean },
): SweepPlan {
  const organizations = read.organizations ? cache.organizations.unseenBy(run) : [];
  const devices = read.devices ? cache.devices.unseenBy(run) : [];
  // Deleting an organization deletes its devices too.
  const leaving = new Set([...devices, ...cache.devices.ofOrganizations(organizations)]);
  const reasons: string[] = [];
  const tooMany = shareReason(cache, leaving.size, guardPercent);
  if (tooMany) reasons.push(tooMany);
  const emptied = read.devices ? cache.organizations.emptiedBy(run) : [];
  if (emptied.length > 0) {
    const names = emptied.slice(0, 3).map((o) => o.name);
    const more = emptied.length > 3 ? ` and ${emptied.length - 3} more` : '';
    reasons.push(
      `every device of ${names.join(', ')}${more} would go, though NinjaOne still lists ${emptied.length === 1 ? 'that organization' : 'those organizations'}`,
    );
  }
  return { devices: [...leaving], organizations, hold: reasons.length > 0 ? reasons.join('; ') : null };
}

/** Why deleting `leaving` devices is too much for a sync to do on its own, or null. */
export function shareReason(cache: Cache, leaving: number, guardPercent: number): string | null {
  const fleet = cache.devices.count();
  if (fleet === 0 || leaving * 100 <= guardPercent * fleet) return null;
  return `${leaving.toLocaleString('en-US')} of ${fleet.toLocaleString('en-US')} devices (${Math.round((leaving * 100) / fleet)}%) are no longer listed by NinjaOne, more than the ${guardPercent}% a sync deletes on its own`;
}

/** The warning a held deletion leaves in its run. */
export function heldWarning(plan: SweepPlan): SyncWarning {
  return {
    family: 'devices',
    code: 'deletion_held',
    status: null,
    message: `Deletion held: ${plan.hold}. ${plan.devices.length.toLocaleString('en-US')} devices and ${plan.organizations.length} organizations stay in the cache until a technician confirms on the dashboard.`,
  };
}

/** Records a held deletion (replacing an older one); call in the transaction that ends the pass. */
export function holdDeletion(cache: Cache, runId: number, plan: SweepPlan, at: number): void {
  const held: Held = {
    runId,
    heldAt: at,
    devices: plan.devices,
    organizations: plan.organizations,
    fleet: cache.devices.count(),
    reason: plan.hold ?? '',
  };
  cache.syncState.setCheckpoint(HELD_CHECKPOINT, JSON.stringify(held), at);
}

/** A pass that deleted without holding leaves no older hold behind. */
export function clearHeldDeletion(cache: Cache): void {
  cache.syncState.clearCheckpoints(HELD_CHECKPOINT);
}

function held(cache: Cache): Held | null {
  const raw = cache.syncState.checkpoint(HELD_CHECKPOINT);
  if (raw === null) return null;
  const parsed = heldSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

/** The held deletion as the UI shows it, or null. */
export function heldDeletion(cache: Cache): HeldDeletion | null {
  const h = held(cache);
  if (!h) return null;
  return {
    runId: h.runId,
    heldAt: h.heldAt,
    devices: h.devices.length,
    organizations: h.organizations.length,
    fleet: h.fleet,
    reason: h.reason,
    examples: cache.devices.namesOf(h.devices, 3),
  };
}

/**
 * Deletes what the hold of run `runId` kept, except devices and organizations a sync has seen since
 * (they came back). Returns the ids removed.
 */
export function confirmHeldDeletion(
  cache: Cache,
  runId: number,
): { devices: number[]; organizations: number[] } {
  return cache.transaction(() => {
    const h = held(cache);
    if (!h || h.runId !== runId) {
      throw new AppError(
        'conflict',
        'That held deletion is no longer pending (a newer sync replaced or resolved it); look at the dashboard again.',
      );
    }
    const organizations = cache.organizations.notSeenSince(h.organizations, h.runId);
    const devices = removeDevices(cache, [
      ...cache.devices.notSeenSince(h.devices, h.runId),
      ...cache.devices.ofOrganizations(organizations),
    ]);
    const removedOrganizations = cache.organizations.deleteMany(organizations);
    clearHeldDeletion(cache);
    return { devices, organizations: removedOrganizations };
  });
}

/**
 * Deletes devices, their installs first through the repository that keeps the software title counts
 * (the rest of what hangs off a device cascades). Call inside a transaction.
 */
export function removeDevices(cache: Cache, ids: readonly number[]): number[] {
  const present = cache.devices.cachedOf([...new Set(ids)]);
  if (present.length === 0) return [];
  cache.software.replaceForDevices(present, [], 0);
  return cache.devices.deleteMany(present);
}
