// Resolvers for the part of GitHub's GraphQL schema the fake's state can answer. A field or argument not listed
// here is refused before execution with an error that names it (see `unimplemented` in ../graphql.ts).
import type { GitPerson } from '../git-objects.ts';
import { sortBy } from '../routes/context.ts';
import { nodeId } from '../shapes.ts';
import type {
  CommentRecord,
  GitHubState,
  IssueRecord,
  LabelRecord,
  MilestoneRecord,
  RepoRecord,
  UserRecord,
} from '../state.ts';

/** Thrown by a resolver: an entry of `errors` with GitHub's `type`, and the field resolves to null. */
export class GitHubExecutionError extends Error {
  readonly type: string;
  constructor(type: string, message: string) {
    super(message);
    this.type = type;
  }
}

export interface ResolverContext {
  state: GitHubState;
  /** The fake's origin, for html URLs. */
  base: string;
  actor: string;
  cost: number;
  nodeCount: number;
  rate: { limit: number; remaining: number; used: number; resetAt: string };
}

export type Args = Record<string, unknown>;
type Resolve<P> = (parent: P, args: Args, ctx: ResolverContext) => unknown;
/** A field with arguments: the ones the resolver honours (`filterBy.since` for one field of an input object). */
interface WithArgs<P> {
  args: readonly string[];
  resolve: Resolve<P>;
}
export type FieldResolver<P> = Resolve<P> | WithArgs<P>;
type TypeResolvers<P> = Record<string, FieldResolver<P>>;

// --- what each type's resolvers receive as parent; `__typename` tells graphql-js the type behind an interface ---
interface RepoP {
  repo: RepoRecord;
}
interface IssueP extends RepoP {
  __typename: 'Issue' | 'PullRequest';
  issue: IssueRecord;
}
interface CommentP extends RepoP {
  comment: CommentRecord;
}
interface LabelP extends RepoP {
  label: LabelRecord;
}
interface MilestoneP extends RepoP {
  milestone: MilestoneRecord;
}
interface RefP extends RepoP {
  ref: string;
  sha: string;
}
interface GitObjectP extends RepoP {
  __typename: 'Commit';
  sha: string;
}
interface AccountP {
  __typename: 'User' | 'Bot' | 'Organization';
  user: UserRecord;
}
interface GitActorP {
  person: GitPerson;
}
interface FileP {
  path: string;
  additions: number;
  deletions: number;
  changeType: string;
}

export interface Connection {
  items: unknown[];
  /** Index of items[0] in the whole list. */
  start: number;
  total: number;
  cursor(index: number): string;
  hasNext: boolean;
  hasPrevious: boolean;
}

const PAGE = ['first', 'after', 'last', 'before'] as const;

function offsetCursor(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString('base64');
}

function invalidCursor(cursor: unknown): GitHubExecutionError {
  return new GitHubExecutionError(
    'INVALID_CURSOR_ARGUMENTS',
    `\`${String(cursor)}\` does not appear to be a valid cursor.`,
  );
}

function decodeOffsetCursor(cursor: unknown): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(String(cursor), 'base64').toString('utf8'));
  if (!match) throw invalidCursor(cursor);
  return Number(match[1]);
}

/** A page of `all` following GitHub's rules for first/last/after/before (0–100, one of first/last required). */
export function connection(
  field: string,
  all: readonly unknown[],
  args: Args,
  cursor: (index: number) => string = offsetCursor,
  decode: (cursor: unknown) => number = decodeOffsetCursor,
): Connection {
  const first = args.first as number | null | undefined;
  const last = args.last as number | null | undefined;
  if ((first === undefined || first === null) && (last === undefined || last === null)) {
    throw new GitHubExecutionError(
      'MISSING_PAGINATION_BOUNDARIES',
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`,
    );
  }
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value === undefined || value === null) continue;
    if (value > 100) {
      throw new GitHubExecutionError(
        'EXCESSIVE_PAGINATION',
        `Requesting ${value} records on the \`${field}\` connection exceeds the \`${name}\` limit of 100 records.`,
      );
    }
    if (value < 0)
      throw new GitHubExecutionError('INVALID_PAGINATION', `\`${name}\` on ${field} cannot be less than zero.`);
  }
  let start = args.after === undefined || args.after === null ? 0 : decode(args.after) + 1;
  let end = args.before === undefined || args.before === null ? all.length : Math.min(decode(args.before), all.length);
  start = Math.min(start, end);
  if (first !== undefined && first !== null) end = Math.min(end, start + first);
  if (last !== undefined && last !== null) start = Math.max(start, end - last);
  return {
    items: all.slice(start, end),
    start,
    total: all.length,
    cursor,
    hasNext: end < all.length,
    hasPrevious: start > 0,
  };
}

/** A connection field: the page arguments plus `args`, resolved by paging what `list` returns. */
function paged<P>(
  field: string,
  list: (parent: P, args: Args, ctx: ResolverContext) => unknown[],
  args: string[] = [],
) {
  return {
    args: [...PAGE, ...args],
    resolve: (parent: P, given: Args, ctx: ResolverContext) => connection(field, list(parent, given, ctx), given),
  } satisfies WithArgs<P>;
}

const CONNECTION: TypeResolvers<Connection> = {
  totalCount: (c) => c.total,
  pageInfo: (c) => c,
  nodes: (c) => c.items,
  edges: (c) => c.items.map((node, i) => ({ node, cursor: c.cursor(c.start + i) })),
};
const EDGE: TypeResolvers<{ node: unknown; cursor: string }> = { cursor: (e) => e.cursor, node: (e) => e.node };
const PAGE_INFO: TypeResolvers<Connection> = {
  hasNextPage: (c) => c.hasNext,
  hasPreviousPage: (c) => c.hasPrevious,
  startCursor: (c) => (c.items.length > 0 ? c.cursor(c.start) : null),
  endCursor: (c) => (c.items.length > 0 ? c.cursor(c.start + c.items.length - 1) : null),
};

function html(ctx: ResolverContext, repo: RepoRecord): string {
  return `${ctx.base}/${repo.owner}/${repo.name}`;
}

function order(args: Args): { field?: string; direction: 'asc' | 'desc' } {
  const given = args.orderBy as { field?: string; direction?: string } | undefined | null;
  const direction = given?.direction === 'DESC' ? 'desc' : 'asc';
  return given?.field ? { field: given.field, direction } : { direction };
}

function graphState(issue: IssueRecord): 'OPEN' | 'CLOSED' | 'MERGED' {
  if (issue.pull?.merged) return 'MERGED';
  return issue.state === 'open' ? 'OPEN' : 'CLOSED';
}

/** `assignee`/`milestoneNumber`: a value, `*` for any, or null for none (GitHub's IssueFilters). */
function matches(filter: Record<string, unknown>, key: string, values: string[]): boolean {
  if (!(key in filter)) return true;
  const wanted = filter[key];
  if (wanted === null) return values.length === 0;
  if (wanted === '*') return values.length > 0;
  return values.some((v) => v.toLowerCase() === String(wanted).toLowerCase());
}

function issuesOf(ctx: ResolverContext, repo: RepoRecord, args: Args, pulls: boolean): IssueP[] {
  const filter = (args.filterBy ?? {}) as Record<string, unknown>;
  const states = (args.states as string[] | undefined | null) ?? (filter.states as string[] | undefined | null);
  const labels = ((args.labels as string[] | undefined | null) ?? (filter.labels as string[] | undefined | null))?.map(
    (l) => l.toLowerCase(),
  );
  const since = typeof filter.since === 'string' ? Date.parse(filter.since) : undefined;
  const items = [...repo.issues.values()].filter((issue) => {
    if (Boolean(issue.pull) !== pulls) return false;
    if (states && !states.includes(graphState(issue))) return false;
    // GraphQL returns issues carrying any of the labels (REST's `labels` wants all of them).
    if (labels && !issue.labels.some((l) => labels.includes(l.toLowerCase()))) return false;
    if (since !== undefined && Date.parse(issue.updated_at) < since) return false;
    if (!matches(filter, 'assignee', issue.assignees)) return false;
    if (typeof filter.createdBy === 'string' && issue.user.toLowerCase() !== filter.createdBy.toLowerCase())
      return false;
    if (!matches(filter, 'milestoneNumber', issue.milestone === null ? [] : [String(issue.milestone)])) return false;
    if (pulls && typeof args.baseRefName === 'string' && issue.pull?.baseRef !== args.baseRefName) return false;
    if (pulls && typeof args.headRefName === 'string' && issue.pull?.headRef !== args.headRefName) return false;
    return true;
  });
  // IssueOrderField CREATED_AT | UPDATED_AT | COMMENTS is REST's sort=created|updated|comments.
  const { field, direction } = order(args);
  const key = ctx.state.issueSortKey(repo, field?.replace(/_AT$/, '').toLowerCase());
  return sortBy(items, key, direction, (i) => i.number).map((issue) => issueP(repo, issue));
}

const issueP = (repo: RepoRecord, issue: IssueRecord): IssueP => ({
  __typename: issue.pull ? 'PullRequest' : 'Issue',
  repo,
  issue,
});

function labelsSorted(labels: LabelRecord[], args: Args): LabelRecord[] {
  const { field, direction } = order(args);
  return sortBy(labels, field === 'NAME' ? (l) => l.name.toLowerCase() : (l) => l.id, direction, (l) => l.id);
}

function filesOf(ctx: ResolverContext, repo: RepoRecord, issue: IssueRecord): FileP[] {
  const pull = issue.pull;
  if (!pull) return [];
  const changes = ctx.state.changedFiles(repo, ctx.state.pullBaseSha(repo, pull), ctx.state.pullHeadSha(repo, pull));
  const types: Record<string, string> = { added: 'ADDED', removed: 'DELETED' };
  return changes.map(({ path, additions, deletions, status }) => ({
    path,
    additions,
    deletions,
    changeType: types[status] ?? 'MODIFIED',
  }));
}

function historyOf(repo: RepoRecord, start: string, args: Args): string[] {
  const since = typeof args.since === 'string' ? Date.parse(args.since) : undefined;
  const until = typeof args.until === 'string' ? Date.parse(args.until) : undefined;
  const path = typeof args.path === 'string' ? args.path.replace(/^\/+|\/+$/g, '') : undefined;
  const emails = ((args.author as { emails?: string[] } | undefined)?.emails ?? []).map((e) => e.toLowerCase());
  return repo.git.history(start).filter((sha) => {
    const commit = repo.git.commit(sha);
    if (!commit) return false;
    const at = Date.parse(commit.committer.date);
    if (since !== undefined && at < since) return false;
    if (until !== undefined && at > until) return false;
    if (emails.length > 0 && !emails.includes(commit.author.email.toLowerCase())) return false;
    if (path) {
      const parent = commit.parents[0] ? repo.git.commit(commit.parents[0]) : undefined;
      if (repo.git.entryAt(commit.tree, path)?.sha === (parent ? repo.git.entryAt(parent.tree, path)?.sha : undefined))
        return false;
    }
    return true;
  });
}

/** GitHub's history cursors are "<start oid> <offset>". */
function historyCursors(start: string) {
  return {
    cursor: (index: number) => `${start} ${index}`,
    decode: (cursor: unknown) => {
      const match = /^[0-9a-f]{40} (\d+)$/.exec(String(cursor));
      if (!match) throw invalidCursor(cursor);
      return Number(match[1]);
    },
  };
}

function account(ctx: ResolverContext, login: string | null | undefined): AccountP | null {
  if (!login) return null;
  const user = ctx.state.user(login);
  return { __typename: user.type, user };
}

/** Refs, parents and merge commits in the fake always name commits. */
function gitObject(repo: RepoRecord, sha: string): GitObjectP | null {
  return repo.git.commit(sha) ? { __typename: 'Commit', repo, sha } : null;
}

function ref(repo: RepoRecord, name: string): RefP | null {
  const sha = repo.refs.get(name);
  return sha ? { repo, ref: name, sha } : null;
}

const ACCOUNT: TypeResolvers<AccountP> = {
  id: (a) => nodeId(a.user.type === 'Bot' ? 'BOT' : 'U', a.user.id),
  databaseId: (a) => a.user.id,
  login: (a) => a.user.login,
  url: (a, _args, ctx) => `${ctx.base}/${a.user.login}`,
  avatarUrl: {
    args: ['size'],
    resolve: (a, args, ctx) => `${ctx.base}/avatars/u/${a.user.id}?v=4${args.size ? `&s=${String(args.size)}` : ''}`,
  },
};

const ISSUE_LIKE: TypeResolvers<IssueP> = {
  id: (p) => nodeId(p.issue.pull ? 'PR' : 'I', p.issue.id),
  databaseId: (p) => p.issue.id,
  number: (p) => p.issue.number,
  title: (p) => p.issue.title,
  body: (p) => p.issue.body ?? '',
  url: (p, _a, ctx) => `${html(ctx, p.repo)}/${p.issue.pull ? 'pull' : 'issues'}/${p.issue.number}`,
  createdAt: (p) => p.issue.created_at,
  updatedAt: (p) => p.issue.updated_at,
  lastEditedAt: (p) => p.issue.last_edited_at,
  closedAt: (p) => p.issue.closed_at,
  closed: (p) => p.issue.state === 'closed',
  locked: (p) => p.issue.locked,
  author: (p, _a, ctx) => account(ctx, p.issue.user),
  labels: paged<IssueP>(
    'labels',
    (p, args) =>
      labelsSorted(
        p.issue.labels.map((name) => p.repo.labels.get(name.toLowerCase())).filter((l) => l !== undefined),
        args,
      ).map((label) => ({ repo: p.repo, label })),
    ['orderBy'],
  ),
  comments: paged<IssueP>('comments', (p) =>
    [...p.repo.comments.values()]
      .filter((c) => c.issue === p.issue.number)
      .sort((a, b) => a.id - b.id)
      .map((comment) => ({ repo: p.repo, comment })),
  ),
  milestone: (p) => {
    const milestone = p.issue.milestone === null ? undefined : p.repo.milestones.get(p.issue.milestone);
    return milestone ? { repo: p.repo, milestone } : null;
  },
  assignees: paged<IssueP>('assignees', (p, _a, ctx) => p.issue.assignees.map((login) => account(ctx, login))),
  repository: (p) => ({ repo: p.repo }),
};

function findIssue(p: RepoP, args: Args, pull: boolean): IssueP {
  const issue = p.repo.issues.get(Number(args.number));
  if (!issue || Boolean(issue.pull) !== pull) {
    throw new GitHubExecutionError(
      'NOT_FOUND',
      `Could not resolve to ${pull ? 'a PullRequest' : 'an Issue'} with the number of ${String(args.number)}.`,
    );
  }
  return issueP(p.repo, issue);
}

const REPOSITORY: TypeResolvers<RepoP> = {
  id: (p) => nodeId('R', p.repo.id),
  databaseId: (p) => p.repo.id,
  name: (p) => p.repo.name,
  nameWithOwner: (p) => `${p.repo.owner}/${p.repo.name}`,
  description: (p) => p.repo.description,
  url: (p, _a, ctx) => html(ctx, p.repo),
  isPrivate: (p) => p.repo.private,
  createdAt: (p) => p.repo.created_at,
  updatedAt: (p) => p.repo.updated_at,
  pushedAt: (p) => p.repo.pushed_at,
  owner: (p, _a, ctx) => account(ctx, p.repo.owner),
  defaultBranchRef: (p) => ref(p.repo, `refs/heads/${p.repo.defaultBranch}`),
  ref: {
    args: ['qualifiedName'],
    resolve: (p, args) => {
      const name = String(args.qualifiedName);
      return ref(p.repo, name.startsWith('refs/') ? name : `refs/heads/${name}`);
    },
  },
  issues: paged<RepoP>('issues', (p, args, ctx) => issuesOf(ctx, p.repo, args, false), [
    'states',
    'labels',
    'orderBy',
    'filterBy.since',
    'filterBy.states',
    'filterBy.labels',
    'filterBy.assignee',
    'filterBy.createdBy',
    'filterBy.milestoneNumber',
  ]),
  issue: { args: ['number'], resolve: (p, args) => findIssue(p, args, false) },
  pullRequests: paged<RepoP>('pullRequests', (p, args, ctx) => issuesOf(ctx, p.repo, args, true), [
    'states',
    'labels',
    'orderBy',
    'headRefName',
    'baseRefName',
  ]),
  pullRequest: { args: ['number'], resolve: (p, args) => findIssue(p, args, true) },
  milestones: paged<RepoP>(
    'milestones',
    (p, args) => {
      const states = args.states as string[] | undefined | null;
      const query = typeof args.query === 'string' ? args.query.toLowerCase() : undefined;
      const items = [...p.repo.milestones.values()].filter(
        (m) => (!states || states.includes(m.state.toUpperCase())) && (!query || m.title.toLowerCase().includes(query)),
      );
      const { field, direction } = order(args);
      const keys: Record<string, (m: MilestoneRecord) => string | number> = {
        DUE_DATE: (m) => m.due_on ?? '9999',
        CREATED_AT: (m) => m.created_at,
        UPDATED_AT: (m) => m.updated_at,
      };
      return sortBy(items, keys[field ?? ''] ?? ((m) => m.number), direction, (m) => m.number).map((milestone) => ({
        repo: p.repo,
        milestone,
      }));
    },
    ['states', 'orderBy', 'query'],
  ),
  milestone: {
    args: ['number'],
    resolve: (p, args) => {
      const milestone = p.repo.milestones.get(Number(args.number));
      return milestone ? { repo: p.repo, milestone } : null;
    },
  },
  labels: paged<RepoP>(
    'labels',
    (p, args) => {
      const query = typeof args.query === 'string' ? args.query.toLowerCase() : undefined;
      const labels = [...p.repo.labels.values()].filter((l) => !query || l.name.toLowerCase().includes(query));
      return labelsSorted(labels, args).map((label) => ({ repo: p.repo, label }));
    },
    ['query', 'orderBy'],
  ),
  label: {
    args: ['name'],
    resolve: (p, args) => {
      const label = p.repo.labels.get(String(args.name).toLowerCase());
      return label ? { repo: p.repo, label } : null;
    },
  },
};

const COMMIT: TypeResolvers<GitObjectP> = {
  id: (p) => nodeId('C', p.repo.id, p.sha),
  oid: (p) => p.sha,
  abbreviatedOid: (p) => p.sha.slice(0, 7),
  commitUrl: (p, _a, ctx) => `${html(ctx, p.repo)}/commit/${p.sha}`,
  url: (p, _a, ctx) => `${html(ctx, p.repo)}/commit/${p.sha}`,
  message: (p) => p.repo.git.commit(p.sha)?.message ?? '',
  messageHeadline: (p) => (p.repo.git.commit(p.sha)?.message ?? '').split('\n')[0],
  messageBody: (p) => (p.repo.git.commit(p.sha)?.message ?? '').split('\n').slice(1).join('\n').trim(),
  committedDate: (p) => p.repo.git.commit(p.sha)?.committer.date,
  authoredDate: (p) => p.repo.git.commit(p.sha)?.author.date,
  author: (p) => gitActor(p, 'author'),
  committer: (p) => gitActor(p, 'committer'),
  parents: paged<GitObjectP>('parents', (p) =>
    (p.repo.git.commit(p.sha)?.parents ?? []).map((sha) => gitObject(p.repo, sha)),
  ),
  history: {
    args: [...PAGE, 'since', 'until', 'path', 'author.emails'],
    resolve: (p, args) => {
      const { cursor, decode } = historyCursors(p.sha);
      const shas = historyOf(p.repo, p.sha, args);
      return connection(
        'history',
        shas.map((sha) => gitObject(p.repo, sha)),
        args,
        cursor,
        decode,
      );
    },
  },
};

function gitActor(p: GitObjectP, which: 'author' | 'committer'): GitActorP | null {
  const commit = p.repo.git.commit(p.sha);
  return commit ? { person: commit[which] } : null;
}

/** A commit's author is a GitHub account when the email is the account's noreply address. */
function personOf(ctx: ResolverContext, person: GitPerson): AccountP | null {
  const login = /^(?:\d+\+)?([^@]+)@users\.noreply\./.exec(person.email)?.[1];
  return login ? { __typename: 'User', user: ctx.state.user(login) } : null;
}

const CONNECTION_TYPES = [
  ['IssueConnection', 'IssueEdge'],
  ['PullRequestConnection', 'PullRequestEdge'],
  ['MilestoneConnection', 'MilestoneEdge'],
  ['LabelConnection', 'LabelEdge'],
  ['IssueCommentConnection', 'IssueCommentEdge'],
  ['UserConnection', 'UserEdge'],
  ['PullRequestChangedFileConnection', 'PullRequestChangedFileEdge'],
  ['CommitConnection', 'CommitEdge'],
  ['CommitHistoryConnection', 'CommitEdge'],
] as const;

/** Type name → field name → resolver, for every object type the fake can produce. */
export const RESOLVERS: Record<string, TypeResolvers<never>> = {
  Query: {
    repository: {
      args: ['owner', 'name', 'followRenames'],
      resolve: (_p, args, ctx) => {
        const repo = ctx.state.repo(`${String(args.owner)}/${String(args.name)}`);
        // A private repository is invisible to a token that cannot read it, as in REST. The fake renames nothing,
        // so followRenames changes nothing.
        if (!repo || (repo.private && ctx.state.permission(repo, ctx.actor) === 'none')) {
          throw new GitHubExecutionError(
            'NOT_FOUND',
            `Could not resolve to a Repository with the name '${String(args.owner)}/${String(args.name)}'.`,
          );
        }
        return { repo };
      },
    },
    rateLimit: (_p, _a, ctx) => ctx,
    viewer: (_p, _a, ctx) => ({ __typename: 'User', user: ctx.state.user(ctx.actor) }),
  } satisfies TypeResolvers<unknown>,
  RateLimit: {
    cost: (c) => c.cost,
    limit: (c) => c.rate.limit,
    remaining: (c) => c.rate.remaining,
    used: (c) => c.rate.used,
    resetAt: (c) => c.rate.resetAt,
    nodeCount: (c) => c.nodeCount,
  } satisfies TypeResolvers<ResolverContext>,
  PageInfo: PAGE_INFO,
  Repository: REPOSITORY,
  User: { ...ACCOUNT, name: () => null },
  Bot: ACCOUNT,
  Organization: { ...ACCOUNT, name: () => null },
  Issue: {
    ...ISSUE_LIKE,
    state: (p) => (p.issue.state === 'open' ? 'OPEN' : 'CLOSED'),
    stateReason: {
      args: ['enableDuplicate'],
      resolve: (p, args) => {
        const reason = p.issue.state_reason?.toUpperCase() ?? null;
        // Without enableDuplicate GitHub reports a duplicate as NOT_PLANNED.
        return reason === 'DUPLICATE' && args.enableDuplicate !== true ? 'NOT_PLANNED' : reason;
      },
    },
  } satisfies TypeResolvers<IssueP>,
  PullRequest: {
    ...ISSUE_LIKE,
    state: (p) => graphState(p.issue),
    merged: (p) => p.issue.pull?.merged ?? false,
    mergedAt: (p) => p.issue.pull?.merged_at ?? null,
    mergedBy: (p, _a, ctx) => account(ctx, p.issue.pull?.merged_by),
    isDraft: (p) => p.issue.pull?.draft ?? false,
    baseRefName: (p) => p.issue.pull?.baseRef ?? '',
    headRefName: (p) => p.issue.pull?.headRef ?? '',
    baseRefOid: (p, _a, ctx) => ctx.state.branchSha(p.repo, p.issue.pull?.baseRef ?? '') ?? null,
    headRefOid: (p, _a, ctx) => (p.issue.pull ? ctx.state.pullHeadSha(p.repo, p.issue.pull) : null),
    mergeCommit: (p) => (p.issue.pull?.merge_commit_sha ? gitObject(p.repo, p.issue.pull.merge_commit_sha) : null),
    additions: (p, _a, ctx) => filesOf(ctx, p.repo, p.issue).reduce((s, f) => s + f.additions, 0),
    deletions: (p, _a, ctx) => filesOf(ctx, p.repo, p.issue).reduce((s, f) => s + f.deletions, 0),
    changedFiles: (p, _a, ctx) => filesOf(ctx, p.repo, p.issue).length,
    files: paged<IssueP>('files', (p, _a, ctx) => filesOf(ctx, p.repo, p.issue)),
  } satisfies TypeResolvers<IssueP>,
  PullRequestChangedFile: {
    path: (f) => f.path,
    additions: (f) => f.additions,
    deletions: (f) => f.deletions,
    changeType: (f) => f.changeType,
  } satisfies TypeResolvers<FileP>,
  IssueComment: {
    id: (p) => nodeId('IC', p.comment.id),
    databaseId: (p) => p.comment.id,
    body: (p) => p.comment.body,
    url: (p, _a, ctx) => `${html(ctx, p.repo)}/issues/${p.comment.issue}#issuecomment-${p.comment.id}`,
    createdAt: (p) => p.comment.created_at,
    updatedAt: (p) => p.comment.updated_at,
    author: (p, _a, ctx) => account(ctx, p.comment.user),
  } satisfies TypeResolvers<CommentP>,
  Label: {
    id: (p) => nodeId('LA', p.label.id),
    name: (p) => p.label.name,
    color: (p) => p.label.color,
    description: (p) => p.label.description,
    isDefault: (p) => p.label.default,
  } satisfies TypeResolvers<LabelP>,
  Milestone: {
    id: (p) => nodeId('MI', p.milestone.id),
    number: (p) => p.milestone.number,
    title: (p) => p.milestone.title,
    description: (p) => p.milestone.description,
    state: (p) => p.milestone.state.toUpperCase(),
    closed: (p) => p.milestone.state === 'closed',
    dueOn: (p) => p.milestone.due_on,
    closedAt: (p) => p.milestone.closed_at,
    createdAt: (p) => p.milestone.created_at,
    updatedAt: (p) => p.milestone.updated_at,
    url: (p, _a, ctx) => `${html(ctx, p.repo)}/milestone/${p.milestone.number}`,
    creator: (p, _a, ctx) => account(ctx, p.milestone.creator),
    progressPercentage: (p) => {
      const issues = [...p.repo.issues.values()].filter((i) => i.milestone === p.milestone.number);
      return issues.length === 0 ? 0 : (100 * issues.filter((i) => i.state === 'closed').length) / issues.length;
    },
  } satisfies TypeResolvers<MilestoneP>,
  Ref: {
    id: (p) => nodeId('REF', p.repo.id, p.ref),
    name: (p) => p.ref.split('/').slice(2).join('/'),
    prefix: (p) => `${p.ref.split('/').slice(0, 2).join('/')}/`,
    target: (p) => gitObject(p.repo, p.sha),
  } satisfies TypeResolvers<RefP>,
  Commit: COMMIT,
  GitActor: {
    name: (p) => p.person.name,
    email: (p) => p.person.email,
    date: (p) => p.person.date,
    user: (p, _a, ctx) => personOf(ctx, p.person),
  } satisfies TypeResolvers<GitActorP>,
  ...Object.fromEntries(CONNECTION_TYPES.flatMap(([c, e]) => [[c, CONNECTION] as const, [e, EDGE] as const])),
} as Record<string, TypeResolvers<never>>;

/** The resolver of `type.field` and the arguments it honours, or undefined when the fake does not answer it. */
export function resolverOf(
  type: string,
  field: string,
): { args: readonly string[]; resolve: Resolve<unknown> } | undefined {
  const found = RESOLVERS[type]?.[field] as FieldResolver<unknown> | undefined;
  if (!found) return undefined;
  return typeof found === 'function' ? { args: [], resolve: found } : found;
}
