import { z } from 'zod';
import { procedure } from '../rpc/define';
import { alertFilterSchema } from './alerts';
import { assetFilterSchema, assetSortSchema } from './assets';
import { patchDeviceQuerySchema } from './patches';
import { softwareInstallQuerySchema } from './software';

/** Most rows one selection may name; a whole filtered list has no such limit. */
export const MAX_EXPORT_SELECTION = 50_000;

/** Selected devices, by NinjaOne device id. */
const deviceSelection = z.array(z.number().int()).min(1).max(MAX_EXPORT_SELECTION).optional();

/**
 * What a CSV export holds: a list's current query (every matching row, in the list's order) or the
 * rows a technician selected. The core reads them from the cache page by page; the renderer never
 * holds them. The patch and software drill-downs take the query of the procedure that lists them,
 * so an export cannot drift from what the list shows.
 */
export const exportRequestSchema = z.discriminatedUnion('list', [
  z.object({
    list: z.literal('assets'),
    filter: assetFilterSchema.default({}),
    sort: assetSortSchema.default({ field: 'name', direction: 'asc' }),
    ids: deviceSelection,
  }),
  z.object({
    list: z.literal('alerts'),
    filter: alertFilterSchema.default({ states: ['open'] }),
    uids: z.array(z.string().min(1).max(100)).min(1).max(MAX_EXPORT_SELECTION).optional(),
  }),
  /** `patches.devices`: the devices of a patch, or those with patches pending for long. */
  patchDeviceQuerySchema.extend({ list: z.literal('patchDevices'), ids: deviceSelection }),
  /** `software.installs`: the installations of a title or the answer to a question. */
  softwareInstallQuerySchema.extend({ list: z.literal('softwareInstalls'), ids: deviceSelection }),
]);
export type ExportRequest = z.infer<typeof exportRequestSchema>;
export type ExportRequestInput = z.input<typeof exportRequestSchema>;

export const preparedExportSchema = z.object({
  /** Single use, valid for a minute. */
  id: z.string(),
  fileName: z.string(),
  /** Web form: GET this path with `?token=` (the session token) to download the file. */
  downloadPath: z.string(),
});
export type PreparedExport = z.infer<typeof preparedExportSchema>;

export const exportProcedures = {
  'export.prepare': procedure({
    summary: 'Prepares a CSV export of a list (its filter, or the selected rows); answers where to fetch it.',
    input: exportRequestSchema,
    output: preparedExportSchema,
  }),
  'export.writeFile': procedure({
    summary: 'Desktop: writes a prepared export to the file the technician chose in the save dialog.',
    // It writes wherever it is told: only main, after its own save dialog, may say where. A
    // compromised window must not choose a path.
    callers: ['shell'],
    input: z.object({
      id: z.string().min(1).max(100),
      path: z
        .string()
        .min(1)
        .max(4096)
        .refine((p) => /\.csv$/i.test(p), 'The file must end in .csv.'),
    }),
    output: z.object({ rows: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  }),
};
