import { notFound, validationFailed } from '../errors.ts';
import { githubDueOn, type MilestoneRecord, type RepoRecord } from '../state.ts';
import {
  created,
  noContent,
  numberParam,
  ok,
  paginate,
  type RouteContext,
  type RouteHandler,
  repoOf,
  sortBy,
} from './context.ts';

interface MilestoneBody {
  title?: string;
  state?: 'open' | 'closed';
  description?: string;
  due_on?: string | null;
}

function milestoneOf(ctx: RouteContext, repo: RepoRecord): MilestoneRecord {
  const milestone = repo.milestones.get(numberParam(ctx, 'milestone_number'));
  if (!milestone) throw notFound();
  return milestone;
}

function titleTaken(repo: RepoRecord, title: string, except?: number): boolean {
  return [...repo.milestones.values()].some((m) => m.title === title && m.number !== except);
}

function applyState(ctx: RouteContext, milestone: MilestoneRecord, state: 'open' | 'closed' | undefined): void {
  if (state === undefined || state === milestone.state) return;
  milestone.state = state;
  milestone.closed_at = state === 'closed' ? ctx.state.timestamp() : null;
}

const list: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const state = (ctx.query.state as string | undefined) ?? 'open';
  const milestones = [...repo.milestones.values()].filter((m) => state === 'all' || m.state === state);
  const sort = (ctx.query.sort as string | undefined) ?? 'due_on';
  if (sort === 'completeness') {
    const done = (m: MilestoneRecord) => {
      const issues = [...repo.issues.values()].filter((i) => i.milestone === m.number);
      return issues.length === 0 ? 0 : issues.filter((i) => i.state === 'closed').length / issues.length;
    };
    sortBy(milestones, done, ctx.query.direction ?? 'asc', (m) => m.number);
  } else {
    // Milestones without a due date come last, as on GitHub.
    sortBy(
      milestones,
      (m) => m.due_on ?? '9999',
      ctx.query.direction ?? 'asc',
      (m) => m.number,
    );
  }
  return paginate(ctx, milestones, (m) => ctx.shapes.milestone(repo, m));
};

const create: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const body = ctx.body as MilestoneBody & { title: string };
  if (titleTaken(repo, body.title))
    throw validationFailed([{ resource: 'Milestone', code: 'already_exists', field: 'title' }]);
  const milestone = ctx.state.createMilestone(repo, {
    title: body.title,
    description: body.description ?? null,
    due_on: body.due_on ? githubDueOn(body.due_on) : null,
    creator: ctx.actor,
  });
  applyState(ctx, milestone, body.state);
  return created(ctx.shapes.milestone(repo, milestone), `${ctx.shapes.api(repo)}/milestones/${milestone.number}`);
};

const get: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  return ok(ctx.shapes.milestone(repo, milestoneOf(ctx, repo)));
};

const update: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const milestone = milestoneOf(ctx, repo);
  const body = ctx.body as MilestoneBody;
  if (body.title !== undefined && titleTaken(repo, body.title, milestone.number)) {
    throw validationFailed([{ resource: 'Milestone', code: 'already_exists', field: 'title' }]);
  }
  if (body.title !== undefined) milestone.title = body.title;
  if (body.description !== undefined) milestone.description = body.description;
  if (body.due_on !== undefined) milestone.due_on = body.due_on === null ? null : githubDueOn(body.due_on);
  applyState(ctx, milestone, body.state);
  milestone.updated_at = ctx.state.timestamp();
  return ok(ctx.shapes.milestone(repo, milestone));
};

const remove: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const milestone = milestoneOf(ctx, repo);
  repo.milestones.delete(milestone.number);
  for (const issue of repo.issues.values()) if (issue.milestone === milestone.number) issue.milestone = null;
  return noContent;
};

export const milestoneRoutes: Record<string, RouteHandler> = {
  'issues/list-milestones': list,
  'issues/create-milestone': create,
  'issues/get-milestone': get,
  'issues/update-milestone': update,
  'issues/delete-milestone': remove,
};
