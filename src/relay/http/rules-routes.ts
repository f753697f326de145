import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { saveRulesRequestSchema, silenceRequestSchema } from '../../shared/relay/rules';
import type { RelayContext } from '../context';
import { rulesStateOf } from '../store/rules-rows';
import { inputOf } from './body';
import { HttpError } from './respond';

export const RULES_BODY_LIMIT = 512 * 1024;
export const SILENCE_BODY_LIMIT = 4 * 1024;

/** A whole number in a path or query, up to `max`; `name` is how the 400 names it. */
const whole = (name: string, max: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/, `${name} must be a whole number up to ${max}.`)
    .transform(Number)
    .refine((n) => n <= max, `${name} must be a whole number up to ${max}.`);

export const decisionsQuery = z.object({
  before: z
    .union([z.literal(''), whole('before', Number.MAX_SAFE_INTEGER)])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v)),
  limit: z
    .union([z.literal(''), whole('limit', 500)])
    .optional()
    .transform((v) => (v === '' || v === undefined ? 100 : v))
    .refine((n) => n >= 1, 'limit must be 1-500.'),
});
export const deviceParams = z.object({ deviceId: whole('the device id', Number.MAX_SAFE_INTEGER) });

/** `GET /v1/admin/rules`: the rules document. */
export function readRules(ctx: RelayContext) {
  return () => ctx.store.getRules();
}

/** `PUT /v1/admin/rules`: saves the whole document if nobody saved since `expectedVersion` (else 409). */
export function saveRules(ctx: RelayContext) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const request = inputOf(req, saveRulesRequestSchema);
    const result = await ctx.store.saveRules(request, ctx.now());
    if (result.event) ctx.hub.publish([result.event]);
    if (result.outcome === 'saved') {
      ctx.logger.info('rules saved', {
        version: result.document.version,
        rules: result.document.rules.length,
        by: request.by,
      });
      return result.document;
    }
    return reply.code(409).send({
      error: 'conflict',
      message: `The rules were changed by ${result.document.updatedBy ?? 'someone'} meanwhile (version ${result.document.version}): reload them and edit again.`,
      document: result.document,
    });
  };
}

/** `GET /v1/rules/state`: whether rules run (consoles then wait for a decision before notifying). */
export function rulesState(ctx: RelayContext) {
  return async () => rulesStateOf(await ctx.store.getRules());
}

/** `GET /v1/decisions?before=<id>&limit=<n>`: rule decisions, newest first. */
export function listDecisions(ctx: RelayContext) {
  return async (req: FastifyRequest<{ Querystring: z.output<typeof decisionsQuery> }>) => {
    const { before, limit } = req.query;
    const decisions = await ctx.store.listDecisions(before, limit);
    return { decisions, next: decisions.length === limit ? decisions.at(-1)!.id : null };
  };
}

/** `GET /v1/silences`: devices silenced now. */
export function listSilences(ctx: RelayContext) {
  return async () => ({ silences: await ctx.store.listSilences(ctx.now()) });
}

/** `PUT /v1/silences/<deviceId>` silences a device until a time; `DELETE` lifts it. Both are streamed. */
export function changeSilence(ctx: RelayContext) {
  return async (req: FastifyRequest<{ Params: z.output<typeof deviceParams> }>) => {
    const { deviceId } = req.params;
    const silence =
      req.method === 'PUT'
        ? { deviceId, ...inputOf(req, silenceRequestSchema) }
        : { deviceId, until: null, by: null, reason: null };
    if (silence.until !== null && silence.until <= ctx.now())
      throw new HttpError(400, 'bad_request', 'until must be in the future.');
    const event = await ctx.store.setSilence(silence, ctx.now());
    ctx.hub.publish([event]);
    return silence;
  };
}
