import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUTS, InputError, readInputs } from '../src/inputs.ts';

const actionYml = parse(
  readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../action.yml'), 'utf8'),
) as {
  inputs: Record<string, { default?: string }>;
};

describe('inputs', () => {
  it('match action.yml', () => {
    expect(Object.keys(INPUTS).sort()).toEqual(Object.keys(actionYml.inputs).sort());
    expect(INPUTS['config-path']).toBe(actionYml.inputs['config-path']?.default);
  });
  it('refuse an unknown input and a path outside the repository', () => {
    expect(() => readInputs({ 'INPUT_GITHUB-TOKEN': 'x', INPUT_TOKEN: 'y' })).toThrow(InputError);
    expect(() => readInputs({ 'INPUT_GITHUB-TOKEN': 'x', 'INPUT_CONFIG-PATH': '../x' })).toThrow(
      /inside the repository/,
    );
  });
});
