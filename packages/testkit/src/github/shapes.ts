import type { Leaf, WalkedEntry } from './git-objects.ts';
import {
  type CommentRecord,
  type GitHubState,
  type IssueEventRecord,
  type IssueRecord,
  isoSeconds,
  type LabelRecord,
  type MilestoneRecord,
  type Permission,
  type RepoRecord,
} from './state.ts';

type Obj = Record<string, unknown>;

/** Opaque global ids in GitHub's style; the same id is used by REST (node_id) and GraphQL (id). */
export function nodeId(prefix: string, ...parts: Array<string | number>): string {
  return `${prefix}_${Buffer.from(parts.join(':')).toString('base64url')}`;
}

/** GitHub wraps base64 content at 60 characters per line. */
export function wrappedBase64(content: Buffer): string {
  const text = content.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += 60) lines.push(text.slice(i, i + 60));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

const ROLE_PERMISSIONS: Record<Permission, { permission: string; flags: Record<string, boolean> }> = {
  admin: { permission: 'admin', flags: { admin: true, maintain: true, push: true, triage: true, pull: true } },
  maintain: { permission: 'write', flags: { admin: false, maintain: true, push: true, triage: true, pull: true } },
  write: { permission: 'write', flags: { admin: false, maintain: false, push: true, triage: true, pull: true } },
  triage: { permission: 'read', flags: { admin: false, maintain: false, push: false, triage: true, pull: true } },
  read: { permission: 'read', flags: { admin: false, maintain: false, push: false, triage: false, pull: true } },
  none: { permission: 'none', flags: { admin: false, maintain: false, push: false, triage: false, pull: false } },
};

/** JSON shapes of GitHub's REST API, filled realistically; URLs point at the fake itself. */
export class Shapes {
  readonly base: string;
  readonly state: GitHubState;

  constructor(base: string, state: GitHubState) {
    this.base = base;
    this.state = state;
  }

  api(repo: RepoRecord): string {
    return `${this.base}/repos/${repo.owner}/${repo.name}`;
  }

  html(repo: RepoRecord): string {
    return `${this.base}/${repo.owner}/${repo.name}`;
  }

  user(login: string): Obj {
    const user = this.state.user(login);
    const url = `${this.base}/users/${encodeURIComponent(user.login)}`;
    return {
      login: user.login,
      id: user.id,
      node_id: nodeId(user.type === 'Bot' ? 'BOT' : 'U', user.id),
      avatar_url: `${this.base}/avatars/u/${user.id}?v=4`,
      gravatar_id: '',
      url,
      html_url: `${this.base}/${encodeURIComponent(user.login)}`,
      followers_url: `${url}/followers`,
      following_url: `${url}/following{/other_user}`,
      gists_url: `${url}/gists{/gist_id}`,
      starred_url: `${url}/starred{/owner}{/repo}`,
      subscriptions_url: `${url}/subscriptions`,
      organizations_url: `${url}/orgs`,
      repos_url: `${url}/repos`,
      events_url: `${url}/events{/privacy}`,
      received_events_url: `${url}/received_events`,
      type: user.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  /** GET /user: the authenticated account with its private fields. */
  authenticatedUser(login: string): Obj {
    const at = isoSeconds(new Date(Date.UTC(2020, 0, 1)));
    return {
      ...this.user(login),
      user_view_type: 'private',
      name: login,
      company: null,
      blog: '',
      location: null,
      email: null,
      hireable: null,
      bio: null,
      twitter_username: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: at,
      updated_at: at,
      private_gists: 0,
      total_private_repos: 0,
      owned_private_repos: 0,
      disk_usage: 0,
      collaborators: 0,
      two_factor_authentication: true,
    };
  }

  authorAssociation(repo: RepoRecord, login: string): string {
    if (login.toLowerCase() === repo.owner.toLowerCase()) return 'OWNER';
    const permission = repo.permissions.get(login.toLowerCase());
    if (permission && permission !== 'none' && permission !== 'read') return 'COLLABORATOR';
    return 'NONE';
  }

  repository(repo: RepoRecord, actor?: string): Obj {
    const api = this.api(repo);
    const html = this.html(repo);
    const host = new URL(this.base).host;
    const openIssues = [...repo.issues.values()].filter((i) => i.state === 'open').length;
    const permission = actor ? ROLE_PERMISSIONS[this.state.permission(repo, actor)].flags : undefined;
    return {
      id: repo.id,
      node_id: nodeId('R', repo.id),
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      owner: this.user(repo.owner),
      private: repo.private,
      html_url: html,
      description: repo.description,
      fork: false,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      assignees_url: `${api}/assignees{/user}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      branches_url: `${api}/branches{/branch}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      comments_url: `${api}/comments{/number}`,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      contents_url: `${api}/contents/{+path}`,
      contributors_url: `${api}/contributors`,
      deployments_url: `${api}/deployments`,
      downloads_url: `${api}/downloads`,
      events_url: `${api}/events`,
      forks_url: `${api}/forks`,
      git_commits_url: `${api}/git/commits{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_url: `git://${host}/${repo.owner}/${repo.name}.git`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      issue_events_url: `${api}/issues/events{/number}`,
      issues_url: `${api}/issues{/number}`,
      keys_url: `${api}/keys{/key_id}`,
      labels_url: `${api}/labels{/name}`,
      languages_url: `${api}/languages`,
      merges_url: `${api}/merges`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      pulls_url: `${api}/pulls{/number}`,
      releases_url: `${api}/releases{/id}`,
      ssh_url: `git@${new URL(this.base).hostname}:${repo.owner}/${repo.name}.git`,
      stargazers_url: `${api}/stargazers`,
      statuses_url: `${api}/statuses/{sha}`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      tags_url: `${api}/tags`,
      teams_url: `${api}/teams`,
      trees_url: `${api}/git/trees{/sha}`,
      clone_url: `${html}.git`,
      mirror_url: null,
      hooks_url: `${api}/hooks`,
      svn_url: html,
      homepage: null,
      language: null,
      forks_count: 0,
      forks: 0,
      stargazers_count: 0,
      watchers_count: 0,
      watchers: 0,
      size: 0,
      default_branch: repo.defaultBranch,
      open_issues_count: openIssues,
      open_issues: openIssues,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: true,
      has_wiki: false,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: repo.private ? 'private' : 'public',
      pushed_at: repo.pushed_at,
      created_at: repo.created_at,
      updated_at: repo.updated_at,
      license: null,
      allow_forking: true,
      web_commit_signoff_required: false,
      ...(permission ? { permissions: permission } : {}),
    };
  }

  fullRepository(repo: RepoRecord, actor: string): Obj {
    return {
      ...this.repository(repo, actor),
      network_count: 0,
      subscribers_count: 0,
      allow_squash_merge: true,
      allow_merge_commit: true,
      allow_rebase_merge: true,
      allow_auto_merge: false,
      delete_branch_on_merge: false,
      allow_update_branch: false,
      use_squash_pr_title_as_default: false,
      squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
      squash_merge_commit_message: 'COMMIT_MESSAGES',
      merge_commit_title: 'MERGE_MESSAGE',
      merge_commit_message: 'PR_TITLE',
      temp_clone_token: '',
    };
  }

  label(repo: RepoRecord, label: LabelRecord): Obj {
    return {
      id: label.id,
      node_id: nodeId('LA', label.id),
      url: `${this.api(repo)}/labels/${encodeURIComponent(label.name)}`,
      name: label.name,
      description: label.description,
      color: label.color,
      default: label.default,
    };
  }

  milestone(repo: RepoRecord, milestone: MilestoneRecord): Obj {
    let open = 0;
    let closed = 0;
    for (const issue of repo.issues.values()) {
      if (issue.milestone !== milestone.number) continue;
      if (issue.state === 'open') open++;
      else closed++;
    }
    return {
      url: `${this.api(repo)}/milestones/${milestone.number}`,
      html_url: `${this.html(repo)}/milestone/${milestone.number}`,
      labels_url: `${this.api(repo)}/milestones/${milestone.number}/labels`,
      id: milestone.id,
      node_id: nodeId('MI', milestone.id),
      number: milestone.number,
      state: milestone.state,
      title: milestone.title,
      description: milestone.description,
      creator: this.user(milestone.creator),
      open_issues: open,
      closed_issues: closed,
      created_at: milestone.created_at,
      updated_at: milestone.updated_at,
      closed_at: milestone.closed_at,
      due_on: milestone.due_on,
    };
  }

  issue(repo: RepoRecord, issue: IssueRecord): Obj {
    const api = `${this.api(repo)}/issues/${issue.number}`;
    const milestone = issue.milestone === null ? undefined : repo.milestones.get(issue.milestone);
    const labels = issue.labels
      .map((name) => this.state.label(repo, name))
      .filter((label): label is LabelRecord => label !== undefined)
      .map((label) => this.label(repo, label));
    const out: Obj = {
      id: issue.id,
      node_id: nodeId(issue.pull ? 'PR' : 'I', issue.id),
      url: api,
      repository_url: this.api(repo),
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: `${this.html(repo)}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`,
      number: issue.number,
      state: issue.state,
      state_reason: issue.state_reason,
      title: issue.title,
      body: issue.body,
      user: this.user(issue.user),
      labels,
      assignee: issue.assignees[0] === undefined ? null : this.user(issue.assignees[0]),
      assignees: issue.assignees.map((login) => this.user(login)),
      milestone: milestone ? this.milestone(repo, milestone) : null,
      locked: issue.locked,
      active_lock_reason: null,
      comments: this.state.commentCount(repo, issue.number),
      closed_at: issue.closed_at,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      closed_by: issue.closed_by === null ? null : this.user(issue.closed_by),
      author_association: this.authorAssociation(repo, issue.user),
      reactions: this.reactions(api),
      timeline_url: `${api}/timeline`,
      performed_via_github_app: null,
    };
    if (issue.pull) {
      const pullApi = `${this.api(repo)}/pulls/${issue.number}`;
      const html = `${this.html(repo)}/pull/${issue.number}`;
      out.draft = issue.pull.draft;
      out.pull_request = {
        url: pullApi,
        html_url: html,
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
        merged_at: issue.pull.merged_at,
      };
    }
    return out;
  }

  reactions(url: string): Obj {
    return {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    };
  }

  comment(repo: RepoRecord, comment: CommentRecord): Obj {
    const url = `${this.api(repo)}/issues/comments/${comment.id}`;
    const issue = repo.issues.get(comment.issue);
    return {
      id: comment.id,
      node_id: nodeId('IC', comment.id),
      url,
      html_url: `${this.html(repo)}/${issue?.pull ? 'pull' : 'issues'}/${comment.issue}#issuecomment-${comment.id}`,
      body: comment.body,
      user: this.user(comment.user),
      created_at: comment.created_at,
      updated_at: comment.updated_at,
      issue_url: `${this.api(repo)}/issues/${comment.issue}`,
      author_association: this.authorAssociation(repo, comment.user),
      performed_via_github_app: null,
      reactions: this.reactions(url),
    };
  }

  /** A comment as the timeline lists it (timeline-comment-event). */
  timelineComment(repo: RepoRecord, comment: CommentRecord): Obj {
    return { event: 'commented', actor: this.user(comment.user), ...this.comment(repo, comment) };
  }

  /** A label or state event as the timeline lists it (labeled-, unlabeled-, state-change-issue-event). */
  issueEvent(repo: RepoRecord, event: IssueEventRecord): Obj {
    const shape: Obj = {
      id: event.id,
      node_id: nodeId(event.event === 'labeled' ? 'LE' : event.event === 'unlabeled' ? 'UNLE' : 'SCE', event.id),
      url: `${this.api(repo)}/issues/events/${event.id}`,
      actor: this.user(event.actor),
      event: event.event,
      commit_id: null,
      commit_url: null,
      created_at: event.created_at,
      performed_via_github_app: null,
    };
    if (event.label !== undefined) {
      shape.label = { name: event.label, color: this.state.label(repo, event.label)?.color ?? 'ededed' };
    }
    if (event.state_reason !== undefined) shape.state_reason = event.state_reason;
    return shape;
  }

  /** Pull request in the list shape (pull-request-simple) or, with `full`, the single-PR shape. */
  pull(repo: RepoRecord, issue: IssueRecord, full: boolean): Obj {
    const pull = issue.pull;
    if (!pull) throw new Error(`#${issue.number} is not a pull request`);
    const api = `${this.api(repo)}/pulls/${issue.number}`;
    const html = `${this.html(repo)}/pull/${issue.number}`;
    const issueApi = `${this.api(repo)}/issues/${issue.number}`;
    const headSha = this.state.pullHeadSha(repo, pull);
    const baseSha = this.state.branchSha(repo, pull.baseRef) ?? headSha;
    const milestone = issue.milestone === null ? undefined : repo.milestones.get(issue.milestone);
    const side = (ref: string, sha: string) => ({
      label: `${repo.owner}:${ref}`,
      ref,
      sha,
      user: this.user(repo.owner),
      repo: this.repository(repo),
    });
    const out: Obj = {
      url: api,
      id: issue.id,
      node_id: nodeId('PR', issue.id),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issueApi,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: `${this.api(repo)}/pulls/comments{/number}`,
      comments_url: `${issueApi}/comments`,
      statuses_url: `${this.api(repo)}/statuses/${headSha}`,
      number: issue.number,
      state: issue.state,
      locked: issue.locked,
      title: issue.title,
      user: this.user(issue.user),
      body: issue.body,
      labels: issue.labels
        .map((name) => this.state.label(repo, name))
        .filter((label): label is LabelRecord => label !== undefined)
        .map((label) => this.label(repo, label)),
      milestone: milestone ? this.milestone(repo, milestone) : null,
      active_lock_reason: null,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      closed_at: issue.closed_at,
      merged_at: pull.merged_at,
      merge_commit_sha: pull.merge_commit_sha,
      assignee: issue.assignees[0] === undefined ? null : this.user(issue.assignees[0]),
      assignees: issue.assignees.map((login) => this.user(login)),
      requested_reviewers: [],
      requested_teams: [],
      head: side(pull.headRef, headSha),
      base: side(pull.baseRef, baseSha),
      _links: {
        self: { href: api },
        html: { href: html },
        issue: { href: issueApi },
        comments: { href: `${issueApi}/comments` },
        review_comments: { href: `${api}/comments` },
        review_comment: { href: `${this.api(repo)}/pulls/comments{/number}` },
        commits: { href: `${api}/commits` },
        statuses: { href: `${this.api(repo)}/statuses/${headSha}` },
      },
      author_association: this.authorAssociation(repo, issue.user),
      auto_merge: null,
      draft: pull.draft,
    };
    if (!full) return out;
    const files = this.pullFiles(repo, issue);
    const ahead = [...repo.git.ancestors(headSha)].filter((sha) => !repo.git.ancestors(baseSha).has(sha)).length;
    return {
      ...out,
      merged: pull.merged,
      mergeable: issue.state === 'open' ? true : null,
      rebaseable: issue.state === 'open' ? true : null,
      mergeable_state: issue.state === 'open' ? 'clean' : 'unknown',
      merged_by: pull.merged_by === null ? null : this.user(pull.merged_by),
      comments: this.state.commentCount(repo, issue.number),
      review_comments: 0,
      maintainer_can_modify: pull.maintainer_can_modify,
      commits: pull.merged ? Math.max(ahead, 1) : ahead,
      additions: files.reduce((sum, f) => sum + (f.additions as number), 0),
      deletions: files.reduce((sum, f) => sum + (f.deletions as number), 0),
      changed_files: files.length,
    };
  }

  /** Files a pull request changes: from the merge base with its base branch to its head. */
  pullFiles(repo: RepoRecord, issue: IssueRecord): Obj[] {
    const pull = issue.pull;
    if (!pull) return [];
    return this.diffFiles(repo, this.state.pullBaseSha(repo, pull), this.state.pullHeadSha(repo, pull));
  }

  /** Files that differ from one commit to another (no base: every file of `headSha`), as GitHub lists them. */
  diffFiles(repo: RepoRecord, baseSha: string | undefined, headSha: string): Obj[] {
    return this.state.changedFiles(repo, baseSha, headSha).map((change) => {
      const { additions, deletions } = change;
      const sha = change.after ?? change.before ?? '';
      const ref = change.after ? headSha : (baseSha ?? headSha);
      return {
        sha,
        filename: change.path,
        status: change.status,
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: `${this.html(repo)}/blob/${ref}/${change.path}`,
        raw_url: `${this.html(repo)}/raw/${ref}/${change.path}`,
        contents_url: `${this.api(repo)}/contents/${change.path}?ref=${ref}`,
      };
    });
  }

  /** GET /repos/{owner}/{repo}/commits/{ref}: the commit with its changes against its first parent. */
  commitWithFiles(repo: RepoRecord, sha: string): Obj {
    const files = this.diffFiles(repo, repo.git.commit(sha)?.parents[0], sha);
    const additions = files.reduce((n, f) => n + (f.additions as number), 0);
    const deletions = files.reduce((n, f) => n + (f.deletions as number), 0);
    return { ...this.commit(repo, sha), stats: { total: additions + deletions, additions, deletions }, files };
  }

  /** GET /repos/{owner}/{repo}/compare/{base}...{head}, with `commits` the page asked for. */
  comparison(
    repo: RepoRecord,
    refs: { base: string; head: string; baseSha: string; headSha: string },
    page: { commits: Obj[]; ahead: number; behind: number; mergeBase: string },
  ): Obj {
    const { base, head, baseSha, headSha } = refs;
    const status =
      baseSha === headSha ? 'identical' : page.behind === 0 ? 'ahead' : page.ahead === 0 ? 'behind' : 'diverged';
    return {
      url: `${this.api(repo)}/compare/${base}...${head}`,
      html_url: `${this.html(repo)}/compare/${base}...${head}`,
      permalink_url: `${this.html(repo)}/compare/${baseSha}...${headSha}`,
      diff_url: `${this.html(repo)}/compare/${base}...${head}.diff`,
      patch_url: `${this.html(repo)}/compare/${base}...${head}.patch`,
      base_commit: this.commit(repo, baseSha),
      merge_base_commit: this.commit(repo, page.mergeBase),
      status,
      ahead_by: page.ahead,
      behind_by: page.behind,
      total_commits: page.ahead,
      commits: page.commits,
      files: this.diffFiles(repo, page.mergeBase, headSha),
    };
  }

  gitRef(repo: RepoRecord, ref: string, sha: string): Obj {
    return {
      ref,
      node_id: nodeId('REF', repo.id, ref),
      url: `${this.api(repo)}/git/${ref}`,
      object: { type: 'commit', sha, url: `${this.api(repo)}/git/commits/${sha}` },
    };
  }

  verification(): Obj {
    return { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };
  }

  gitCommit(repo: RepoRecord, sha: string): Obj {
    const commit = repo.git.commit(sha);
    if (!commit) throw new Error(`no commit ${sha}`);
    return {
      sha,
      node_id: nodeId('C', repo.id, sha),
      url: `${this.api(repo)}/git/commits/${sha}`,
      html_url: `${this.html(repo)}/commit/${sha}`,
      author: { name: commit.author.name, email: commit.author.email, date: commit.author.date },
      committer: { name: commit.committer.name, email: commit.committer.email, date: commit.committer.date },
      tree: { sha: commit.tree, url: `${this.api(repo)}/git/trees/${commit.tree}` },
      message: commit.message,
      parents: commit.parents.map((parent) => ({
        sha: parent,
        url: `${this.api(repo)}/git/commits/${parent}`,
        html_url: `${this.html(repo)}/commit/${parent}`,
      })),
      verification: this.verification(),
    };
  }

  /** A commit as GET /repos/{o}/{r}/commits lists it; noreply emails map to GitHub accounts. */
  commit(repo: RepoRecord, sha: string): Obj {
    const commit = repo.git.commit(sha);
    if (!commit) throw new Error(`no commit ${sha}`);
    const account = (email: string) => {
      const login = /^(?:\d+\+)?([^@]+)@users\.noreply\./.exec(email)?.[1];
      return login ? this.user(login) : null;
    };
    return {
      url: `${this.api(repo)}/commits/${sha}`,
      sha,
      node_id: nodeId('C', repo.id, sha),
      html_url: `${this.html(repo)}/commit/${sha}`,
      comments_url: `${this.api(repo)}/commits/${sha}/comments`,
      commit: {
        url: `${this.api(repo)}/git/commits/${sha}`,
        author: { name: commit.author.name, email: commit.author.email, date: commit.author.date },
        committer: { name: commit.committer.name, email: commit.committer.email, date: commit.committer.date },
        message: commit.message,
        comment_count: 0,
        tree: { sha: commit.tree, url: `${this.api(repo)}/git/trees/${commit.tree}` },
        verification: this.verification(),
      },
      author: account(commit.author.email),
      committer: account(commit.committer.email),
      parents: commit.parents.map((parent) => ({
        sha: parent,
        url: `${this.api(repo)}/commits/${parent}`,
        html_url: `${this.html(repo)}/commit/${parent}`,
      })),
    };
  }

  tree(repo: RepoRecord, sha: string, entries: WalkedEntry[]): Obj {
    return {
      sha,
      url: `${this.api(repo)}/git/trees/${sha}`,
      truncated: false,
      tree: entries.map((entry) => ({
        path: entry.path,
        mode: entry.mode,
        type: entry.type,
        sha: entry.sha,
        ...(entry.size === undefined ? {} : { size: entry.size }),
        url: `${this.api(repo)}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`,
      })),
    };
  }

  blob(repo: RepoRecord, sha: string, content: Buffer): Obj {
    return {
      sha,
      node_id: nodeId('B', repo.id, sha),
      size: content.length,
      url: `${this.api(repo)}/git/blobs/${sha}`,
      content: wrappedBase64(content),
      encoding: 'base64',
    };
  }

  contentEntry(repo: RepoRecord, path: string, leaf: Leaf, ref: string, content?: Buffer): Obj {
    const isDir = leaf.type === 'tree';
    const url = `${this.api(repo)}/contents/${path}?ref=${encodeURIComponent(ref)}`;
    const gitUrl = `${this.api(repo)}/git/${isDir ? 'trees' : 'blobs'}/${leaf.sha}`;
    const htmlUrl = `${this.html(repo)}/${isDir ? 'tree' : 'blob'}/${ref}/${path}`;
    const size = isDir ? 0 : (repo.git.blob(leaf.sha)?.content.length ?? 0);
    return {
      type: isDir ? 'dir' : leaf.type === 'commit' ? 'submodule' : 'file',
      size,
      name: path.split('/').pop() ?? path,
      path,
      sha: leaf.sha,
      url,
      git_url: gitUrl,
      html_url: htmlUrl,
      download_url: isDir ? null : `${this.base}/raw/${repo.owner}/${repo.name}/${ref}/${path}`,
      ...(content === undefined ? {} : { content: wrappedBase64(content), encoding: 'base64' }),
      _links: { self: url, git: gitUrl, html: htmlUrl },
    };
  }

  collaboratorPermission(repo: RepoRecord, login: string): Obj {
    const role = this.state.permission(repo, login);
    const { permission, flags } = ROLE_PERMISSIONS[role];
    return {
      permission,
      role_name: role === 'none' ? 'none' : role,
      user: { ...this.user(login), permissions: flags, role_name: role === 'none' ? 'none' : role },
    };
  }
}
