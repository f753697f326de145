import type { FastifyRequest } from 'fastify';
import { epochToMs } from '../../core/ninjaone/time';
import { webhookActivitySchema } from '../../shared/relay/activity';
import type { RelayContext } from '../context';
import { jsonBodyOf } from './body';
import { HttpError } from './respond';

export const WEBHOOK_PATH = '/webhooks/ninjaone';

/** An onRequest hook: the webhook secret, checked before a byte of the body is read. */
export function requireWebhookSecret(ctx: RelayContext) {
  const header = ctx.config.secretHeader.toLowerCase();
  return async (req: FastifyRequest): Promise<void> => {
    if (!ctx.checkSecret(req.headers[header]))
      throw new HttpError(401, 'unauthorized', `Missing or wrong ${ctx.config.secretHeader} header.`, {
        close: true,
      });
  };
}

/**
 * `POST /webhooks/ninjaone`. The answer is 2xx only once the activity is durably committed (or was
 * already), so NinjaOne retries anything the relay did not keep. A refused request leaves nothing
 * behind. An activity older than retention is refused: its id may have been pruned, so it would
 * be taken as new (a replay).
 */
export function receiveWebhook(ctx: RelayContext) {
  return async (req: FastifyRequest) => {
    const { text, value } = jsonBodyOf(req);
    const parsed = webhookActivitySchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new HttpError(
        400,
        'bad_shape',
        `Not a NinjaOne activity: ${issue.path.join('.') || 'body'}: ${issue.message}`,
      );
    }
    const at = epochToMs(parsed.data.activityTime);
    if (at !== null && at < ctx.acceptedSince)
      throw new HttpError(
        422,
        'stale',
        `Activity ${parsed.data.id} is older than the relay keeps activities (${ctx.config.retentionSeconds} s), so it cannot be told from a replay; it was not stored.`,
      );
    let result;
    try {
      result = await ctx.webhooks.submit({ activityId: parsed.data.id, body: text });
    } catch (error) {
      ctx.logger.error('could not commit a webhook; answering 503 so NinjaOne retries', { error });
      throw new HttpError(503, 'store_unavailable', 'The relay could not store the event; retry later.', {
        headers: { 'Retry-After': '5' },
      });
    }
    ctx.metrics.lastWebhookAt = ctx.now();
    if (result.status === 'duplicate') ctx.metrics.duplicates += 1;
    else ctx.metrics.received += 1;
    return result;
  };
}
