import * as z from 'zod';
import { CommunityConfig, Project } from './model.ts';

const NOTE =
  'Generated from packages/core/src/model.ts by `node scripts/write-schemas.ts` in packages/core; do not edit.';

/** The schema as an editor sees the file: defaults make keys optional, so `io: 'input'`. */
function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = json;
  return { $schema, $comment: NOTE, ...rest };
}

/** JSON Schema of `projects/<slug>/project.yml`, for yaml-language-server and other editors. */
export function projectJsonSchema(): object {
  return toJsonSchema(Project);
}

/** JSON Schema of `.github/circuitboard.yml`. */
export function configJsonSchema(): object {
  return toJsonSchema(CommunityConfig);
}

/** The committed schema files, relative to packages/core, and their exact content. */
export function schemaFiles(): { path: string; content: string }[] {
  return [
    { path: 'schemas/project.schema.json', content: `${JSON.stringify(projectJsonSchema(), null, 2)}\n` },
    { path: 'schemas/config.schema.json', content: `${JSON.stringify(configJsonSchema(), null, 2)}\n` },
  ];
}
