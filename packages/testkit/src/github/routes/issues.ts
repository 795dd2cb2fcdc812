import { GitHubError, notFound, validationFailed } from '../errors.ts';
import type { IssueRecord, RepoRecord, StateReason } from '../state.ts';
import { created, numberParam, ok, paginate, type RouteContext, type RouteHandler, repoOf, sortBy } from './context.ts';

interface IssueBody {
  title?: string | number;
  body?: string | null;
  state?: 'open' | 'closed';
  state_reason?: StateReason | null;
  milestone?: string | number | null;
  labels?: Array<string | { name?: string }>;
  assignee?: string | null;
  assignees?: string[];
}

export function issueOf(ctx: RouteContext, repo: RepoRecord, param = 'issue_number'): IssueRecord {
  const issue = repo.issues.get(numberParam(ctx, param));
  if (!issue) throw notFound();
  return issue;
}

function labelNames(labels: IssueBody['labels']): string[] {
  const names = (labels ?? [])
    .map((label) => (typeof label === 'string' ? label : (label.name ?? '')))
    .filter((n) => n !== '');
  return [...new Map(names.map((name) => [name.toLowerCase(), name])).values()];
}

function milestoneNumber(repo: RepoRecord, value: IssueBody['milestone']): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  if (!Number.isInteger(number) || !repo.milestones.has(number)) {
    throw validationFailed([
      { resource: 'Issue', field: 'milestone', code: 'invalid', message: `${value} is not a milestone` },
    ]);
  }
  return number;
}

function matchesLabels(issue: IssueRecord, wanted: string | undefined): boolean {
  if (!wanted) return true;
  const have = new Set(issue.labels.map((l) => l.toLowerCase()));
  return wanted
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l !== '')
    .every((l) => have.has(l));
}

function matchesPerson(filter: unknown, people: string[]): boolean {
  if (filter === undefined) return true;
  if (filter === '*') return people.length > 0;
  if (filter === 'none') return people.length === 0;
  return people.some((p) => p.toLowerCase() === String(filter).toLowerCase());
}

const listForRepo: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const q = ctx.query;
  const state = (q.state as string | undefined) ?? 'open';
  const since = q.since === undefined ? undefined : Date.parse(String(q.since));
  const issues = [...repo.issues.values()].filter((issue) => {
    if (state !== 'all' && issue.state !== state) return false;
    if (since !== undefined && Date.parse(issue.updated_at) < since) return false;
    if (!matchesLabels(issue, q.labels as string | undefined)) return false;
    if (q.milestone !== undefined) {
      const m = String(q.milestone);
      if (m === '*' && issue.milestone === null) return false;
      if (m === 'none' && issue.milestone !== null) return false;
      if (m !== '*' && m !== 'none' && issue.milestone !== Number(m)) return false;
    }
    if (!matchesPerson(q.assignee, issue.assignees)) return false;
    if (q.creator !== undefined && issue.user.toLowerCase() !== String(q.creator).toLowerCase()) return false;
    if (
      q.mentioned !== undefined &&
      !(issue.body ?? '').toLowerCase().includes(`@${String(q.mentioned).toLowerCase()}`)
    )
      return false;
    return true;
  });
  sortBy(issues, ctx.state.issueSortKey(repo, q.sort as string | undefined), q.direction ?? 'desc', (i) => i.number);
  return paginate(ctx, issues, (issue) => ctx.shapes.issue(repo, issue));
};

const create: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const body = ctx.body as IssueBody;
  const assignees = [...(body.assignees ?? []), ...(body.assignee ? [body.assignee] : [])];
  const issue = ctx.state.createIssue(repo, {
    title: String(body.title),
    body: body.body ?? null,
    user: ctx.actor,
    labels: labelNames(body.labels),
    assignees: [...new Set(assignees)],
    milestone: milestoneNumber(repo, body.milestone),
  });
  return created(ctx.shapes.issue(repo, issue), `${ctx.shapes.api(repo)}/issues/${issue.number}`);
};

const get: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  return ok(ctx.shapes.issue(repo, issueOf(ctx, repo)));
};

const update: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  const body = ctx.body as IssueBody;
  if (issue.pull?.merged && body.state === 'open') {
    throw validationFailed([
      { resource: 'Issue', field: 'state', code: 'invalid', message: 'a merged pull request cannot be reopened' },
    ]);
  }
  ctx.state.editIssue(issue, {
    ...(body.title !== undefined ? { title: String(body.title) } : {}),
    ...(body.body !== undefined ? { body: body.body } : {}),
  });
  if (body.milestone !== undefined) issue.milestone = milestoneNumber(repo, body.milestone);
  if (body.labels !== undefined) ctx.state.setIssueLabels(repo, issue, labelNames(body.labels), ctx.actor);
  if (body.assignees !== undefined) issue.assignees = [...new Set(body.assignees)];
  else if (body.assignee !== undefined) issue.assignees = body.assignee === null ? [] : [body.assignee];
  if (body.state !== undefined) ctx.state.setIssueState(issue, body.state, ctx.actor, body.state_reason);
  issue.updated_at = ctx.state.timestamp();
  return ok(ctx.shapes.issue(repo, issue));
};

// --- comments ---

const listComments: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  const since = ctx.query.since === undefined ? undefined : Date.parse(String(ctx.query.since));
  const comments = [...repo.comments.values()]
    .filter((c) => c.issue === issue.number && (since === undefined || Date.parse(c.updated_at) >= since))
    .sort((a, b) => a.id - b.id);
  return paginate(ctx, comments, (c) => ctx.shapes.comment(repo, c));
};

const listCommentsForRepo: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const since = ctx.query.since === undefined ? undefined : Date.parse(String(ctx.query.since));
  const comments = [...repo.comments.values()].filter((c) => since === undefined || Date.parse(c.updated_at) >= since);
  const sort = (ctx.query.sort as string | undefined) ?? 'created';
  // GitHub sorts repository comments ascending unless a direction is given with a sort.
  sortBy(
    comments,
    (c) => (sort === 'updated' ? c.updated_at : c.created_at),
    ctx.query.direction ?? 'asc',
    (c) => c.id,
  );
  return paginate(ctx, comments, (c) => ctx.shapes.comment(repo, c));
};

function commentOf(ctx: RouteContext, repo: RepoRecord) {
  const comment = repo.comments.get(numberParam(ctx, 'comment_id'));
  if (!comment) throw notFound();
  return comment;
}

const createComment: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  if (issue.locked) throw new GitHubError(403, { message: 'Unable to create comment because issue is locked.' });
  const comment = ctx.state.addComment(repo, issue, (ctx.body as { body: string }).body, ctx.actor);
  return created(ctx.shapes.comment(repo, comment), `${ctx.shapes.api(repo)}/issues/comments/${comment.id}`);
};

const getComment: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  return ok(ctx.shapes.comment(repo, commentOf(ctx, repo)));
};

const updateComment: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const comment = commentOf(ctx, repo);
  comment.body = (ctx.body as { body: string }).body;
  comment.updated_at = ctx.state.timestamp();
  const issue = repo.issues.get(comment.issue);
  if (issue && comment.updated_at > issue.updated_at) issue.updated_at = comment.updated_at;
  return ok(ctx.shapes.comment(repo, comment));
};

const deleteComment: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  ctx.state.deleteComment(repo, commentOf(ctx, repo));
  return { status: 204 };
};

/** Comments and label/state events of one issue, oldest first, as one paginated list. */
const listTimeline: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  const items = [
    ...[...repo.comments.values()]
      .filter((c) => c.issue === issue.number)
      .map((c) => ({ at: c.created_at, record: c as object, render: () => ctx.shapes.timelineComment(repo, c) })),
    ...issue.events.map((e) => ({
      at: e.created_at,
      record: e as object,
      render: () => ctx.shapes.issueEvent(repo, e),
    })),
  ];
  items.sort(
    (a, b) =>
      Date.parse(a.at) - Date.parse(b.at) || ctx.state.creationOrder(a.record) - ctx.state.creationOrder(b.record),
  );
  return paginate(ctx, items, (item) => item.render());
};

export const issueRoutes: Record<string, RouteHandler> = {
  'issues/list-events-for-timeline': listTimeline,
  'issues/list-for-repo': listForRepo,
  'issues/create': create,
  'issues/get': get,
  'issues/update': update,
  'issues/list-comments': listComments,
  'issues/list-comments-for-repo': listCommentsForRepo,
  'issues/create-comment': createComment,
  'issues/get-comment': getComment,
  'issues/update-comment': updateComment,
  'issues/delete-comment': deleteComment,
};
