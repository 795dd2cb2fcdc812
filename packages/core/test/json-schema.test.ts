import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectJsonSchema, schemaFiles } from '../src/json-schema.ts';

describe('JSON Schemas', () => {
  it.each(schemaFiles())('$path is up to date with src/model.ts', ({ path, content }) => {
    let committed: string | undefined;
    try {
      committed = readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
    } catch {
      committed = undefined;
    }
    expect(
      committed === content,
      `packages/core/${path} is out of date with src/model.ts; run \`node scripts/write-schemas.ts\` in packages/core and commit the result`,
    ).toBe(true);
  });

  it('refuses unknown keys and requires the essentials, as the validator does', () => {
    const schema = projectJsonSchema() as { $defs: { Project: { required: string[]; additionalProperties: boolean } } };
    expect(schema.$defs.Project.required).toEqual(['title', 'status', 'summary', 'leads']);
    expect(schema.$defs.Project.additionalProperties).toBe(false);
  });
});
