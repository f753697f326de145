import { randomBytes } from 'node:crypto';
import type { ExportRequest, PreparedExport } from '../../shared/contract/export';
import { exportFileName } from './export-rows';

/** How long a prepared export waits for its download or its save dialog. */
export const EXPORT_TTL_MS = 60_000;

interface Entry {
  request: ExportRequest;
  fileName: string;
  expiresAt: number;
}

/**
 * Exports asked for and not yet fetched. An id is random, single use and short-lived: a download URL
 * that leaks (history, a log) is worthless a minute later or once used.
 */
export class PreparedExports {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  prepare(request: ExportRequest): PreparedExport {
    this.sweep();
    const id = randomBytes(18).toString('base64url');
    const fileName = exportFileName(request, new Date(this.now()));
    this.entries.set(id, { request, fileName, expiresAt: this.now() + EXPORT_TTL_MS });
    return { id, fileName, downloadPath: `/export/${id}` };
  }

  /** The export for this id, once: null when unknown, used or expired. */
  take(id: string): { request: ExportRequest; fileName: string } | null {
    this.sweep();
    const entry = this.entries.get(id);
    if (!entry) return null;
    this.entries.delete(id);
    return { request: entry.request, fileName: entry.fileName };
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}
