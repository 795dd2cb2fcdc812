import { createHash } from 'node:crypto';
import { decodeUtf8File } from '@circuitboard/core';
import type { RepositoryRef } from './labels.ts';
import type { Octokit } from './octokit.ts';

/** The id git gives a file's content (what a tree entry's `sha` is), computed without asking GitHub. */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function status(error: unknown): number | undefined {
  return (error as { status?: number }).status;
}

/** The commit a branch points at, or undefined when there is no such branch. */
export async function branchHead(
  octokit: Octokit,
  repository: RepositoryRef,
  branch: string,
): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.git.getRef({ ...repository, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    if (status(error) === 404) return undefined;
    throw error;
  }
}

export interface TreeEntry {
  path: string;
  sha: string;
  mode: string;
  type: string;
}

/** Every entry of a commit's tree, recursively; `truncated` when GitHub cut the listing (very large repositories). */
export async function readTree(
  octokit: Octokit,
  repository: RepositoryRef,
  treeSha: string,
): Promise<{ entries: Map<string, TreeEntry>; truncated: boolean }> {
  const { data } = await octokit.rest.git.getTree({ ...repository, tree_sha: treeSha, recursive: 'true' });
  const entries = new Map<string, TreeEntry>();
  for (const e of data.tree) {
    if (e.path && e.sha) entries.set(e.path, { path: e.path, sha: e.sha, mode: e.mode ?? '', type: e.type ?? '' });
  }
  return { entries, truncated: data.truncated === true };
}

/** The bytes of a blob or a contents-API file as GitHub sends them: base64, or (`encoding: utf-8`) as text. */
export function contentBytes(data: { content?: string; encoding?: string }): Uint8Array {
  return Buffer.from(data.content ?? '', data.encoding === 'base64' ? 'base64' : 'utf8');
}

/** A blob's bytes. */
export async function readBlobBytes(octokit: Octokit, repository: RepositoryRef, sha: string): Promise<Uint8Array> {
  const { data } = await octokit.rest.git.getBlob({ ...repository, file_sha: sha });
  return contentBytes(data);
}

/** A blob's text; a NotUtf8Error at `path`'s first bad byte when it is not UTF-8. */
export async function readBlob(octokit: Octokit, repository: RepositoryRef, sha: string, path = sha): Promise<string> {
  return decodeUtf8File(await readBlobBytes(octokit, repository, sha), path);
}

export interface BaseSnapshot {
  /** The base branch's head commit. */
  sha: string;
  /** Its tree. */
  treeSha: string;
}

/** The head commit of `branch` and its tree. */
export async function branchSnapshot(
  octokit: Octokit,
  repository: RepositoryRef,
  branch: string,
): Promise<BaseSnapshot> {
  const sha = await branchHead(octokit, repository, branch);
  if (!sha) throw new Error(`the branch ${branch} does not exist in ${repository.owner}/${repository.repo}`);
  const { data } = await octokit.rest.git.getCommit({ ...repository, commit_sha: sha });
  return { sha, treeSha: data.tree.sha };
}

export interface CommitOnBaseRequest {
  /** The branch to write, e.g. circuitboard/proposal-42. */
  branch: string;
  /** Where the branch starts: the default branch's head. */
  base: BaseSnapshot;
  /** Repository-relative path → UTF-8 content. */
  files: Readonly<Record<string, string>>;
  message: string;
}

export interface CommitOnBaseResult {
  sha: string;
  outcome: 'created' | 'updated' | 'unchanged';
}

/**
 * Makes `branch` exactly one commit on top of the base holding `files`, through the Git Data API (blobs →
 * tree on the base tree → commit → ref), with no checkout. When the branch already is that (its one
 * commit sits on the current base and every file has the same content) nothing is written; otherwise
 * the commit is built again on the current base and the branch moved to it.
 */
export async function commitFilesOnBase(
  octokit: Octokit,
  repository: RepositoryRef,
  request: CommitOnBaseRequest,
): Promise<CommitOnBaseResult> {
  const { branch, base, files, message } = request;
  const current = await branchHead(octokit, repository, branch);
  if (current) {
    const { data: head } = await octokit.rest.git.getCommit({ ...repository, commit_sha: current });
    if (head.parents.length === 1 && head.parents[0]?.sha === base.sha) {
      const { entries, truncated } = await readTree(octokit, repository, head.tree.sha);
      const same =
        !truncated &&
        Object.entries(files).every(
          ([path, content]) => entries.get(path)?.sha === gitBlobSha(content) && entries.get(path)?.mode === '100644',
        );
      if (same) return { sha: current, outcome: 'unchanged' };
    }
  }
  const tree: { path: string; mode: '100644'; type: 'blob'; sha: string }[] = [];
  for (const [path, content] of Object.entries(files)) {
    const { data } = await octokit.rest.git.createBlob({ ...repository, content, encoding: 'utf-8' });
    tree.push({ path, mode: '100644', type: 'blob', sha: data.sha });
  }
  const { data: newTree } = await octokit.rest.git.createTree({ ...repository, base_tree: base.treeSha, tree });
  const { data: commit } = await octokit.rest.git.createCommit({
    ...repository,
    message,
    tree: newTree.sha,
    parents: [base.sha],
  });
  if (!current) {
    try {
      await octokit.rest.git.createRef({ ...repository, ref: `refs/heads/${branch}`, sha: commit.sha });
      return { sha: commit.sha, outcome: 'created' };
    } catch (error) {
      // Another run (or a lost answer to this one) created it first: move it instead.
      if (status(error) !== 422) throw error;
    }
  }
  // The branch is generated: rebuilding it on the new base replaces its old commit.
  await octokit.rest.git.updateRef({ ...repository, ref: `heads/${branch}`, sha: commit.sha, force: true });
  return { sha: commit.sha, outcome: 'updated' };
}
