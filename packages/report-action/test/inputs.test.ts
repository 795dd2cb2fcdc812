import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_NAMES, readInputs } from '../src/inputs.ts';

const actionYml = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
};

describe('inputs', () => {
  it('action.yml declares exactly the inputs the code reads, and runs on node24', () => {
    expect(Object.keys(actionYml.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    expect(actionYml.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(Object.keys(actionYml.outputs).sort()).toEqual([
      'active-projects',
      'artifact-name',
      'html-path',
      'json-path',
      'markdown-path',
      'milestones-done',
      'new-contributors',
      'out-dir',
    ]);
  });

  it('fails fast on an input it does not know', () => {
    expect(() => readInputs({ 'INPUT_OUT-DIR': 'r', 'INPUT_OUTPUT-DIR': 'r' })).toThrow(
      /^unknown input output-dir; this action takes github-token, source/,
    );
  });

  it('defaults', () => {
    expect(readInputs({})).toMatchObject({
      source: 'git',
      outDir: 'reports',
      discordApiUrl: 'https://discord.com/api',
      configPath: '.github/circuitboard.yml',
      week: '',
    });
  });

  it.each([
    [{ INPUT_SOURCE: 'svn' }, /source must be git or github/],
    [{ INPUT_SOURCE: 'github' }, /source github needs github-token/],
    [{ 'INPUT_DISCORD-WEBHOOK-URL': 'https://example.org/hook' }, /not a Discord webhook URL/],
    [{ 'INPUT_DISCORD-CHANNEL-ID': 'general' }, /discord-channel-id must be a channel id/],
  ])('refuses %j', (env, message) => {
    expect(() => readInputs(env)).toThrow(message);
  });
});
