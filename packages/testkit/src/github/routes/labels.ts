import { GitHubError, notFound, validationFailed } from '../errors.ts';
import type { LabelRecord, RepoRecord } from '../state.ts';
import { created, noContent, ok, paginate, type RouteContext, type RouteHandler, repoOf } from './context.ts';
import { issueOf } from './issues.ts';

const COLOR = /^[0-9a-fA-F]{6}$/;

function labelOf(ctx: RouteContext, repo: RepoRecord): LabelRecord {
  const label = ctx.state.label(repo, ctx.params.name ?? '');
  if (!label) throw notFound();
  return label;
}

function checkColor(color: string | undefined): string | undefined {
  if (color === undefined) return undefined;
  const bare = color.replace(/^#/, '');
  if (!COLOR.test(bare)) {
    throw validationFailed([
      { resource: 'Label', field: 'color', code: 'invalid', message: `${color} is not a 6-digit hex color` },
    ]);
  }
  return bare.toLowerCase();
}

const list: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const labels = [...repo.labels.values()].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
  return paginate(ctx, labels, (label) => ctx.shapes.label(repo, label));
};

const create: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const body = ctx.body as { name: string; color?: string; description?: string };
  if (ctx.state.label(repo, body.name)) {
    throw validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
  }
  const label: LabelRecord = {
    id: ctx.state.nextId('label'),
    name: body.name,
    color: checkColor(body.color) ?? 'ededed',
    description: body.description ?? null,
    default: false,
  };
  repo.labels.set(label.name.toLowerCase(), label);
  return created(ctx.shapes.label(repo, label), `${ctx.shapes.api(repo)}/labels/${encodeURIComponent(label.name)}`);
};

const get: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  return ok(ctx.shapes.label(repo, labelOf(ctx, repo)));
};

const update: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const label = labelOf(ctx, repo);
  const body = ctx.body as { new_name?: string; color?: string; description?: string };
  const color = checkColor(body.color);
  if (body.new_name !== undefined && body.new_name.toLowerCase() !== label.name.toLowerCase()) {
    if (ctx.state.label(repo, body.new_name)) {
      throw validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
    }
    repo.labels.delete(label.name.toLowerCase());
    for (const issue of repo.issues.values()) {
      issue.labels = issue.labels.map((name) =>
        name.toLowerCase() === label.name.toLowerCase() ? (body.new_name as string) : name,
      );
    }
    label.name = body.new_name;
    repo.labels.set(label.name.toLowerCase(), label);
  } else if (body.new_name !== undefined) {
    label.name = body.new_name;
  }
  if (color !== undefined) label.color = color;
  if (body.description !== undefined) label.description = body.description;
  return ok(ctx.shapes.label(repo, label));
};

const remove: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const label = labelOf(ctx, repo);
  repo.labels.delete(label.name.toLowerCase());
  for (const issue of repo.issues.values()) {
    issue.labels = issue.labels.filter((name) => name.toLowerCase() !== label.name.toLowerCase());
  }
  return noContent;
};

function issueLabels(ctx: RouteContext, repo: RepoRecord, names: string[]) {
  return names
    .map((name) => ctx.state.label(repo, name))
    .filter((label): label is LabelRecord => label !== undefined)
    .map((label) => ctx.shapes.label(repo, label));
}

function bodyLabels(body: unknown): string[] {
  const labels = (body as { labels?: Array<string | { name: string }> } | undefined)?.labels ?? [];
  return labels.map((label) => (typeof label === 'string' ? label : label.name));
}

const listOnIssue: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  const labels = issue.labels
    .map((name) => ctx.state.label(repo, name))
    .filter((label): label is LabelRecord => label !== undefined);
  return paginate(ctx, labels, (label) => ctx.shapes.label(repo, label));
};

const add: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  ctx.state.setIssueLabels(repo, issue, [...issue.labels, ...bodyLabels(ctx.body)], ctx.actor);
  issue.updated_at = ctx.state.timestamp();
  return ok(issueLabels(ctx, repo, issue.labels));
};

const set: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  ctx.state.setIssueLabels(repo, issue, bodyLabels(ctx.body), ctx.actor);
  issue.updated_at = ctx.state.timestamp();
  return ok(issueLabels(ctx, repo, issue.labels));
};

const removeFromIssue: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  const name = (ctx.params.name ?? '').toLowerCase();
  if (!issue.labels.some((n) => n.toLowerCase() === name))
    throw new GitHubError(404, { message: 'Label does not exist' });
  ctx.state.setIssueLabels(
    repo,
    issue,
    issue.labels.filter((n) => n.toLowerCase() !== name),
    ctx.actor,
  );
  issue.updated_at = ctx.state.timestamp();
  return ok(issueLabels(ctx, repo, issue.labels));
};

export const labelRoutes: Record<string, RouteHandler> = {
  'issues/list-labels-for-repo': list,
  'issues/create-label': create,
  'issues/get-label': get,
  'issues/update-label': update,
  'issues/delete-label': remove,
  'issues/list-labels-on-issue': listOnIssue,
  'issues/add-labels': add,
  'issues/set-labels': set,
  'issues/remove-label': removeFromIssue,
};
