import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  claimRequestSchema,
  recordTicketRequestSchema,
  releaseClaimRequestSchema,
  seriesUidSchema,
  type LedgerAnswer,
} from '../../shared/relay/ledger';
import type { RelayContext } from '../context';
import type { LedgerCommand } from '../ledger/ledger-decision';
import type { TokenInfo } from '../store/store';
import { inputOf } from './body';
import { tokenOf } from './console-auth';
import { HttpError } from './respond';

export const LEDGER_BODY_LIMIT = 16 * 1024;
const winning = new Set(['claimed', 'recorded', 'released']);

export const seriesParams = z.object({ seriesUid: seriesUidSchema });
export const ledgerListQuery = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(500),
});

type SeriesRequest = FastifyRequest<{ Params: z.output<typeof seriesParams> }>;

/** A route that changes one series: validated body, then the command under the store's ledger lock. */
function ledgerChange<T extends z.ZodType>(
  schema: T,
  command: (request: z.output<T>, token: TokenInfo, ctx: RelayContext) => LedgerCommand,
) {
  return (ctx: RelayContext) => async (req: SeriesRequest, reply: FastifyReply) => {
    const request = inputOf(req, schema);
    const result = await ctx.changeLedger(req.params.seriesUid, command(request, tokenOf(req), ctx));
    const answer: LedgerAnswer = { outcome: result.outcome, entry: result.row?.entry ?? null };
    if (result.outcome === 'claimed' && result.row?.claimKey) answer.claimKey = result.row.claimKey;
    return reply.code(winning.has(result.outcome) ? 200 : 409).send(answer);
  };
}

/** `POST /v1/ledger/<seriesUid>/claim`: claimed (200), or who holds it / which ticket exists (409). */
export const claimSeries = ledgerChange(claimRequestSchema, (request, token, ctx) => ({
  op: 'claim',
  request,
  caller: { by: request.by, via: token.name },
  defaultTtlSeconds: ctx.config.claimTtlSeconds,
}));

/** `PUT /v1/ledger/<seriesUid>`: records the ticket created for the series. */
export const recordTicket = ledgerChange(recordTicketRequestSchema, (request) => ({ op: 'record', request }));

/** `POST /v1/ledger/<seriesUid>/release`: gives a claim up (ticket creation failed for good). */
export const releaseClaim = ledgerChange(releaseClaimRequestSchema, ({ claimKey }) => ({
  op: 'release',
  claimKey,
}));

/** `GET /v1/ledger/<seriesUid>`. */
export function getEntry(ctx: RelayContext) {
  return async (req: SeriesRequest) => {
    const row = await ctx.store.getLedger(req.params.seriesUid);
    if (!row) throw new HttpError(404, 'not_found', 'Nothing is recorded for that alert series.');
    return { entry: row.entry };
  };
}

/** `GET /v1/ledger?after=<seq>&limit=<n>`: entries changed after a sequence number, oldest change first. */
export function listEntries(ctx: RelayContext) {
  return async (req: FastifyRequest<{ Querystring: z.output<typeof ledgerListQuery> }>) => {
    const { after, limit } = req.query;
    const rows = await ctx.store.listLedger(after, limit);
    return {
      entries: rows.map((r) => ({ seq: r.seq, entry: r.entry })),
      next: rows.length === limit ? rows.at(-1)!.seq : null,
    };
  };
}
