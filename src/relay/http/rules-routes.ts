import type { IncomingMessage, ServerResponse } from 'node:http';
import { saveRulesRequestSchema, silenceRequestSchema } from '../../shared/relay/rules';
import { isAdmin } from '../auth/admin-token';
import type { RelayContext } from '../context';
import { rulesStateOf } from '../store/rules-rows';
import { readInput } from './body';
import { requireConsole } from './console-auth';
import { HttpError, sendJson } from './respond';

const RULES_BODY_LIMIT = 512 * 1024;
const SILENCE_BODY_LIMIT = 4 * 1024;

function requireAdmin(ctx: RelayContext, req: IncomingMessage): void {
  if (!ctx.adminTokenHash)
    throw new HttpError(
      403,
      'rules_locked',
      'Rules editing is off on this relay: its administrator sets adminTokenHash (see `npm run relay -- admin-token`).',
    );
  if (!isAdmin(ctx.adminTokenHash, req.headers))
    throw new HttpError(401, 'unauthorized', 'Send the relay admin token as Authorization: Bearer <token>.', {
      headers: { 'WWW-Authenticate': 'Bearer realm="alga-relay-admin"' },
    });
}

/** `GET /v1/admin/rules`: the rules document. */
export async function readRules(ctx: RelayContext, req: IncomingMessage, res: ServerResponse) {
  requireAdmin(ctx, req);
  sendJson(res, 200, await ctx.store.getRules());
}

/** `PUT /v1/admin/rules`: saves the whole document if nobody saved since `expectedVersion` (else 409). */
export async function saveRules(ctx: RelayContext, req: IncomingMessage, res: ServerResponse) {
  requireAdmin(ctx, req);
  const request = await readInput(req, saveRulesRequestSchema, RULES_BODY_LIMIT);
  const result = await ctx.store.saveRules(request, ctx.now());
  if (result.event) ctx.hub.publish([result.event]);
  if (result.outcome === 'saved') {
    ctx.logger.info('rules saved', {
      version: result.document.version,
      rules: result.document.rules.length,
      by: request.by,
    });
    sendJson(res, 200, result.document);
  } else {
    sendJson(res, 409, {
      error: 'conflict',
      message: `The rules were changed by ${result.document.updatedBy ?? 'someone'} meanwhile (version ${result.document.version}): reload them and edit again.`,
      document: result.document,
    });
  }
}

/** `GET /v1/rules/state`: whether rules run (consoles then wait for a decision before notifying). */
export async function rulesState(ctx: RelayContext, req: IncomingMessage, res: ServerResponse) {
  await requireConsole(ctx, req);
  sendJson(res, 200, rulesStateOf(await ctx.store.getRules()));
}

function whole(raw: string | null, name: string, max: number): number | null {
  if (raw === null || raw === '') return null;
  if (!/^\d{1,15}$/.test(raw) || Number(raw) > max)
    throw new HttpError(400, 'bad_request', `${name} must be a whole number up to ${max}.`);
  return Number(raw);
}

/** `GET /v1/decisions?before=<id>&limit=<n>`: rule decisions, newest first. */
export async function listDecisions(
  ctx: RelayContext,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
) {
  await requireConsole(ctx, req);
  const before = whole(query.get('before'), 'before', Number.MAX_SAFE_INTEGER);
  const limit = whole(query.get('limit'), 'limit', 500) ?? 100;
  if (limit < 1) throw new HttpError(400, 'bad_request', 'limit must be 1-500.');
  const decisions = await ctx.store.listDecisions(before, limit);
  sendJson(res, 200, { decisions, next: decisions.length === limit ? decisions.at(-1)!.id : null });
}

/** `GET /v1/silences`: devices silenced now. */
export async function listSilences(ctx: RelayContext, req: IncomingMessage, res: ServerResponse) {
  await requireConsole(ctx, req);
  sendJson(res, 200, { silences: await ctx.store.listSilences(ctx.now()) });
}

/** `PUT /v1/silences/<deviceId>` silences a device until a time; `DELETE` lifts it. Both are streamed. */
export async function changeSilence(
  ctx: RelayContext,
  req: IncomingMessage,
  res: ServerResponse,
  raw: string,
) {
  await requireConsole(ctx, req);
  const deviceId = whole(raw, 'the device id', Number.MAX_SAFE_INTEGER)!;
  const silence =
    req.method === 'PUT'
      ? { deviceId, ...(await readInput(req, silenceRequestSchema, SILENCE_BODY_LIMIT)) }
      : { deviceId, until: null, by: null, reason: null };
  if (silence.until !== null && silence.until <= ctx.now())
    throw new HttpError(400, 'bad_request', 'until must be in the future.');
  const event = await ctx.store.setSilence(silence, ctx.now());
  ctx.hub.publish([event]);
  sendJson(res, 200, silence);
}
