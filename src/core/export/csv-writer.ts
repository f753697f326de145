import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportRequest } from '../../shared/contract/export';
import type { Cache } from '../cache/cache';
import { csvLine, utf8Bom } from './csv';
import { exportPages } from './export-rows';

export interface CsvProgress {
  rows: number;
  bytes: number;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The export as a byte stream: the BOM, the header, then one cache page per chunk. Between pages it
 * waits a turn of the event loop, so RPC calls that arrive during a 50,000-row export are answered
 * between two pages rather than after the last. `progress` counts data rows and bytes as they go.
 */
export function csvStream(cache: Cache, request: ExportRequest, progress?: CsvProgress): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    let header = true;
    for (const page of exportPages(cache, request)) {
      const text = (header ? utf8Bom : '') + page.map(csvLine).join('');
      const chunk = Buffer.from(text, 'utf8');
      if (progress) {
        if (!header) progress.rows += page.length;
        progress.bytes += chunk.length;
      }
      header = false;
      yield chunk;
      await nextTurn();
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * Writes the export to `path` through a temporary file renamed at the end, so a failed or cancelled
 * export never leaves half a CSV under the name the technician chose.
 */
export async function writeCsvFile(cache: Cache, request: ExportRequest, path: string): Promise<CsvProgress> {
  const progress: CsvProgress = { rows: 0, bytes: 0 };
  const partial = `${path}.partial`;
  try {
    await pipeline(csvStream(cache, request, progress), createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return progress;
}
