/// <reference path="../../testkit/src/discord/discord-api-spec.d.ts" />
import { type FakeGitHub, startFakeGitHub } from '@circuitboard/testkit';
import { createOctokit, type Octokit } from '../src/index.ts';

export interface GitHubWorld {
  gh: FakeGitHub;
  octokit: Octokit;
  repo: { owner: string; repo: string };
}

/**
 * A fake GitHub with one repository and the real client without retries (tests count every request) or throttling,
 * whose one-write-per-second pacing would only slow the tests down.
 */
export async function githubWorld(): Promise<GitHubWorld> {
  const gh = await startFakeGitHub();
  gh.createRepo('example', 'community', { files: { 'README.md': '# community\n' } });
  const octokit = createOctokit({ token: 'test-token', baseUrl: gh.url, retries: 0, throttle: false });
  return { gh, octokit, repo: { owner: 'example', repo: 'community' } };
}
