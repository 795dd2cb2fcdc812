import { classifyGitHubError, type RepoRef, statusOf } from './gateway.ts';
import { fitText, GITHUB_LIMITS } from './mirror-limits.ts';
import type { Octokit } from './octokit.ts';

export interface PullRequestFile {
  /** Repository-relative path after the change. */
  path: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  /** For renames: the path before. */
  previousPath?: string;
}

/** Every file a pull request changes (paginated; GitHub lists at most 3,000). */
export async function listPullRequestFiles(
  octokit: Octokit,
  repo: RepoRef,
  pullNumber: number,
): Promise<PullRequestFile[]> {
  try {
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
      ...repo,
      pull_number: pullNumber,
      per_page: 100,
    });
    return files.map((f) => ({
      path: f.filename,
      status: f.status,
      ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
    }));
  } catch (error) {
    throw classifyGitHubError(error, `list the files of pull request #${pullNumber}`);
  }
}

export type CommentOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Keeps one comment per marker on an issue or pull request: finds it by the hidden marker (only among comments
 * written by a bot, so nobody can plant the marker to get their comment edited) and edits it in place, or
 * creates it. The body is cut to GitHub's 65,536 characters.
 */
export async function upsertMarkedComment(
  octokit: Octokit,
  repo: RepoRef,
  issueNumber: number,
  marker: string,
  body: string,
): Promise<{ outcome: CommentOutcome; id: number; url?: string }> {
  const text = body.includes(marker) ? body : `${marker}\n${body}`;
  const fitted =
    text.length <= GITHUB_LIMITS.commentBody
      ? text
      : `${fitText(text, GITHUB_LIMITS.commentBody - marker.length - 1)}\n${marker}`;
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      ...repo,
      issue_number: issueNumber,
      per_page: 100,
    });
    const mine = comments.find((c) => c.user?.type === 'Bot' && (c.body ?? '').includes(marker));
    if (mine) {
      if (mine.body === fitted) return { outcome: 'unchanged', id: mine.id, url: mine.html_url };
      const { data } = await octokit.rest.issues.updateComment({ ...repo, comment_id: mine.id, body: fitted });
      return { outcome: 'updated', id: data.id, url: data.html_url };
    }
    const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: fitted });
    return { outcome: 'created', id: data.id, url: data.html_url };
  } catch (error) {
    throw classifyGitHubError(error, `keep the summary comment on #${issueNumber}`);
  }
}

/** The permission of a user on the repository (none when they are not a collaborator). */
export async function collaboratorPermission(
  octokit: Octokit,
  repo: RepoRef,
  username: string,
): Promise<'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    return ((data as { role_name?: string }).role_name ?? data.permission) as 'admin' | 'write' | 'read' | 'none';
  } catch (error) {
    if (statusOf(error) === 404) return 'none';
    throw classifyGitHubError(error, `read the permission of ${username}`);
  }
}
