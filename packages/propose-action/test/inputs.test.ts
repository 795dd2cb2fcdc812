import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_NAMES, readInputs } from '../src/inputs.ts';

const action = parse(readFileSync(path.resolve(import.meta.dirname, '../action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
};

describe('the action inputs', () => {
  it('are exactly the ones action.yml declares, all kebab-case', () => {
    expect(Object.keys(action.inputs)).toEqual([...INPUT_NAMES]);
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)])
      expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(Object.keys(action.outputs)).toEqual(['slug', 'state', 'pull-request']);
  });

  it('read the runner’s INPUT_ variables with the defaults of action.yml', () => {
    expect(readInputs({ 'INPUT_GITHUB-TOKEN': ' t ', 'INPUT_CONFIG-PATH': '' })).toEqual({
      githubToken: 't',
      discordApiUrl: action.inputs['discord-api-url']!.default,
      configPath: action.inputs['config-path']!.default,
      templatePath: action.inputs['template-path']!.default,
    });
  });

  it('fail on an unknown or misspelt input, an empty token and a bad webhook URL', () => {
    expect(() => readInputs({ 'INPUT_GITHUB-TOKEN': 't', 'INPUT_DISCORD-WEBHOOK': 'x' })).toThrow(
      /unknown input discord-webhook; this action takes github-token,/,
    );
    expect(() => readInputs({ 'INPUT_GITHUB-TOKEN': '' })).toThrow(/github-token is empty/);
    expect(() =>
      readInputs({ 'INPUT_GITHUB-TOKEN': 't', 'INPUT_DISCORD-WEBHOOK-URL': 'https://example.org/hook' }),
    ).toThrow(/not a Discord webhook URL/);
    expect(
      readInputs({
        'INPUT_GITHUB-TOKEN': 't',
        'INPUT_DISCORD-WEBHOOK-URL': 'https://discord.com/api/webhooks/123/abc-DEF',
      }).discordWebhookUrl,
    ).toBe('https://discord.com/api/webhooks/123/abc-DEF');
  });
});
