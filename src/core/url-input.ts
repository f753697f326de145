import { AppError } from '../shared/rpc/errors';

/** An address a technician typed, parsed; `invalid_input` naming what was expected when it is no URL. */
export function parseUrlInput(raw: string, what: string, example: string): URL {
  try {
    return new URL(raw.trim());
  } catch {
    throw new AppError('invalid_input', `"${raw}" is not a URL. Enter ${what}, e.g. ${example}.`);
  }
}
