import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildASTSchema, GraphQLError, type GraphQLScalarType, type GraphQLSchema, Kind, parse, print } from 'graphql';

const SCHEMA_PACKAGE = '@octokit/graphql-schema';

let cached: GraphQLSchema | undefined;

/**
 * GitHub's public GraphQL schema (`@octokit/graphql-schema`), built once per process on first use, so only the
 * tests that send GraphQL pay for it (time and memory: docs/benchmarks.md, `node bench/graphql-schema.mjs`).
 */
export function githubGraphQLSchema(): GraphQLSchema {
  if (cached) return cached;
  // Descriptions (every `"""…"""` block in this file) are two thirds of its 1.2 MB and the fake needs none:
  // leaving them out makes the parse about 40% faster.
  const sdl = readFileSync(schemaFile(), 'utf8').replace(/"""[\s\S]*?"""/g, '');
  // The published schema is GitHub's own and valid; checking it again would double the cost.
  const schema = buildASTSchema(parse(sdl, { noLocation: true }), { assumeValid: true, assumeValidSDL: true });
  for (const [name, check] of Object.entries(SCALAR_FORMATS)) strictScalar(schema, name, check);
  cached = schema;
  return schema;
}

/** The package exports only its JavaScript entry, so its schema.graphql is found through the resolution paths. */
function schemaFile(): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths(SCHEMA_PACKAGE) ?? []) {
    const file = join(dir, SCHEMA_PACKAGE, 'schema.graphql');
    if (existsSync(file)) return file;
  }
  throw new Error(`the fake GitHub cannot find ${SCHEMA_PACKAGE}/schema.graphql; run pnpm install`);
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** GitHub refuses input values of its custom scalars that do not parse; SDL alone leaves them unchecked. */
const SCALAR_FORMATS: Record<string, (value: string) => boolean> = {
  DateTime: (v) => ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
  GitTimestamp: (v) => ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
  PreciseDateTime: (v) => ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
  Date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  GitObjectID: (v) => /^[0-9a-f]{40}$/.test(v),
  URI: (v) => URL.canParse(v),
};

function strictScalar(schema: GraphQLSchema, name: string, check: (value: string) => boolean): void {
  const scalar = schema.getType(name) as GraphQLScalarType | undefined;
  if (!scalar) return;
  // graphql-ruby's words for a value its scalar cannot coerce.
  const refuse = (shown: string) => new GraphQLError(`Could not coerce value ${shown} to ${name}`);
  const parseValue = (value: unknown) => {
    if (typeof value === 'string' && check(value)) return value;
    throw refuse(JSON.stringify(value));
  };
  // The scalar objects are shared by every field that uses them: set their parsers once, in place.
  Object.assign(scalar, {
    parseValue,
    parseLiteral: (node: Parameters<GraphQLScalarType['parseLiteral']>[0]) => {
      if (node.kind === Kind.STRING && check(node.value)) return node.value;
      throw refuse(print(node));
    },
  });
}
