import { z } from 'zod';
import { procedure } from '../rpc/define';
import { epochMs } from './domain';

/** NinjaOne's regional instances (the tenant must use the host it signs in on). */
export const ninjaOneInstances = {
  app: 'app.ninjarmm.com',
  us2: 'us2.ninjarmm.com',
  eu: 'eu.ninjarmm.com',
  ca: 'ca.ninjarmm.com',
  oc: 'oc.ninjarmm.com',
} as const;
export type NinjaOneInstance = keyof typeof ninjaOneInstances;
export const ninjaOneInstanceSchema = z.enum(
  Object.keys(ninjaOneInstances) as [NinjaOneInstance, ...NinjaOneInstance[]],
);

/** The loopback redirect the console listens on unless configured otherwise (register it in NinjaOne). */
export const defaultRedirectPort = 48620;
export const defaultRedirectPath = '/callback';

export const ninjaOneStates = ['not_connected', 'connected', 'expired', 'needs_reconnect', 'error'] as const;
export type NinjaOneState = (typeof ninjaOneStates)[number];

export const ninjaOneStatusSchema = z.object({
  /**
   * `connected`: tokens are usable (refreshed when needed). `expired`: the access token ran out and
   * there is no refresh token (the app lacks the Refresh Token grant or offline_access): sign in
   * again. `needs_reconnect`: NinjaOne refused the refresh token (revoked, reused or expired);
   * `reason` says which. `error`: the keychain or NinjaOne could not be reached; `reason` says why.
   */
  state: z.enum(ninjaOneStates),
  instance: z.union([ninjaOneInstanceSchema, z.literal('custom')]).nullable(),
  /** Host of the NinjaOne instance, e.g. `eu.ninjarmm.com`. */
  host: z.string().nullable(),
  baseUrl: z.string().nullable(),
  clientId: z.string().nullable(),
  redirectUri: z.string().nullable(),
  scopes: z.array(z.string()),
  /** A refresh token is held, so the session renews itself. */
  canRefresh: z.boolean(),
  accessTokenExpiresAt: epochMs.nullable(),
  connectedAt: epochMs.nullable(),
  /** What the technician should know or do, for every state but `connected`. */
  reason: z.string().nullable(),
});
export type NinjaOneStatus = z.infer<typeof ninjaOneStatusSchema>;

const customHost = z
  .string()
  .trim()
  .min(3)
  .max(300)
  .describe('A branded or partner host such as acme.rmmservice.com, or a full https:// origin');

export const ninjaOneConnectInputSchema = z
  .object({
    instance: ninjaOneInstanceSchema.optional(),
    host: customHost.optional(),
    clientId: z.string().trim().min(1).max(200),
    /** Must match the redirect URI registered on the NinjaOne app: http://127.0.0.1:<port><path>. */
    redirectPort: z.number().int().min(1024).max(65535).optional(),
    redirectPath: z
      .string()
      .max(200)
      .regex(/^\/[A-Za-z0-9._~\-/]*$/, 'a path such as /callback')
      .optional(),
  })
  .refine((v) => (v.instance === undefined) !== (v.host === undefined), {
    message: 'Give either an instance (app, us2, eu, ca, oc) or a custom host, not both.',
    path: ['instance'],
  });
export type NinjaOneConnectInput = z.infer<typeof ninjaOneConnectInputSchema>;

/**
 * How fast this console may call its NinjaOne host: a steady rate and a burst, shared by the sync, the
 * status sweep, remote connect and device actions. NinjaOne publishes no limits and every console of
 * the tenant draws on the same ones, so the default is conservative; raise it for a large fleet.
 */
export const requestBudgetSchema = z.object({
  requestsPerSecond: z.number().min(0.5).max(1000),
  burst: z.number().int().min(1).max(1000),
});
export type RequestBudget = z.infer<typeof requestBudgetSchema>;
export const defaultRequestBudget: RequestBudget = { requestsPerSecond: 10, burst: 20 };

export const ninjaOneProcedures = {
  'ninjaone.connect': procedure({
    summary:
      'Sign in to NinjaOne in the browser (authorization code + PKCE through a loopback redirect); resolves when the tokens are stored.',
    input: ninjaOneConnectInputSchema,
    output: ninjaOneStatusSchema,
  }),
  'ninjaone.status': procedure({
    summary: 'Whether the console is connected to NinjaOne, to which host, and what to do if not.',
    input: z.object({}).default({}),
    output: ninjaOneStatusSchema,
  }),
  'ninjaone.disconnect': procedure({
    summary:
      'Forget the NinjaOne tokens (keychain); optionally remove the webhook this app configured first.',
    input: z.object({ removeWebhook: z.boolean().default(false) }).default({ removeWebhook: false }),
    output: ninjaOneStatusSchema.extend({
      /** null when removal was not asked for; false when NinjaOne refused or could not be reached. */
      webhookRemoved: z.boolean().nullable(),
    }),
  }),
  'ninjaone.requestBudget': procedure({
    summary: 'How fast the console may call NinjaOne (requests per second and burst).',
    input: z.object({}).default({}),
    output: requestBudgetSchema,
  }),
  'ninjaone.setRequestBudget': procedure({
    summary: 'Change how fast the console may call NinjaOne; applies at once, to the running sync too.',
    input: requestBudgetSchema,
    output: requestBudgetSchema,
  }),
};

export const ninjaOneEvents = {
  /** The connection state changed (sign-in, refresh refused, disconnect, ...). */
  'ninjaone.statusChanged': ninjaOneStatusSchema,
};
