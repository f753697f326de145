import { z } from 'zod';
import { procedure } from '../rpc/define';
import { pageOf, pageRequest } from '../rpc/paging';
import { versionOperators } from '../version-compare';
import { agentStatusSchema, epochMs } from './domain';

export const softwareTitleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  publisher: z.string().nullable(),
  devices: z.number().int().nonnegative(),
  versions: z.number().int().nonnegative(),
});

export const versionConditionSchema = z.object({
  op: z.enum(versionOperators),
  value: z.string().min(1).max(100),
});

export const softwareInstallSchema = z.object({
  deviceId: z.number().int(),
  deviceName: z.string(),
  organizationName: z.string().nullable(),
  agentStatus: agentStatusSchema,
  titleId: z.number().int(),
  title: z.string(),
  version: z.string().nullable(),
  installDate: epochMs.nullable(),
});

/**
 * Which installations `software.installs` lists: a title by name (or one title by id), optionally
 * with a version condition. A CSV export of that list takes the same query.
 */
export const softwareInstallQuerySchema = z.object({
  name: z.string().trim().min(1).max(200),
  version: versionConditionSchema.optional(),
  titleId: z.number().int().optional(),
});

export const softwareProcedures = {
  'software.titles': procedure({
    summary: 'Installed titles across the fleet with how many devices have each, most common first.',
    input: z.object({ ...pageRequest, search: z.string().trim().max(200).optional() }),
    output: pageOf(softwareTitleSchema),
  }),
  'software.versions': procedure({
    summary: 'How many devices run each version of one title.',
    input: z.object({ titleId: z.number().int() }),
    output: z.object({
      versions: z
        .array(z.object({ version: z.string().nullable(), devices: z.number().int().nonnegative() }))
        .max(1000),
      truncated: z.boolean(),
    }),
  }),
  'software.installs': procedure({
    summary:
      'Devices with a title (matched by name) and optionally a version condition ("Chrome below 120").',
    input: softwareInstallQuerySchema.extend(pageRequest),
    output: pageOf(softwareInstallSchema),
  }),
  'assets.software': procedure({
    summary: "One device's installed software, optionally filtered by name.",
    input: z.object({ ...pageRequest, id: z.number().int(), search: z.string().trim().max(200).optional() }),
    output: pageOf(
      z.object({
        titleId: z.number().int(),
        name: z.string(),
        publisher: z.string().nullable(),
        version: z.string().nullable(),
        installDate: epochMs.nullable(),
        sizeBytes: z.number().nullable(),
      }),
    ),
  }),
};
