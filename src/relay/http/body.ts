import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../shared/json-depth';
import { HttpError } from './respond';

/** A JSON request body: the exact text (the webhook stores it as sent) and its value. */
export interface JsonBody {
  text: string;
  value: unknown;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(text: string): JsonBody | HttpError {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH))
    return new HttpError(
      400,
      'too_deep',
      `The body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels.`,
    );
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch {
    return new HttpError(400, 'bad_json', 'The body is not valid JSON.');
  }
}

/**
 * The relay's only body parser: application/json and `+json` types, read as exact UTF-8 text (an
 * invalid byte is a 400, not a replacement character), nested at most 64 deep, parsed once. Any
 * other type is fastify's 415; sizes over the route's limit its 413, before the rest is read.
 */
export function acceptJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const parser = (
    _req: FastifyRequest,
    buffer: Buffer,
    done: (error: Error | null, body?: JsonBody) => void,
  ): void => {
    let text: string;
    try {
      text = utf8.decode(buffer);
    } catch {
      done(new HttpError(400, 'bad_json', 'The body is not valid UTF-8.'));
      return;
    }
    const parsed = parseJson(text);
    if (parsed instanceof HttpError) done(parsed);
    else done(null, parsed);
  };
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parser);
  app.addContentTypeParser(/^application\/[a-z0-9.+-]+\+json$/, { parseAs: 'buffer' }, parser);
}

/** The request's JSON body; 415 when it came without one (no body, or not sent as JSON). */
export function jsonBodyOf(req: FastifyRequest): JsonBody {
  const body = req.body as JsonBody | undefined;
  if (!body || typeof body.text !== 'string')
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.', { close: true });
  return body;
}

/** The JSON body validated with `schema`; the first problem is the 400's message. */
export function inputOf<T extends z.ZodType>(req: FastifyRequest, schema: T): z.output<T> {
  const parsed = schema.safeParse(jsonBodyOf(req).value);
  if (!parsed.success) throw new HttpError(400, 'bad_request', firstIssue(parsed.error));
  return parsed.data;
}

export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}
