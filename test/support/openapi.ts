import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { repoRoot } from './web-process';

/**
 * Validates JSON against NinjaOne's official OpenAPI 3.0 document: `$ref`s are inlined from
 * `components`, `nullable` becomes a JSON-Schema null type, OpenAPI-only annotations are dropped,
 * and formats (int32, int64, double, uuid, date-time) are checked by ajv-formats.
 */
type Schema = Record<string, unknown>;

interface OpenApi {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
}

export const ninjaOneSpecPath = join(repoRoot, 'test', 'contracts', 'ninjaone', 'NinjaRMM-API-v2.json');

let cached: OpenApi | null = null;
export function ninjaOneSpec(): OpenApi {
  cached ??= JSON.parse(readFileSync(ninjaOneSpecPath, 'utf8')) as OpenApi;
  return cached;
}

/** OpenAPI-only keywords JSON Schema does not know (`nullable` is translated below). */
const openApiOnly = new Set(['discriminator', 'example', 'examples', 'xml', 'externalDocs', 'nullable']);

/** OpenAPI schema object to JSON Schema (draft-07 as ajv reads it). */
export function toJsonSchema(node: unknown, spec: OpenApi, seen: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, spec, seen));
  if (!node || typeof node !== 'object') return node;
  const source = node as Schema;
  if (typeof source.$ref === 'string') {
    const name = source.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) return {};
    return toJsonSchema(spec.components.schemas[name], spec, [...seen, name]);
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (openApiOnly.has(key)) continue;
    out[key] =
      key === 'properties' && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v, spec, seen)]))
        : toJsonSchema(value, spec, seen);
  }
  if (source.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  }
  return out;
}

const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);

const compiled = new Map<string, ValidateFunction>();

/** The validator of a successful response body of `method path` (the 200 or the default response). */
export function responseValidator(method: string, path: string): ValidateFunction {
  const key = `${method} ${path}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const spec = ninjaOneSpec();
  const operation = spec.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`the spec has no ${key}`);
  const response = operation.responses?.['200'] ?? operation.responses?.default;
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`the spec declares no JSON body for ${key}`);
  const validate = ajv.compile(toJsonSchema(schema, spec) as Schema);
  compiled.set(key, validate);
  return validate;
}

/** The validator of a named component schema (the device subtypes). */
export function componentValidator(name: string): ValidateFunction {
  const key = `#${name}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const spec = ninjaOneSpec();
  const validate = ajv.compile(toJsonSchema({ $ref: `#/components/schemas/${name}` }, spec) as Schema);
  compiled.set(key, validate);
  return validate;
}

export function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('; ');
}
