import { randomBytes } from 'node:crypto';
import type { SimBehaviour } from './behaviour';
import type { SimClock } from './clock';
import type { SimDevice } from './model';
import type { Json } from './views';

/**
 * Family B (`/v2/queries/*`): the first call freezes the matching device ids in a snapshot that
 * expires; each page answers `{cursor: {name, offset, count, expires}, results}`, and the next call
 * passes `cursor=<name>`. Every page gets a fresh cursor name, so a client retrying a page after a
 * network error gets the same page again; rows are built per device as the walk reaches it. The
 * snapshot expires on a fixed deadline from the first call, or (`renewed`) a TTL after the last page.
 */
interface Snapshot {
  deviceIds: number[];
  rows: (device: SimDevice) => Json[];
  expiresAt: number;
}

interface Position {
  snapshot: Snapshot;
  deviceIndex: number;
  rowIndex: number;
  offset: number;
}

export interface QueryPage {
  cursor: { name: string; offset: number; count: number; expires: number };
  results: Json[];
}

export class QueryCursors {
  private readonly positions = new Map<string, Position>();

  constructor(
    private readonly clock: SimClock,
    private readonly expiry: () => SimBehaviour['cursor'],
  ) {}

  start(deviceIds: number[], rows: (device: SimDevice) => Json[]): Position {
    this.sweep();
    const snapshot = { deviceIds, rows, expiresAt: this.clock.seconds() + this.expiry().ttlSeconds };
    return { snapshot, deviceIndex: 0, rowIndex: 0, offset: 0 };
  }

  /** The position a cursor name stands for; `expired` also covers names the server no longer knows. */
  resume(name: string): Position | 'expired' {
    const position = this.positions.get(name);
    if (!position || position.snapshot.expiresAt <= this.clock.seconds()) return 'expired';
    return position;
  }

  page(position: Position, pageSize: number, device: (id: number) => SimDevice | undefined): QueryPage {
    const { snapshot } = position;
    const results: Json[] = [];
    let { deviceIndex, rowIndex } = position;
    while (results.length < pageSize && deviceIndex < snapshot.deviceIds.length) {
      const found = device(snapshot.deviceIds[deviceIndex]!);
      const rows = found ? snapshot.rows(found) : [];
      while (rowIndex < rows.length && results.length < pageSize) results.push(rows[rowIndex++]!);
      if (rowIndex >= rows.length) {
        deviceIndex++;
        rowIndex = 0;
      }
    }
    const expiry = this.expiry();
    if (expiry.model === 'renewed') snapshot.expiresAt = this.clock.seconds() + expiry.ttlSeconds;
    const name = randomBytes(12).toString('base64url');
    this.positions.set(name, { snapshot, deviceIndex, rowIndex, offset: position.offset + results.length });
    return {
      cursor: { name, offset: position.offset, count: results.length, expires: snapshot.expiresAt },
      results,
    };
  }

  private sweep(): void {
    const now = this.clock.seconds();
    for (const [name, position] of this.positions) {
      if (position.snapshot.expiresAt <= now) this.positions.delete(name);
    }
  }
}
