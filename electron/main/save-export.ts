import { dialog, type BrowserWindow } from 'electron';
import { z } from 'zod';
import type { CoreLink } from './core-client';

const preparedSchema = z.object({
  id: z.string().min(1).max(100),
  fileName: z.string().regex(/^[\w.-]{1,120}\.csv$/),
});

/**
 * The desktop half of a CSV export: the technician picks the file in a native save dialog, and the
 * core (which holds the cache) writes it there. Main never sees the rows; the renderer never sees
 * the file system.
 */
export async function saveExport(
  payload: unknown,
  window: BrowserWindow | null,
  core: CoreLink,
): Promise<{ rows: number } | null> {
  const prepared = preparedSchema.parse(payload);
  const options = { defaultPath: prepared.fileName, filters: [{ name: 'CSV', extensions: ['csv'] }] };
  const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (chosen.canceled || !chosen.filePath) return null;
  const path = /\.csv$/i.test(chosen.filePath) ? chosen.filePath : `${chosen.filePath}.csv`;
  const written = await core.call('export.writeFile', { id: prepared.id, path });
  if (!written) throw new Error('The export could not be written: see the log.');
  return { rows: written.rows };
}
