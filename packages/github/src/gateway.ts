import {
  addTreeFile,
  decodeUtf8File,
  diffRegistries,
  loadRegistry,
  MAX_TREE_FILE_BYTES,
  type ProjectTree,
} from '@circuitboard/core';
import { DeliveryError, type FailureKind, type RepositorySource } from '@circuitboard/core/sync';
import { contentBytes, readBlobBytes } from './git-data.ts';
import type { Octokit } from './octokit.ts';

/** The repository a flow works on. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** `owner/name` (GITHUB_REPOSITORY) → RepoRef, with an error that says what to write. */
export function parseRepository(value: string | undefined): RepoRef {
  const match = /^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})$/.exec(value ?? '');
  if (!match)
    throw new Error(
      `GITHUB_REPOSITORY must be owner/name, like mechinterp/circuitboard, not ${JSON.stringify(value ?? '')}`,
    );
  return { owner: match[1]!, repo: match[2]! };
}

interface HttpishError {
  status?: number;
  message?: string;
  response?: {
    data?: { message?: string; errors?: { code?: string; message?: string; field?: string }[] };
    headers?: Record<string, string>;
  };
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as HttpishError)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** GitHub's own words for a 4xx, with validation details (`already_exists` …). */
export function githubMessage(error: unknown): string {
  const e = error as HttpishError;
  const data = e?.response?.data;
  const details = (data?.errors ?? []).map((d) => [d.field, d.code, d.message].filter(Boolean).join(' ')).join('; ');
  const text = data?.message ?? e?.message ?? String(error);
  return details ? `${text} (${details})` : text;
}

export function isAlreadyExists(error: unknown): boolean {
  const e = error as HttpishError;
  return statusOf(error) === 422 && (e?.response?.data?.errors ?? []).some((d) => d.code === 'already_exists');
}

/**
 * Turns an Octokit error into the sync's DeliveryError with words that say what to fix. Tokens never appear:
 * Octokit's messages hold no credentials, and request URLs are not included.
 */
export function classifyGitHubError(error: unknown, what: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const status = statusOf(error);
  const fail = (text: string, kind: FailureKind) =>
    new DeliveryError(`could not ${what}: ${text}`, kind, { cause: error });
  const headers = (error as HttpishError)?.response?.headers ?? {};
  if (status === 401) return fail('GitHub refused the token (401); check the github-token input', 'target');
  if (status === 403 || status === 429) {
    if (status === 429 || headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(githubMessage(error))) {
      return fail(`GitHub's rate limit was reached (${githubMessage(error)}); the next run does the rest`, 'rejected');
    }
    return fail(
      `the token may not do this (403: ${githubMessage(error)}); give the workflow job \`permissions: { contents: write, issues: write }\``,
      'target',
    );
  }
  if (status === 404)
    return fail(
      `not found (404: ${githubMessage(error)}); check GITHUB_REPOSITORY and that the token can see it`,
      'target',
    );
  if (status !== undefined && status >= 400 && status < 500)
    return fail(`GitHub refused it (${status}: ${githubMessage(error)})`, 'rejected');
  if (status !== undefined && status >= 500)
    return fail(`GitHub answered ${status}; it may have been done anyway`, 'ambiguous');
  return fail(
    `the connection failed (${(error as Error)?.message ?? String(error)}); it may have been done anyway`,
    'ambiguous',
  );
}

/** Text of one file at `ref`, or undefined when it does not exist; a NotUtf8Error when it is not UTF-8. */
export async function readFileAt(
  octokit: Octokit,
  repo: RepoRef,
  ref: string,
  path: string,
): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file') return undefined;
    // The contents API leaves `content` empty above 1 MB; the blob has it.
    bytes = 'content' in data && data.content ? contentBytes(data) : await readBlobBytes(octokit, repo, data.sha);
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw classifyGitHubError(error, `read ${path} at ${ref}`);
  }
  return decodeUtf8File(bytes, path);
}

/**
 * `projects/` at a commit through the Git Data API, for runs without a checkout: one recursive tree listing and
 * one request per file (files over 1 MiB are reported, not read).
 */
export async function readProjectTreeFromApi(octokit: Octokit, repo: RepoRef, ref: string): Promise<ProjectTree> {
  const tree: ProjectTree = { files: new Map(), symlinks: [], other: [], tooLarge: new Map() };
  try {
    const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: ref, recursive: 'true' });
    for (const entry of data.tree) {
      const path = entry.path ?? '';
      if (!path.startsWith('projects/')) continue;
      if (entry.mode === '120000') tree.symlinks.push(path);
      else if (entry.type === 'commit') tree.other?.push(path);
      else if (entry.type === 'blob' && entry.sha) {
        if ((entry.size ?? 0) > MAX_TREE_FILE_BYTES) {
          tree.tooLarge?.set(path, entry.size ?? 0);
          continue;
        }
        addTreeFile(tree, path, await readBlobBytes(octokit, repo, entry.sha));
      }
    }
    return tree;
  } catch (error) {
    throw classifyGitHubError(error, `read projects/ at ${ref}`);
  }
}

/**
 * The repository read through the GitHub API, for runs without a checkout. Events of a range come from one diff
 * of its two ends (not commit by commit), dated and attributed to `to`.
 */
export function apiSource(octokit: Octokit, repo: RepoRef): RepositorySource {
  const compare = async (a: string, b: string) => {
    try {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
        ...repo,
        basehead: `${a}...${b}`,
        per_page: 1,
      });
      return data;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw classifyGitHubError(error, `compare ${a} with ${b}`);
    }
  };
  return {
    readTree: (rev) => readProjectTreeFromApi(octokit, repo, rev),
    readFile: (rev, path) => readFileAt(octokit, repo, rev, path),
    async eventsBetween(from, to, today) {
      const [before, after] = await Promise.all([
        readProjectTreeFromApi(octokit, repo, from),
        readProjectTreeFromApi(octokit, repo, to),
      ]);
      const { data } = await octokit.rest.repos.getCommit({ ...repo, ref: to });
      const date = (data.commit.committer?.date ?? '').slice(0, 10) || today;
      return diffRegistries(loadRegistry(before, { today }), loadRegistry(after, { today }), { revision: to, date });
    },
    async isAncestor(a, b) {
      if (a === b) return true;
      const data = await compare(a, b);
      return data?.status === 'ahead' || data?.status === 'identical';
    },
    async mergeBase(a, b) {
      return (await compare(a, b))?.merge_base_commit.sha;
    },
  };
}
