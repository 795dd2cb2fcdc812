import {
  type GitHubState,
  githubDueOn,
  type IssueRecord,
  type IssueState,
  type RepoRecord,
  type StateReason,
} from './state.ts';

export interface SeedIssue {
  title: string;
  body?: string | null;
  user?: string;
  state?: IssueState;
  state_reason?: StateReason | null;
  labels?: string[];
  assignees?: string[];
  milestone?: number | null;
  created_at?: string;
  updated_at?: string;
  closed_at?: string | null;
  comments?: Array<{ body: string; user?: string; created_at?: string }>;
  /** Makes it a pull request from `head` into `base` (both branches must exist unless merged). */
  pull?: { head: string; base?: string; draft?: boolean; merged_at?: string; merged_by?: string };
}

export interface SeedCommit {
  branch?: string;
  message: string;
  /** path → new content, or null to delete. */
  files: Record<string, string | null>;
  date?: string;
  author?: { name: string; email: string };
}

/** Seed data for the report benchmark; see generateGitHubActivity. */
export interface GitHubActivity {
  labels: Array<{ name: string; color: string; description?: string }>;
  milestones: Array<{
    title: string;
    due_on: string | null;
    state: IssueState;
    created_at: string;
    closed_at: string | null;
  }>;
  issues: SeedIssue[];
  commits: Array<SeedCommit & { date: string }>;
}

export function seedIssue(store: GitHubState, repo: RepoRecord, seed: SeedIssue): IssueRecord {
  const created = seed.created_at ?? store.timestamp();
  const state = seed.state ?? (seed.pull?.merged_at ? 'closed' : 'open');
  let pull: IssueRecord['pull'];
  if (seed.pull) {
    const base = seed.pull.base ?? repo.defaultBranch;
    const headSha = store.branchSha(repo, seed.pull.head) ?? store.branchSha(repo, base);
    if (!headSha) throw new Error(`seedIssue: branch ${seed.pull.head} does not exist in ${repo.owner}/${repo.name}`);
    pull = {
      headRef: seed.pull.head,
      headSha,
      baseRef: base,
      draft: seed.pull.draft ?? false,
      merged: seed.pull.merged_at !== undefined,
      merged_at: seed.pull.merged_at ?? null,
      merged_by: seed.pull.merged_at ? (seed.pull.merged_by ?? seed.user ?? repo.owner) : null,
      merge_commit_sha: null,
      maintainer_can_modify: true,
    };
  }
  const closedAt = state === 'closed' ? (seed.closed_at ?? seed.pull?.merged_at ?? seed.updated_at ?? created) : null;
  const issue = store.createIssue(repo, {
    title: seed.title,
    body: seed.body ?? null,
    user: seed.user ?? repo.owner,
    state,
    state_reason: state === 'closed' ? (seed.state_reason ?? 'completed') : (seed.state_reason ?? null),
    labels: seed.labels ?? [],
    assignees: seed.assignees ?? [],
    milestone: seed.milestone ?? null,
    created_at: created,
    updated_at: seed.updated_at ?? closedAt ?? created,
    closed_at: closedAt,
    closed_by: state === 'closed' ? (seed.user ?? repo.owner) : null,
    ...(pull ? { pull } : {}),
  });
  let latest = issue.updated_at;
  for (const comment of seed.comments ?? []) {
    const at = comment.created_at ?? created;
    store.addComment(repo, issue, comment.body, comment.user ?? issue.user, at);
    if (at > latest) latest = at;
  }
  issue.updated_at = seed.updated_at ?? latest;
  return issue;
}

export function seedActivity(store: GitHubState, repo: RepoRecord, activity: GitHubActivity, actor: string): void {
  for (const label of activity.labels) {
    const created = store.ensureLabel(repo, label.name);
    created.color = label.color;
    created.description = label.description ?? null;
  }
  for (const milestone of activity.milestones) {
    store.createMilestone(repo, {
      title: milestone.title,
      creator: actor,
      due_on: milestone.due_on ? githubDueOn(milestone.due_on) : null,
      state: milestone.state,
      created_at: milestone.created_at,
      updated_at: milestone.closed_at ?? milestone.created_at,
      closed_at: milestone.closed_at,
    });
  }
  for (const commit of activity.commits) {
    store.commitFiles(repo, commit.branch ?? repo.defaultBranch, commit.files, commit.message, {
      date: commit.date,
      ...(commit.author ? { author: commit.author } : {}),
    });
  }
  for (const issue of activity.issues) seedIssue(store, repo, issue);
}
