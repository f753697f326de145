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

/**
 * After each page the export rests as long as the page took: it takes at most half of one CPU. The
 * console's window shares the machine with it, and on a two-core machine an export at full speed (a
 * core for a second, for 50,000 devices) left the list the technician kept scrolling beside it
 * dropping frames. At half speed the same export takes about two seconds. The rest is a timer, not
 * only a turn of the event loop, so that RPC calls are answered between pages and the CPU is free.
 */
const rest = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The export as a byte stream: the BOM, the header, then one cache page per chunk, paced (see `rest`)
 * so that it neither holds up the core's answers nor takes the CPU from the window. `progress` counts
 * data rows and bytes as they go.
 */
export function csvStream(cache: Cache, request: ExportRequest, progress?: CsvProgress): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    let header = true;
    let started = performance.now();
    for (const page of exportPages(cache, request)) {
      const text = (header ? utf8Bom : '') + page.map(csvLine).join('');
      const chunk = Buffer.from(text, 'utf8');
      if (progress) {
        if (!header) progress.rows += page.length;
        progress.bytes += chunk.length;
      }
      header = false;
      // Reading the page and writing its text; not the wait for the reader of the stream.
      const busy = performance.now() - started;
      yield chunk;
      await rest(busy);
      started = performance.now();
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
