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

/** Virtual time: every timestamp the fake writes is one second after the one before. */
let seconds = Date.parse('2026-11-01T12:00:00Z') / 1000;
const clock = () => new Date(1000 * seconds++);

beforeAll(async () => {
  // The test drives the bundle GitHub runs, so build it from the current sources first.
  await run('npx', ['tsup'], { cwd: packageDir });
  gh = await startFakeGitHub({ now: clock });
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
});

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
    comments: gh.state(REPO).comments.filter((c) => c.issue === issue.number).length,
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

/** A person comments on the issue; the payload of the run GitHub would start for it (which may never run). */
function commented(issue: number, user: string, body: string): Json {
  const comment = gh.seedComment(REPO, issue, { body, user });
  return payload('issue_comment', 'created', issue, user, {
    comment: {
      ...example('issue_comment', 'created').comment,
      id: comment.id,
      body,
      user: { login: user, type: 'User' },
    },
  });
}

/** Annotations the runner would show: `::error::` and `::warning::` lines of a run. */
const annotations = (stdout: string) => stdout.split('\n').filter((line) => /^::(error|warning)/.test(line));

const writes = () => gh.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql');
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
    expect(comments[0]!.body).toMatch(
      /^<!-- circuitboard:proposal slug=sae-splitting state=ready body=[0-9a-f]{16} -->/,
    );
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
    gh.editIssue(REPO, issue, {
      body: BODY.replace('2026-12-01 Train the four SAEs', '2026-02-30 Train the four SAEs')
        .replace('sae-splitting\n', '../../etc\n')
        .replace(/sae-splitting$/, '../../etc'),
    });
    const result = await runAction('issues', payload('issues', 'edited', issue, 'carol'));
    expect(result.outputs.state).toBe('needs-changes');
    const comments = botComments(issue);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('**Milestones** line 1: 2026-02-30 is not a real calendar date');
    expect(comments[0]!.body).toContain('**Folder name (optional)** `../../etc` is a path');
    gh.editIssue(REPO, issue, { body: BODY });
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
    const event = commented(issue, 'tim', '/approve');
    gh.resetRecord();
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
    gh.resetRecord();
    await runAction('issue_comment', commented(issue, 'dan', 'tim cannot approve, but I like it'));
    expect(writes()).toEqual([]);
    expect(botComments(issue)).toHaveLength(2);
  });

  it('opens one pull request with a valid project folder on a maintainer’s /approve', async () => {
    gh.resetRecord();
    const result = await runAction('issue_comment', commented(issue, 'maya', '/approve'));
    expect(result.code, result.stdout).toBe(0);
    expect(result.outputs.state).toBe('approved');
    // Look-ups that find nothing (no branch yet, no CODEOWNERS) are answers, not errors: no annotation, no retry.
    expect(annotations(result.stdout)).toEqual([]);
    const failed = gh.requests.filter((r) => r.status >= 400);
    expect(failed.length).toBeGreaterThan(0);
    const asked = failed.map((r) => `${r.method} ${r.path}?${new URLSearchParams(r.query)}`);
    expect(new Set(asked).size).toBe(asked.length);
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

  it('answers an ordinary comment with nothing pending after three reads, writing nothing', async () => {
    const event = commented(issue, 'dan', 'Count me in!');
    gh.resetRecord();
    const result = await runAction('issue_comment', event);
    expect(result.outputs.state).toBe('approved');
    expect(gh.requests.map((r) => `${r.method} ${r.route}`)).toEqual([
      'GET /repos/{owner}/{repo}/contents/{path}',
      'POST /graphql',
      'GET /repos/{owner}/{repo}/issues/{issue_number}/timeline',
    ]);
  });

  it('leaves a comment on an issue that is not a proposal after reading the config only', async () => {
    const other = gh.seedIssue(REPO, { title: 'Typo in README', body: 'teh', user: 'dan' }).number;
    const event = commented(other, 'erin', 'Fixed in #3?');
    gh.resetRecord();
    const result = await runAction('issue_comment', event);
    expect(result.outputs.state).toBe('ignored');
    expect(gh.requests.map((r) => `${r.method} ${r.route}`)).toEqual(['GET /repos/{owner}/{repo}/contents/{path}']);
  });

  it('fails fast on an unknown input', async () => {
    const result = await runAction('issues', payload('issues', 'opened', issue, 'carol'), {
      INPUT_GITHUB_TOKEN: 'typo',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::unknown input github_token; this action takes github-token');
  });
});

describe('the approval read from the issue, when GitHub cancels a pending run', () => {
  const open = (title: string) => {
    const number = gh.seedIssue(REPO, {
      title,
      body: BODY.replace('sae-splitting\n', `${title}\n`).replace(/sae-splitting$/, title),
      user: 'carol',
      labels: ['proposal'],
    }).number;
    return number;
  };

  it('/approve followed at once by another comment: the /approve run never happens, the comment’s run opens the pull request', async () => {
    const issue = open('race-approve');
    await runAction('issues', payload('issues', 'opened', issue, 'carol'));
    commented(issue, 'maya', '/approve'); // its run is cancelled by the next event: never started
    const result = await runAction('issue_comment', commented(issue, 'dan', 'Looking forward to it!'));
    expect(result.code, result.stdout).toBe(0);
    expect(result.outputs.state).toBe('approved');
    const opened = pulls().filter((p) => p.pull!.headRef === `circuitboard/proposal-${issue}`);
    expect(opened).toHaveLength(1);
    expect(botComments(issue)).toHaveLength(1);
    expect(botComments(issue)[0]!.body).toContain('This proposal was approved by `maya`');
    // Runs that come after (a re-run, another comment) find it done.
    await runAction('issue_comment', commented(issue, 'erin', 'me too'));
    expect(pulls().filter((p) => p.pull!.headRef === `circuitboard/proposal-${issue}`)).toHaveLength(1);
    gh.assertNoViolations();
  });

  it('/reject after /approve wins when both runs were cancelled', async () => {
    const issue = open('race-reject');
    await runAction('issues', payload('issues', 'opened', issue, 'carol'));
    commented(issue, 'maya', '/approve');
    commented(issue, 'maya', '/reject Overlaps with the SAE benchmark project');
    const result = await runAction('issue_comment', commented(issue, 'dan', 'oh no'));
    expect(result.outputs.state).toBe('rejected');
    expect(pulls().filter((p) => p.pull!.headRef === `circuitboard/proposal-${issue}`)).toEqual([]);
    expect(gh.state(REPO).issues.find((i) => i.number === issue)!.state).toBe('closed');
  });

  it('an edit of the body after /approve needs a new approval; the pull request keeps the approved version', async () => {
    const issue = open('race-edit');
    await runAction('issues', payload('issues', 'opened', issue, 'carol'));
    await runAction('issue_comment', commented(issue, 'maya', '/approve'));
    const branch = `circuitboard/proposal-${issue}`;
    const approved = gh.readTree(REPO, branch)['projects/race-edit/project.yml'];
    gh.editIssue(REPO, issue, {
      body: gh
        .state(REPO)
        .issues.find((i) => i.number === issue)!
        .body!.replace('Train the four SAEs', 'Train six SAEs'),
    });
    const edited = await runAction('issues', payload('issues', 'edited', issue, 'carol'));
    expect(edited.outputs.state).toBe('ready');
    expect(gh.readTree(REPO, branch)['projects/race-edit/project.yml']).toBe(approved);
    expect(botComments(issue)[0]!.body).toContain('changed after it was approved, so it needs a new approval');
    const again = await runAction('issue_comment', commented(issue, 'maya', '/approve'));
    expect(again.outputs.state).toBe('approved');
    expect(gh.readTree(REPO, branch)['projects/race-edit/project.yml']).toContain('Train six SAEs');
    expect(pulls().filter((p) => p.pull!.headRef === branch)).toHaveLength(1);
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
  });

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
