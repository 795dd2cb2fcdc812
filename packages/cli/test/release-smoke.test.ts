// The release as adopters get it: scripts/release.mjs writes the tree the release commit will hold (the files
// tracked at HEAD plus each action's dist/) into a temporary folder, and each action runs from there the way the
// runner starts it: `node <action>/dist/index.js` in the workspace, with the event file, the GITHUB_* variables
// and an INPUT_* variable for every input of its action.yml, against the testkit servers.
/// <reference path="../../testkit/src/discord/discord-api-spec.d.ts" />
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  commitFolder,
  type FakeDiscord,
  type FakeGitHub,
  startFakeDiscord,
  startFakeGitHub,
} from '@circuitboard/testkit';
import webhooks from '@octokit/webhooks-examples/api.github.com/index.json' with { type: 'json' };
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeReleaseTree } from '../../../scripts/release.mjs';
import { repoRoot, run as runCli } from './helpers.ts';

const TOKEN = 'ghs_release_smoke_token';
const ZERO = '0'.repeat(40);
const hasAction = (name: string) => existsSync(path.join(repoRoot, 'packages', name, 'action.yml'));

let scratch: string;
let tree: string;
let gh: FakeGitHub;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'cb-release-smoke-'));
  tree = writeReleaseTree(path.join(scratch, 'release'));
  gh = await startFakeGitHub({ now: () => new Date('2026-11-24T09:00:00Z') });
});

afterAll(async () => {
  await gh?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const dir = (prefix: string) => mkdtempSync(path.join(scratch, prefix));

// biome-ignore lint/suspicious/noExplicitAny: webhook payloads are reshaped freely here
type Json = Record<string, any>;
/** GitHub's own example payload for an event, from @octokit/webhooks-examples. */
function example(name: string, action?: string, pick: (e: Json) => boolean = () => true): Json {
  const event = (webhooks as Json[]).find((w) => w.name === name);
  const found = event?.examples.find((e: Json) => e.action === action && pick(e));
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${[name, action].filter(Boolean).join('.')} example`);
  return structuredClone(found);
}

interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs `<tree>/packages/<action>/dist/index.js` as the runner does. Every input of action.yml is set, to its
 * default unless given (`${{ github.token }}` is the token), so a default the action does not accept fails here.
 */
async function runFromRelease(
  action: string,
  options: {
    workspace: string;
    eventName: string;
    event: Json;
    repository: string;
    inputs?: Record<string, string>;
    env?: Record<string, string>;
  },
): Promise<ActionRun> {
  const home = path.join(tree, 'packages', action);
  // git archive holds only committed files: an action.yml not committed yet is read from the working tree.
  const actionYml = [path.join(home, 'action.yml'), path.join(repoRoot, 'packages', action, 'action.yml')].find(
    (file) => existsSync(file),
  );
  const declared =
    (parse(readFileSync(actionYml as string, 'utf8')) as { inputs?: Record<string, { default?: string }> }).inputs ??
    {};
  const runner = dir('runner-');
  const files = {
    event: path.join(runner, 'event.json'),
    output: path.join(runner, 'output'),
    summary: path.join(runner, 'summary.md'),
  };
  writeFileSync(files.event, JSON.stringify(options.event));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(declared)) {
    const value = options.inputs?.[name] ?? String(input.default ?? '').replace('${{ github.token }}', TOKEN);
    inputs[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: runner,
    RUNNER_TEMP: runner,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: options.repository,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: gh.url,
    GITHUB_GRAPHQL_URL: gh.graphqlUrl,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    ...inputs,
    ...options.env,
  };
  const bundle = path.join(home, 'dist/index.js');
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [bundle], { cwd: options.workspace, env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
  const outputs: Record<string, string> = {};
  for (const m of readFileSync(files.output, 'utf8').matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
    outputs[m[1]!] = m[3]!;
  return { code, stdout, stderr, outputs, summary: readFileSync(files.summary, 'utf8') };
}

/** git with no user or system config, as one author, at `date` (the report reads authors and dates). */
function git(cwd: string, args: string[], date = '2026-11-20T12:00:00Z'): Promise<string> {
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Alice Nguyen',
    GIT_AUTHOR_EMAIL: 'alice@example.org',
    GIT_COMMITTER_NAME: 'Alice Nguyen',
    GIT_COMMITTER_EMAIL: 'alice@example.org',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
  return new Promise((resolve, reject) =>
    execFile('git', args, { cwd, env }, (error, stdout) => (error ? reject(error) : resolve(stdout.trim()))),
  );
}

/** Writes the files and commits everything in the workspace; returns the commit. */
async function commit(
  workspace: string,
  files: Record<string, string>,
  message: string,
  date?: string,
): Promise<string> {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    writeFileSync(path.join(workspace, file), content);
  }
  await git(workspace, ['add', '-A']);
  await git(workspace, ['commit', '--quiet', '--allow-empty', '-m', message], date);
  return git(workspace, ['rev-parse', 'HEAD']);
}

/** A checkout: a fresh git repository whose first commit holds `files`. */
async function checkout(files: Record<string, string>, date?: string): Promise<string> {
  const workspace = dir('workspace-');
  await git(workspace, ['init', '--quiet', '--initial-branch=main']);
  await commit(workspace, files, 'initial', date);
  return workspace;
}

const repoFile = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

const PROJECT = (options: { done?: string; status?: string } = {}) => `title: Induction heads across Pythia checkpoints
status: ${options.status ?? 'active'}
summary: When do induction heads form during training?
leads:
  - github: alice
members:
  - github: bob
milestones:
  - id: replicate
    title: Replicate the phase change on Pythia-70m
    due: 2026-11-15
${options.done ? `    done: ${options.done}\n` : ''}`;
const P = 'projects/induction-heads/project.yml';

describe('the release tree', () => {
  it('holds each action with its bundle, and nothing but dist/ is added to the tracked files', () => {
    for (const name of ['propose-action', 'validate-action', 'sync-action', 'report-action'].filter(hasAction)) {
      expect(existsSync(path.join(tree, 'packages', name, 'dist/index.js')), name).toBe(true);
    }
    expect(existsSync(path.join(tree, 'node_modules'))).toBe(false);
  });
});

describe('each action run from the release tree, as GitHub runs it', () => {
  it('report: the weekly files, outputs (the folder and name to upload) and job summary of a git checkout', async () => {
    const workspace = dir('report-');
    cpSync(path.join(repoRoot, 'projects'), path.join(workspace, 'projects'), { recursive: true });
    cpSync(path.join(repoRoot, '.github'), path.join(workspace, '.github'), { recursive: true });
    commitFolder(workspace, { date: '2026-10-01T12:00:00Z' });
    const result = await runFromRelease('report-action', {
      workspace,
      eventName: 'workflow_dispatch',
      event: { inputs: {}, ref: 'refs/heads/main', repository: { full_name: 'mechinterp-community/circuitboard' } },
      repository: 'mechinterp-community/circuitboard',
      inputs: { week: '2026-W47' },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs).toMatchObject({
      'json-path': path.join(workspace, 'reports/2026-W47.json'),
      'html-path': path.join(workspace, 'reports/2026-W47.html'),
      'milestones-done': '1',
      'out-dir': path.join(workspace, 'reports'),
      'artifact-name': 'circuitboard-report-2026-W47',
    });
    expect(JSON.parse(readFileSync(path.join(workspace, 'reports/2026-W47.json'), 'utf8')).schemaVersion).toBe(2);
    expect(result.summary).toBe(readFileSync(path.join(workspace, 'reports/2026-W47.md'), 'utf8'));
  });

  it('propose: an issues.opened event with a valid proposal gets one comment previewing the project', async () => {
    const repository = 'mechinterp/projects';
    gh.createRepo('mechinterp', 'projects', {
      files: {
        'README.md': '# Projects\n',
        '.github/circuitboard.yml': repoFile('.github/circuitboard.yml'),
        '.github/ISSUE_TEMPLATE/propose-project.yml': repoFile('.github/ISSUE_TEMPLATE/propose-project.yml'),
      },
    });
    const body = [
      ['Project title', 'SAE feature splitting across dictionary sizes'],
      ['Summary', 'Do sparse autoencoder features split predictably as the dictionary grows?'],
      [
        'Research question and motivation',
        'We train SAEs of four sizes on GPT-2 small layer 8 and match features across sizes.',
      ],
      ['Leads', '@carol'],
      ['Milestones', '2026-12-01 Train the four SAEs\n2027-01-15 Match features across sizes'],
      ['Tags', 'sparse-autoencoders, gpt2'],
      ['Links', 'repo: https://github.com/example/sae-splitting'],
      ['Help wanted', '- Someone with SAE training experience'],
      ['Expected time commitment', '3 hours a week'],
      ['Your Discord user id (optional)', '_No response_'],
      ['Folder name (optional)', 'sae-splitting'],
    ]
      .map(([heading, answer]) => `### ${heading}\n\n${answer}`)
      .join('\n\n');
    const issue = gh.seedIssue(repository, {
      title: 'Proposal: SAE splitting',
      body,
      user: 'carol',
      labels: ['proposal'],
    });
    const event = example('issues', 'opened', (e) => !e.issue?.pull_request);
    event.issue = {
      ...event.issue,
      number: issue.number,
      title: issue.title,
      body,
      user: { ...event.issue.user, login: 'carol', type: 'User' },
      labels: [],
      state: 'open',
    };
    event.repository = {
      ...event.repository,
      name: 'projects',
      full_name: repository,
      default_branch: 'main',
      html_url: `https://github.com/${repository}`,
    };
    event.sender = { ...event.sender, login: 'carol', type: 'User' };
    const result = await runFromRelease('propose-action', {
      workspace: dir('propose-'),
      eventName: 'issues',
      event,
      repository,
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs).toMatchObject({ slug: 'sae-splitting', state: 'ready' });
    const comments = gh.state(repository).comments.filter((c) => c.issue === issue.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(
      /^<!-- circuitboard:proposal slug=sae-splitting state=ready body=[0-9a-f]{16} -->/,
    );
    gh.assertNoViolations();
  });

  it.skipIf(!hasAction('validate-action'))(
    'validate: a pull_request that marks a milestone done passes and is described in one comment',
    async () => {
      const repository = 'example/validate';
      const workspace = await checkout({ [P]: PROJECT() });
      await runCli(workspace, 'generate');
      const base = await commit(workspace, {}, 'generated');
      await git(workspace, ['checkout', '--quiet', '-b', 'change']);
      const change = { [P]: PROJECT({ done: '2026-11-12', status: 'paused' }) };
      await commit(workspace, change, 'replicate done');
      await runCli(workspace, 'generate');
      const head = await commit(workspace, {}, 'generated');
      gh.createRepo('example', 'validate', { files: { 'README.md': '# validate\n' } });
      gh.seedCommit(repository, { branch: 'main', message: 'base', files: { [P]: PROJECT() } });
      gh.seedCommit(repository, { branch: 'change', message: 'change', files: change });
      const pull = gh.seedIssue(repository, {
        title: 'Replicate done',
        user: 'alice',
        pull: { head: 'change', base: 'main' },
      });
      const event = example('pull_request', 'opened');
      event.number = pull.number;
      event.pull_request = {
        ...event.pull_request,
        number: pull.number,
        user: { ...event.pull_request.user, login: 'alice' },
        base: {
          ...event.pull_request.base,
          sha: base,
          ref: 'main',
          repo: { ...event.pull_request.base.repo, full_name: repository },
        },
        head: {
          ...event.pull_request.head,
          sha: head,
          ref: 'change',
          repo: { ...event.pull_request.head.repo, full_name: repository },
        },
      };
      const result = await runFromRelease('validate-action', {
        workspace,
        eventName: 'pull_request',
        event,
        repository,
      });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const comments = gh.state(repository).comments;
      expect(comments).toHaveLength(1);
      expect(comments[0]!.body).toContain('<!-- circuitboard:pr-summary -->');
      expect(comments[0]!.body).toContain('milestone *replicate* of *induction-heads* done (2026-11-12)');
      gh.assertNoViolations();
    },
  );

  describe.skipIf(!hasAction('sync-action'))('sync', () => {
    let dc: FakeDiscord;
    beforeAll(async () => {
      // Buckets as wide as the sync action's own end-to-end tests use: this test is about running, not waiting.
      const bucket = { limit: 50, windowMs: 100 };
      dc = await startFakeDiscord({ rateLimits: { messages: bucket, webhooks: bucket, routes: bucket } });
    });
    afterAll(async () => {
      await dc?.close();
    });

    it('a push that adds a project: one forum post on Discord and its milestone on GitHub', async () => {
      const repository = 'example/sync';
      gh.createRepo('example', 'sync', { files: { 'README.md': '# sync\n' } });
      const guild = dc.createGuild('Mechanistic Interpretability');
      const forum = dc.createForumChannel(guild, {
        name: 'projects',
        tags: ['proposed', 'active', 'paused', 'completed', 'archived'],
      });
      const status = dc.createTextChannel(guild, { name: 'project-status' });
      const webhook = dc.createWebhook(forum, 'Circuitboard');
      const tags = dc
        .tags(forum)
        .map((t) => `    ${t.name}: "${t.id}"`)
        .join('\n');
      const config = `version: 1\ncommunity:\n  name: Test community\ndiscord:\n  forum_channel: "${forum}"\n  status_channel: "${status}"\n  tags:\n${tags}\n`;
      const workspace = await checkout({ '.github/circuitboard.yml': config }, '2026-11-20T12:00:00Z');
      const after = await commit(workspace, { [P]: PROJECT() }, 'add induction-heads');
      const event = example('push');
      Object.assign(event, {
        ref: 'refs/heads/main',
        before: ZERO,
        after,
        repository: { ...event.repository, full_name: repository, default_branch: 'main' },
      });
      const result = await runFromRelease('sync-action', {
        workspace,
        eventName: 'push',
        event,
        repository,
        inputs: { 'discord-webhook-url': webhook.url, 'discord-api-url': dc.url },
        env: { GITHUB_SHA: after, GITHUB_REF: 'refs/heads/main' },
      });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const posts = dc.threads(forum).filter((t) => String(t.name).includes('Induction heads'));
      expect(posts).toHaveLength(1);
      expect(gh.state(repository).milestones.map((m) => m.title)).toEqual([
        'induction-heads: Replicate the phase change on Pythia-70m',
      ]);
      gh.assertNoViolations();
      dc.assertNoViolations();
    });
  });
});
