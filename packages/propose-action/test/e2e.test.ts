import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadRegistry } from '@circuitboard/core';
import { type FakeDiscord, type FakeGitHub, startFakeDiscord, startFakeGitHub } from '@circuitboard/testkit';
import webhooks from '@octokit/webhooks-examples/api.github.com/index.json' with { type: 'json' };
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = path.resolve(import.meta.dirname, '..');
const repoRoot = path.resolve(packageDir, '../..');
const bundle = path.join(packageDir, 'dist/index.js');
let REPO = 'mechinterp/projects';

let gh: FakeGitHub;

beforeAll(async () => {
  // The test drives the bundle GitHub runs, so build it from the current sources first.
  await run('npx', ['tsup'], { cwd: packageDir });
  gh = await startFakeGitHub({ now: () => new Date('2026-11-01T12:00:00Z') });
  gh.createRepo('mechinterp', 'projects', {
    files: {
      'README.md': '# Projects\n',
      '.github/circuitboard.yml': readFileSync(path.join(repoRoot, '.github/circuitboard.yml'), 'utf8'),
      '.github/ISSUE_TEMPLATE/propose-project.yml': readFileSync(
        path.join(repoRoot, '.github/ISSUE_TEMPLATE/propose-project.yml'),
        'utf8',
      ),
      'projects/induction-heads-pythia/project.yml': readFileSync(
        path.join(repoRoot, 'projects/induction-heads-pythia/project.yml'),
        'utf8',
      ),
    },
  });
  gh.setPermission(REPO, 'maya', 'maintain');
  gh.setPermission(REPO, 'tim', 'triage');
}, 120_000);

afterAll(() => gh?.close());

const BODY = `### Project title

SAE feature splitting across dictionary sizes

### Summary

Do sparse autoencoder features split predictably as the dictionary grows?

### Research question and motivation

We train SAEs of four sizes on GPT-2 small layer 8 and match features across sizes.

### Leads

@carol

### Milestones

2026-12-01 Train the four SAEs
2027-01-15 Match features across sizes

### Tags

sparse-autoencoders, gpt2

### Links

repo: https://github.com/example/sae-splitting

### Help wanted

- Someone with SAE training experience

### Expected time commitment

3 hours a week

### Your Discord user id (optional)

_No response_

### Folder name (optional)

sae-splitting`;

// biome-ignore lint/suspicious/noExplicitAny: webhook payloads are reshaped freely here
type Json = Record<string, any>;
const example = (name: string, action: string): Json => {
  const found = (webhooks as Json[])
    .find((w) => w.name === name)!
    .examples.find((e: Json) => e.action === action && !e.issue?.pull_request);
  return structuredClone(found);
};

/** A webhook payload shaped like GitHub's (from @octokit/webhooks-examples) describing the fake's issue now. */
function payload(
  name: 'issues' | 'issue_comment',
  action: string,
  issueNumber: number,
  sender: string,
  extra: Json = {},
): Json {
  const base = example(name, action);
  const issue = gh.state(REPO).issues.find((i) => i.number === issueNumber)!;
  base.issue = {
    ...base.issue,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    user: { ...base.issue.user, login: issue.user, type: 'User' },
    labels: issue.labels.map((name) => ({ ...(base.issue.labels?.[0] ?? {}), name })),
    state: issue.state,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    html_url: `https://github.com/${REPO}/issues/${issue.number}`,
  };
  base.repository = {
    ...base.repository,
    name: 'projects',
    full_name: REPO,
    default_branch: 'main',
    html_url: `https://github.com/${REPO}`,
  };
  base.repository.owner = { ...base.repository.owner, login: 'mechinterp' };
  base.sender = { ...base.sender, login: sender, type: sender.endsWith('[bot]') ? 'Bot' : 'User' };
  return { ...base, ...extra };
}

interface ActionRun {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Runs the bundled action as the runner does: event file, GITHUB_* variables, INPUT_* inputs. */
async function runAction(eventName: string, event: Json, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cb-propose-e2e-'));
  const files = {
    event: path.join(dir, 'event.json'),
    output: path.join(dir, 'output'),
    summary: path.join(dir, 'summary'),
  };
  writeFileSync(files.event, JSON.stringify(event));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: eventName,
    GITHUB_REPOSITORY: REPO,
    GITHUB_API_URL: gh.url,
    GITHUB_GRAPHQL_URL: gh.graphqlUrl,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    'INPUT_GITHUB-TOKEN': 'ghs_fake',
    'INPUT_DISCORD-API-URL': 'https://discord.com/api',
    'INPUT_CONFIG-PATH': '.github/circuitboard.yml',
    'INPUT_TEMPLATE-PATH': '.github/ISSUE_TEMPLATE/propose-project.yml',
    ...inputs,
  };
  let code = 0;
  let stdout = '';
  try {
    stdout = (await run(process.execPath, [bundle], { env })).stdout;
  } catch (error) {
    code = (error as { code: number }).code;
    stdout = (error as { stdout: string }).stdout;
  }
  const outputs: Record<string, string> = {};
  for (const m of readFileSync(files.output, 'utf8').matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
    outputs[m[1]!] = m[3]!;
  return { code, stdout, outputs, summary: readFileSync(files.summary, 'utf8') };
}

const writes = () => gh.requests.filter((r) => r.method !== 'GET');
const botComments = (issue: number) =>
  gh.state(REPO).comments.filter((c) => c.issue === issue && c.user === 'github-actions[bot]');
const pulls = () => gh.state(REPO).issues.filter((i) => i.pull);

describe('the propose action, run as GitHub runs it', () => {
  let issue: number;

  it('answers a new proposal with one comment previewing the project', async () => {
    issue = gh.seedIssue(REPO, {
      title: 'Proposal: SAE splitting',
      body: BODY,
      user: 'carol',
      labels: ['proposal'],
    }).number;
    const result = await runAction('issues', payload('issues', 'opened', issue, 'carol'));
    expect(result.code, result.stdout).toBe(0);
    expect(result.outputs).toEqual({ slug: 'sae-splitting', state: 'ready', 'pull-request': '' });
    const comments = botComments(issue);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/^<!-- circuitboard:proposal slug=sae-splitting state=ready -->/);
    expect(comments[0]!.body).toContain('title: SAE feature splitting across dictionary sizes');
    expect(
      gh
        .state(REPO)
        .issues.find((i) => i.number === issue)!
        .labels.sort(),
    ).toEqual(['proposal', 'proposal: ready for review']);
    expect(result.summary).toContain('ready for review');
    gh.assertNoViolations();
  });

  it('edits the same comment when the issue is edited, with field-by-field errors', async () => {
    const record = gh.store.requireRepo(REPO).issues.get(issue)!;
    record.body = BODY.replace('2026-12-01 Train the four SAEs', '2026-02-30 Train the four SAEs')
      .replace('sae-splitting\n', '../../etc\n')
      .replace(/sae-splitting$/, '../../etc');
    const result = await runAction('issues', payload('issues', 'edited', issue, 'carol'));
    expect(result.outputs.state).toBe('needs-changes');
    const comments = botComments(issue);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('**Milestones** line 1: 2026-02-30 is not a real calendar date');
    expect(comments[0]!.body).toContain('**Folder name (optional)** `../../etc` is a path');
    record.body = BODY;
    await runAction('issues', payload('issues', 'edited', issue, 'carol'));
    expect(botComments(issue)).toHaveLength(1);
  });

  it('writes nothing when the same event runs again', async () => {
    gh.resetRecord();
    const result = await runAction('issues', payload('issues', 'edited', issue, 'carol'));
    expect(result.outputs.state).toBe('ready');
    expect(writes()).toEqual([]);
  });

  it('refuses /approve from someone without write permission and changes nothing', async () => {
    const comment = gh.seedComment(REPO, issue, { body: '/approve', user: 'tim' });
    gh.resetRecord();
    const event = payload('issue_comment', 'created', issue, 'tim', {
      comment: {
        ...example('issue_comment', 'created').comment,
        id: comment.id,
        body: '/approve',
        user: { login: 'tim', type: 'User' },
      },
    });
    const result = await runAction('issue_comment', event);
    expect(result.outputs.state).toBe('ready');
    expect(pulls()).toEqual([]);
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual([`POST /repos/${REPO}/issues/${issue}/comments`]);
    expect(botComments(issue).at(-1)!.body).toContain(
      '`/approve` needs write permission on this repository, which `tim` does not have',
    );
    gh.resetRecord();
    await runAction('issue_comment', event);
    expect(writes()).toEqual([]);
  });

  it('opens one pull request with a valid project folder on a maintainer’s /approve', async () => {
    const comment = gh.seedComment(REPO, issue, { body: '/approve', user: 'maya' });
    const event = payload('issue_comment', 'created', issue, 'maya', {
      comment: {
        ...example('issue_comment', 'created').comment,
        id: comment.id,
        body: '/approve',
        user: { login: 'maya', type: 'User' },
      },
    });
    const result = await runAction('issue_comment', event);
    expect(result.code, result.stdout).toBe(0);
    expect(result.outputs.state).toBe('approved');
    expect(pulls()).toHaveLength(1);
    const pr = pulls()[0]!;
    expect(result.outputs['pull-request']).toContain(`/pull/${pr.number}`);
    expect(pr.body).toContain(`Closes #${issue}`);
    expect([pr.pull!.headRef, pr.pull!.baseRef]).toEqual([`circuitboard/proposal-${issue}`, 'main']);
    const tree = gh.readTree(REPO, `circuitboard/proposal-${issue}`);
    const added = Object.keys(tree).filter((p) => !(p in gh.readTree(REPO, 'main')));
    expect(added.sort()).toEqual([
      '.github/CODEOWNERS',
      'projects/README.md',
      'projects/sae-splitting/README.md',
      'projects/sae-splitting/project.yml',
      'projects/sae-splitting/updates/2026-11-01-proposal.md',
    ]);
    const registry = loadRegistry(
      { files: new Map(Object.entries(tree).filter(([p]) => p.startsWith('projects/'))), symlinks: [] },
      { today: '2026-12-01' },
    );
    expect(registry.diagnostics).toEqual([]);
    expect(registry.projects.map((p) => p.slug).sort()).toEqual(['induction-heads-pythia', 'sae-splitting']);
    expect(
      gh
        .state(REPO)
        .issues.find((i) => i.number === issue)!
        .labels.sort(),
    ).toEqual(['proposal', 'proposal: approved']);
    expect(botComments(issue)[0]!.body).toContain(`Pull request #${pr.number} adds \`projects/sae-splitting/\``);
    gh.assertNoViolations();
  });

  it('re-runs after approval without a second pull request or any write', async () => {
    gh.resetRecord();
    const comment = gh
      .state(REPO)
      .comments.filter((c) => c.body === '/approve')
      .at(-1)!;
    const event = payload('issue_comment', 'created', issue, 'maya', {
      comment: {
        ...example('issue_comment', 'created').comment,
        id: comment.id,
        body: '/approve',
        user: { login: 'maya', type: 'User' },
      },
    });
    const result = await runAction('issue_comment', event);
    expect(result.outputs.state).toBe('approved');
    expect(pulls()).toHaveLength(1);
    expect(writes()).toEqual([]);
  });

  it('leaves ordinary comments alone without calling GitHub', async () => {
    const comment = gh.seedComment(REPO, issue, { body: 'Count me in!', user: 'dan' });
    gh.resetRecord();
    const event = payload('issue_comment', 'created', issue, 'dan', {
      comment: {
        ...example('issue_comment', 'created').comment,
        id: comment.id,
        body: 'Count me in!',
        user: { login: 'dan', type: 'User' },
      },
    });
    const result = await runAction('issue_comment', event);
    expect(result.outputs.state).toBe('ignored');
    expect(gh.requests).toEqual([]);
  });

  it('fails fast on an unknown input', async () => {
    const result = await runAction('issues', payload('issues', 'opened', issue, 'carol'), {
      INPUT_GITHUB_TOKEN: 'typo',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::unknown input github_token; this action takes github-token');
  });
});

describe('the propose action with Discord configured', () => {
  let discord: FakeDiscord;
  let forum: string;
  let guild: string;
  let issue: number;

  beforeAll(async () => {
    discord = await startFakeDiscord();
    guild = discord.createGuild('MI Discord');
    forum = discord.createForumChannel(guild, { name: 'proposals' });
    REPO = 'mechinterp/with-discord';
    gh.createRepo('mechinterp', 'with-discord', {
      files: {
        'README.md': '# Projects\n',
        '.github/circuitboard.yml': `version: 1\ncommunity:\n  name: MI\ndiscord:\n  proposals_channel: "${forum}"\n`,
      },
    });
    issue = gh.seedIssue(REPO, {
      title: 'Proposal: SAE splitting',
      body: BODY,
      user: 'carol',
      labels: ['proposal'],
    }).number;
  }, 60_000);

  afterAll(() => discord?.close());

  const inputs = () => ({ 'INPUT_DISCORD-BOT-TOKEN': discord.botToken, 'INPUT_DISCORD-API-URL': discord.url });

  it('announces a ready proposal once as a forum post and links it from the comment', async () => {
    const result = await runAction('issues', payload('issues', 'opened', issue, 'carol'), inputs());
    expect(result.code, result.stdout).toBe(0);
    const posts = discord.threads(forum);
    expect(posts).toHaveLength(1);
    expect(String(posts[0]!.name)).toContain('SAE feature splitting across dictionary sizes');
    expect(botComments(issue)[0]!.body).toContain(
      `💬 Discuss it on Discord: https://discord.com/channels/${guild}/${posts[0]!.id}`,
    );
    expect(discord.pings()).toEqual([]);

    await runAction('issues', payload('issues', 'edited', issue, 'carol'), inputs());
    expect(discord.threads(forum)).toHaveLength(1);
    expect(botComments(issue)).toHaveLength(1);
    discord.assertNoViolations();
  });
});
