// The bundled action as the runner starts it: `node dist/index.js` with INPUT_* and GITHUB_* variables.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleRepository, tempDir } from './helpers.ts';

const dist = path.resolve(import.meta.dirname, '../dist/index.js');

function runAction(workspace: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const runner = tempDir('cb-runner-');
  const outputFile = path.join(runner, 'output');
  const summaryFile = path.join(runner, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: runner,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'mechinterp-community/circuitboard',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...extraEnv,
  };
  const result = spawnSync(process.execPath, [dist], { cwd: workspace, env, encoding: 'utf8' });
  const outputs: Record<string, string> = {};
  for (const match of readFileSync(outputFile, 'utf8').matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
    outputs[match[1] as string] = match[3] as string;
  return { ...result, outputs, summary: readFileSync(summaryFile, 'utf8') };
}

describe.skipIf(!existsSync(dist))('the bundled report action', () => {
  it('writes the files, the outputs (the folder and name to upload) and the job summary', () => {
    const workspace = sampleRepository();
    const result = runAction(workspace, { week: '2026-W47', 'out-dir': 'weekly' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({
      'json-path': path.join(workspace, 'weekly/2026-W47.json'),
      'markdown-path': path.join(workspace, 'weekly/2026-W47.md'),
      'html-path': path.join(workspace, 'weekly/2026-W47.html'),
      'milestones-done': '1',
      'active-projects': '1',
      'new-contributors': '0',
      'out-dir': path.join(workspace, 'weekly'),
      'artifact-name': 'circuitboard-report-2026-W47',
    });
    expect(result.summary).toBe(readFileSync(path.join(workspace, 'weekly/2026-W47.md'), 'utf8'));
    expect(JSON.parse(readFileSync(path.join(workspace, 'weekly/2026-W47.json'), 'utf8')).schemaVersion).toBe(2);
  });

  it('fails the step on an unknown input, naming it', () => {
    const result = runAction(sampleRepository(), { weeks: '2026-W47' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('::error::unknown input weeks; this action takes github-token, source, week');
  });
});
