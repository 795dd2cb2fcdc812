import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTIONS_REPOSITORY } from '../src/commands/init.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const OWN_ACTIONS = /^mechinterp-community\/circuitboard\/packages\/[a-z-]+-action@v1$/;

function yamlFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name))
        .map((name) => path.join(dir, name))
    : [];
}

const workflows = [
  ...yamlFiles(path.join(repoRoot, '.github/workflows')),
  ...yamlFiles(path.join(repoRoot, 'packages/cli/templates/workflows')),
];
const actionFiles = readdirSync(path.join(repoRoot, 'packages'))
  .map((name) => path.join(repoRoot, 'packages', name, 'action.yml'))
  .filter((file) => existsSync(file));

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: unknown;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown> | string | string[];
  permissions?: unknown;
  jobs: Record<string, Job>;
}

const rel = (file: string) => path.relative(repoRoot, file);
/** The workflow as it lands in a repository: init's templates get the released actions' address. */
const workflowText = (file: string) => readFileSync(file, 'utf8').replaceAll('__ACTIONS__', ACTIONS_REPOSITORY);
const UNTRUSTED_EXPRESSION = /\$\{\{[^}]*\b(github\.event\.|github\.head_ref|inputs\.|steps\.)/;

/** Every hardening rule the project promises, as a list of broken ones (empty when the file is fine). */
function hardeningProblems(file: string): string[] {
  const text = workflowText(file);
  const workflow = parse(text) as Workflow;
  const problems: string[] = [];
  const triggers =
    typeof workflow.on === 'string'
      ? [workflow.on]
      : Array.isArray(workflow.on)
        ? workflow.on
        : Object.keys(workflow.on);
  if (triggers.includes('pull_request_target')) problems.push('uses pull_request_target');
  const top = workflow.permissions;
  const topOk =
    (typeof top === 'object' && top !== null && Object.keys(top).length === 0) ||
    (typeof top === 'object' && top !== null && JSON.stringify(top) === JSON.stringify({ contents: 'read' }));
  if (!topOk) problems.push(`top-level permissions must be {} or contents: read, got ${JSON.stringify(top)}`);
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (/^\s+[a-z-]+:\s*write\b/.test(line) && !line.includes('#')) {
      problems.push(`line ${index + 1}: write permission without a comment saying why`);
    }
  });
  for (const [name, job] of Object.entries(workflow.jobs)) {
    for (const [i, step] of (job.steps ?? []).entries()) {
      const where = `job ${name} step ${i + 1}`;
      if (step.run && UNTRUSTED_EXPRESSION.test(step.run)) problems.push(`${where}: untrusted expression in run:`);
      const script = step.with?.script;
      if (typeof script === 'string' && UNTRUSTED_EXPRESSION.test(script))
        problems.push(`${where}: untrusted expression in script:`);
      if (!step.uses || step.uses.startsWith('./')) continue;
      if (OWN_ACTIONS.test(step.uses)) continue;
      if (!/^[^@]+@[0-9a-f]{40}$/.test(step.uses))
        problems.push(`${where}: ${step.uses} is not pinned to a full commit SHA`);
      const usesLine = lines.find((line) => line.includes(step.uses!));
      if (!usesLine || !/#\s*v\d/.test(usesLine)) problems.push(`${where}: ${step.uses} has no version comment`);
      if (step.uses.startsWith('actions/checkout@') && step.with?.['persist-credentials'] !== false) {
        problems.push(`${where}: actions/checkout without persist-credentials: false`);
      }
    }
  }
  if (triggers.includes('workflow_run') && /download-artifact[\s\S]*\brun:\s*\.\//.test(text)) {
    problems.push('a workflow_run job runs a downloaded artifact');
  }
  return problems;
}

describe('workflow hardening', () => {
  it('finds the workflows of this repository and of `circuitboard init`', () => {
    expect(workflows.map(rel)).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', 'packages/cli/templates/workflows/sync.yml']),
    );
  });

  it.each(workflows.map((file) => [rel(file), file]))('%s follows every hardening rule', (_name, file) => {
    expect(hardeningProblems(file)).toEqual([]);
  });

  it.each(workflows.map((file) => [rel(file), file]))('%s validates against the workflow schema', (_name, file) => {
    const state = validateWorkflow(workflowText(file));
    expect(state.errors).toEqual([]);
  });

  it.each(actionFiles.map((file) => [rel(file), file]))(
    '%s runs on node24 and validates against the action schema',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      expect((parse(text) as { runs: { using: string; main: string } }).runs).toMatchObject({
        using: 'node24',
        main: 'dist/index.js',
      });
      // action-validator 0.6's schema predates GitHub's node24 runtime; everything else is checked as published.
      const state = validateAction(text.replace(/^(\s*using:\s*)node24\s*$/m, '$1node20'));
      expect(state.errors).toEqual([]);
    },
  );
});

describe('the hardening rules catch what they promise to', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['pull_request_target', 'on: pull_request_target\npermissions: {}\njobs: {}\n', /pull_request_target/],
    ['no top-level permissions', 'on: push\njobs: {}\n', /top-level permissions/],
    [
      'an issue title in run:',
      'on: issues\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n',
      /untrusted expression in run/,
    ],
    [
      'an unpinned action',
      'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/setup-node@v4\n',
      /not pinned/,
    ],
    [
      'checkout keeping credentials',
      'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n',
      /persist-credentials/,
    ],
    [
      'a write permission with no reason',
      'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    permissions:\n      issues: write\n    steps: []\n',
      /without a comment/,
    ],
  ];
  it.each(cases)('flags %s', async (_name, text, expected) => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cb-wf-')), 'w.yml');
    writeFileSync(file, text);
    expect(hardeningProblems(file).join('\n')).toMatch(expected);
  });
});
