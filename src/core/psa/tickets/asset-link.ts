import type { AssetMatch } from '../../../shared/contract/psa-tickets';
import type { DeviceAssetLink, PsaDeviceAssetRepository } from '../../cache/repositories/psa-device-assets';
import type { PsaClient } from '../client';
import { psaFailure } from '../errors';
import type { AssetRow } from '../schemas';
import { algaAssetType } from './compose';
import {
  algaAssetTag,
  distinctSerials,
  identifyingSerial,
  type DeviceAssetKeys,
  type DeviceRef,
} from './asset-keys';
import type { AssetLinkMode, OutboxContext } from './outbox-repository';

/**
 * Finding a NinjaOne device's asset in Alga PSA by every key Alga's own NinjaOne sync gives it (§6.4
 * of the reference): the tag `NINJA-<system serial>` (or `NINJA-<device id>` without one), the serial
 * number (system, else BIOS), and the RMM device id it stores. Alga has no filter on the RMM id, so the
 * server narrows by serial and tag (`/assets/search`, ILIKE) and the RMM id decides among the hits.
 * An asset the console creates carries Alga's own tag, and the link is cached per device.
 */

/** The keys of a row queued before they were captured: the console's serial stands for all. */
function keysOf(ctx: OutboxContext): DeviceAssetKeys {
  return ctx.assetKeys ?? { tagSerial: ctx.serial, serials: distinctSerials([ctx.serial]) };
}

interface Candidate {
  asset: AssetRow;
  matchedBy: Exclude<AssetMatch, 'created' | 'none'>;
  rank: number;
}

/**
 * Whether `asset` is the device's: its RMM id decides when it has one (another device's asset is
 * never taken); without one, the `NINJA-<id>` tag, or Alga's serial tag or serial number in the
 * device's client.
 */
function judge(asset: AssetRow, device: DeviceRef, clientId: string | null): Candidate | null {
  const rmmId = asset.rmm_device_id?.trim();
  if (rmmId) {
    const ninja = (asset.rmm_provider ?? 'ninjaone').toLowerCase() === 'ninjaone';
    return ninja && rmmId === String(device.deviceId) ? { asset, matchedBy: 'rmm_device_id', rank: 3 } : null;
  }
  const tag = asset.asset_tag?.trim().toLowerCase();
  if (tag === `ninja-${device.deviceId}`) return { asset, matchedBy: 'asset_tag', rank: 2 };
  if (clientId !== null && asset.client_id && asset.client_id !== clientId) return null;
  const { tagSerial, serials } = device.keys;
  if (tagSerial && identifyingSerial(tagSerial) && tag === `ninja-${tagSerial.toLowerCase()}`)
    return { asset, matchedBy: 'asset_tag', rank: 2 };
  const serial = asset.serial_number?.trim().toLowerCase();
  if (serial && serials.some((s) => identifyingSerial(s) && s.toLowerCase() === serial))
    return { asset, matchedBy: 'serial', rank: 1 };
  return null;
}

/** Higher rank, then the device's client, then an active asset, then the oldest. */
function better(a: Candidate, b: Candidate | null, clientId: string | null): boolean {
  if (!b) return true;
  if (a.rank !== b.rank) return a.rank > b.rank;
  const own = (c: Candidate): number => (c.asset.client_id === clientId ? 1 : 0);
  if (own(a) !== own(b)) return own(a) > own(b);
  const active = (c: Candidate): number => (c.asset.status === 'active' ? 1 : 0);
  if (active(a) !== active(b)) return active(a) > active(b);
  return (a.asset.created_at ?? '') < (b.asset.created_at ?? '');
}

const SEARCH_LIMIT = 100;

/**
 * The device's asset in Alga PSA, or null. Requests, in order, stopping at an asset that carries the
 * device's RMM id: `/assets/search` for each real serial (Alga's tag holds it, and so may the serial
 * number), then for the `NINJA-<id>` tag (and a placeholder serial's tag), paging the tag filter of
 * the client only when a search comes back full. Typically one or two requests in all.
 */
export async function findDeviceAsset(
  client: PsaClient,
  device: DeviceRef,
  clientId: string | null,
  signal?: AbortSignal,
): Promise<Candidate | null> {
  let best: Candidate | null = null;
  const consider = (rows: readonly AssetRow[]): boolean => {
    for (const asset of rows) {
      const c = judge(asset, device, clientId);
      if (c && better(c, best, clientId)) best = c;
    }
    return best?.rank === 3;
  };
  for (const serial of device.keys.serials.filter(identifyingSerial)) {
    if (consider(await client.searchAssets(serial, signal))) return best;
  }
  const tags = [`NINJA-${device.deviceId}`];
  const { tagSerial } = device.keys;
  // A placeholder serial is shared by many machines: only the RMM id can pick this one's asset.
  if (tagSerial && !identifyingSerial(tagSerial)) tags.push(`NINJA-${tagSerial}`);
  for (const tag of tags) {
    const exact = (rows: readonly AssetRow[]): AssetRow[] =>
      rows.filter((a) => a.asset_tag?.trim().toLowerCase() === tag.toLowerCase());
    const hits = await client.searchAssets(tag, signal);
    if (consider(exact(hits))) return best;
    if (hits.length < SEARCH_LIMIT) continue;
    for await (const page of client.assetTagPages(tag, clientId ?? undefined, signal)) {
      if (consider(exact(page))) return best;
    }
  }
  return best;
}

/** How long a link not confirmed by the RMM id is trusted before it is looked up again. */
export const LINK_RECHECK_MS = 24 * 3_600_000;

/** Whether a cached link is stale: a lookup that found none, or a link the RMM id did not confirm. */
export function linkNeedsLookup(link: DeviceAssetLink | null, now: number, noneRecheckMs: number): boolean {
  if (!link) return true;
  if (link.assetId === null) return now - link.checkedAt >= noneRecheckMs;
  return link.matchedBy !== 'rmm_device_id' && now - link.checkedAt >= LINK_RECHECK_MS;
}

/** Looks the device's asset up and remembers what was found (or that nothing was). */
export async function lookUpDeviceAsset(
  client: PsaClient,
  links: PsaDeviceAssetRepository,
  device: DeviceRef,
  clientId: string | null,
  now: () => number,
  signal?: AbortSignal,
): Promise<DeviceAssetLink> {
  const found = await findDeviceAsset(client, device, clientId, signal);
  return links.remember(
    device.deviceId,
    found
      ? {
          assetId: found.asset.asset_id,
          assetTag: found.asset.asset_tag ?? null,
          clientId: found.asset.client_id ?? null,
          matchedBy: found.matchedBy,
        }
      : { assetId: null, assetTag: null, clientId, matchedBy: 'none' },
    now(),
  );
}

export interface AssetLinkOutcome {
  state: 'linked' | 'skipped';
  assetId: string | null;
  message: string | null;
}

export interface AssetLinkDeps {
  client: PsaClient;
  links: PsaDeviceAssetRepository;
  now: () => number;
}

/**
 * Links the ticket to the device's asset: the cached one while it holds (Alga answering 404 for it
 * means it was deleted: look again), else found by Alga's keys, else (when allowed) created with
 * Alga's own tag. An existing link counts as linked.
 */
export async function linkDeviceAsset(
  deps: AssetLinkDeps,
  ticketId: string,
  ctx: OutboxContext,
  clientId: string,
  mode: AssetLinkMode,
): Promise<AssetLinkOutcome> {
  if (mode === 'off')
    return { state: 'skipped', assetId: null, message: 'Asset linking is off in Settings → Tickets.' };
  const { client, links, now } = deps;
  const device: DeviceRef = { deviceId: ctx.deviceId, keys: keysOf(ctx) };
  const cached = links.get(ctx.deviceId);
  // Creating is the last resort, so a remembered "none" is always looked up again first.
  if (cached?.assetId && !linkNeedsLookup(cached, now(), 0)) {
    try {
      return linkedOutcome(cached.assetId, await client.linkAsset(ticketId, cached.assetId), null);
    } catch (error) {
      if (psaFailure(error)?.status !== 404) throw error;
      links.forget(ctx.deviceId);
    }
  }
  let link = await lookUpDeviceAsset(client, links, device, clientId, now);
  let created: string | null = null;
  if (!link.assetId) {
    const tag = algaAssetTag(device);
    if (mode === 'find_only') {
      return {
        state: 'skipped',
        assetId: null,
        message: `Alga PSA has no asset for ${ctx.deviceName} (tag ${tag}, serial ${device.keys.serials[0] ?? 'none'}, NinjaOne id ${ctx.deviceId}), and creating assets is off in Settings → Tickets.`,
      };
    }
    const asset = await client.createAsset({
      client_id: clientId,
      asset_type: algaAssetType(ctx.nodeClass),
      asset_tag: tag,
      name: ctx.deviceName,
      status: 'active',
      ...(device.keys.serials[0] ? { serial_number: device.keys.serials[0] } : {}),
    });
    link = links.remember(
      ctx.deviceId,
      { assetId: asset.asset_id, assetTag: asset.asset_tag ?? tag, clientId, matchedBy: 'created' },
      now(),
    );
    created = `Created asset ${tag} for ${ctx.deviceName} in Alga PSA and linked it.`;
  }
  return linkedOutcome(link.assetId!, await client.linkAsset(ticketId, link.assetId!), created);
}

function linkedOutcome(
  assetId: string,
  how: 'linked' | 'already_linked',
  created: string | null,
): AssetLinkOutcome {
  return {
    state: 'linked',
    assetId,
    message: created ?? (how === 'already_linked' ? 'The asset was already linked to the ticket.' : null),
  };
}
