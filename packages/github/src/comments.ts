import type { RepositoryRef } from './labels.ts';
import type { Octokit } from './octokit.ts';

/** GitHub's limits for issue and pull request comments (characters). */
export const COMMENT_LIMITS = { body: 65_536 } as const;

export interface IssueCommentRecord {
  id: number;
  body: string;
  author: string;
  /** `Bot` for GitHub Apps and the Actions token, `User` for people and personal tokens. */
  authorType: string;
}

/** Every comment of an issue, oldest first (one paginated list). */
export async function listIssueComments(
  octokit: Octokit,
  repository: RepositoryRef,
  issue: number,
): Promise<IssueCommentRecord[]> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    ...repository,
    issue_number: issue,
    per_page: 100,
  });
  return comments.map((c) => ({
    id: c.id,
    body: c.body ?? '',
    author: c.user?.login ?? '',
    authorType: c.user?.type ?? 'User',
  }));
}

function fit(body: string): string {
  return body.length <= COMMENT_LIMITS.body ? body : `${body.slice(0, COMMENT_LIMITS.body - 16)}\n\n_(shortened)_`;
}

export async function createIssueComment(
  octokit: Octokit,
  repository: RepositoryRef,
  issue: number,
  body: string,
): Promise<{ id: number }> {
  const { data } = await octokit.rest.issues.createComment({ ...repository, issue_number: issue, body: fit(body) });
  return { id: data.id };
}

export async function updateIssueComment(
  octokit: Octokit,
  repository: RepositoryRef,
  id: number,
  body: string,
): Promise<void> {
  await octokit.rest.issues.updateComment({ ...repository, comment_id: id, body: fit(body) });
}

/** Deletes a comment; one already gone is not an error (a re-run after a lost answer). */
export async function deleteIssueComment(octokit: Octokit, repository: RepositoryRef, id: number): Promise<void> {
  try {
    await octokit.rest.issues.deleteComment({ ...repository, comment_id: id });
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
}

/**
 * The login a token writes as, for personal and fine-grained tokens; undefined for the Actions token and
 * GitHub App installation tokens, which cannot read /user and whose comments are written by a `Bot`.
 */
export async function tokenLogin(octokit: Octokit): Promise<string | undefined> {
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 401 || status === 403 || status === 404) return undefined;
    throw error;
  }
}

/**
 * Comments this run may edit: written by the token's own login when it has one, otherwise by a bot.
 * People can paste a hidden marker into their own comments; those are never touched.
 */
export function writtenBy(comment: IssueCommentRecord, self: string | undefined): boolean {
  return self === undefined ? comment.authorType === 'Bot' : comment.author.toLowerCase() === self.toLowerCase();
}
