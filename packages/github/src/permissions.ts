import { PERMISSIONS, type RepoPermission } from '@circuitboard/core/proposal';
import type { RepositoryRef } from './labels.ts';
import type { Octokit } from './octokit.ts';

/**
 * A person's permission on the repository, checked through the API: the role name when it is one of
 * GitHub's (maintain and triage exist only there), else the base permission of a custom role.
 * Someone GitHub does not know has none.
 */
export async function repositoryPermission(
  octokit: Octokit,
  repository: RepositoryRef,
  login: string,
): Promise<RepoPermission> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repository, username: login });
    const role = (data as { role_name?: string }).role_name;
    if (role && (PERMISSIONS as readonly string[]).includes(role)) return role as RepoPermission;
    return (PERMISSIONS as readonly string[]).includes(data.permission) ? (data.permission as RepoPermission) : 'none';
  } catch (error) {
    if ((error as { status?: number }).status === 404) return 'none';
    throw error;
  }
}
