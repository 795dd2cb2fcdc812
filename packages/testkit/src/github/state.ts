import { type GitPerson, GitStore, type Leaf, lineChanges } from './git-objects.ts';

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
export type IssueState = 'open' | 'closed';
export type StateReason = 'completed' | 'reopened' | 'not_planned' | 'duplicate';

export interface UserRecord {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface MilestoneRecord {
  id: number;
  number: number;
  title: string;
  description: string | null;
  state: IssueState;
  due_on: string | null;
  creator: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface PullRecord {
  headRef: string;
  /** Head sha when the branch is gone (after a merge that deleted it). */
  headSha: string;
  baseRef: string;
  draft: boolean;
  merged: boolean;
  merged_at: string | null;
  merged_by: string | null;
  merge_commit_sha: string | null;
  maintainer_can_modify: boolean;
}

/** What the issue events and timeline APIs list besides comments. */
export interface IssueEventRecord {
  id: number;
  event: 'labeled' | 'unlabeled' | 'closed' | 'reopened';
  actor: string;
  created_at: string;
  /** The label's name, for labeled and unlabeled. */
  label?: string;
  state_reason?: StateReason | null;
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: IssueState;
  state_reason: StateReason | null;
  user: string;
  /** Label names as the repository spells them. */
  labels: string[];
  assignees: string[];
  milestone: number | null;
  locked: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
  /** When the body was last edited (GraphQL `lastEditedAt`); title, label and state changes leave it alone. */
  last_edited_at: string | null;
  /** Label and state events, oldest first (the timeline merges them with the comments). */
  events: IssueEventRecord[];
  pull?: PullRecord;
}

export interface CommentRecord {
  id: number;
  issue: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
}

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  description: string | null;
  created_at: string;
  updated_at: string;
  pushed_at: string;
  issues: Map<number, IssueRecord>;
  comments: Map<number, CommentRecord>;
  /** Comments per issue number, kept with `comments` so lists of 10,000 issues stay fast. */
  commentCounts: Map<number, number>;
  /** By lower-cased name: GitHub label names are case-insensitive. */
  labels: Map<string, LabelRecord>;
  milestones: Map<number, MilestoneRecord>;
  /** Full ref name (refs/heads/main) → sha. */
  refs: Map<string, string>;
  git: GitStore;
  permissions: Map<string, Permission>;
  nextNumber: number;
  nextMilestone: number;
}

export interface RepoOptions {
  defaultBranch?: string;
  private?: boolean;
  description?: string;
  /** Make an initial commit with these files on the default branch (default: a README). */
  files?: Record<string, string>;
}

export type ChangedFile = ReturnType<GitStore['diff']>[number] & { additions: number; deletions: number };

export type IdKind = 'repo' | 'issue' | 'comment' | 'label' | 'milestone' | 'user' | 'event';

const BOTS: Record<string, number> = { 'github-actions[bot]': 41898282, 'dependabot[bot]': 49699333 };

/** GitHub timestamps carry seconds, no milliseconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Everything the fake GitHub knows; routes and seed helpers both change it through here. */
export class GitHubState {
  readonly repos = new Map<string, RepoRecord>();
  readonly users = new Map<string, UserRecord>();
  readonly now: () => Date;
  #ids: Record<IdKind, number> = {
    repo: 700_000_000,
    issue: 2_000_000_000,
    comment: 3_000_000_000,
    label: 5_000_000_000,
    milestone: 9_000_000,
    user: 100_000,
    event: 14_000_000_000,
  };
  /** Order of creation of comments and issue events, which the timeline keeps for equal timestamps. */
  readonly #created = new WeakMap<object, number>();
  #sequence = 0;

  constructor(now: () => Date) {
    this.now = now;
  }

  timestamp(): string {
    return isoSeconds(this.now());
  }

  nextId(kind: IdKind): number {
    this.#ids[kind] += 1;
    return this.#ids[kind];
  }

  user(login: string): UserRecord {
    let user = this.users.get(login.toLowerCase());
    if (!user) {
      const bot = BOTS[login];
      user = {
        login,
        id: bot ?? this.nextId('user'),
        type: bot !== undefined || login.endsWith('[bot]') ? 'Bot' : 'User',
      };
      this.users.set(login.toLowerCase(), user);
    }
    return user;
  }

  createRepo(owner: string, name: string, options: RepoOptions = {}): RepoRecord {
    const key = `${owner}/${name}`.toLowerCase();
    if (this.repos.has(key)) throw new Error(`the fake GitHub already has a repository ${owner}/${name}`);
    this.user(owner);
    const at = this.timestamp();
    const repo: RepoRecord = {
      id: this.nextId('repo'),
      owner,
      name,
      defaultBranch: options.defaultBranch ?? 'main',
      private: options.private ?? false,
      description: options.description ?? null,
      created_at: at,
      updated_at: at,
      pushed_at: at,
      issues: new Map(),
      comments: new Map(),
      commentCounts: new Map(),
      labels: new Map(),
      milestones: new Map(),
      refs: new Map(),
      git: new GitStore(),
      permissions: new Map([[owner.toLowerCase(), 'admin']]),
      nextNumber: 1,
      nextMilestone: 1,
    };
    this.repos.set(key, repo);
    const files = options.files ?? { 'README.md': `# ${name}\n` };
    if (Object.keys(files).length > 0) {
      this.commitFiles(repo, repo.defaultBranch, files, 'Initial commit', { replace: true });
    }
    return repo;
  }

  repo(fullName: string): RepoRecord | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  requireRepo(fullName: string): RepoRecord {
    const repo = this.repo(fullName);
    if (!repo)
      throw new Error(`the fake GitHub has no repository ${fullName}; create it with gh.createRepo(owner, name)`);
    return repo;
  }

  branchSha(repo: RepoRecord, branch: string): string | undefined {
    return repo.refs.get(`refs/heads/${branch}`);
  }

  /** Resolves a branch, tag, full ref or sha to a commit sha. */
  resolveCommit(repo: RepoRecord, ref: string): string | undefined {
    for (const candidate of [ref, `refs/heads/${ref}`, `refs/tags/${ref}`]) {
      const sha = repo.refs.get(candidate);
      if (sha) return sha;
    }
    if (repo.git.commit(ref)) return ref;
    if (/^[0-9a-f]{7,39}$/.test(ref)) {
      for (const [sha, object] of repo.git.objects) if (object.type === 'commit' && sha.startsWith(ref)) return sha;
    }
    return undefined;
  }

  /**
   * One commit on `branch` changing `files` (null deletes a path); with `replace`, the tree is exactly `files`.
   * Creates the branch from the default branch (or as a root commit) when it does not exist.
   */
  commitFiles(
    repo: RepoRecord,
    branch: string,
    files: Record<string, string | null>,
    message: string,
    options: { replace?: boolean; author?: Partial<GitPerson>; date?: string } = {},
  ): string {
    const parent = this.branchSha(repo, branch) ?? this.branchSha(repo, repo.defaultBranch);
    const parentCommit = parent ? repo.git.commit(parent) : undefined;
    const changes = new Map<string, Leaf | null>();
    for (const [path, content] of Object.entries(files)) {
      changes.set(
        path,
        content === null ? null : { mode: '100644', type: 'blob', sha: repo.git.putBlob(Buffer.from(content, 'utf8')) },
      );
    }
    const tree = repo.git.updateTree(options.replace ? undefined : parentCommit?.tree, changes);
    const date = options.date ?? this.timestamp();
    const author: GitPerson = {
      name: options.author?.name ?? 'Circuitboard Fixture',
      email: options.author?.email ?? 'fixture@circuitboard.invalid',
      date: options.author?.date ?? date,
    };
    const sha = repo.git.putCommit({
      tree,
      parents: parent ? [parent] : [],
      message,
      author,
      committer: { ...author, date },
    });
    repo.refs.set(`refs/heads/${branch}`, sha);
    repo.pushed_at = this.timestamp();
    return sha;
  }

  /** Files of a tree-ish as text, by path. */
  readTree(repo: RepoRecord, ref: string): Record<string, string> {
    const sha = this.resolveCommit(repo, ref);
    const commit = sha ? repo.git.commit(sha) : undefined;
    if (!commit) throw new Error(`the fake GitHub has no ref or commit ${ref} in ${repo.owner}/${repo.name}`);
    const out: Record<string, string> = {};
    for (const [path, leaf] of repo.git.flatten(commit.tree)) {
      const blob = repo.git.blob(leaf.sha);
      if (blob) out[path] = blob.content.toString('utf8');
    }
    return out;
  }

  label(repo: RepoRecord, name: string): LabelRecord | undefined {
    return repo.labels.get(name.toLowerCase());
  }

  /** GitHub creates labels named on an issue that the repository lacks, with the default grey. */
  ensureLabel(repo: RepoRecord, name: string): LabelRecord {
    const existing = this.label(repo, name);
    if (existing) return existing;
    const label: LabelRecord = { id: this.nextId('label'), name, color: 'ededed', description: null, default: false };
    repo.labels.set(name.toLowerCase(), label);
    return label;
  }

  createIssue(
    repo: RepoRecord,
    fields: Partial<Omit<IssueRecord, 'id' | 'number'>> & { title: string; user: string },
  ): IssueRecord {
    const at = this.timestamp();
    const issue: IssueRecord = {
      id: this.nextId('issue'),
      number: repo.nextNumber++,
      body: null,
      state: 'open',
      state_reason: null,
      labels: [],
      assignees: [],
      milestone: null,
      locked: false,
      created_at: at,
      updated_at: at,
      closed_at: null,
      closed_by: null,
      last_edited_at: null,
      events: [],
      ...fields,
    };
    issue.labels = issue.labels.map((name) => this.ensureLabel(repo, name).name);
    // Labels given when an issue is opened (an issue form's) show on its timeline as added by its author.
    for (const name of issue.labels)
      this.recordEvent(issue, 'labeled', issue.user, { label: name, at: issue.created_at });
    this.user(issue.user);
    repo.issues.set(issue.number, issue);
    return issue;
  }

  /** Appends a label or state event to an issue's timeline. */
  recordEvent(
    issue: IssueRecord,
    event: IssueEventRecord['event'],
    actor: string,
    extra: { label?: string; state_reason?: StateReason | null; at?: string } = {},
  ): IssueEventRecord {
    const record: IssueEventRecord = {
      id: this.nextId('event'),
      event,
      actor,
      created_at: extra.at ?? this.timestamp(),
      ...(extra.label !== undefined ? { label: extra.label } : {}),
      ...(extra.state_reason !== undefined ? { state_reason: extra.state_reason } : {}),
    };
    this.user(actor);
    this.#created.set(record, ++this.#sequence);
    issue.events.push(record);
    return record;
  }

  /** Sets an issue's labels (as GitHub spells them), recording a labeled or unlabeled event for each change. */
  setIssueLabels(repo: RepoRecord, issue: IssueRecord, names: string[], actor: string): void {
    const next = [...new Map(names.map((n) => [n.toLowerCase(), this.ensureLabel(repo, n).name])).values()];
    const had = new Set(issue.labels.map((n) => n.toLowerCase()));
    const has = new Set(next.map((n) => n.toLowerCase()));
    for (const name of issue.labels)
      if (!has.has(name.toLowerCase())) this.recordEvent(issue, 'unlabeled', actor, { label: name });
    for (const name of next)
      if (!had.has(name.toLowerCase())) this.recordEvent(issue, 'labeled', actor, { label: name });
    issue.labels = next;
  }

  /** Changes an issue's title or body as `actor`; a body that changes moves `last_edited_at`. */
  editIssue(issue: IssueRecord, fields: { title?: string; body?: string | null }): void {
    const at = this.timestamp();
    if (fields.title !== undefined) issue.title = fields.title;
    if (fields.body !== undefined && fields.body !== issue.body) {
      issue.body = fields.body;
      issue.last_edited_at = at;
    }
    issue.updated_at = at;
  }

  /** When a comment or issue event was made relative to the others: the tie-break of the timeline. */
  creationOrder(record: object): number {
    return this.#created.get(record) ?? 0;
  }

  setIssueState(issue: IssueRecord, state: IssueState, actor: string, reason?: StateReason | null): void {
    if (state === issue.state) {
      if (reason !== undefined && state === 'closed') issue.state_reason = reason;
      return;
    }
    issue.state = state;
    if (state === 'closed') {
      issue.closed_at = this.timestamp();
      issue.closed_by = actor;
      issue.state_reason = reason ?? 'completed';
    } else {
      issue.closed_at = null;
      issue.closed_by = null;
      issue.state_reason = 'reopened';
    }
    this.recordEvent(issue, state === 'closed' ? 'closed' : 'reopened', actor, { state_reason: issue.state_reason });
  }

  addComment(repo: RepoRecord, issue: IssueRecord, body: string, user: string, at = this.timestamp()): CommentRecord {
    const comment: CommentRecord = {
      id: this.nextId('comment'),
      issue: issue.number,
      body,
      user,
      created_at: at,
      updated_at: at,
    };
    this.user(user);
    this.#created.set(comment, ++this.#sequence);
    repo.comments.set(comment.id, comment);
    repo.commentCounts.set(issue.number, (repo.commentCounts.get(issue.number) ?? 0) + 1);
    if (at > issue.updated_at) issue.updated_at = at;
    return comment;
  }

  deleteComment(repo: RepoRecord, comment: CommentRecord): void {
    if (!repo.comments.delete(comment.id)) return;
    repo.commentCounts.set(comment.issue, Math.max((repo.commentCounts.get(comment.issue) ?? 1) - 1, 0));
  }

  commentCount(repo: RepoRecord, issue: number): number {
    return repo.commentCounts.get(issue) ?? 0;
  }

  createMilestone(
    repo: RepoRecord,
    fields: Partial<Omit<MilestoneRecord, 'id' | 'number'>> & { title: string; creator: string },
  ): MilestoneRecord {
    const at = this.timestamp();
    const milestone: MilestoneRecord = {
      id: this.nextId('milestone'),
      number: repo.nextMilestone++,
      description: null,
      state: 'open',
      due_on: null,
      created_at: at,
      updated_at: at,
      closed_at: null,
      ...fields,
    };
    repo.milestones.set(milestone.number, milestone);
    return milestone;
  }

  permission(repo: RepoRecord, login: string): Permission {
    // Anyone can read a public repository; a private one is invisible to strangers.
    return repo.permissions.get(login.toLowerCase()) ?? (repo.private ? 'none' : 'read');
  }

  /** Head sha of a pull request: the branch's current tip while it exists. */
  pullHeadSha(repo: RepoRecord, pull: PullRecord): string {
    return this.branchSha(repo, pull.headRef) ?? pull.headSha;
  }

  /** Where a pull request's changes start: its merge commit's first parent once merged, else the merge base. */
  pullBaseSha(repo: RepoRecord, pull: PullRecord): string | undefined {
    const mergedParent =
      pull.merged && pull.merge_commit_sha ? repo.git.commit(pull.merge_commit_sha)?.parents[0] : undefined;
    const baseTip = this.branchSha(repo, pull.baseRef);
    return mergedParent ?? (baseTip ? repo.git.mergeBase(baseTip, this.pullHeadSha(repo, pull)) : undefined);
  }

  /** Files that differ from one commit to another (no base: every file of `headSha`), with lines added and deleted. */
  changedFiles(repo: RepoRecord, baseSha: string | undefined, headSha: string): ChangedFile[] {
    const tree = (sha: string | undefined) => (sha ? repo.git.commit(sha)?.tree : undefined);
    const text = (sha: string | undefined) => (sha ? (repo.git.blob(sha)?.content.toString('utf8') ?? '') : '');
    return repo.git
      .diff(tree(baseSha), tree(headSha))
      .map((change) => ({ ...change, ...lineChanges(text(change.before), text(change.after)) }));
  }

  /** What issue lists sort by: creation (the default), last update, or number of comments. */
  issueSortKey(repo: RepoRecord, by: string | undefined): (issue: IssueRecord) => string | number {
    if (by === 'updated') return (i) => i.updated_at;
    if (by === 'comments') return (i) => this.commentCount(repo, i.number);
    return (i) => i.created_at;
  }
}

// Formatters are costly to build (the model test makes thousands of milestones): one of each.
const PACIFIC_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const PACIFIC_HOUR = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'America/Los_Angeles',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** GitHub keeps milestone due dates as a day in Pacific time and answers midnight there (07:00Z or 08:00Z). */
export function githubDueOn(value: string): string {
  const day = PACIFIC_DAY.format(new Date(value));
  for (const hour of [7, 8]) {
    const candidate = new Date(`${day}T0${hour}:00:00Z`);
    if (PACIFIC_HOUR.format(candidate) === '00') return isoSeconds(candidate);
  }
  return `${day}T08:00:00Z`;
}
