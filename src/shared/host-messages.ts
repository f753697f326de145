import { z } from 'zod';
import { externalPurposes } from './external-url-policy';
import { callerRoles } from './rpc/define';
import { rpcErrorSchema } from './rpc/errors';

/**
 * The messages between Electron main and the core's utilityProcess over `process.parentPort`
 * (not the RPC contract: these are about running the core, not about what it serves). Both sides
 * validate what they receive.
 */
export const mainToCoreMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), cachePath: z.string().min(1), demo: z.boolean() }),
  /**
   * Carries one MessagePort: serve the RPC contract on it, to the renderer or to main itself. Only
   * main says which; the core serves the port in that role.
   */
  z.object({ type: z.literal('connect'), role: z.enum(callerRoles) }),
  /** main's gate decided on an `open-external` request; `error` is null when it opened the URL. */
  z.object({
    type: z.literal('open-external-result'),
    id: z.number().int(),
    error: rpcErrorSchema.nullable(),
  }),
]);
export type MainToCoreMessage = z.infer<typeof mainToCoreMessageSchema>;

export const coreToMainMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('failed'), error: rpcErrorSchema }),
  /** The core asks main's single `openExternal` gate to open a URL. */
  z.object({
    type: z.literal('open-external'),
    id: z.number().int(),
    url: z.string().max(8192),
    purpose: z.enum(externalPurposes),
  }),
  /** The hosts the gate may open (sent at start and on every change). */
  z.object({
    type: z.literal('trusted-origins'),
    origins: z.object({ ninjaone: z.string().nullable(), psa: z.string().nullable() }),
  }),
]);
export type CoreToMainMessage = z.infer<typeof coreToMainMessageSchema>;
