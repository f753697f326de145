import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayContext } from '../context';
import { rejectReasons, type RejectReason } from '../metrics';
import { streamEvents } from './events-route';
import { claimSeries, getEntry, listEntries, recordTicket, releaseClaim } from './ledger-routes';
import { health, metrics } from './ops-routes';
import { changeSilence, listDecisions, listSilences, readRules, rulesState, saveRules } from './rules-routes';
import { HttpError, sendError } from './respond';
import { receiveWebhook } from './webhook-route';

const WEBHOOK_PATH = '/webhooks/ninjaone';
const ledgerPath = /^\/v1\/ledger\/([^/]+)(?:\/(claim|release))?$/;
const silencePath = /^\/v1\/silences\/([^/]+)$/;

function allow(req: IncomingMessage, ...methods: string[]): void {
  if (!methods.includes(req.method ?? ''))
    throw new HttpError(405, 'method_not_allowed', `Use ${methods.join(' or ')} here.`, {
      headers: { Allow: methods.join(', ') },
    });
}

async function route(
  ctx: RelayContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: string,
) {
  switch (path) {
    case WEBHOOK_PATH:
      allow(req, 'POST');
      return receiveWebhook(ctx, req, res);
    case '/v1/events':
      allow(req, 'GET');
      return streamEvents(ctx, req, res, new URLSearchParams(query));
    case '/v1/ledger':
      allow(req, 'GET');
      return listEntries(ctx, req, res, new URLSearchParams(query));
    case '/v1/admin/rules':
      allow(req, 'GET', 'PUT');
      return req.method === 'PUT' ? saveRules(ctx, req, res) : readRules(ctx, req, res);
    case '/v1/rules/state':
      allow(req, 'GET');
      return rulesState(ctx, req, res);
    case '/v1/decisions':
      allow(req, 'GET');
      return listDecisions(ctx, req, res, new URLSearchParams(query));
    case '/v1/silences':
      allow(req, 'GET');
      return listSilences(ctx, req, res);
    case '/healthz':
      allow(req, 'GET');
      return health(ctx, res);
    case '/metrics':
      allow(req, 'GET');
      return metrics(ctx, res);
  }
  const ledger = ledgerPath.exec(path);
  if (ledger) {
    const series = ledger[1]!;
    if (ledger[2]) {
      allow(req, 'POST');
      return ledger[2] === 'claim' ? claimSeries(ctx, req, res, series) : releaseClaim(ctx, req, res, series);
    }
    allow(req, 'GET', 'PUT');
    return req.method === 'PUT' ? recordTicket(ctx, req, res, series) : getEntry(ctx, req, res, series);
  }
  const silence = silencePath.exec(path);
  if (silence) {
    allow(req, 'PUT', 'DELETE');
    return changeSilence(ctx, req, res, silence[1]!);
  }
  throw new HttpError(404, 'not_found', 'No such endpoint.');
}

/** The request listener: routes, and turns every failure into a JSON answer (or a closed connection). */
export function relayRequestHandler(ctx: RelayContext, shuttingDown: () => boolean) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (shuttingDown()) res.setHeader('Connection', 'close');
    ctx.metrics.requestsInFlight += 1;
    let counted = true;
    const done = (): void => {
      if (counted) ctx.metrics.requestsInFlight -= 1;
      counted = false;
    };
    res.once('finish', done).once('close', done);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    route(ctx, req, res, path, q === -1 ? '' : url.slice(q + 1)).catch((error: unknown) => {
      const failure =
        error instanceof HttpError
          ? error
          : new HttpError(500, 'internal', 'The relay failed on this request; see its log.');
      if (path === WEBHOOK_PATH && (rejectReasons as readonly string[]).includes(failure.code)) {
        ctx.metrics.reject(failure.code as RejectReason);
        ctx.logger.info('refused a webhook', { reason: failure.code, remote: req.socket.remoteAddress });
      }
      if (!(error instanceof HttpError)) ctx.logger.error('request failed', { path, error });
      if (res.destroyed || res.writableEnded || req.socket.destroyed) return;
      sendError(res, failure);
    });
  };
}
