import type { IncomingMessage, ServerResponse } from 'node:http';
import { webhookActivitySchema } from '../../shared/relay/activity';
import type { RelayContext } from '../context';
import { readJsonBody } from './body';
import { HttpError, sendJson } from './respond';

/**
 * `POST /webhooks/ninjaone`. The secret is checked before a byte of the body is read; the answer is
 * 2xx only once the activity is durably committed (or was already), so NinjaOne retries anything
 * the relay did not keep. A refused request leaves nothing behind.
 */
export async function receiveWebhook(ctx: RelayContext, req: IncomingMessage, res: ServerResponse) {
  if (!ctx.checkSecret(req.headers[ctx.config.secretHeader.toLowerCase()]))
    throw new HttpError(401, 'unauthorized', `Missing or wrong ${ctx.config.secretHeader} header.`, {
      close: true,
    });
  const { text, value } = await readJsonBody(req, ctx.config.bodyLimitBytes);
  const parsed = webhookActivitySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HttpError(
      400,
      'bad_shape',
      `Not a NinjaOne activity: ${issue.path.join('.') || 'body'}: ${issue.message}`,
    );
  }
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
  sendJson(res, 200, result);
}
