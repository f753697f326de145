import type { PsaClient } from '../client';
import type { AssetRow } from '../schemas';
import { algaAssetType } from './compose';
import type { AssetLinkMode, OutboxContext } from './outbox-repository';

export function assetTag(deviceId: number): string {
  return `NINJA-${deviceId}`;
}

/**
 * The Alga asset of a NinjaOne device. There is no `rmm_device_id` filter (§3), so: the tag this
 * console and Alga's own sync give it (`NINJA-<id>`, matched exactly since the filter is ILIKE), then
 * the client's assets whose `rmm_device_id` is the device id (Alga's sync may have tagged by serial).
 */
export async function findDeviceAsset(
  client: PsaClient,
  ctx: OutboxContext,
  clientId: string,
): Promise<AssetRow | null> {
  const tag = assetTag(ctx.deviceId).toLowerCase();
  const byTag = (await client.assetsByTag(assetTag(ctx.deviceId))).find(
    (a) => a.asset_tag?.toLowerCase() === tag,
  );
  if (byTag) return byTag;
  for await (const page of client.clientAssets(clientId)) {
    const match = page.find(
      (a) =>
        a.rmm_device_id === String(ctx.deviceId) &&
        (a.rmm_provider ?? 'ninjaone').toLowerCase() === 'ninjaone',
    );
    if (match) return match;
  }
  return null;
}

export interface AssetLinkOutcome {
  state: 'linked' | 'skipped';
  assetId: string | null;
  message: string | null;
}

/** Finds (or, when allowed, creates) the device's asset and links it; an existing link counts as linked. */
export async function linkDeviceAsset(
  client: PsaClient,
  ticketId: string,
  ctx: OutboxContext,
  clientId: string,
  mode: AssetLinkMode,
): Promise<AssetLinkOutcome> {
  if (mode === 'off')
    return { state: 'skipped', assetId: null, message: 'Asset linking is off in Settings → Tickets.' };
  let asset = await findDeviceAsset(client, ctx, clientId);
  let created = false;
  if (!asset) {
    if (mode === 'find_only') {
      return {
        state: 'skipped',
        assetId: null,
        message: `Alga PSA has no asset for ${ctx.deviceName} (tag ${assetTag(ctx.deviceId)}), and creating assets is off in Settings → Tickets.`,
      };
    }
    asset = await client.createAsset({
      client_id: clientId,
      asset_type: algaAssetType(ctx.nodeClass),
      asset_tag: assetTag(ctx.deviceId),
      name: ctx.deviceName,
      status: 'active',
      ...(ctx.serial ? { serial_number: ctx.serial } : {}),
    });
    created = true;
  }
  const how = await client.linkAsset(ticketId, asset.asset_id);
  return {
    state: 'linked',
    assetId: asset.asset_id,
    message: created
      ? `Created asset ${assetTag(ctx.deviceId)} for ${ctx.deviceName} in Alga PSA and linked it.`
      : how === 'already_linked'
        ? 'The asset was already linked to the ticket.'
        : null,
  };
}
