import {
  type Field,
  type Fragment,
  GraphQLSyntaxError,
  type Location,
  parseQuery,
  type Selection,
  type Value,
} from './graphql/parse.ts';
import { type Args, type ExecContext, ExecutionError, type FieldDef, type NamedType, TYPES } from './graphql/schema.ts';

export interface GraphQLError {
  message: string;
  locations?: Location[];
  path?: Array<string | number>;
  type?: string;
  extensions?: Record<string, unknown>;
}

export type GraphQLOutcome =
  /** The query uses something GitHub or the fake does not support: answered 400, recorded as a violation. */
  | { kind: 'rejected'; errors: GraphQLError[] }
  | { kind: 'executed'; data: Record<string, unknown> | null; errors: GraphQLError[]; cost: number };

interface Request {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

interface Prepared {
  selections: Selection[];
  fragments: Map<string, Fragment>;
  variables: Record<string, unknown>;
  cost: number;
  nodeCount: number;
}

/** Parses and checks a query, then computes GitHub's cost for it; `execute` runs what this accepted. */
export function prepareGraphQL(request: Request): { errors: GraphQLError[] } | Prepared {
  if (typeof request.query !== 'string' || request.query.trim() === '') {
    return { errors: [{ message: 'A query attribute must be specified and must be a string.' }] };
  }
  let document: ReturnType<typeof parseQuery>;
  try {
    document = parseQuery(request.query);
  } catch (error) {
    if (error instanceof GraphQLSyntaxError) return { errors: [{ message: error.message, locations: [error.loc] }] };
    throw error;
  }
  const name = typeof request.operationName === 'string' ? request.operationName : undefined;
  const operations = name === undefined ? document.operations : document.operations.filter((o) => o.name === name);
  if (operations.length !== 1) {
    return {
      errors: [
        {
          message:
            operations.length === 0
              ? `No operation named "${name ?? ''}"`
              : 'An operation name is required when a document has several operations.',
        },
      ],
    };
  }
  const operation = operations[0] as (typeof operations)[number];
  if (operation.type !== 'query') {
    return {
      errors: [{ message: `the fake GitHub answers queries only, not ${operation.type}s`, locations: [operation.loc] }],
    };
  }
  const errors: GraphQLError[] = [];
  const given = (request.variables ?? {}) as Record<string, unknown>;
  if (typeof given !== 'object' || Array.isArray(given))
    return { errors: [{ message: 'Variables must be an object.' }] };
  const variables: Record<string, unknown> = {};
  const declared = new Map<string, { type: string; hasDefault: boolean }>();
  for (const definition of operation.variables) {
    declared.set(definition.name, { type: definition.type, hasDefault: definition.defaultValue !== undefined });
    if (!TYPES[baseName(definition.type)]) {
      errors.push({ message: `${baseName(definition.type)} isn't a defined input type (on $${definition.name})` });
      continue;
    }
    let value = given[definition.name];
    if (value === undefined && definition.defaultValue !== undefined) value = literal(definition.defaultValue, {});
    const problem = checkInput(definition.type, value ?? null);
    if (problem) {
      errors.push({
        message: `Variable $${definition.name} of type ${definition.type} was provided invalid value${value === undefined ? '' : ` (${problem})`}`,
        extensions: { value: value ?? null, problems: [{ path: [], explanation: problem }] },
      });
    }
    if (value !== undefined) variables[definition.name] = value;
  }
  const check = new Checker(document.fragments, declared, errors);
  check.selections('Query', operation.selections, []);
  for (const unused of declared.keys()) {
    if (!check.used.has(unused))
      errors.push({
        message: `Variable $${unused} is declared by ${operation.name ?? 'anonymous query'} but not used`,
      });
  }
  if (errors.length > 0) return { errors };
  const { cost, nodeCount } = costOf(operation.selections, document.fragments, variables);
  return { selections: operation.selections, fragments: document.fragments, variables, cost, nodeCount };
}

export function executeGraphQL(prepared: Prepared, ctx: Omit<ExecContext, 'cost' | 'nodeCount'>): GraphQLOutcome {
  const errors: GraphQLError[] = [];
  const context: ExecContext = { ...ctx, cost: prepared.cost, nodeCount: prepared.nodeCount };
  const runner = new Runner(prepared.fragments, prepared.variables, context, errors);
  const data = runner.object('Query', {}, prepared.selections, []);
  return { kind: 'executed', data, errors, cost: prepared.cost };
}

function baseName(type: string): string {
  return type.replace(/[[\]!]/g, '');
}

function isList(type: string): boolean {
  return type.replace(/!$/, '').startsWith('[');
}

function itemType(type: string): string {
  return type.replace(/!$/, '').slice(1, -1);
}

function literal(value: Value, variables: Record<string, unknown>): unknown {
  switch (value.kind) {
    case 'variable':
      return variables[value.name] ?? null;
    case 'null':
      return null;
    case 'list':
      return value.values.map((v) => literal(v, variables));
    case 'object':
      return Object.fromEntries(Object.entries(value.fields).map(([k, v]) => [k, literal(v, variables)]));
    default:
      return value.value;
  }
}

/** Why a JSON value does not fit an input type, or undefined. */
function checkInput(type: string, value: unknown): string | undefined {
  if (value === null || value === undefined) return type.endsWith('!') ? 'Expected value to not be null' : undefined;
  if (isList(type)) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      const problem = checkInput(itemType(type), item);
      if (problem) return problem;
    }
    return undefined;
  }
  const named = TYPES[baseName(type)];
  if (!named) return `unknown type ${baseName(type)}`;
  if (named.kind === 'scalar')
    return named.check(value) ? undefined : `Could not coerce value ${JSON.stringify(value)} to ${baseName(type)}`;
  if (named.kind === 'enum') {
    return typeof value === 'string' && named.values.includes(value)
      ? undefined
      : `Expected "${String(value)}" to be one of: ${named.values.join(', ')}`;
  }
  if (named.kind === 'input') {
    if (typeof value !== 'object' || Array.isArray(value)) return `Expected an object for ${baseName(type)}`;
    for (const [key, sub] of Object.entries(value)) {
      const fieldType = named.fields[key];
      if (!fieldType) return `Field is not defined on ${baseName(type)}: ${key}`;
      const problem = checkInput(fieldType, sub);
      if (problem) return `${key}: ${problem}`;
    }
    for (const [key, fieldType] of Object.entries(named.fields)) {
      if (fieldType.endsWith('!') && (value as Record<string, unknown>)[key] === undefined)
        return `${key}: Expected value to not be null`;
    }
    return undefined;
  }
  return `${baseName(type)} is not an input type`;
}

function fieldsOf(type: NamedType | undefined): Record<string, FieldDef<never>> | undefined {
  return type && (type.kind === 'object' || type.kind === 'interface') ? type.fields : undefined;
}

function possible(condition: string, typeName: string): boolean {
  if (condition === typeName) return true;
  const runtime = TYPES[typeName];
  const target = TYPES[condition];
  if (runtime?.kind === 'object' && runtime.interfaces?.includes(condition)) return true;
  // An interface-typed field may hold any object type implementing it.
  if (runtime?.kind === 'interface' && target?.kind === 'object') return target.interfaces?.includes(typeName) ?? false;
  return false;
}

/** Validates selections against TYPES the way GitHub's GraphQL validation would. */
class Checker {
  readonly used = new Set<string>();
  readonly #fragments: Map<string, Fragment>;
  readonly #declared: Map<string, { type: string; hasDefault: boolean }>;
  readonly #errors: GraphQLError[];

  constructor(
    fragments: Map<string, Fragment>,
    declared: Map<string, { type: string; hasDefault: boolean }>,
    errors: GraphQLError[],
  ) {
    this.#fragments = fragments;
    this.#declared = declared;
    this.#errors = errors;
  }

  selections(typeName: string, selections: Selection[], path: string[], seen = new Set<string>()): void {
    for (const selection of selections) {
      for (const directive of selection.directives) {
        if (directive.name !== 'include' && directive.name !== 'skip') {
          this.#error(
            `Directive '@${directive.name}' is not supported by the fake GitHub`,
            directive.loc,
            path,
            'unsupported',
          );
        } else this.#args(directive.args, { if: 'Boolean!' }, `@${directive.name}`, directive.loc, path);
      }
      if (selection.kind === 'field') this.#field(typeName, selection, path, seen);
      else if (selection.kind === 'inline') {
        const condition = selection.typeCondition ?? typeName;
        if (!TYPES[condition])
          this.#error(`No such type ${condition}, so it can't be a fragment condition`, selection.loc, path);
        else if (!possible(condition, typeName)) {
          this.#error(`Fragment on ${condition} can't be spread inside ${typeName}`, selection.loc, path);
        } else this.selections(condition, selection.selections, path, seen);
      } else {
        const fragment = this.#fragments.get(selection.name);
        if (!fragment) this.#error(`Fragment ${selection.name} was used, but not defined`, selection.loc, path);
        else if (seen.has(fragment.name))
          this.#error(`Fragment ${fragment.name} contains an infinite loop`, selection.loc, path);
        else if (!possible(fragment.typeCondition, typeName)) {
          this.#error(
            `Fragment ${fragment.name} on ${fragment.typeCondition} can't be spread inside ${typeName}`,
            selection.loc,
            path,
          );
        } else this.selections(fragment.typeCondition, fragment.selections, path, new Set([...seen, fragment.name]));
      }
    }
  }

  #field(typeName: string, field: Field, path: string[], seen: Set<string>): void {
    const here = [...path, field.alias ?? field.name];
    if (field.name === '__typename') {
      if (field.selections) this.#error(`Selections can't be made on scalars (field '__typename')`, field.loc, here);
      return;
    }
    const definition = fieldsOf(TYPES[typeName])?.[field.name];
    if (!definition) {
      this.#error(
        `Field '${field.name}' doesn't exist on type '${typeName}' (or the fake GitHub does not support it; see packages/testkit/README.md)`,
        field.loc,
        here,
        'undefinedField',
      );
      return;
    }
    this.#args(field.args, definition.args ?? {}, `Field '${field.name}'`, field.loc, here);
    const target = TYPES[baseName(definition.type)];
    const composite = target?.kind === 'object' || target?.kind === 'interface';
    if (composite && !field.selections) {
      this.#error(
        `Field must have selections (field '${field.name}' returns ${baseName(definition.type)} but has no selections.)`,
        field.loc,
        here,
      );
    } else if (!composite && field.selections) {
      this.#error(
        `Selections can't be made on scalars (field '${field.name}' returns ${baseName(definition.type)} but has selections [...])`,
        field.loc,
        here,
      );
    } else if (field.selections) {
      this.selections(baseName(definition.type), field.selections, here, seen);
    }
  }

  #args(
    given: Record<string, Value>,
    accepted: Record<string, string>,
    owner: string,
    loc: Location,
    path: string[],
  ): void {
    for (const [name, value] of Object.entries(given)) {
      const type = accepted[name];
      if (!type) {
        this.#error(`${owner} doesn't accept argument '${name}'`, loc, path, 'argumentNotAccepted');
        continue;
      }
      const problem = this.#value(type, value);
      if (problem)
        this.#error(
          `Argument '${name}' on ${owner} has an invalid value (${problem}).`,
          loc,
          path,
          'argumentLiteralsIncompatible',
        );
    }
    const missing = Object.entries(accepted)
      .filter(([name, type]) => type.endsWith('!') && given[name] === undefined)
      .map(([name]) => name);
    if (missing.length > 0)
      this.#error(
        `${owner} is missing required arguments: ${missing.join(', ')}`,
        loc,
        path,
        'missingRequiredArguments',
      );
  }

  #value(type: string, value: Value): string | undefined {
    if (value.kind === 'variable') {
      this.used.add(value.name);
      const declared = this.#declared.get(value.name);
      if (!declared) return `Variable $${value.name} is used but not declared`;
      const sameBase = baseName(declared.type) === baseName(type) && isList(declared.type) === isList(type);
      const nullable = type.endsWith('!') && !declared.type.endsWith('!') && !declared.hasDefault;
      if (!sameBase || nullable)
        return `Type mismatch on variable $${value.name} and argument (${declared.type} / ${type})`;
      return undefined;
    }
    if (value.kind === 'null') return type.endsWith('!') ? 'Expected value to not be null' : undefined;
    if (isList(type)) {
      const items = value.kind === 'list' ? value.values : [value];
      for (const item of items) {
        const problem = this.#value(itemType(type), item);
        if (problem) return problem;
      }
      return undefined;
    }
    const named = TYPES[baseName(type)];
    if (named?.kind === 'input') {
      if (value.kind !== 'object') return `Expected an input object ${baseName(type)}`;
      for (const [key, sub] of Object.entries(value.fields)) {
        const fieldType = named.fields[key];
        if (!fieldType) return `InputObject '${baseName(type)}' doesn't accept argument '${key}'`;
        const problem = this.#value(fieldType, sub);
        if (problem) return problem;
      }
      for (const [key, fieldType] of Object.entries(named.fields)) {
        if (fieldType.endsWith('!') && value.fields[key] === undefined)
          return `${key} is required on ${baseName(type)}`;
      }
      return undefined;
    }
    if (named?.kind === 'enum') {
      return value.kind === 'enum' && named.values.includes(value.value)
        ? undefined
        : `Expected ${JSON.stringify(literal(value, {}))} to be one of: ${named.values.join(', ')}`;
    }
    if (value.kind === 'list' || value.kind === 'object' || value.kind === 'enum') return `Expected type '${type}'`;
    return checkInput(type, value.value);
  }

  #error(message: string, loc: Location, path: string[], code?: string): void {
    this.#errors.push({ message, locations: [loc], path, ...(code ? { extensions: { code } } : {}) });
  }
}

function included(selection: Selection, variables: Record<string, unknown>): boolean {
  for (const directive of selection.directives) {
    const condition = directive.args.if ? literal(directive.args.if, variables) : undefined;
    if (directive.name === 'skip' && condition === true) return false;
    if (directive.name === 'include' && condition === false) return false;
  }
  return true;
}

/** Response key → the fields selected under it (fragments expanded), as in the spec's CollectFields. */
function collect(
  typeName: string,
  selections: Selection[],
  fragments: Map<string, Fragment>,
  variables: Record<string, unknown>,
  out = new Map<string, Field[]>(),
): Map<string, Field[]> {
  for (const selection of selections) {
    if (!included(selection, variables)) continue;
    if (selection.kind === 'field') {
      const key = selection.alias ?? selection.name;
      out.set(key, [...(out.get(key) ?? []), selection]);
    } else if (selection.kind === 'inline') {
      if (!selection.typeCondition || possible(selection.typeCondition, typeName)) {
        collect(typeName, selection.selections, fragments, variables, out);
      }
    } else {
      const fragment = fragments.get(selection.name);
      if (fragment && possible(fragment.typeCondition, typeName))
        collect(typeName, fragment.selections, fragments, variables, out);
    }
  }
  return out;
}

/** GitHub's cost: requests needed for every connection (assuming full pages), divided by 100, at least 1. */
function costOf(selections: Selection[], fragments: Map<string, Fragment>, variables: Record<string, unknown>) {
  let requests = 0;
  let nodeCount = 0;
  const walk = (typeName: string, list: Selection[], multiplier: number) => {
    for (const [, fields] of collect(typeName, list, fragments, variables)) {
      const field = fields[0] as Field;
      const definition = fieldsOf(TYPES[typeName])?.[field.name];
      if (!definition) continue;
      const target = baseName(definition.type);
      let next = multiplier;
      if (target.endsWith('Connection')) {
        const size = Number(literal(field.args.first ?? field.args.last ?? { kind: 'int', value: 0 }, variables) ?? 0);
        requests += multiplier;
        next = multiplier * size;
        nodeCount += next;
      }
      const sub = fields.flatMap((f) => f.selections ?? []);
      if (sub.length === 0) continue;
      const named = TYPES[target];
      if (named?.kind === 'interface') {
        for (const [name, type] of Object.entries(TYPES)) {
          if (type.kind === 'object' && type.interfaces?.includes(target)) walk(name, sub, next);
        }
      } else walk(target, sub, next);
    }
  };
  walk('Query', selections, 1);
  return { cost: Math.max(1, Math.round(requests / 100)), nodeCount };
}

class Runner {
  readonly #fragments: Map<string, Fragment>;
  readonly #variables: Record<string, unknown>;
  readonly #ctx: ExecContext;
  readonly #errors: GraphQLError[];

  constructor(
    fragments: Map<string, Fragment>,
    variables: Record<string, unknown>,
    ctx: ExecContext,
    errors: GraphQLError[],
  ) {
    this.#fragments = fragments;
    this.#variables = variables;
    this.#ctx = ctx;
    this.#errors = errors;
  }

  object(
    typeName: string,
    parent: unknown,
    selections: Selection[],
    path: Array<string | number>,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, fields] of collect(typeName, selections, this.#fragments, this.#variables)) {
      const field = fields[0] as Field;
      if (field.name === '__typename') {
        out[key] = typeName;
        continue;
      }
      const definition = fieldsOf(TYPES[typeName])?.[field.name] as FieldDef<unknown> | undefined;
      if (!definition) continue;
      const args: Args = {};
      for (const [name, value] of Object.entries(field.args)) args[name] = literal(value, this.#variables);
      const here = [...path, key];
      try {
        const value = definition.resolve(parent, args, this.#ctx);
        out[key] = this.#complete(
          definition.type,
          value,
          fields.flatMap((f) => f.selections ?? []),
          here,
        );
      } catch (error) {
        if (!(error instanceof ExecutionError)) throw error;
        out[key] = null;
        this.#errors.push({ type: error.type, path: here, locations: [field.loc], message: error.message });
      }
    }
    return out;
  }

  #complete(type: string, value: unknown, selections: Selection[], path: Array<string | number>): unknown {
    if (value === null || value === undefined) return null;
    if (isList(type)) {
      return (value as unknown[]).map((item, i) => this.#complete(itemType(type), item, selections, [...path, i]));
    }
    const name = baseName(type);
    const named = TYPES[name];
    if (named?.kind === 'object') return this.object(name, value, selections, path);
    if (named?.kind === 'interface') return this.object(named.resolveType(value), value, selections, path);
    return value;
  }
}
