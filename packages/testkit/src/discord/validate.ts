import * as z from 'zod/mini';
import type { FieldError } from '../discord-limits.ts';

type Schema = z.core.$ZodType;

interface Issue {
  code: string;
  path: PropertyKey[];
  input?: unknown;
  expected?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  origin?: string;
  format?: string;
  values?: unknown[];
  errors?: Issue[][];
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One zod issue → the code and words Discord uses for the same problem. */
function toFieldErrors(issue: Issue, prefix: PropertyKey[] = []): FieldError[] {
  const path = [...prefix, ...issue.path].map((p) => (typeof p === 'number' ? p : String(p)));
  const at = (code: string, message: string): FieldError[] => [{ path, code, message }];
  switch (issue.code) {
    case 'invalid_union': {
      // Report the branch that got furthest (fewest problems), like Discord names one concrete cause; a branch
      // whose `type` discriminator does not even match (an option union, a callback union) is the wrong one.
      const all = issue.errors ?? [];
      const typed = all.filter(
        (branch) => !branch.some((i) => i.code === 'invalid_value' && i.path.length === 1 && i.path[0] === 'type'),
      );
      const branches = typed.length > 0 ? typed : all;
      const best = [...branches].sort((a, b) => a.length - b.length)[0];
      return best && best.length > 0
        ? best.flatMap((i) => toFieldErrors(i, path))
        : at('BASE_TYPE_CHOICES', 'Invalid value.');
    }
    case 'invalid_type':
      if (issue.input === undefined) return at('BASE_TYPE_REQUIRED', 'This field is required');
      if (issue.expected === 'string')
        return at('STRING_TYPE_CONVERT', `Could not interpret "${show(issue.input)}" as string.`);
      if (issue.expected === 'number' || issue.expected === 'int')
        return at('NUMBER_TYPE_COERCE', `Value "${show(issue.input)}" is not int.`);
      if (issue.expected === 'boolean')
        return at('BOOLEAN_TYPE_CONVERT', `Could not interpret "${show(issue.input)}" as boolean.`);
      if (issue.expected === 'array') return at('LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
      if (issue.expected === 'object') return at('MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return at('BASE_TYPE_INVALID', `Expected ${issue.expected ?? 'another type'}.`);
    case 'too_big':
      if (issue.origin === 'string' || issue.origin === 'array') {
        return at('BASE_TYPE_MAX_LENGTH', `Must be ${String(issue.maximum)} or fewer in length.`);
      }
      return at('NUMBER_TYPE_MAX', `int value should be less than or equal to ${String(issue.maximum)}.`);
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') {
        return at('BASE_TYPE_MIN_LENGTH', `Must be ${String(issue.minimum)} or more in length.`);
      }
      return at('NUMBER_TYPE_MIN', `int value should be greater than or equal to ${String(issue.minimum)}.`);
    case 'invalid_value':
      return at('BASE_TYPE_CHOICES', `Value must be one of (${(issue.values ?? []).map((v) => show(v)).join(', ')}).`);
    case 'invalid_format':
      if (issue.format === 'url') return at('URL_TYPE_INVALID_URL', 'Not a well formed URL.');
      if (issue.format === 'datetime')
        return at('DATE_TYPE_PARSE', `Could not parse ${show(issue.input)}. Should be ISO8601.`);
      if (issue.format === 'regex') return at('NUMBER_TYPE_COERCE', `Value "${show(issue.input)}" is not snowflake.`);
      return at('BASE_TYPE_INVALID', `Invalid ${issue.format ?? 'format'}.`);
    default:
      return at('BASE_TYPE_INVALID', 'Invalid value.');
  }
}

interface Def {
  type: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  element?: Schema;
  options?: Schema[];
  in?: Schema;
  getter?: () => Schema;
  catchall?: Schema;
}

function defOf(schema: Schema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/**
 * Keys of `value` the schema does not declare. The generated schemas are built before `setStrictObject(true)`
 * could run, so strictness is checked by walking them here instead.
 */
export function unknownKeys(
  schema: Schema,
  value: unknown,
  path: Array<string | number> = [],
): Array<Array<string | number>> {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      return def.innerType ? unknownKeys(def.innerType, value, path) : [];
    case 'lazy':
      return def.getter ? unknownKeys(def.getter(), value, path) : [];
    case 'pipe':
      return def.in ? unknownKeys(def.in, value, path) : [];
    case 'array':
      return Array.isArray(value) && def.element
        ? value.flatMap((item, i) => unknownKeys(def.element as Schema, item, [...path, i]))
        : [];
    case 'union': {
      const branch = def.options?.find((option) => z.safeParse(option, value).success);
      return branch ? unknownKeys(branch, value, path) : [];
    }
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || def.catchall) return [];
      const shape = def.shape ?? {};
      return Object.entries(value).flatMap(([key, sub]) => {
        const field = shape[key];
        return field ? unknownKeys(field, sub, [...path, key]) : [[...path, key]];
      });
    }
    default:
      return [];
  }
}

export interface BodyCheck<T> {
  data?: T;
  errors: FieldError[];
  unknown: Array<Array<string | number>>;
}

/** Validates a body against a discord-api-spec schema, in Discord's error vocabulary. */
export function checkBody<T>(schema: z.ZodMiniType<T>, body: unknown): BodyCheck<T> {
  const result = z.safeParse(schema, body, { reportInput: true });
  if (!result.success) {
    return {
      errors: (result.error.issues as unknown as Issue[]).flatMap((issue) => toFieldErrors(issue)),
      unknown: [],
    };
  }
  return { data: result.data, errors: [], unknown: unknownKeys(schema, body) };
}

/** Why a response of the fake breaks Discord's schema, or undefined. */
export function checkResponse(schema: Schema, body: unknown): string | undefined {
  const result = z.safeParse(schema, body);
  if (result.success) return undefined;
  return result.error.issues
    .slice(0, 6)
    .map((issue) => `${issue.path.join('.') || '/'}: ${issue.code}`)
    .join('; ');
}
