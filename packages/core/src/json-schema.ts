import * as z from 'zod';
import { Hackathon, OneOffEvent, ScoreSheet, Series } from './calendar/model.ts';
import { CommunityConfig, Project } from './model.ts';

const NOTE =
  'Generated from packages/core/src/model.ts by `node scripts/write-schemas.ts` in packages/core; do not edit.';
const CALENDAR_NOTE =
  'Generated from packages/core/src/calendar/model.ts by `node scripts/write-schemas.ts` in packages/core; do not edit.';

/** The schema as an editor sees the file: defaults make keys optional, so `io: 'input'`. */
function toJsonSchema(schema: z.ZodType, note = NOTE): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = json;
  return { $schema, $comment: note, ...rest };
}

/** JSON Schema of `projects/<slug>/project.yml`, for yaml-language-server and other editors. */
export function projectJsonSchema(): object {
  return toJsonSchema(Project);
}

/** JSON Schema of `.github/circuitboard.yml`. */
export function configJsonSchema(): object {
  return toJsonSchema(CommunityConfig);
}

/** JSON Schema of `events/<slug>.yml`: a series, a one-off event or a hackathon, told apart by `kind`. */
export function eventJsonSchema(): object {
  return toJsonSchema(
    z.discriminatedUnion('kind', [Series, OneOffEvent, Hackathon]).meta({
      title: 'Circuitboard event',
      description: 'events/<slug>.yml — kind: series (the reading group), event (a talk) or hackathon.',
    }),
    CALENDAR_NOTE,
  );
}

/** JSON Schema of `events/<hackathon>/scores/<judge>.yml`. */
export function scoresJsonSchema(): object {
  return toJsonSchema(ScoreSheet, CALENDAR_NOTE);
}

/** The committed schema files, relative to packages/core, and their exact content. */
export function schemaFiles(): { path: string; content: string }[] {
  return [
    { path: 'schemas/project.schema.json', content: `${JSON.stringify(projectJsonSchema(), null, 2)}\n` },
    { path: 'schemas/config.schema.json', content: `${JSON.stringify(configJsonSchema(), null, 2)}\n` },
    { path: 'schemas/event.schema.json', content: `${JSON.stringify(eventJsonSchema(), null, 2)}\n` },
    { path: 'schemas/scores.schema.json', content: `${JSON.stringify(scoresJsonSchema(), null, 2)}\n` },
  ];
}
