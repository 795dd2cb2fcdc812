// The fake GitHub's GraphQL endpoint: graphql-js over GitHub's published schema, answered by resolvers over the
// fake's state. A query GitHub would refuse gets GitHub's errors; a valid query that reaches a field the fake
// does not answer is refused with an error naming that field, so a new query fails loudly instead of with nulls.
import { isDeepStrictEqual } from 'node:util';
import {
  type DocumentNode,
  executeSync,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  type GraphQLFieldResolver,
  GraphQLIncludeDirective,
  type GraphQLSchema,
  GraphQLSkipDirective,
  type GraphQLTypeResolver,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  valueFromAST,
} from 'graphql';
import { GitHubExecutionError, RESOLVERS, type ResolverContext, resolverOf } from './graphql/resolvers.ts';
import { githubGraphQLSchema } from './graphql/schema.ts';
import {
  coerceVariablesLikeGitHub,
  type GitHubGraphQLError,
  locationOf,
  syntaxErrorLikeGitHub,
  validateLikeGitHub,
} from './graphql/validation.ts';

export type { GitHubGraphQLError } from './graphql/validation.ts';

/** GitHub refuses a query that could return more nodes than this. */
const MAX_NODES = 500_000;

/** Why the fake refuses a query: GitHub would refuse it too, or the fake does not answer part of it. */
export interface GraphQLRefusal {
  refused: 'invalid-graphql' | 'unsupported-graphql';
  errors: GitHubGraphQLError[];
}

export interface PreparedGraphQL {
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  /** GitHub's rate-limit cost of the query and the nodes it may return. */
  cost: number;
  nodeCount: number;
}

interface GraphQLRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

const refuse = (errors: GitHubGraphQLError[], refused: GraphQLRefusal['refused'] = 'invalid-graphql') => ({
  refused,
  errors,
});

/** Parses, validates against GitHub's schema and prices a query; `executeGraphQL` runs what this accepted. */
export function prepareGraphQL(request: GraphQLRequest): GraphQLRefusal | PreparedGraphQL {
  if (typeof request.query !== 'string' || request.query.trim() === '') {
    return refuse([{ message: 'A query attribute must be specified and must be a string.' }]);
  }
  const given = request.variables ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) return refuse([{ message: 'Variables are invalid JSON.' }]);
  const variables = given as Record<string, unknown>;
  const schema = githubGraphQLSchema();
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    if (error instanceof GraphQLError) return refuse([syntaxErrorLikeGitHub(error)]);
    throw error;
  }
  const invalid = validateLikeGitHub(schema, document);
  if (invalid.length > 0) return refuse(invalid);

  const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const chosen = operationName === undefined ? operations : operations.filter((o) => o.name?.value === operationName);
  if (chosen.length !== 1) {
    return refuse([
      {
        message: chosen.length === 0 ? `No operation named "${operationName ?? ''}"` : 'An operation name is required',
      },
    ]);
  }
  const operation = chosen[0] as OperationDefinitionNode;
  const root = schema.getRootType(operation.operation);
  if (!root) {
    return refuse([
      { message: `Schema is not configured for ${operation.operation}s`, locations: locationOf(operation) },
    ]);
  }
  const coerced = coerceVariablesLikeGitHub(schema, operation, variables);
  if ('errors' in coerced) return refuse(coerced.errors);

  const walk = new FieldWalk(schema, document, coerced.values);
  const unsupported = unimplemented(walk, root, operation);
  if (unsupported.length > 0) return refuse(unsupported, 'unsupported-graphql');
  const { cost, nodeCount } = costOf(walk, root, operation);
  if (nodeCount > MAX_NODES) {
    return refuse([
      {
        type: 'MAX_NODE_LIMIT_EXCEEDED',
        message: `This query requests up to ${nodeCount.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString('en-US')}.`,
      },
    ]);
  }
  return { document, operationName, variables, cost, nodeCount };
}

export function executeGraphQL(
  prepared: PreparedGraphQL,
  ctx: Omit<ResolverContext, 'cost' | 'nodeCount'>,
): { data: Record<string, unknown> | null; errors: GitHubGraphQLError[] } {
  const result = executeSync({
    schema: githubGraphQLSchema(),
    document: prepared.document,
    operationName: prepared.operationName,
    variableValues: prepared.variables,
    contextValue: { ...ctx, cost: prepared.cost, nodeCount: prepared.nodeCount } satisfies ResolverContext,
    fieldResolver,
    typeResolver,
  });
  return {
    data: (result.data as Record<string, unknown> | null | undefined) ?? null,
    errors: (result.errors ?? []).map(format),
  };
}

const fieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = (parent, args, ctx, info) => {
  const resolver = resolverOf(info.parentType.name, info.fieldName);
  // prepareGraphQL refuses such queries; reaching this is a bug in the fake (a parent of an unexpected type).
  if (!resolver) throw new Error(`the fake GitHub has no resolver for ${info.parentType.name}.${info.fieldName}`);
  return resolver.resolve(parent, args, ctx);
};

/** Resolvers tag what they return behind an interface (Actor, GitObject, RepositoryOwner) with its type. */
const typeResolver: GraphQLTypeResolver<unknown, ResolverContext> = (value) =>
  (value as { __typename?: string }).__typename;

/** GitHub's execution errors: `type`, `path`, `locations`, `message`; anything else is the fake's own failure. */
function format(error: GraphQLError): GitHubGraphQLError {
  const located = {
    ...(error.path ? { path: [...error.path] } : {}),
    locations: error.locations ? [...error.locations] : [],
    message: error.message,
  };
  return error.originalError instanceof GitHubExecutionError ? { type: error.originalError.type, ...located } : located;
}

/** Returned by a field visitor to leave out what is selected under the field. */
const SKIP = Symbol('skip');

type FieldVisitor<S> = (
  parent: GraphQLCompositeType,
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  state: S,
  path: string[],
) => S | typeof SKIP;

/** Walks the fields an operation selects (fragments expanded, @skip/@include applied), each with its parent type. */
class FieldWalk {
  readonly schema: GraphQLSchema;
  readonly variables: Record<string, unknown>;
  readonly #fragments: Map<string, FragmentDefinitionNode>;

  constructor(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>) {
    this.schema = schema;
    this.variables = variables;
    this.#fragments = new Map(
      document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
  }

  run<S>(root: GraphQLCompositeType, operation: OperationDefinitionNode, state: S, visit: FieldVisitor<S>): void {
    const label = operation.name ? `${operation.operation} ${operation.name.value}` : operation.operation;
    this.#selections(root, operation.selectionSet, state, visit, [label]);
  }

  #selections<S>(
    type: GraphQLCompositeType,
    set: SelectionSetNode,
    state: S,
    visit: FieldVisitor<S>,
    path: string[],
  ): void {
    for (const selection of set.selections) {
      if (getDirectiveValues(GraphQLSkipDirective, selection, this.variables)?.if === true) continue;
      if (getDirectiveValues(GraphQLIncludeDirective, selection, this.variables)?.if === false) continue;
      if (selection.kind === Kind.FIELD) {
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
        if (!field) continue; // __typename and the other meta fields
        const here = [...path, (selection.alias ?? selection.name).value];
        const next = visit(type, selection, field, state, here);
        const child = getNamedType(field.type);
        if (selection.selectionSet && next !== SKIP)
          this.#selections(child as GraphQLCompositeType, selection.selectionSet, next, visit, here);
      } else {
        const fragment =
          selection.kind === Kind.FRAGMENT_SPREAD ? this.#fragments.get(selection.name.value) : selection;
        if (!fragment) continue;
        const condition = fragment.typeCondition ? this.schema.getType(fragment.typeCondition.name.value) : type;
        const label =
          selection.kind === Kind.FRAGMENT_SPREAD
            ? `... ${selection.name.value}`
            : `... on ${condition?.name ?? type.name}`;
        this.#selections(condition as GraphQLCompositeType, fragment.selectionSet, state, visit, [...path, label]);
      }
    }
  }
}

/**
 * Every field and argument the query reaches that GitHub's schema has but the fake does not answer. A field
 * under an interface must be answered by each type the fake can put there.
 */
function unimplemented(walk: FieldWalk, root: GraphQLCompositeType, operation: OperationDefinitionNode) {
  const errors = new Map<string, GitHubGraphQLError>();
  const report = (node: FieldNode, path: string[], typeName: string, fieldName: string, argument?: string) => {
    const what = argument ? `the argument ${argument} of ${typeName}.${fieldName}` : `${typeName}.${fieldName}`;
    const message = `The fake GitHub does not answer ${what}, which GitHub's schema has: add it to packages/testkit/src/github/graphql/resolvers.ts`;
    if (errors.has(message)) return;
    errors.set(message, {
      message,
      locations: locationOf(node),
      path,
      extensions: {
        code: 'notImplementedByFakeGitHub',
        typeName,
        fieldName,
        ...(argument ? { argumentName: argument } : {}),
      },
    });
  };
  walk.run(root, operation, undefined, (parent, node, field, _state, path) => {
    const before = errors.size;
    const types = isAbstractType(parent)
      ? walk.schema.getPossibleTypes(parent).filter((t) => RESOLVERS[t.name])
      : [parent];
    if (types.length === 0) report(node, path, parent.name, field.name);
    for (const type of types) {
      const resolver = resolverOf(type.name, field.name);
      if (!resolver) {
        report(node, path, type.name, field.name);
        continue;
      }
      for (const argument of node.arguments ?? []) {
        const definition = field.args.find((a) => a.name === argument.name.value);
        if (!definition) continue;
        const value = valueFromAST(argument.value, definition.type, walk.variables);
        if (value === undefined || value === null || resolver.args.includes(definition.name)) continue;
        if (definition.defaultValue !== undefined && isDeepStrictEqual(value, definition.defaultValue)) continue;
        const input = getNullableType(definition.type);
        if (!isInputObjectType(input) || typeof value !== 'object') {
          report(node, path, type.name, field.name, definition.name);
          continue;
        }
        // valueFromAST fills in the input object's defaults (IssueFilters.viewerSubscribed = false): not asked for.
        const fields = input.getFields();
        for (const [key, given] of Object.entries(value)) {
          const name = `${definition.name}.${key}`;
          if (resolver.args.includes(name) || isDeepStrictEqual(given, fields[key]?.defaultValue)) continue;
          report(node, path, type.name, field.name, name);
        }
      }
    }
    // What is selected under a field the fake does not answer would only repeat the news.
    return errors.size > before ? SKIP : undefined;
  });
  return [...errors.values()];
}

/**
 * GitHub's rate-limit cost: one request per connection, times the page sizes of the connections above it; the sum
 * divided by 100, at least 1. `nodeCount` is the number of nodes the query may return.
 */
function costOf(walk: FieldWalk, root: GraphQLCompositeType, operation: OperationDefinitionNode) {
  let requests = 0;
  let nodeCount = 0;
  walk.run(root, operation, 1, (_parent, node, field, multiplier) => {
    if (!getNamedType(field.type).name.endsWith('Connection')) return multiplier;
    const args = getArgumentValues(field, node, walk.variables);
    const size = Number(args.first ?? args.last ?? 0);
    requests += multiplier;
    nodeCount += multiplier * size;
    return multiplier * size;
  });
  return { cost: Math.max(1, Math.round(requests / 100)), nodeCount };
}
