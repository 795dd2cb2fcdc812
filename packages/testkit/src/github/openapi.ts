import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** Which description of GitHub's REST API the fake checks against. */
export const GITHUB_OPENAPI_FILE = '@octokit/openapi/generated/api.github.com.deref.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface RawParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
}

interface RawOperation {
  operationId: string;
  parameters?: RawParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonObject }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonObject }> }>;
}

type Segment = { literal: string } | { param: string; greedy: boolean };

export interface Operation {
  id: string;
  method: string;
  /** e.g. `/repos/{owner}/{repo}/issues` */
  template: string;
  segments: Segment[];
  /** Only kept for operations the fake implements, to let the rest of the 70 MB description be collected. */
  raw?: RawOperation;
}

export interface RouteMatch {
  operation: Operation;
  params: Record<string, string>;
}

/** A field GitHub would refuse, worded like GitHub's own 422 messages. */
export interface FieldProblem {
  field: string;
  code: 'missing_field' | 'invalid' | 'unprocessable';
  message: string;
}

export interface ValidatedParams {
  values: Record<string, unknown>;
  problems: FieldProblem[];
}

// Path parameters that may contain slashes when they end the template (git refs and file paths).
const GREEDY_PARAMS = new Set(['ref', 'path']);
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

export class GitHubSpec {
  readonly operations: Operation[] = [];
  readonly byId = new Map<string, Operation>();
  /** Milliseconds spent reading and parsing the description (measured once per process). */
  readonly loadMs: number;
  readonly #ajv: Ajv;
  readonly #queryAjv: Ajv;
  readonly #validators = new Map<string, ValidateFunction | null>();

  constructor(document: { paths: Record<string, Record<string, unknown>> }, keep: ReadonlySet<string>, loadMs: number) {
    this.loadMs = loadMs;
    for (const [template, item] of Object.entries(document.paths)) {
      const shared = (item.parameters as RawParameter[] | undefined) ?? [];
      for (const [method, value] of Object.entries(item)) {
        if (!METHODS.has(method)) continue;
        const raw = value as RawOperation;
        const operation: Operation = {
          id: raw.operationId,
          method: method.toUpperCase(),
          template,
          segments: parseTemplate(template),
        };
        if (keep.has(raw.operationId)) operation.raw = { ...raw, parameters: [...shared, ...(raw.parameters ?? [])] };
        this.operations.push(operation);
        this.byId.set(raw.operationId, operation);
      }
    }
    this.#ajv = new Ajv({ strict: false, allErrors: true, verbose: true, logger: false });
    this.#queryAjv = new Ajv({ strict: false, allErrors: true, verbose: true, coerceTypes: true, logger: false });
    for (const ajv of [this.#ajv, this.#queryAjv]) {
      addFormats(ajv);
      // Formats GitHub's description uses that ajv-formats does not define.
      ajv.addFormat('timestamp', true);
      ajv.addFormat('repo.nwo', /^[^/\s]+\/[^/\s]+$/);
    }
  }

  /** The operation for a request, or why there is none. */
  match(method: string, path: string): RouteMatch | { unknown: 'path' | 'method' } {
    const segments = path.split('/').slice(1);
    let best: RouteMatch | undefined;
    let bestScore: number[] = [];
    let pathKnown = false;
    for (const operation of this.operations) {
      const params = matchSegments(operation.segments, segments);
      if (params === undefined) continue;
      pathKnown = true;
      if (operation.method !== method) continue;
      const score = operation.segments.map((s) => ('literal' in s ? 2 : s.greedy ? 0 : 1));
      if (best === undefined || compareScores(score, bestScore) > 0) {
        best = { operation, params };
        bestScore = score;
      }
    }
    if (best) return best;
    return { unknown: pathKnown ? 'method' : 'path' };
  }

  validatePathParams(operation: Operation, params: Record<string, string>): ValidatedParams {
    return this.#validateParams(operation, 'path', params);
  }

  validateQuery(operation: Operation, query: Record<string, string>): ValidatedParams {
    return this.#validateParams(operation, 'query', query);
  }

  /** Problems with a JSON body, worded like GitHub's "Invalid request" 422s. */
  validateBody(operation: Operation, body: unknown): FieldProblem[] {
    const raw = requireRaw(operation);
    const schema = raw.requestBody?.content?.['application/json']?.schema;
    if (!schema) return [];
    if (body === undefined) {
      return raw.requestBody?.required
        ? [{ field: '', code: 'missing_field', message: 'Request body is required.' }]
        : [];
    }
    const validate = this.#compile(`${operation.id} body`, schema, this.#ajv);
    if (validate === null || validate(body)) return [];
    return describeErrors(validate.errors ?? []);
  }

  /** Keys of a body that its schema does not declare (GitHub ignores them; typos hide there). */
  unknownBodyFields(operation: Operation, body: unknown): string[] {
    const schema = requireRaw(operation).requestBody?.content?.['application/json']?.schema;
    return schema ? undeclaredKeys(schema, body, '') : [];
  }

  /** Why a response the fake is about to send breaks GitHub's description, or undefined. */
  checkResponse(operation: Operation, status: number, body: unknown): string | undefined {
    const raw = requireRaw(operation);
    const response = raw.responses[String(status)];
    if (response === undefined) {
      return status < 300 ? `status ${status} is not documented for ${operation.id}` : undefined;
    }
    const schema = response.content?.['application/json']?.schema;
    if (schema === undefined) {
      return body === undefined
        ? undefined
        : `${operation.id} ${status} has no body in the description, but the fake sent one`;
    }
    const key = `${operation.id} ${status}`;
    const items = schema.type === 'array' && isObject(schema.items) ? schema.items : undefined;
    const branches = items && Array.isArray(items.anyOf) ? items.anyOf.filter(isObject) : undefined;
    if (branches && Array.isArray(body)) return this.#checkEachItem(key, branches, body);
    const validate = this.#compile(key, schema, this.#ajv);
    if (validate === null || validate(body)) return undefined;
    const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
    return `${key} response breaks the OpenAPI schema: ${errors.join('; ')}`;
  }

  /**
   * A list whose items are any of many shapes (the issue timeline has 33, some embedding whole pull requests):
   * each item is checked against the shapes whose required keys it has, each compiled only when first needed.
   * The same verdict as the whole anyOf (a shape whose required key is missing cannot match), without compiling
   * shapes no answer uses.
   */
  #checkEachItem(key: string, branches: JsonObject[], body: unknown[]): string | undefined {
    for (const [index, item] of body.entries()) {
      const keys = isObject(item) ? new Set(Object.keys(item)) : new Set<string>();
      const fitting = branches
        .map((branch, i) => ({ branch, i }))
        .filter(({ branch }) => !Array.isArray(branch.required) || branch.required.every((k) => keys.has(String(k))));
      let first: string | undefined;
      let matched = fitting.length === 0 ? false : undefined;
      for (const { branch, i } of fitting) {
        const validate = this.#compile(`${key} item ${i}`, branch, this.#ajv);
        if (validate === null || validate(item)) {
          matched = true;
          break;
        }
        first ??= (validate.errors ?? [])
          .slice(0, 8)
          .map((e) => `/${index}${e.instancePath} ${e.message ?? e.keyword}`)
          .join('; ');
      }
      if (matched !== true) {
        return `${key} response breaks the OpenAPI schema: ${first ?? `/${index} has the required keys of none of the ${branches.length} shapes`}`;
      }
    }
    return undefined;
  }

  #validateParams(operation: Operation, where: 'path' | 'query', given: Record<string, string>): ValidatedParams {
    const parameters = (requireRaw(operation).parameters ?? []).filter((p) => p.in === where);
    const values: Record<string, unknown> = { ...given };
    const schema: JsonObject = {
      type: 'object',
      properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema ?? {}])),
      required: parameters.filter((p) => p.required).map((p) => p.name),
      additionalProperties: false,
    };
    const validate = this.#compile(`${operation.id} ${where}`, schema, this.#queryAjv);
    if (validate === null || validate(values)) return { values, problems: [] };
    return { values, problems: describeErrors(validate.errors ?? [], where === 'query' ? 'query' : 'path') };
  }

  #compile(key: string, schema: JsonObject, ajv: Ajv): ValidateFunction | null {
    let validate = this.#validators.get(key);
    if (validate === undefined) {
      try {
        validate = ajv.compile(toJsonSchema(schema) as object);
      } catch {
        // A schema ajv cannot compile is the description's problem, not the client's: skip that check.
        validate = null;
      }
      this.#validators.set(key, validate);
    }
    return validate;
  }
}

let cached: GitHubSpec | undefined;

/** GitHub's official description, read once per process (the first call decides which operations keep their schemas). */
export function loadGitHubSpec(keep: ReadonlySet<string>): GitHubSpec {
  if (cached && [...keep].every((id) => cached?.byId.get(id)?.raw !== undefined || !cached?.byId.has(id)))
    return cached;
  const start = performance.now();
  const file = createRequire(import.meta.url).resolve(GITHUB_OPENAPI_FILE);
  const document = JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const loadMs = performance.now() - start;
  cached = new GitHubSpec(document, keep, loadMs);
  return cached;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function requireRaw(operation: Operation): RawOperation {
  if (!operation.raw) throw new Error(`the fake GitHub kept no schema for ${operation.id}`);
  return operation.raw;
}

function parseTemplate(template: string): Segment[] {
  const parts = template.split('/').slice(1);
  return parts.map((part, index) => {
    const param = /^\{([^}]+)\}$/.exec(part)?.[1];
    if (param === undefined) return { literal: part };
    return { param, greedy: index === parts.length - 1 && GREEDY_PARAMS.has(param) };
  });
}

function matchSegments(template: Segment[], segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const part = template[i] as Segment;
    const segment = segments[i];
    if ('literal' in part) {
      if (segment !== part.literal) return undefined;
      continue;
    }
    if (part.greedy) {
      const rest = segments.slice(i);
      if (rest.length === 0 && part.param !== 'path') return undefined;
      params[part.param] = decodeSegments(rest).join('/');
      return params;
    }
    if (segment === undefined || segment === '') return undefined;
    params[part.param] = decodeSegments([segment])[0] ?? segment;
  }
  return segments.length === template.length ? params : undefined;
}

function decodeSegments(segments: string[]): string[] {
  return segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

// Literal segments win over parameters at the first place two matching templates differ.
function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

const DROPPED_KEYS = new Set([
  'nullable',
  'example',
  'examples',
  'description',
  'discriminator',
  'readOnly',
  'writeOnly',
  'deprecated',
  'externalDocs',
  'xml',
]);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
const converted = new WeakMap<object, Json>();

/** OpenAPI 3.0 schema → JSON Schema ajv understands (`nullable` becomes a null type). */
export function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const memo = converted.get(schema);
  if (memo !== undefined) return memo;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYS.has(key) || key.startsWith('x-')) continue;
    if (SCHEMA_MAPS.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub)]));
    } else if (key === 'enum' || key === 'required' || key === 'const' || key === 'default') {
      out[key] = value;
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  let result: Json = out;
  if (schema.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else {
      result = { anyOf: [out, { type: 'null' }] };
    }
  }
  converted.set(schema, result);
  return result;
}

function undeclaredKeys(schema: JsonObject, value: unknown, prefix: string): string[] {
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items === null || typeof items !== 'object' || Array.isArray(items)) return [];
    return value.flatMap((item, i) => undeclaredKeys(items, item, `${prefix}${i}/`));
  }
  if (value === null || typeof value !== 'object') return [];
  const properties = schema.properties;
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return [];
  if (schema.additionalProperties !== undefined || schema.patternProperties !== undefined) return [];
  const out: string[] = [];
  for (const [key, sub] of Object.entries(value)) {
    const declared = properties[key];
    if (declared === undefined) out.push(`${prefix}${key}`);
    else if (declared !== null && typeof declared === 'object' && !Array.isArray(declared)) {
      out.push(...undeclaredKeys(declared, sub, `${prefix}${key}/`));
    }
  }
  return out;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'nil';
  return JSON.stringify(value);
}

/** ajv errors → GitHub's wording: `"title" wasn't supplied.`, `For 'properties/due_on', "x" is not a date-time.` */
export function describeErrors(errors: ErrorObject[], where: 'body' | 'query' | 'path' = 'body'): FieldProblem[] {
  const unions = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // A failed oneOf/anyOf is reported once, not once per branch.
    if (unions.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    const path = error.instancePath.split('/').slice(1).map(unescapePointer);
    const field = path.join('/');
    const label = where === 'body' ? `For 'properties/${field}',` : `For '${field}',`;
    let problem: FieldProblem;
    switch (error.keyword) {
      case 'required': {
        const missing = String((error.params as { missingProperty: string }).missingProperty);
        const name = field === '' ? missing : `${field}/${missing}`;
        problem = { field: name, code: 'missing_field', message: `"${name}" wasn't supplied.` };
        break;
      }
      case 'additionalProperties': {
        const extra = String((error.params as { additionalProperty: string }).additionalProperty);
        const name = field === '' ? extra : `${field}/${extra}`;
        const kind = where === 'query' ? 'query parameter' : where === 'path' ? 'path parameter' : 'key';
        problem = { field: name, code: 'unprocessable', message: `"${name}" is not a permitted ${kind}.` };
        break;
      }
      case 'type':
        problem = {
          field,
          code: 'invalid',
          message: `${label} ${show(error.data)} is not ${typeWords(error.params.type)}.`,
        };
        break;
      case 'format':
        problem = {
          field,
          code: 'invalid',
          message: `${label} ${show(error.data)} is not a ${String(error.params.format)}.`,
        };
        break;
      case 'enum': {
        const allowed = (error.params as { allowedValues: unknown[] }).allowedValues
          .map((v) => JSON.stringify(v))
          .join(', ');
        problem = { field, code: 'invalid', message: `${label} ${show(error.data)} is not one of [${allowed}].` };
        break;
      }
      case 'oneOf':
      case 'anyOf': {
        const branches = (error.schema as { type?: unknown }[] | undefined) ?? [];
        const types = branches.map((b) => b.type).filter((t) => t !== undefined);
        const expected =
          types.length === branches.length && types.length > 0 ? typeWords(types.flat()) : 'any of the allowed shapes';
        const verb = types.length === branches.length && types.length > 0 ? 'is not' : 'does not match';
        problem = { field, code: 'invalid', message: `${label} ${show(error.data)} ${verb} ${expected}.` };
        break;
      }
      default:
        problem = { field, code: 'invalid', message: `${label} ${show(error.data)} ${error.message ?? 'is invalid'}.` };
    }
    if (seen.has(problem.message)) continue;
    seen.add(problem.message);
    problems.push(problem);
  }
  return problems;
}

function unescapePointer(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}
