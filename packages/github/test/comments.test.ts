import { type FakeGitHub, startFakeGitHub } from '@circuitboard/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMMENT_LIMITS,
  createIssueComment,
  createOctokit,
  deleteIssueComment,
  listIssueComments,
  tokenLogin,
  writtenBy,
} from '../src/index.ts';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ tokens: { ghs_app: 'circuitboard[bot]', ghp_user: 'robot-account' } });
  gh.createRepo('o', 'r');
  gh.seedIssue('o/r', { title: 'p', body: 'b' });
});
afterAll(() => gh.close());

const repository = { owner: 'o', repo: 'r' };
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const octokit = (token = 'ghs_app') => createOctokit({ token, baseUrl: gh.url, retries: 0, log: quiet });

describe('issue comments', () => {
  it('are shortened to GitHub’s limit instead of being refused', async () => {
    const { id } = await createIssueComment(octokit(), repository, 1, 'x'.repeat(COMMENT_LIMITS.body + 500));
    const stored = (await listIssueComments(octokit(), repository, 1)).find((c) => c.id === id)!;
    expect(stored.body.length).toBeLessThanOrEqual(COMMENT_LIMITS.body);
    expect(stored.body).toMatch(/_\(shortened\)_$/);
    gh.assertNoViolations();
  });

  it('can be deleted twice without an error (a re-run after a lost answer)', async () => {
    const { id } = await createIssueComment(octokit(), repository, 1, 'stray');
    await deleteIssueComment(octokit(), repository, id);
    await expect(deleteIssueComment(octokit(), repository, id)).resolves.toBeUndefined();
  });

  it('count as the token’s own by its login, or by being a bot’s when the token has no user', async () => {
    expect(await tokenLogin(octokit('ghp_user'))).toBe('robot-account');
    const comment = { id: 1, body: '', author: 'robot-account', authorType: 'User' };
    expect(writtenBy(comment, 'robot-account')).toBe(true);
    expect(writtenBy(comment, undefined)).toBe(false);
    expect(writtenBy({ ...comment, author: 'github-actions[bot]', authorType: 'Bot' }, undefined)).toBe(true);
  });
});
