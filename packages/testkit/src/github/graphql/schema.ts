import type { GitPerson } from '../git-objects.ts';
import { lineChanges } from '../git-objects.ts';
import { nodeId } from '../shapes.ts';
import type { CommentRecord, GitHubState, IssueRecord, LabelRecord, MilestoneRecord, RepoRecord } from '../state.ts';

/** Thrown by a resolver: becomes an entry of `errors` with the field's path, the field resolves to null. */
export class ExecutionError extends Error {
  readonly type: string;
  constructor(type: string, message: string) {
    super(message);
    this.type = type;
  }
}

export interface ExecContext {
  state: GitHubState;
  base: string;
  actor: string;
  cost: number;
  nodeCount: number;
  rate: { limit: number; remaining: number; used: number; resetAt: string };
}

export type Args = Record<string, unknown>;

export interface FieldDef<P> {
  /** GraphQL type reference, e.g. `String!`, `[Label]`, `IssueConnection`. */
  type: string;
  /** Argument name → type reference. */
  args?: Record<string, string>;
  resolve(parent: P, args: Args, ctx: ExecContext): unknown;
}

export interface ObjectType {
  kind: 'object';
  fields: Record<string, FieldDef<never>>;
  interfaces?: string[];
}
export interface InterfaceType {
  kind: 'interface';
  fields: Record<string, FieldDef<never>>;
  resolveType(value: unknown): string;
}
export interface EnumType {
  kind: 'enum';
  values: string[];
}
export interface InputType {
  kind: 'input';
  fields: Record<string, string>;
}
export interface ScalarType {
  kind: 'scalar';
  check(value: unknown): boolean;
}
export type NamedType = ObjectType | InterfaceType | EnumType | InputType | ScalarType;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const isString = (v: unknown) => typeof v === 'string';

function object<P>(fields: Record<string, FieldDef<P>>, interfaces?: string[]): ObjectType {
  return { kind: 'object', fields: fields as Record<string, FieldDef<never>>, ...(interfaces ? { interfaces } : {}) };
}

const enumType = (...values: string[]): EnumType => ({ kind: 'enum', values });

// --- parents the resolvers receive ---
interface RepoP {
  repo: RepoRecord;
}
interface IssueP extends RepoP {
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
interface CommitP extends RepoP {
  sha: string;
}
interface ActorP {
  login: string;
}
interface GitActorP extends RepoP {
  person: GitPerson;
}
interface FileP {
  path: string;
  additions: number;
  deletions: number;
  status: string;
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

const PAGE_ARGS = { first: 'Int', after: 'String', last: 'Int', before: 'String' };

export function offsetCursor(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString('base64');
}

function decodeOffsetCursor(cursor: unknown): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(String(cursor), 'base64').toString('utf8'));
  if (!match)
    throw new ExecutionError('INVALID_CURSOR_ARGUMENTS', `\`${String(cursor)}\` does not appear to be a valid cursor.`);
  return Number(match[1]);
}

/** A page of `all` following GitHub's rules for first/last/after/before (1–100, one of first/last required). */
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
    throw new ExecutionError(
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
      throw new ExecutionError(
        'EXCESSIVE_PAGINATION',
        `Requesting ${value} records on the \`${field}\` connection exceeds the \`${name}\` limit of 100 records.`,
      );
    }
    if (value < 0) throw new ExecutionError('INVALID_PAGINATION', `\`${name}\` on ${field} cannot be less than zero.`);
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

function connectionTypes(node: string): Record<string, ObjectType> {
  return {
    [`${node}Connection`]: object<Connection>({
      totalCount: { type: 'Int!', resolve: (c) => c.total },
      pageInfo: { type: 'PageInfo!', resolve: (c) => c },
      nodes: { type: `[${node}]`, resolve: (c) => c.items },
      edges: {
        type: `[${node}Edge]`,
        resolve: (c) => c.items.map((item, i) => ({ node: item, cursor: c.cursor(c.start + i) })),
      },
    }),
    [`${node}Edge`]: object<{ node: unknown; cursor: string }>({
      cursor: { type: 'String!', resolve: (e) => e.cursor },
      node: { type: node, resolve: (e) => e.node },
    }),
  };
}

function html(ctx: ExecContext, repo: RepoRecord): string {
  return `${ctx.base}/${repo.owner}/${repo.name}`;
}

const direction = (args: Args, key = 'orderBy'): { field?: string; asc: boolean } => {
  const order = args[key] as { field?: string; direction?: string } | undefined | null;
  return order ? { ...(order.field ? { field: order.field } : {}), asc: order.direction !== 'DESC' } : { asc: true };
};

function sorted<T>(items: T[], key: (item: T) => string | number, asc: boolean, tie: (item: T) => number): T[] {
  return items.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const diff = x < y ? -1 : x > y ? 1 : tie(a) - tie(b);
    return asc ? diff : -diff;
  });
}

function issuesOf(ctx: ExecContext, repo: RepoRecord, args: Args, pulls: boolean): IssueRecord[] {
  const filter = (args.filterBy ?? {}) as {
    since?: string;
    states?: string[];
    labels?: string[];
    assignee?: string;
    createdBy?: string;
    mentioned?: string;
    milestoneNumber?: string;
  };
  const states = (args.states as string[] | undefined | null) ?? filter.states;
  const labels = ((args.labels as string[] | undefined | null) ?? filter.labels)?.map((l) => l.toLowerCase());
  const since = filter.since ? Date.parse(filter.since) : undefined;
  const items = [...repo.issues.values()].filter((issue) => {
    if (Boolean(issue.pull) !== pulls) return false;
    if (states && !states.includes(graphState(issue))) return false;
    // Labels filter issues that carry any of the given labels (GraphQL ORs them, unlike REST).
    if (labels && !issue.labels.some((l) => labels.includes(l.toLowerCase()))) return false;
    if (since !== undefined && Date.parse(issue.updated_at) < since) return false;
    if (filter.assignee && !issue.assignees.some((a) => a.toLowerCase() === filter.assignee?.toLowerCase()))
      return false;
    if (filter.createdBy && issue.user.toLowerCase() !== filter.createdBy.toLowerCase()) return false;
    if (filter.milestoneNumber && String(issue.milestone) !== filter.milestoneNumber) return false;
    if (pulls && args.baseRefName && issue.pull?.baseRef !== args.baseRefName) return false;
    if (pulls && args.headRefName && issue.pull?.headRef !== args.headRefName) return false;
    return true;
  });
  const { field, asc } = direction(args);
  const key =
    field === 'UPDATED_AT'
      ? (i: IssueRecord) => i.updated_at
      : field === 'COMMENTS'
        ? (i: IssueRecord) => ctx.state.commentCount(repo, i.number)
        : (i: IssueRecord) => i.created_at;
  return sorted(items, key, asc, (i) => i.number);
}

function graphState(issue: IssueRecord): string {
  if (issue.pull?.merged) return 'MERGED';
  return issue.state === 'open' ? 'OPEN' : 'CLOSED';
}

function labelsOf(repo: RepoRecord, issue: IssueRecord): LabelP[] {
  return issue.labels
    .map((name) => repo.labels.get(name.toLowerCase()))
    .filter((label): label is LabelRecord => label !== undefined)
    .map((label) => ({ repo, label }));
}

function filesOf(ctx: ExecContext, repo: RepoRecord, issue: IssueRecord): FileP[] {
  const pull = issue.pull;
  if (!pull) return [];
  const head = ctx.state.pullHeadSha(repo, pull);
  const tip = ctx.state.branchSha(repo, pull.baseRef);
  const mergedParent =
    pull.merged && pull.merge_commit_sha ? repo.git.commit(pull.merge_commit_sha)?.parents[0] : undefined;
  const base = mergedParent ?? (tip ? repo.git.mergeBase(tip, head) : undefined);
  const tree = (sha: string | undefined) => (sha ? repo.git.commit(sha)?.tree : undefined);
  const text = (sha: string | undefined) => (sha ? (repo.git.blob(sha)?.content.toString('utf8') ?? '') : '');
  return repo.git.diff(tree(base), tree(head)).map((change) => ({
    path: change.path,
    ...lineChanges(text(change.before), text(change.after)),
    status: change.status === 'added' ? 'ADDED' : change.status === 'removed' ? 'DELETED' : 'MODIFIED',
  }));
}

function historyOf(repo: RepoRecord, start: string, args: Args): string[] {
  const since = args.since ? Date.parse(String(args.since)) : undefined;
  const until = args.until ? Date.parse(String(args.until)) : undefined;
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

const actorFields = {
  login: { type: 'String!', resolve: (a: ActorP) => a.login },
  url: { type: 'URI!', resolve: (a: ActorP, _: Args, ctx: ExecContext) => `${ctx.base}/${a.login}` },
  avatarUrl: {
    type: 'URI!',
    args: { size: 'Int' },
    resolve: (a: ActorP, _: Args, ctx: ExecContext) => `${ctx.base}/avatars/u/${ctx.state.user(a.login).id}?v=4`,
  },
} satisfies Record<string, FieldDef<ActorP>>;

const actor = (login: string | null | undefined): ActorP | null => (login ? { login } : null);

function issueLikeFields(): Record<string, FieldDef<IssueP>> {
  return {
    id: { type: 'ID!', resolve: (p) => nodeId(p.issue.pull ? 'PR' : 'I', p.issue.id) },
    databaseId: { type: 'Int', resolve: (p) => p.issue.id },
    number: { type: 'Int!', resolve: (p) => p.issue.number },
    title: { type: 'String!', resolve: (p) => p.issue.title },
    body: { type: 'String!', resolve: (p) => p.issue.body ?? '' },
    url: {
      type: 'URI!',
      resolve: (p, _a, ctx) => `${html(ctx, p.repo)}/${p.issue.pull ? 'pull' : 'issues'}/${p.issue.number}`,
    },
    createdAt: { type: 'DateTime!', resolve: (p) => p.issue.created_at },
    updatedAt: { type: 'DateTime!', resolve: (p) => p.issue.updated_at },
    lastEditedAt: { type: 'DateTime', resolve: (p) => p.issue.last_edited_at },
    closedAt: { type: 'DateTime', resolve: (p) => p.issue.closed_at },
    closed: { type: 'Boolean!', resolve: (p) => p.issue.state === 'closed' },
    locked: { type: 'Boolean!', resolve: (p) => p.issue.locked },
    author: { type: 'Actor', resolve: (p) => actor(p.issue.user) },
    labels: {
      type: 'LabelConnection',
      args: PAGE_ARGS,
      resolve: (p, args) => connection('labels', labelsOf(p.repo, p.issue), args),
    },
    comments: {
      type: 'IssueCommentConnection!',
      args: PAGE_ARGS,
      resolve: (p, args) =>
        connection(
          'comments',
          [...p.repo.comments.values()]
            .filter((c) => c.issue === p.issue.number)
            .sort((a, b) => a.id - b.id)
            .map((comment) => ({ repo: p.repo, comment })),
          args,
        ),
    },
    milestone: {
      type: 'Milestone',
      resolve: (p) => {
        const milestone = p.issue.milestone === null ? undefined : p.repo.milestones.get(p.issue.milestone);
        return milestone ? { repo: p.repo, milestone } : null;
      },
    },
    assignees: {
      type: 'UserConnection!',
      args: PAGE_ARGS,
      resolve: (p, args) => connection('assignees', p.issue.assignees.map(actor), args),
    },
    repository: { type: 'Repository!', resolve: (p) => ({ repo: p.repo }) },
  };
}

function repositoryFields(): Record<string, FieldDef<RepoP>> {
  const findIssue = (p: RepoP, args: Args, pull: boolean) => {
    const issue = p.repo.issues.get(Number(args.number));
    if (!issue || Boolean(issue.pull) !== pull) {
      throw new ExecutionError(
        'NOT_FOUND',
        `Could not resolve to ${pull ? 'a PullRequest' : 'an Issue'} with the number of ${String(args.number)}.`,
      );
    }
    return { repo: p.repo, issue };
  };
  return {
    id: { type: 'ID!', resolve: (p) => nodeId('R', p.repo.id) },
    databaseId: { type: 'Int', resolve: (p) => p.repo.id },
    name: { type: 'String!', resolve: (p) => p.repo.name },
    nameWithOwner: { type: 'String!', resolve: (p) => `${p.repo.owner}/${p.repo.name}` },
    description: { type: 'String', resolve: (p) => p.repo.description },
    url: { type: 'URI!', resolve: (p, _a, ctx) => html(ctx, p.repo) },
    isPrivate: { type: 'Boolean!', resolve: (p) => p.repo.private },
    createdAt: { type: 'DateTime!', resolve: (p) => p.repo.created_at },
    updatedAt: { type: 'DateTime!', resolve: (p) => p.repo.updated_at },
    pushedAt: { type: 'DateTime', resolve: (p) => p.repo.pushed_at },
    owner: { type: 'RepositoryOwner!', resolve: (p) => ({ login: p.repo.owner }) },
    defaultBranchRef: {
      type: 'Ref',
      resolve: (p) => {
        const ref = `refs/heads/${p.repo.defaultBranch}`;
        const sha = p.repo.refs.get(ref);
        return sha ? { repo: p.repo, ref, sha } : null;
      },
    },
    ref: {
      type: 'Ref',
      args: { qualifiedName: 'String!' },
      resolve: (p, args) => {
        const name = String(args.qualifiedName);
        const ref = name.startsWith('refs/') ? name : `refs/heads/${name}`;
        const sha = p.repo.refs.get(ref);
        return sha ? { repo: p.repo, ref, sha } : null;
      },
    },
    issues: {
      type: 'IssueConnection!',
      args: {
        ...PAGE_ARGS,
        states: '[IssueState!]',
        labels: '[String!]',
        filterBy: 'IssueFilters',
        orderBy: 'IssueOrder',
      },
      resolve: (p, args, ctx) =>
        connection(
          'issues',
          issuesOf(ctx, p.repo, args, false).map((issue) => ({ repo: p.repo, issue })),
          args,
        ),
    },
    issue: { type: 'Issue', args: { number: 'Int!' }, resolve: (p, args) => findIssue(p, args, false) },
    pullRequests: {
      type: 'PullRequestConnection!',
      args: {
        ...PAGE_ARGS,
        states: '[PullRequestState!]',
        labels: '[String!]',
        headRefName: 'String',
        baseRefName: 'String',
        orderBy: 'IssueOrder',
      },
      resolve: (p, args, ctx) =>
        connection(
          'pullRequests',
          issuesOf(ctx, p.repo, args, true).map((issue) => ({ repo: p.repo, issue })),
          args,
        ),
    },
    pullRequest: { type: 'PullRequest', args: { number: 'Int!' }, resolve: (p, args) => findIssue(p, args, true) },
    milestones: {
      type: 'MilestoneConnection',
      args: { ...PAGE_ARGS, states: '[MilestoneState!]', orderBy: 'MilestoneOrder', query: 'String' },
      resolve: (p, args) => {
        const states = args.states as string[] | undefined | null;
        const query = typeof args.query === 'string' ? args.query.toLowerCase() : undefined;
        const items = [...p.repo.milestones.values()].filter(
          (m) =>
            (!states || states.includes(m.state.toUpperCase())) && (!query || m.title.toLowerCase().includes(query)),
        );
        const { field, asc } = direction(args);
        const key =
          field === 'DUE_DATE'
            ? (m: MilestoneRecord) => m.due_on ?? '9999'
            : field === 'CREATED_AT'
              ? (m: MilestoneRecord) => m.created_at
              : field === 'UPDATED_AT'
                ? (m: MilestoneRecord) => m.updated_at
                : (m: MilestoneRecord) => m.number;
        return connection(
          'milestones',
          sorted(items, key, asc, (m) => m.number).map((milestone) => ({ repo: p.repo, milestone })),
          args,
        );
      },
    },
    milestone: {
      type: 'Milestone',
      args: { number: 'Int!' },
      resolve: (p, args) => {
        const milestone = p.repo.milestones.get(Number(args.number));
        return milestone ? { repo: p.repo, milestone } : null;
      },
    },
    labels: {
      type: 'LabelConnection',
      args: { ...PAGE_ARGS, query: 'String' },
      resolve: (p, args) => {
        const query = typeof args.query === 'string' ? args.query.toLowerCase() : undefined;
        const labels = [...p.repo.labels.values()]
          .filter((l) => !query || l.name.toLowerCase().includes(query))
          .sort((a, b) => a.id - b.id)
          .map((label) => ({ repo: p.repo, label }));
        return connection('labels', labels, args);
      },
    },
    label: {
      type: 'Label',
      args: { name: 'String!' },
      resolve: (p, args) => {
        const label = p.repo.labels.get(String(args.name).toLowerCase());
        return label ? { repo: p.repo, label } : null;
      },
    },
  };
}

/** A commit's author is a GitHub account when the email is the account's noreply address. */
function personOf(p: GitActorP): ActorP | null {
  const login = /^(?:\d+\+)?([^@]+)@users\.noreply\./.exec(p.person.email)?.[1];
  return login ? { login } : null;
}

/** The part of GitHub's GraphQL schema the fake answers; anything else is refused with a 400. */
export const TYPES: Record<string, NamedType> = {
  String: { kind: 'scalar', check: isString },
  ID: { kind: 'scalar', check: (v) => typeof v === 'string' || Number.isInteger(v) },
  Int: { kind: 'scalar', check: (v) => Number.isInteger(v) },
  Float: { kind: 'scalar', check: (v) => typeof v === 'number' },
  Boolean: { kind: 'scalar', check: (v) => typeof v === 'boolean' },
  DateTime: { kind: 'scalar', check: (v) => typeof v === 'string' && ISO.test(v) },
  GitTimestamp: { kind: 'scalar', check: (v) => typeof v === 'string' && ISO.test(v) },
  URI: { kind: 'scalar', check: isString },
  GitObjectID: { kind: 'scalar', check: (v) => typeof v === 'string' && /^[0-9a-f]{40}$/.test(v) },
  IssueState: enumType('OPEN', 'CLOSED'),
  IssueStateReason: enumType('COMPLETED', 'NOT_PLANNED', 'REOPENED', 'DUPLICATE'),
  PullRequestState: enumType('OPEN', 'CLOSED', 'MERGED'),
  MilestoneState: enumType('OPEN', 'CLOSED'),
  OrderDirection: enumType('ASC', 'DESC'),
  IssueOrderField: enumType('CREATED_AT', 'UPDATED_AT', 'COMMENTS'),
  MilestoneOrderField: enumType('CREATED_AT', 'DUE_DATE', 'NUMBER', 'UPDATED_AT'),
  PatchStatus: enumType('ADDED', 'DELETED', 'RENAMED', 'COPIED', 'MODIFIED', 'CHANGED'),
  IssueFilters: {
    kind: 'input',
    fields: {
      assignee: 'String',
      createdBy: 'String',
      labels: '[String!]',
      mentioned: 'String',
      milestone: 'String',
      milestoneNumber: 'String',
      since: 'DateTime',
      states: '[IssueState!]',
      viewerSubscribed: 'Boolean',
    },
  },
  IssueOrder: { kind: 'input', fields: { field: 'IssueOrderField!', direction: 'OrderDirection!' } },
  MilestoneOrder: { kind: 'input', fields: { field: 'MilestoneOrderField!', direction: 'OrderDirection!' } },
  CommitAuthor: { kind: 'input', fields: { id: 'ID', emails: '[String!]' } },
  Query: object<Record<string, never>>({
    repository: {
      type: 'Repository',
      args: { owner: 'String!', name: 'String!', followRenames: 'Boolean' },
      resolve: (_p, args, ctx) => {
        const repo = ctx.state.repo(`${String(args.owner)}/${String(args.name)}`);
        if (!repo) {
          throw new ExecutionError(
            'NOT_FOUND',
            `Could not resolve to a Repository with the name '${String(args.owner)}/${String(args.name)}'.`,
          );
        }
        return { repo };
      },
    },
    rateLimit: { type: 'RateLimit', args: { dryRun: 'Boolean' }, resolve: (_p, _a, ctx) => ctx },
    viewer: { type: 'User!', resolve: (_p, _a, ctx) => ({ login: ctx.actor }) },
  }),
  RateLimit: object<ExecContext>({
    cost: { type: 'Int!', resolve: (c) => c.cost },
    limit: { type: 'Int!', resolve: (c) => c.rate.limit },
    remaining: { type: 'Int!', resolve: (c) => c.rate.remaining },
    used: { type: 'Int!', resolve: (c) => c.rate.used },
    resetAt: { type: 'DateTime!', resolve: (c) => c.rate.resetAt },
    nodeCount: { type: 'Int!', resolve: (c) => c.nodeCount },
  }),
  PageInfo: object<Connection>({
    hasNextPage: { type: 'Boolean!', resolve: (c) => c.hasNext },
    hasPreviousPage: { type: 'Boolean!', resolve: (c) => c.hasPrevious },
    startCursor: { type: 'String', resolve: (c) => (c.items.length > 0 ? c.cursor(c.start) : null) },
    endCursor: { type: 'String', resolve: (c) => (c.items.length > 0 ? c.cursor(c.start + c.items.length - 1) : null) },
  }),
  Repository: object<RepoP>(repositoryFields()),
  RepositoryOwner: {
    kind: 'interface',
    fields: actorFields as Record<string, FieldDef<never>>,
    resolveType: () => 'User',
  },
  Actor: {
    kind: 'interface',
    fields: actorFields as Record<string, FieldDef<never>>,
    resolveType: (value) => ((value as ActorP).login.endsWith('[bot]') ? 'Bot' : 'User'),
  },
  User: object<ActorP>(
    {
      ...actorFields,
      id: { type: 'ID!', resolve: (a, _x, ctx) => nodeId('U', ctx.state.user(a.login).id) },
      databaseId: { type: 'Int', resolve: (a, _x, ctx) => ctx.state.user(a.login).id },
      name: { type: 'String', resolve: () => null },
    },
    ['Actor', 'RepositoryOwner'],
  ),
  Bot: object<ActorP>(
    {
      ...actorFields,
      id: { type: 'ID!', resolve: (a, _x, ctx) => nodeId('BOT', ctx.state.user(a.login).id) },
      databaseId: { type: 'Int', resolve: (a, _x, ctx) => ctx.state.user(a.login).id },
    },
    ['Actor'],
  ),
  Issue: object<IssueP>({
    ...issueLikeFields(),
    state: { type: 'IssueState!', resolve: (p) => (p.issue.state === 'open' ? 'OPEN' : 'CLOSED') },
    stateReason: { type: 'IssueStateReason', resolve: (p) => p.issue.state_reason?.toUpperCase() ?? null },
  }),
  PullRequest: object<IssueP>({
    ...issueLikeFields(),
    state: { type: 'PullRequestState!', resolve: (p) => graphState(p.issue) },
    merged: { type: 'Boolean!', resolve: (p) => p.issue.pull?.merged ?? false },
    mergedAt: { type: 'DateTime', resolve: (p) => p.issue.pull?.merged_at ?? null },
    mergedBy: { type: 'Actor', resolve: (p) => actor(p.issue.pull?.merged_by) },
    isDraft: { type: 'Boolean!', resolve: (p) => p.issue.pull?.draft ?? false },
    baseRefName: { type: 'String!', resolve: (p) => p.issue.pull?.baseRef ?? '' },
    headRefName: { type: 'String!', resolve: (p) => p.issue.pull?.headRef ?? '' },
    baseRefOid: {
      type: 'GitObjectID!',
      resolve: (p, _a, ctx) => ctx.state.branchSha(p.repo, p.issue.pull?.baseRef ?? '') ?? '',
    },
    headRefOid: {
      type: 'GitObjectID!',
      resolve: (p, _a, ctx) => (p.issue.pull ? ctx.state.pullHeadSha(p.repo, p.issue.pull) : ''),
    },
    mergeCommit: {
      type: 'Commit',
      resolve: (p) => (p.issue.pull?.merge_commit_sha ? { repo: p.repo, sha: p.issue.pull.merge_commit_sha } : null),
    },
    additions: {
      type: 'Int!',
      resolve: (p, _a, ctx) => filesOf(ctx, p.repo, p.issue).reduce((s, f) => s + f.additions, 0),
    },
    deletions: {
      type: 'Int!',
      resolve: (p, _a, ctx) => filesOf(ctx, p.repo, p.issue).reduce((s, f) => s + f.deletions, 0),
    },
    changedFiles: { type: 'Int!', resolve: (p, _a, ctx) => filesOf(ctx, p.repo, p.issue).length },
    files: {
      type: 'PullRequestChangedFileConnection',
      args: PAGE_ARGS,
      resolve: (p, args, ctx) => connection('files', filesOf(ctx, p.repo, p.issue), args),
    },
  }),
  PullRequestChangedFile: object<FileP>({
    path: { type: 'String!', resolve: (f) => f.path },
    additions: { type: 'Int!', resolve: (f) => f.additions },
    deletions: { type: 'Int!', resolve: (f) => f.deletions },
    changeType: { type: 'PatchStatus!', resolve: (f) => f.status },
  }),
  IssueComment: object<CommentP>({
    id: { type: 'ID!', resolve: (p) => nodeId('IC', p.comment.id) },
    databaseId: { type: 'Int', resolve: (p) => p.comment.id },
    body: { type: 'String!', resolve: (p) => p.comment.body },
    url: {
      type: 'URI!',
      resolve: (p, _a, ctx) => `${html(ctx, p.repo)}/issues/${p.comment.issue}#issuecomment-${p.comment.id}`,
    },
    createdAt: { type: 'DateTime!', resolve: (p) => p.comment.created_at },
    updatedAt: { type: 'DateTime!', resolve: (p) => p.comment.updated_at },
    author: { type: 'Actor', resolve: (p) => actor(p.comment.user) },
  }),
  Label: object<LabelP>({
    id: { type: 'ID!', resolve: (p) => nodeId('LA', p.label.id) },
    name: { type: 'String!', resolve: (p) => p.label.name },
    color: { type: 'String!', resolve: (p) => p.label.color },
    description: { type: 'String', resolve: (p) => p.label.description },
    isDefault: { type: 'Boolean!', resolve: (p) => p.label.default },
  }),
  Milestone: object<MilestoneP>({
    id: { type: 'ID!', resolve: (p) => nodeId('MI', p.milestone.id) },
    number: { type: 'Int!', resolve: (p) => p.milestone.number },
    title: { type: 'String!', resolve: (p) => p.milestone.title },
    description: { type: 'String', resolve: (p) => p.milestone.description },
    state: { type: 'MilestoneState!', resolve: (p) => p.milestone.state.toUpperCase() },
    closed: { type: 'Boolean!', resolve: (p) => p.milestone.state === 'closed' },
    dueOn: { type: 'DateTime', resolve: (p) => p.milestone.due_on },
    closedAt: { type: 'DateTime', resolve: (p) => p.milestone.closed_at },
    createdAt: { type: 'DateTime!', resolve: (p) => p.milestone.created_at },
    updatedAt: { type: 'DateTime!', resolve: (p) => p.milestone.updated_at },
    url: { type: 'URI!', resolve: (p, _a, ctx) => `${html(ctx, p.repo)}/milestone/${p.milestone.number}` },
    creator: { type: 'Actor', resolve: (p) => actor(p.milestone.creator) },
    progressPercentage: {
      type: 'Float!',
      resolve: (p) => {
        const issues = [...p.repo.issues.values()].filter((i) => i.milestone === p.milestone.number);
        return issues.length === 0 ? 0 : (100 * issues.filter((i) => i.state === 'closed').length) / issues.length;
      },
    },
  }),
  Ref: object<RefP>({
    id: { type: 'ID!', resolve: (p) => nodeId('REF', p.repo.id, p.ref) },
    name: { type: 'String!', resolve: (p) => p.ref.split('/').slice(2).join('/') },
    prefix: { type: 'String!', resolve: (p) => `${p.ref.split('/').slice(0, 2).join('/')}/` },
    target: { type: 'GitObject', resolve: (p) => ({ repo: p.repo, sha: p.sha }) },
  }),
  GitObject: {
    kind: 'interface',
    fields: {
      id: { type: 'ID!', resolve: (p: CommitP) => nodeId('C', p.repo.id, p.sha) },
      oid: { type: 'GitObjectID!', resolve: (p: CommitP) => p.sha },
      abbreviatedOid: { type: 'String!', resolve: (p: CommitP) => p.sha.slice(0, 7) },
      commitUrl: {
        type: 'URI!',
        resolve: (p: CommitP, _a: Args, ctx: ExecContext) => `${html(ctx, p.repo)}/commit/${p.sha}`,
      },
    } as Record<string, FieldDef<never>>,
    resolveType: () => 'Commit',
  },
  Commit: object<CommitP>(
    {
      id: { type: 'ID!', resolve: (p) => nodeId('C', p.repo.id, p.sha) },
      oid: { type: 'GitObjectID!', resolve: (p) => p.sha },
      abbreviatedOid: { type: 'String!', resolve: (p) => p.sha.slice(0, 7) },
      commitUrl: { type: 'URI!', resolve: (p, _a, ctx) => `${html(ctx, p.repo)}/commit/${p.sha}` },
      url: { type: 'URI!', resolve: (p, _a, ctx) => `${html(ctx, p.repo)}/commit/${p.sha}` },
      message: { type: 'String!', resolve: (p) => p.repo.git.commit(p.sha)?.message ?? '' },
      messageHeadline: { type: 'String!', resolve: (p) => (p.repo.git.commit(p.sha)?.message ?? '').split('\n')[0] },
      messageBody: {
        type: 'String!',
        resolve: (p) => (p.repo.git.commit(p.sha)?.message ?? '').split('\n').slice(1).join('\n').trim(),
      },
      committedDate: { type: 'DateTime!', resolve: (p) => p.repo.git.commit(p.sha)?.committer.date },
      authoredDate: { type: 'DateTime!', resolve: (p) => p.repo.git.commit(p.sha)?.author.date },
      author: { type: 'GitActor', resolve: (p) => gitActor(p, 'author') },
      committer: { type: 'GitActor', resolve: (p) => gitActor(p, 'committer') },
      parents: {
        type: 'CommitConnection!',
        args: PAGE_ARGS,
        resolve: (p, args) =>
          connection(
            'parents',
            (p.repo.git.commit(p.sha)?.parents ?? []).map((sha) => ({ repo: p.repo, sha })),
            args,
          ),
      },
      history: {
        type: 'CommitHistoryConnection!',
        args: { ...PAGE_ARGS, since: 'GitTimestamp', until: 'GitTimestamp', path: 'String', author: 'CommitAuthor' },
        resolve: (p, args) =>
          connection(
            'history',
            historyOf(p.repo, p.sha, args).map((sha) => ({ repo: p.repo, sha })),
            args,
            // GitHub's history cursors are "<start oid> <offset>".
            (index) => `${p.sha} ${index}`,
            (cursor) => {
              const match = /^[0-9a-f]{40} (\d+)$/.exec(String(cursor));
              if (!match)
                throw new ExecutionError(
                  'INVALID_CURSOR_ARGUMENTS',
                  `\`${String(cursor)}\` does not appear to be a valid cursor.`,
                );
              return Number(match[1]);
            },
          ),
      },
    },
    ['GitObject'],
  ),
  GitActor: object<GitActorP>({
    name: { type: 'String', resolve: (p) => p.person.name },
    email: { type: 'String', resolve: (p) => p.person.email },
    date: { type: 'GitTimestamp', resolve: (p) => p.person.date },
    user: { type: 'User', resolve: (p) => personOf(p) },
  }),
  ...connectionTypes('Issue'),
  ...connectionTypes('PullRequest'),
  ...connectionTypes('Milestone'),
  ...connectionTypes('Label'),
  ...connectionTypes('IssueComment'),
  ...connectionTypes('User'),
  ...connectionTypes('PullRequestChangedFile'),
  ...connectionTypes('Commit'),
  CommitHistoryConnection: connectionTypes('Commit').CommitConnection as ObjectType,
};

function gitActor(p: CommitP, which: 'author' | 'committer'): GitActorP | null {
  const commit = p.repo.git.commit(p.sha);
  return commit ? { repo: p.repo, person: commit[which] } : null;
}
