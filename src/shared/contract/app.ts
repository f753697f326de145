import { z } from 'zod';
import { procedure } from '../rpc/define';
import { externalPurposes } from '../external-url-policy';
import { cacheTopics } from './cache-topics';
import { epochMs } from './domain';

export const appProcedures = {
  'app.info': procedure({
    summary: 'Version, cache location and size: what the status bar and About show.',
    input: z.object({}).default({}),
    output: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      cachePath: z.string(),
      deviceCount: z.number().int().nonnegative(),
      lastSyncAt: epochMs.nullable(),
      demo: z.boolean(),
      /** The IANA time zone the core runs in: the one quiet hours are read in. */
      timeZone: z.string().max(100),
    }),
  }),
  'app.startDemo': procedure({
    summary:
      'Starts the demo workspace: NinjaOne and Alga PSA simulators inside the core, signed in, synced, alerts firing.',
    input: z.object({}).default({}),
    output: z.object({ active: z.boolean() }),
  }),
  'app.leaveDemo': procedure({
    summary: 'Leaves the demo workspace: disconnects from the simulators and clears the cache.',
    input: z.object({}).default({}),
    output: z.object({ active: z.boolean() }),
  }),
  'profile.get': procedure({
    summary: 'The name this console signs acknowledgements, claims and audit rows with.',
    input: z.object({}).default({}),
    output: z.object({ name: z.string(), fromSettings: z.boolean() }),
  }),
  'profile.set': procedure({
    summary: 'Set (or clear, with null) the technician name; the OS account name is used otherwise.',
    input: z.object({ name: z.string().trim().min(1).max(100).nullable() }),
    output: z.object({ name: z.string(), fromSettings: z.boolean() }),
  }),
};

export const appEvents = {
  /** The demo workspace started or was left. */
  'app.demoChanged': z.object({ active: z.boolean() }),
  /**
   * Web mode only: the core asks the page to open a URL in a new tab (sign-in, remote connect).
   * In Electron the core asks main instead, whose allow-listed gate opens it.
   */
  'shell.openExternal': z.object({ url: z.string().url(), purpose: z.enum(externalPurposes) }),
  /** Rows changed in the cache; views refetch only what they show. */
  'cache.changed': z.object({
    tables: z.array(z.enum(cacheTopics)),
    ids: z
      .array(z.union([z.number(), z.string()]))
      .max(1000)
      .optional(),
  }),
};
