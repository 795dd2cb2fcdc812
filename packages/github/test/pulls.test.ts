import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPullRequestFiles, upsertMarkedComment } from '../src/index.ts';
import { type GitHubWorld, githubWorld } from './mirror-world.ts';

let w: GitHubWorld;
let pr: number;
beforeEach(async () => {
  w = await githubWorld();
  w.gh.seedCommit('example/community', {
    branch: 'main',
    message: 'base',
    files: { 'projects/a/project.yml': 'title: a\n' },
  });
  w.gh.seedCommit('example/community', {
    branch: 'change',
    message: 'change',
    files: { 'projects/a/project.yml': 'title: b\n', 'projects/a/updates/2026-11-01-x.md': '# x\n' },
  });
  pr = w.gh.seedIssue('example/community', {
    title: 'Change',
    user: 'alice',
    pull: { head: 'change', base: 'main' },
  }).number;
});
afterEach(async () => {
  w.gh.assertNoViolations();
  await w.gh.close();
});

const MARKER = '<!-- circuitboard:pr-summary -->';

describe('pull requests', () => {
  it('lists the changed files', async () => {
    const files = await listPullRequestFiles(w.octokit, w.repo, pr);
    expect(files.map((f) => [f.path, f.status]).sort()).toEqual([
      ['projects/a/project.yml', 'modified'],
      ['projects/a/updates/2026-11-01-x.md', 'added'],
    ]);
  });

  it('keeps one comment, found again by its marker and edited in place', async () => {
    expect((await upsertMarkedComment(w.octokit, w.repo, pr, MARKER, 'first')).outcome).toBe('created');
    expect((await upsertMarkedComment(w.octokit, w.repo, pr, MARKER, 'second')).outcome).toBe('updated');
    expect((await upsertMarkedComment(w.octokit, w.repo, pr, MARKER, 'second')).outcome).toBe('unchanged');
    const comments = w.gh.state('example/community').comments;
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe(`${MARKER}\nsecond`);
  });

  it('never edits a person’s comment that happens to contain the marker', async () => {
    w.gh.seedComment('example/community', pr, { body: `${MARKER} hijack`, user: 'mallory' });
    await upsertMarkedComment(w.octokit, w.repo, pr, MARKER, 'summary');
    const comments = w.gh.state('example/community').comments;
    expect(comments.map((c) => c.body)).toEqual([`${MARKER} hijack`, `${MARKER}\nsummary`]);
  });

  it('cuts a body over 65,536 characters and keeps the marker', async () => {
    await upsertMarkedComment(w.octokit, w.repo, pr, MARKER, 'x'.repeat(70_000));
    const [comment] = w.gh.state('example/community').comments;
    expect(comment?.body.length).toBeLessThanOrEqual(65_536);
    expect(comment?.body).toContain(MARKER);
  });
});
