import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import {
  claimRequestSchema,
  recordTicketRequestSchema,
  releaseClaimRequestSchema,
  seriesUidSchema,
  type LedgerAnswer,
} from '../../shared/relay/ledger';
import type { RelayContext } from '../context';
import type { LedgerCommand } from '../ledger/decide';
import type { TokenInfo } from '../store/store';
import { readInput } from './body';
import { requireConsole } from './console-auth';
import { HttpError, sendJson } from './respond';

const LEDGER_BODY_LIMIT = 16 * 1024;
const winning = new Set(['claimed', 'recorded', 'released']);

function seriesOf(raw: string): string {
  const parsed = seriesUidSchema.safeParse(decodeURIComponent(raw));
  if (!parsed.success) throw new HttpError(400, 'bad_series', 'That is not an alert series uid.');
  return parsed.data;
}

/** Runs one command under the store's ledger lock, streams the change, answers 200 or 409. */
async function change(ctx: RelayContext, res: ServerResponse, seriesUid: string, command: LedgerCommand) {
  const result = await ctx.changeLedger(seriesUid, command);
  const answer: LedgerAnswer = { outcome: result.outcome, entry: result.row?.entry ?? null };
  if (result.outcome === 'claimed' && result.row?.claimKey) answer.claimKey = result.row.claimKey;
  sendJson(res, winning.has(result.outcome) ? 200 : 409, answer);
}

/** A route that changes one series: console token, series uid, validated body, then the command. */
function ledgerChange<T extends z.ZodType>(
  schema: T,
  command: (request: z.output<T>, token: TokenInfo, ctx: RelayContext) => LedgerCommand,
) {
  return async (ctx: RelayContext, req: IncomingMessage, res: ServerResponse, raw: string) => {
    const token = await requireConsole(ctx, req);
    const seriesUid = seriesOf(raw);
    const request = await readInput(req, schema, LEDGER_BODY_LIMIT);
    await change(ctx, res, seriesUid, command(request, token, ctx));
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
export async function getEntry(ctx: RelayContext, req: IncomingMessage, res: ServerResponse, raw: string) {
  await requireConsole(ctx, req);
  const row = await ctx.store.getLedger(seriesOf(raw));
  if (!row) throw new HttpError(404, 'not_found', 'Nothing is recorded for that alert series.');
  sendJson(res, 200, { entry: row.entry });
}

/** `GET /v1/ledger?after=<seq>&limit=<n>`: entries changed after a sequence number, oldest change first. */
export async function listEntries(
  ctx: RelayContext,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
) {
  await requireConsole(ctx, req);
  const after = Number(query.get('after') ?? '0');
  const limit = Number(query.get('limit') ?? '500');
  if (!Number.isSafeInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new HttpError(400, 'bad_request', 'after must be a sequence number and limit 1-500.');
  const rows = await ctx.store.listLedger(after, limit);
  sendJson(res, 200, {
    entries: rows.map((r) => ({ seq: r.seq, entry: r.entry })),
    next: rows.length === limit ? rows.at(-1)!.seq : null,
  });
}
