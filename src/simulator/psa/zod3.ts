import { z } from 'zod';

/**
 * The real server validates with zod 3 (`^3.25.67`) and returns `error.errors` as `details`. This repo
 * has zod 4, whose issues look different; these helpers build the schemas the server uses and turn
 * zod 4 issues into the zod 3 shapes a client of the real server sees.
 */

/** zod 3 `z.string().uuid()`: any 8-4-4-4-12 hex string, message "Invalid uuid". */
export const uuid = (): z.ZodString =>
  z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Invalid uuid');

/** `paginationQuerySchema`: strings that must parse to integers in range. */
export const intString = (min: number, max: number, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) => Number(v))
    .pipe(z.number().int().min(min).max(max));

export const boolString = () => z.enum(['true', 'false']).transform((v) => v === 'true');

export interface Zod3Issue {
  code: string;
  path: (string | number)[];
  message: string;
  [key: string]: unknown;
}

function typeName(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'nan';
  return typeof value;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const defaultMessage =
  /^(Invalid input|Too small|Too big|Invalid option|Invalid UUID|Invalid URL|Invalid ISO)/;

export function toZod3Issues(error: z.ZodError, input: unknown): Zod3Issue[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const custom = !defaultMessage.test(issue.message);
    switch (issue.code) {
      case 'invalid_type': {
        const received = typeName(valueAt(input, issue.path));
        return {
          code: 'invalid_type',
          expected: issue.expected === 'record' ? 'object' : issue.expected,
          received,
          path,
          message: custom
            ? issue.message
            : received === 'undefined'
              ? 'Required'
              : `Expected ${issue.expected === 'record' ? 'object' : issue.expected}, received ${received}`,
        };
      }
      case 'invalid_format': {
        const validation =
          issue.message === 'Invalid uuid'
            ? 'uuid'
            : issue.format === 'datetime'
              ? 'datetime'
              : issue.format === 'url'
                ? 'url'
                : issue.format;
        return {
          validation,
          code: 'invalid_string',
          path,
          message: custom ? issue.message : `Invalid ${validation}`,
        };
      }
      case 'too_small':
      case 'too_big': {
        const small = issue.code === 'too_small';
        const bound = small ? issue.minimum : issue.maximum;
        const type = issue.origin === 'string' ? 'string' : issue.origin === 'array' ? 'array' : 'number';
        const fallback =
          type === 'string'
            ? `String must contain ${small ? 'at least' : 'at most'} ${String(bound)} character(s)`
            : type === 'array'
              ? `Array must contain ${small ? 'at least' : 'at most'} ${String(bound)} element(s)`
              : `Number must be ${small ? 'greater' : 'less'} than or equal to ${String(bound)}`;
        return {
          code: issue.code,
          [small ? 'minimum' : 'maximum']: bound,
          type,
          inclusive: true,
          exact: false,
          path,
          message: custom ? issue.message : fallback,
        };
      }
      case 'invalid_value': {
        const options = issue.values;
        const received = valueAt(input, issue.path);
        return {
          code: 'invalid_enum_value',
          options,
          received,
          path,
          message: `Invalid enum value. Expected ${options.map((o) => `'${String(o)}'`).join(' | ')}, received '${String(received)}'`,
        };
      }
      default:
        return { code: 'custom', path, message: issue.message };
    }
  });
}
