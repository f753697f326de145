import { z } from 'zod';

/**
 * Stable error codes that cross the wire. The renderer switches on these, so a code is never renamed;
 * the message is for the technician and may change.
 */
export const errorCodes = [
  'invalid_input',
  'unknown_procedure',
  'cancelled',
  'internal',
  'not_found',
  'conflict',
  'not_connected',
  'needs_reconnect',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'upstream_unavailable',
  'upstream_error',
  'timeout',
  'invalid_response',
  'cursor_stuck',
  'unmapped_organization',
  'cache_corrupt',
  'cache_too_new',
  'cache_migration_changed',
  'keychain_unavailable',
  'not_configured',
  'refused',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const rpcErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.unknown().optional(),
});

export type RpcErrorShape = z.infer<typeof rpcErrorSchema>;

/** The one error type that may cross a process boundary: code, an actionable message, optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toShape(): RpcErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromShape(shape: RpcErrorShape): AppError {
    return new AppError(shape.code, shape.message, shape.details);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
