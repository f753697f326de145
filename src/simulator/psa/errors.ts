/** A response the simulator answers with instead of the handler's result: status, body, headers. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`simulated HTTP ${status}`);
  }
}

/** `handleApiError` of `apiMiddleware.ts`: `{error:{code,message,details?}}`. */
export function apiError(status: number, code: string, message: string, details?: unknown): SimError {
  return new SimError(status, { error: { code, message, ...(details === undefined ? {} : { details }) } });
}

export function assetMeta(now: number): { timestamp: string; version: string } {
  return { timestamp: new Date(now).toISOString(), version: '1.0.0' };
}

/** `createErrorResponse` of the asset controller: `{success:false,error:{message,code,details},meta}`. */
export function assetError(
  now: number,
  status: number,
  code: string,
  message: string,
  details?: unknown,
): SimError {
  return new SimError(status, {
    success: false,
    error: { message, code, ...(details === undefined ? {} : { details }) },
    meta: assetMeta(now),
  });
}

export const invalidReference = (): SimError => apiError(400, 'BAD_REQUEST', 'Invalid reference');
export const notFound = (what: string): SimError => apiError(404, 'NOT_FOUND', `${what} not found`);
