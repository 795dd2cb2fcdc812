import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUTS, InputError, inputEnvName, readInputs } from '../src/inputs.ts';
import { packageDir } from './harness.ts';

/** Input names and defaults as action.yml declares them (a flat, hand-written file). */
function declared(): Record<string, string> {
  const text = readFileSync(path.join(packageDir, 'action.yml'), 'utf8');
  const block = text.slice(text.indexOf('\ninputs:\n'), text.indexOf('\noutputs:\n'));
  const out: Record<string, string> = {};
  let current = '';
  for (const line of block.split('\n')) {
    const name = /^ {2}([a-z-]+):\s*$/.exec(line);
    if (name) current = name[1]!;
    const value = /^ {4}default:\s*(.*)$/.exec(line);
    if (value && current) out[current] = value[1]!.replace(/^"(.*)"$/, '$1');
  }
  return out;
}

describe('inputs', () => {
  it('match action.yml name for name and default for default', () => {
    const fromYaml = declared();
    expect(Object.keys(INPUTS).sort()).toEqual(Object.keys(fromYaml).sort());
    for (const [name, value] of Object.entries(INPUTS)) {
      if (name !== 'github-token') expect(value, name).toBe(fromYaml[name]);
    }
  });

  const base = { [inputEnvName('github-token')]: 'ghs_x' };

  it.each([
    [{ 'INPUT_DISCORD-WEBHOK-URL': 'x' }, /unknown input "discord-webhok-url"/],
    [{ 'INPUT_DRY-RUN': 'yes' }, /dry-run must be true or false/],
    [{ INPUT_MODE: 'full' }, /mode must be push or reconcile/],
    [{ INPUT_RECONCILE: 'yes' }, /reconcile must be empty or recreate/],
    [{ 'INPUT_CONFIG-PATH': '../secrets.yml' }, /inside the repository/],
    [{ 'INPUT_LEDGER-BRANCH': '-x' }, /branch name/],
    [{ 'INPUT_GITHUB-TOKEN': '' }, /github-token is empty/],
  ])('refuses %j', (env, message) => {
    expect(() => readInputs({ ...base, ...env })).toThrow(InputError);
    expect(() => readInputs({ ...base, ...env })).toThrow(message);
  });

  it('fills in the defaults', () => {
    expect(readInputs(base)).toEqual({
      githubToken: 'ghs_x',
      discordApiUrl: 'https://discord.com/api',
      configPath: '.github/circuitboard.yml',
      ledgerBranch: 'circuitboard-state',
      dryRun: false,
      mode: 'push',
      recreate: false,
    });
    expect(readInputs({ ...base, INPUT_RECONCILE: 'recreate' }).recreate).toBe(true);
  });
});
