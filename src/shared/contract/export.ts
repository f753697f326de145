import { z } from 'zod';
import { procedure } from '../rpc/define';
import { alertFilterSchema } from './alerts';
import { assetFilterSchema, assetSortSchema } from './assets';

/** Most rows one selection may name; a whole filtered list has no such limit. */
export const MAX_EXPORT_SELECTION = 50_000;

/**
 * What a CSV export holds: a list's current filter (every matching row, in the list's order) or the
 * rows a technician selected. The core reads them from the cache page by page; the renderer never
 * holds them.
 */
export const exportRequestSchema = z.discriminatedUnion('list', [
  z.object({
    list: z.literal('assets'),
    filter: assetFilterSchema.default({}),
    sort: assetSortSchema.default({ field: 'name', direction: 'asc' }),
    ids: z.array(z.number().int()).min(1).max(MAX_EXPORT_SELECTION).optional(),
  }),
  z.object({
    list: z.literal('alerts'),
    filter: alertFilterSchema.default({ states: ['open'] }),
    uids: z.array(z.string().min(1).max(100)).min(1).max(MAX_EXPORT_SELECTION).optional(),
  }),
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
