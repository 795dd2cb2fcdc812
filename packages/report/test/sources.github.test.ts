// The github source end to end: the real Octokit client over HTTP against the testkit's fake GitHub, the
// checkout's project files, compile, render.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countRequests, createOctokit, EtagCache, minimumRequests } from '@circuitboard/github';
import { type FakeGitHub, startFakeGitHub } from '@circuitboard/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileReport } from '../src/compile.ts';
import { renderReport } from '../src/files.ts';
import { validateReportModel } from '../src/model.ts';
import { collectGitHubActivity } from '../src/sources/github.ts';
import { isoWeekWindow } from '../src/window.ts';
import { config } from './fixture.ts';

const window = isoWeekWindow('2026-W47');
const at = (date: string) => `${date}T12:00:00Z`;
let gh: FakeGitHub;
let checkout: string;

beforeAll(async () => {
  gh = await startFakeGitHub({ now: () => new Date('2026-11-24T08:00:00Z') });
  const repo = gh.createRepo('mechinterp-community', 'circuitboard');
  gh.seedLabel(repo, { name: 'project:induction-heads-pythia' });
  gh.seedLabel(repo, { name: 'proposal' });
  gh.seedLabel(repo, { name: 'proposal: ready for review' });
  gh.seedIssue(repo, {
    title: 'Add the 410m scan',
    user: 'alice-nguyen',
    created_at: at('2026-11-17'),
    updated_at: at('2026-11-19'),
    state: 'closed',
    closed_at: at('2026-11-19'),
    labels: ['project:induction-heads-pythia'],
    pull: { head: 'scan-410m', merged_at: at('2026-11-19') },
  });
  gh.seedIssue(repo, {
    title: 'Checkpoint 143000 is missing',
    user: 'chen-wei',
    created_at: at('2026-11-20'),
    updated_at: at('2026-11-20'),
    labels: ['project:induction-heads-pythia'],
  });
  gh.seedIssue(repo, {
    title: 'Attention sinks in Llama',
    user: 'omar-z',
    created_at: at('2026-10-02'),
    updated_at: at('2026-10-03'),
    labels: ['proposal', 'proposal: ready for review'],
  });
  gh.seedIssue(repo, { title: 'Touched next week', created_at: at('2026-11-10'), updated_at: at('2026-11-23') });
  gh.seedCommit(repo, {
    message: 'Mark the 410m scan done\n\nDetails.',
    files: { 'projects/x.txt': '1' },
    date: at('2026-11-19'),
    author: { name: 'Alice Nguyen', email: 'alice@example.org' },
  });
  gh.seedCommit(repo, { message: 'Earlier', files: { 'projects/y.txt': '1' }, date: at('2026-11-10') });
  gh.seedMilestone(repo, { title: 'Induction heads: Scan all checkpoints of Pythia-410m', state: 'closed' });
  checkout = mkdtempSync(path.join(os.tmpdir(), 'cb-report-gh-'));
  cpSync(path.resolve(import.meta.dirname, '../../../projects'), path.join(checkout, 'projects'), { recursive: true });
});
afterAll(async () => {
  await gh?.close();
  rmSync(checkout, { recursive: true, force: true });
});

describe('the github source against the fake GitHub', () => {
  it('fetches the window with the fewest requests and compiles a report of it', async () => {
    const octokit = createOctokit({ token: 't', baseUrl: gh.url, graphqlUrl: gh.graphqlUrl, retries: 0 });
    const counter = countRequests(octokit);
    gh.resetRecord();
    const activity = await collectGitHubActivity({
      octokit,
      owner: 'mechinterp-community',
      repo: 'circuitboard',
      window,
      repoDir: checkout,
      today: '2026-11-24',
      proposalLabel: 'proposal',
    });
    expect(counter.total).toBe(minimumRequests({ issuesUpdated: 2, commits: 1, milestones: 1 }));
    gh.assertNoViolations();
    expect(activity.repositoryUrl).toBe(`${gh.url}/mechinterp-community/circuitboard`);
    expect(activity.issues.map((i) => i.title)).toEqual(['Add the 410m scan', 'Checkpoint 143000 is missing']);
    expect(activity.commits.map((c) => [c.subject, c.author.name])).toEqual([
      ['Mark the 410m scan done', 'Alice Nguyen'],
    ]);

    const model = compileReport(activity, { window, config: config() });
    expect(validateReportModel(model)).toEqual([]);
    const induction = model.projects.find((p) => p.slug === 'induction-heads-pythia');
    expect(induction?.happened.map((h) => [h.kind, h.subject])).toEqual([
      ['milestone-done', 'Scan all checkpoints of Pythia-410m'],
      ['update-posted', 'All Pythia-410m checkpoints scanned'],
      ['pull-merged', 'Add the 410m scan'],
      ['issue-opened', 'Checkpoint 143000 is missing'],
    ]);
    expect(model.proposals.waiting.map((w) => [w.title, w.stage, w.waitingDays])).toEqual([
      ['Attention sinks in Llama', 'ready', 52],
      ['Linear probes for the board state in Othello-GPT', 'in-repository', null],
    ]);
    expect(model.numbers.map((n) => [n.id, n.value, n.previous])).toEqual([
      ['active-projects', 1, null],
      ['milestones-done', 1, 0],
      ['updates-posted', 1, 0],
      ['commits', 1, null],
      ['pulls-merged', 1, null],
      ['issues-opened', 1, null],
      ['people-active', 3, null],
      ['new-contributors', 0, 0],
    ]);
    // The GitHub milestone is the project file's milestone: one highlight, not two.
    expect(model.highlights.filter((h) => h.kind === 'milestone-done')).toHaveLength(1);
    expect(renderReport(model).files).toHaveLength(6);
  });

  it('a second run with the ETag cache gets 304s for every REST page', async () => {
    const cache = new EtagCache();
    const options = {
      owner: 'mechinterp-community',
      repo: 'circuitboard',
      window,
      repoDir: checkout,
      today: '2026-11-24',
      proposalLabel: 'proposal',
      etagCache: cache,
    };
    await collectGitHubActivity({
      ...options,
      octokit: createOctokit({ token: 't', baseUrl: gh.url, graphqlUrl: gh.graphqlUrl, retries: 0 }),
    });
    gh.resetRecord();
    const again = await collectGitHubActivity({
      ...options,
      octokit: createOctokit({ token: 't', baseUrl: gh.url, graphqlUrl: gh.graphqlUrl, retries: 0 }),
    });
    expect(gh.requests.filter((r) => r.method === 'GET').every((r) => r.status === 304)).toBe(true);
    expect(again.issues).toHaveLength(2);
  });
});
