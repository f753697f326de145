import { describe, expect, it } from 'vitest';
import type { Page } from '../../src/core/ninjaone';
import { AppError } from '../../src/shared/rpc/errors';
import {
  SPLIT_RESTARTS,
  slotAfter,
  splitAt,
  walkSplits,
  type DeviceSlot,
  type SplitCut,
} from '../../src/core/sync/query-splits';

/**
 * How a fleet query is cut so each cursor fits its life: whole organizations up to a size, large
 * ones (and devices without one) by device id; a walk resumes after the last finished split, and a
 * split whose cursor expires is read again smaller, a bounded number of times.
 */
function layout(orgs: [org: number | null, devices: number][]): DeviceSlot[] {
  let id = 1000;
  return orgs.flatMap(([organizationId, n]) =>
    Array.from({ length: n }, () => ({ organizationId, id: id++ })),
  );
}

const expired = (): AppError =>
  new AppError('upstream_error', 'NinjaOne expired the cursor.', {
    host: 'h',
    path: '/p',
    cursorExpired: true,
  });

/** Pages of three rows (one per device) of the split's filter; `expireOn(devices)` expires a walk after its first page. */
function fakeQuery(slots: DeviceSlot[], expireOn: (devices: number) => boolean) {
  const calls: string[] = [];
  const pages = async function* (df: string): AsyncGenerator<Page<unknown>> {
    calls.push(df);
    const ids = df.startsWith('id in')
      ? df.slice(7, -1).split(',').map(Number)
      : slots
          .filter((s) => {
            const orgs = df.startsWith('org = ')
              ? [Number(df.slice(6))]
              : df.slice(8, -1).split(',').map(Number);
            return s.organizationId !== null && orgs.includes(s.organizationId);
          })
          .map((s) => s.id);
    for (let i = 0; i < ids.length; i += 3) {
      if (i > 0 && expireOn(ids.length)) throw expired();
      await Promise.resolve();
      yield {
        items: ids.slice(i, i + 3).map((deviceId) => ({ deviceId })),
        quarantined: [],
        restarted: false,
      };
    }
  };
  return { calls, pages };
}

async function walk(
  slots: DeviceSlot[],
  options: { cut?: SplitCut | null; devices?: number; expireOn?: (devices: number) => boolean } = {},
) {
  const query = fakeQuery(slots, options.expireOn ?? (() => false));
  const seen: number[] = [];
  const cuts: SplitCut[] = [];
  let pending: number[] = [];
  const sizer = { devices: options.devices ?? 10 };
  await walkSplits({
    layout: slots,
    cut: options.cut ?? null,
    sizer,
    pages: query.pages,
    onPage: (page) => pending.push(...page.items.map((i) => (i as { deviceId: number }).deviceId)),
    onRestart: () => (pending = []),
    onSplitDone: (cut) => {
      seen.push(...pending);
      pending = [];
      cuts.push(cut);
    },
  });
  return { seen, cuts, calls: query.calls, sizer };
}

describe('fleet query splits', () => {
  it('groups small organizations, slices a large one by device id, and keeps devices without one apart', () => {
    const slots = layout([
      [null, 3],
      [1, 4],
      [2, 5],
      [3, 25],
      [4, 2],
    ]);
    expect(splitAt(slots, 0, 10)).toMatchObject({ df: 'id in (1000,1001,1002)', to: 3 });
    expect(splitAt(slots, 3, 10)).toMatchObject({ df: 'org in (1,2)', to: 12 });
    expect(splitAt(slots, 12, 10).df).toBe(
      `id in (${slots
        .slice(12, 22)
        .map((s) => s.id)
        .join(',')})`,
    );
    expect(splitAt(slots, 22, 10).to).toBe(32);
    expect(splitAt(slots, 37, 10)).toMatchObject({ df: 'org = 4', to: 39 });
  });

  it('reads every device once, and resumes after the last finished split', async () => {
    const slots = layout([
      [null, 2],
      [1, 4],
      [2, 30],
      [3, 3],
    ]);
    const whole = await walk(slots);
    expect(whole.seen).toEqual(slots.map((s) => s.id));
    const cut = whole.cuts[1]!;
    expect(slotAfter(slots, cut)).toBe(6);
    const resumed = await walk(slots, { cut });
    expect(resumed.seen).toEqual(slots.slice(6).map((s) => s.id));
    expect(resumed.calls).toHaveLength(whole.calls.length - 2);
  });

  it('reads a split again, smaller, when its cursor expires, and the later splits start smaller', async () => {
    const slots = layout([[1, 40]]);
    // A cursor lives long enough for 12 devices' rows.
    const walked = await walk(slots, { devices: 40, expireOn: (devices) => devices > 12 });
    expect(walked.seen.sort()).toEqual(slots.map((s) => s.id));
    expect(walked.sizer.devices).toBeLessThanOrEqual(12);
    // One cut short, then splits that fit.
    expect(walked.calls.length).toBe(1 + walked.cuts.length);
  });

  it(`gives up on a split after ${SPLIT_RESTARTS} restarts even at one device`, async () => {
    const slots = layout([[1, 1]]);
    let calls = 0;
    const pages = async function* (): AsyncGenerator<Page<unknown>> {
      calls++;
      yield { items: [{ deviceId: 1000 }], quarantined: [], restarted: false };
      await Promise.resolve();
      throw expired();
    };
    const error = await walkSplits({
      layout: slots,
      cut: null,
      sizer: { devices: 1 },
      pages,
      onPage: () => undefined,
      onRestart: () => undefined,
      onSplitDone: () => undefined,
    }).catch((e: unknown) => e);
    expect((error as AppError).details).toMatchObject({ cursorExpired: true });
    expect(calls).toBe(SPLIT_RESTARTS + 1);
  });
});
