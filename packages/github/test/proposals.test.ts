import { type FakeGitHub, startFakeGitHub } from '@circuitboard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createOctokit,
  createProposalGitHub,
  proposalEventFromPayload,
  readRepositoryFile,
  repositoryPermission,
} from '../src/index.ts';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub();
});
afterAll(() => gh.close());

const repository = { owner: 'o', repo: 'r' };
const REPO = 'o/r';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const octokit = () => createOctokit({ token: 't', baseUrl: gh.url, graphqlUrl: gh.graphqlUrl, retries: 0, log: quiet });
const port = () => createProposalGitHub({ octokit: octokit(), repository, defaultBranch: 'main' });

beforeEach(() => {
  gh.store.repos.delete(REPO);
  gh.createRepo('o', 'r', {
    files: {
      'README.md': '# r\n',
      '.github/circuitboard.yml': 'version: 1\ncommunity:\n  name: Lab\n',
      'projects/alpha/project.yml': 'title: Alpha\n',
      'projects/alpha/README.md': '# Alpha\n',
      'projects/beta/project.yml': 'title: Beta\n',
    },
  });
  gh.resetRecord();
});

describe('the proposal GitHub port over REST', () => {
  it('reads files and project folders of the default branch', async () => {
    const github = port();
    expect(await github.readFile('.github/circuitboard.yml')).toBe('version: 1\ncommunity:\n  name: Lab\n');
    expect(await github.readFile('missing.yml')).toBeUndefined();
    expect(await github.listProjectFolders()).toEqual(['alpha', 'beta']);
    expect([...(await github.readProjectFiles())]).toEqual([
      ['projects/alpha/project.yml', 'title: Alpha\n'],
      ['projects/beta/project.yml', 'title: Beta\n'],
    ]);
    expect(await readRepositoryFile(octokit(), repository, 'projects', 'main')).toBeUndefined();
    gh.assertNoViolations();
  });

  it('lists open proposals without pull requests', async () => {
    gh.seedIssue(REPO, { title: 'p1', body: 'one', labels: ['proposal'] });
    gh.seedIssue(REPO, { title: 'p2', body: 'two', labels: ['proposal'], state: 'closed' });
    gh.seedIssue(REPO, { title: 'bug', body: 'x' });
    expect(await port().listOpenIssues('proposal')).toEqual([{ number: 1, body: 'one' }]);
  });

  it('checks permission through the API, role names included', async () => {
    gh.setPermission(REPO, 'maya', 'maintain');
    gh.setPermission(REPO, 'tim', 'triage');
    expect(await repositoryPermission(octokit(), repository, 'maya')).toBe('maintain');
    expect(await repositoryPermission(octokit(), repository, 'tim')).toBe('triage');
    // On a public repository everyone can read; only write and above approve.
    expect(await port().permission('stranger')).toBe('read');
  });

  it('reads the issue as it is now, with the time its body was last edited', async () => {
    gh.seedIssue(REPO, { title: 'p', body: 'first', labels: ['proposal'] });
    const github = port();
    expect(await github.readIssue(1)).toEqual({
      title: 'p',
      body: 'first',
      state: 'open',
      labels: ['proposal'],
      lastEditedAt: null,
    });
    gh.editIssue(REPO, 1, { body: 'second' });
    gh.labelIssue(REPO, 1, { add: ['x'] }, 'maya');
    expect(await github.readIssue(1)).toMatchObject({
      body: 'second',
      labels: ['proposal', 'x'],
      lastEditedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
    gh.assertNoViolations();
  });

  it('reads the timeline: comments, the approval label’s events and reopenings; only its own comments are mine', async () => {
    gh.seedIssue(REPO, { title: 'p', body: 'b', user: 'carol', labels: ['proposal'] });
    gh.seedComment(REPO, 1, { body: '<!-- circuitboard:proposal --> pasted', user: 'mallory' });
    gh.seedComment(REPO, 1, { body: '/approve', user: 'maya' });
    gh.labelIssue(REPO, 1, { add: ['proposal: approved', 'other'] }, 'maya');
    gh.setIssueState(REPO, 1, 'closed', 'maya');
    gh.setIssueState(REPO, 1, 'open', 'carol');
    const github = port();
    const { id } = await github.createComment(1, '<!-- circuitboard:proposal state=ready -->\nhello');
    const timeline = await github.readTimeline(1, { label: 'proposal: approved' });
    expect(timeline.truncated).toBeUndefined();
    expect(
      timeline.items.map((i) =>
        i.kind === 'comment' ? [i.kind, i.author, i.mine, i.id === id] : [i.kind, i.actor, 'label' in i ? i.label : ''],
      ),
    ).toEqual([
      ['comment', 'mallory', false, false],
      ['comment', 'maya', false, false],
      ['labeled', 'maya', 'proposal: approved'],
      ['reopened', 'carol', ''],
      ['comment', 'github-actions[bot]', true, true],
    ]);
    gh.assertNoViolations();
  });

  it('reads a long timeline within its page budget: the first page and the newest, never more', async () => {
    gh.seedIssue(REPO, { title: 'p', body: 'b', labels: ['proposal'] });
    gh.seedComment(REPO, 1, { body: '<!-- circuitboard:proposal state=ready -->\nours' });
    for (let i = 0; i < 1_050; i += 1) gh.seedComment(REPO, 1, { body: `comment ${i}`, user: 'bob' });
    gh.seedComment(REPO, 1, { body: '/approve', user: 'maya' });
    gh.resetRecord();
    const budget = createProposalGitHub({ octokit: octokit(), repository, defaultBranch: 'main', timelinePages: 4 });
    const timeline = await budget.readTimeline(1, { label: 'proposal: approved' });
    const route = '/repos/{owner}/{repo}/issues/{issue_number}/timeline';
    expect(gh.count({ path: route })).toBe(4);
    expect(timeline.truncated).toEqual({ total: 1_053, read: 353 });
    const bodies = timeline.items.map((i) => (i.kind === 'comment' ? i.body : i.kind));
    // The bot's own comment is on the first page, the latest command on the last.
    expect(bodies[0]).toBe('<!-- circuitboard:proposal state=ready -->\nours');
    expect(bodies).not.toContain('comment 99');
    expect(bodies.at(-1)).toBe('/approve');
    gh.resetRecord();
    await port().readTimeline(1, { label: 'proposal: approved' });
    expect(gh.count({ path: route })).toBe(11);
  });

  it('opens one pull request from the branch, updates it, and finds it again after a lost answer', async () => {
    const github = port();
    const request = {
      branch: 'circuitboard/proposal-1',
      title: 'Add project: X',
      body: 'Closes #1',
      message: 'Add x',
      files: { 'projects/x/project.yml': 'title: X\n' },
      marker: '<!-- circuitboard:proposal-pr issue=1 decision=comment-5 -->',
    };
    const created = await github.upsertPullRequest(request);
    expect(created.outcome).toBe('created');
    expect(await github.upsertPullRequest(request)).toEqual({ ...created, outcome: 'unchanged' });
    const edited = await port().upsertPullRequest({
      ...request,
      body: 'Closes #1\n\nmore',
      files: { 'projects/x/project.yml': 'title: X2\n' },
    });
    expect(edited).toEqual({ ...created, outcome: 'updated' });
    expect(gh.readTree(REPO, 'circuitboard/proposal-1')['projects/x/project.yml']).toBe('title: X2\n');
    expect(gh.state(REPO).issues.filter((i) => i.pull)).toHaveLength(1);
    expect(
      await port().closePullRequest('circuitboard/proposal-1', 'closed because the proposal was declined'),
    ).toEqual({ number: created.number, url: created.url });
    expect(await port().closePullRequest('circuitboard/proposal-1', 'again')).toBeUndefined();
    gh.assertNoViolations();
  });

  it('never opens a pull request again for an approval whose pull request was closed', async () => {
    const github = port();
    const marker = '<!-- circuitboard:proposal-pr issue=1 decision=comment-5 -->';
    const request = {
      branch: 'circuitboard/proposal-1',
      title: 'Add project: X',
      body: `Closes #1\n\n${marker}`,
      message: 'Add x',
      files: { 'projects/x/project.yml': 'title: X\n' },
      marker,
    };
    const created = await github.upsertPullRequest(request);
    await github.closePullRequest(request.branch, 'closed by hand');
    gh.resetRecord();
    expect(await port().upsertPullRequest(request)).toEqual({
      number: created.number,
      url: created.url,
      outcome: 'unchanged',
      closed: { merged: false },
    });
    expect(gh.count({ method: 'POST' }) + gh.count({ method: 'PATCH' })).toBe(0);
    const next = await port().upsertPullRequest({
      ...request,
      body: 'Closes #1\n\n<!-- circuitboard:proposal-pr issue=1 decision=comment-9 -->',
      marker: '<!-- circuitboard:proposal-pr issue=1 decision=comment-9 -->',
    });
    expect(next.outcome).toBe('created');
    expect(next.number).not.toBe(created.number);
    expect(await port().findOpenPullRequest(request.branch)).toEqual({ number: next.number, url: next.url });
    gh.assertNoViolations();
  });

  it('labels, unlabels (missing labels are fine) and closes the issue as not planned', async () => {
    gh.seedIssue(REPO, { title: 'p', body: 'b', labels: ['proposal'] });
    const github = port();
    await github.addLabels(1, ['proposal: ready for review']);
    await github.removeLabel(1, 'proposal');
    await github.removeLabel(1, 'not there');
    await github.closeIssue(1);
    const issue = gh.state(REPO).issues[0]!;
    expect(issue.labels).toEqual(['proposal: ready for review']);
    expect([issue.state, issue.state_reason]).toEqual(['closed', 'not_planned']);
    gh.assertNoViolations();
  });
});

describe('proposalEventFromPayload', () => {
  const issue = {
    number: 3,
    title: 't',
    body: 'b',
    user: { login: 'alice' },
    state: 'open',
    labels: [{ name: 'proposal' }],
    created_at: 'c',
    updated_at: 'u',
    html_url: 'h',
  };
  it('reads the trigger of issues and issue_comment payloads', () => {
    expect(
      proposalEventFromPayload('issues', { action: 'opened', issue, sender: { login: 'alice', type: 'User' } }),
    ).toMatchObject({
      trigger: { kind: 'opened' },
      issue: { number: 3, author: 'alice', labels: ['proposal'], isPullRequest: false },
      sender: { login: 'alice', isBot: false },
    });
    expect(
      proposalEventFromPayload('issues', { action: 'labeled', issue, label: { name: 'x' }, sender: { login: 'm' } })
        ?.trigger,
    ).toEqual({ kind: 'labeled', label: 'x' });
    expect(
      proposalEventFromPayload('issue_comment', {
        action: 'created',
        issue,
        comment: { id: 9, body: '/approve', user: { login: 'm' } },
        sender: { login: 'm' },
      })?.trigger,
    ).toEqual({ kind: 'comment', id: 9, body: '/approve' });
    expect(proposalEventFromPayload('issues', { action: 'closed', issue })?.trigger).toEqual({
      kind: 'other',
      name: 'issues.closed',
    });
    expect(
      proposalEventFromPayload('issues', { action: 'opened', issue, sender: { login: 'ci[bot]', type: 'Bot' } })?.sender
        .isBot,
    ).toBe(true);
    expect(proposalEventFromPayload('push', { ref: 'x' })).toBeUndefined();
  });
});
