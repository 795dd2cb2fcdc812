/// <reference path="../../testkit/src/discord/discord-api-spec.d.ts" />
import { type FakeGitHub, startFakeGitHub } from '@circuitboard/testkit';
import { Octokit as RestOctokit } from '@octokit/rest';
import type { Octokit } from '../src/index.ts';

export interface GitHubWorld {
  gh: FakeGitHub;
  octokit: Octokit;
  repo: { owner: string; repo: string };
}

/**
 * A fake GitHub with one repository and a plain Octokit: no retries (tests count every request) and no throttling,
 * whose one-write-per-second pacing would only slow the tests down.
 */
export async function githubWorld(): Promise<GitHubWorld> {
  const gh = await startFakeGitHub();
  gh.createRepo('example', 'community', { files: { 'README.md': '# community\n' } });
  const octokit = new RestOctokit({ auth: 'test-token', baseUrl: gh.url }) as Octokit;
  return { gh, octokit, repo: { owner: 'example', repo: 'community' } };
}
