import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { HttpError } from './respond';

const utf8 = new TextDecoder('utf-8', { fatal: true });

const isJson = (contentType: string | undefined): boolean => {
  const type = contentType?.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type?.startsWith('application/') === true && type.endsWith('+json'));
};

/**
 * Reads a JSON request body of at most `limit` bytes as exact UTF-8 text. Refuses other content
 * types (415), declared or actual sizes over the limit (413, connection closed: the rest is never
 * read), invalid UTF-8 and invalid JSON (400).
 */
export async function readJsonBody(
  req: IncomingMessage,
  limit: number,
): Promise<{ text: string; value: unknown }> {
  if (!isJson(req.headers['content-type']))
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.', { close: true });
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit)
    throw new HttpError(413, 'too_large', `The body is larger than ${limit} bytes.`, { close: true });
  const chunks: Buffer[] = [];
  const size = await new Promise<number>((resolve, reject) => {
    let total = 0;
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > limit) {
        // Stop reading; the 413 goes out with Connection: close, so the rest is never read.
        req.off('data', onData).pause();
        reject(new HttpError(413, 'too_large', `The body is larger than ${limit} bytes.`, { close: true }));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(total));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete)
        reject(new HttpError(400, 'incomplete', 'The request body was cut off.', { close: true }));
    });
  });
  let text: string;
  try {
    text = utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
  } catch {
    throw new HttpError(400, 'bad_json', 'The body is not valid UTF-8.');
  }
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch {
    throw new HttpError(400, 'bad_json', 'The body is not valid JSON.');
  }
}

/** A JSON body validated with `schema`; the first problem is the 400's message. */
export async function readInput<T extends z.ZodType>(
  req: IncomingMessage,
  schema: T,
  limit: number,
): Promise<z.output<T>> {
  const { value } = await readJsonBody(req, limit);
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HttpError(400, 'bad_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}
