import { z } from 'zod';
import { procedure } from '../rpc/define';
import { errorCodes } from '../rpc/errors';
import { pageOf, pageRequest } from '../rpc/paging';
import { epochMs } from './domain';

/** Lenient like Alga's own zod 3 check: any 8-4-4-4-12 hex string. */
const uuidLike = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

export const psaConnectInputSchema = z.object({
  /** The Alga PSA address, e.g. https://algapsa.com (a pasted /api/v1 suffix is fine). */
  baseUrl: z.string().trim().min(1).max(500),
  /** The API key from Alga (Profile → API Keys). Stored in the OS keychain only. */
  apiKey: z.string().trim().min(8).max(500),
  /** Optional x-tenant-id; Alga derives the tenant from the key when it is missing. */
  tenantId: uuidLike.nullish(),
});

export const psaHealthStates = ['unknown', 'ok', 'unreachable', 'unauthorized', 'error'] as const;

export const psaStatusSchema = z.object({
  configured: z.boolean(),
  baseUrl: z.string().nullable(),
  host: z.string().nullable(),
  tenantId: z.string().nullable(),
  connectedAt: epochMs.nullable(),
  health: z.object({
    state: z.enum(psaHealthStates),
    checkedAt: epochMs.nullable(),
    code: z.enum(errorCodes).nullable(),
    message: z.string().nullable(),
  }),
  referenceData: z.object({
    refreshedAt: epochMs.nullable(),
    clients: z.number().int().nonnegative(),
    boards: z.number().int().nonnegative(),
    statuses: z.number().int().nonnegative(),
    priorities: z.number().int().nonnegative(),
    lastError: z.string().nullable(),
  }),
  outbox: z.object({
    pending: z.number().int().nonnegative(),
    sending: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    sent: z.number().int().nonnegative(),
  }),
});
export type PsaStatus = z.infer<typeof psaStatusSchema>;

export const psaTestResultSchema = z.object({
  ok: z.boolean(),
  host: z.string().nullable(),
  latencyMs: z.number().int().nonnegative().nullable(),
  /** Tickets visible to the key, when the PSA said. */
  ticketCount: z.number().int().nonnegative().nullable(),
  code: z.enum(errorCodes).nullable(),
  message: z.string(),
});

const statusSchema = z.object({
  id: z.string(),
  name: z.string(),
  isDefault: z.boolean(),
  isClosed: z.boolean(),
  order: z.number().nullable(),
});

export const psaReferenceDataSchema = z.object({
  refreshedAt: epochMs.nullable(),
  boards: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        isDefault: z.boolean(),
        inactive: z.boolean(),
        statuses: z.array(statusSchema).max(500),
      }),
    )
    .max(500),
  priorities: z.array(z.object({ id: z.string(), name: z.string(), order: z.number().nullable() })).max(500),
  clientCount: z.number().int().nonnegative(),
});

export const psaClientSchema = z.object({ id: z.string(), name: z.string(), inactive: z.boolean() });

export const mappingStates = ['mapped', 'suggested', 'unmapped'] as const;

export const mappingFilterSchema = z.object({
  states: z.array(z.enum(mappingStates)).optional(),
  search: z.string().trim().max(200).optional(),
});
export type MappingFilter = z.infer<typeof mappingFilterSchema>;

export const mappingRowSchema = z.object({
  organizationId: z.number().int(),
  organizationName: z.string(),
  deviceCount: z.number().int().nonnegative(),
  /** The client tickets use (confirmed or chosen); `exists` is false when it vanished from the PSA. */
  client: z.object({ id: z.string(), name: z.string(), exists: z.boolean() }).nullable(),
  /** The best client by normalized name; `exact` when the normalized names are equal. */
  suggestion: z
    .object({ id: z.string(), name: z.string(), score: z.number().min(0).max(1), exact: z.boolean() })
    .nullable(),
  state: z.enum(mappingStates),
});
export type MappingRow = z.infer<typeof mappingRowSchema>;

const organizationIds = z.array(z.number().int()).min(1).max(500);

export const psaProcedures = {
  'psa.status': procedure({
    summary: 'The PSA connection, its health, the reference data and the outbox counts.',
    input: z.object({}).default({}),
    output: psaStatusSchema,
  }),
  'psa.connect': procedure({
    summary: 'Tests and saves the Alga PSA connection (API key to the keychain), then loads reference data.',
    input: psaConnectInputSchema,
    output: psaStatusSchema,
  }),
  'psa.testConnection': procedure({
    summary: 'Tries the given (or the saved) connection with one cheap call and reports what happened.',
    input: psaConnectInputSchema.partial().default({}),
    output: psaTestResultSchema,
  }),
  'psa.disconnect': procedure({
    summary: 'Forgets the PSA address and removes the API key from the keychain; queued tickets wait.',
    input: z.object({}).default({}),
    output: psaStatusSchema,
  }),
  'psa.referenceData': procedure({
    summary: 'Boards with their statuses, and priorities, as cached (no network).',
    input: z.object({}).default({}),
    output: psaReferenceDataSchema,
  }),
  'psa.refreshReferenceData': procedure({
    summary:
      'Fetches clients, boards, statuses and priorities from the PSA and refreshes mapping suggestions.',
    input: z.object({}).default({}),
    output: psaReferenceDataSchema,
  }),
  'psa.clients': procedure({
    summary: 'A page of cached PSA clients by name (for pickers).',
    input: z.object({ ...pageRequest, search: z.string().trim().max(200).optional() }),
    output: pageOf(psaClientSchema),
  }),
  'mapping.list': procedure({
    summary: 'A page of organizations with their PSA client and suggestion.',
    input: z.object({ ...pageRequest, filter: mappingFilterSchema.default({}) }),
    output: pageOf(mappingRowSchema),
  }),
  'mapping.confirm': procedure({
    summary: 'Accepts the suggested client of one or many organizations.',
    input: z.object({ organizationIds }),
    output: z.object({ confirmed: z.array(z.number().int()), skipped: z.array(z.number().int()) }),
  }),
  'mapping.change': procedure({
    summary: 'Maps an organization to a client the technician picked.',
    input: z.object({ organizationId: z.number().int(), clientId: z.string().min(1).max(100) }),
    output: mappingRowSchema,
  }),
  'mapping.clear': procedure({
    summary: 'Removes the client of one or many organizations (suggestions stay).',
    input: z.object({ organizationIds }),
    output: z.object({ cleared: z.number().int().nonnegative() }),
  }),
  'mapping.refreshSuggestions': procedure({
    summary: 'Recomputes suggestions from organization and client names.',
    input: z.object({}).default({}),
    output: z.object({
      organizations: z.number().int().nonnegative(),
      suggested: z.number().int().nonnegative(),
    }),
  }),
};

export const psaEvents = {
  /** The connection, its health or the reference data changed. */
  'psa.statusChanged': psaStatusSchema,
  /** Mapping rows changed; `organizationIds` null means any. */
  'mapping.changed': z.object({ organizationIds: z.array(z.number().int()).max(1000).nullable() }),
};
