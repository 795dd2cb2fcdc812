import { GitHubError, notFound, validationFailed } from '../errors.ts';
import type { Leaf } from '../git-objects.ts';
import type { GitHubState, IssueRecord, RepoRecord } from '../state.ts';
import { created, numberParam, ok, paginate, type RouteContext, type RouteHandler, repoOf, sortBy } from './context.ts';

interface PullBody {
  title?: string;
  head?: string;
  base?: string;
  body?: string;
  draft?: boolean;
  maintainer_can_modify?: boolean;
  issue?: number;
  state?: 'open' | 'closed';
}

function pullOf(ctx: RouteContext, repo: RepoRecord): IssueRecord {
  const issue = repo.issues.get(numberParam(ctx, 'pull_number'));
  if (!issue?.pull) throw notFound();
  return issue;
}

/** `owner:branch` or `branch` → branch, refusing heads in other repositories (forks are not modelled). */
function headBranch(repo: RepoRecord, head: string): string {
  const colon = head.indexOf(':');
  if (colon === -1) return head;
  if (head.slice(0, colon).toLowerCase() !== repo.owner.toLowerCase()) {
    throw validationFailed([
      { resource: 'PullRequest', field: 'head', code: 'invalid', message: 'forks are not modelled by the fake' },
    ]);
  }
  return head.slice(colon + 1);
}

const list: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const q = ctx.query;
  const state = (q.state as string | undefined) ?? 'open';
  let head: { owner: string; branch: string } | undefined;
  if (typeof q.head === 'string') {
    const [owner, branch] = q.head.includes(':') ? q.head.split(/:(.*)/s) : [repo.owner, q.head];
    head = { owner: owner ?? '', branch: branch ?? '' };
  }
  const pulls = [...repo.issues.values()].filter((issue) => {
    if (!issue.pull) return false;
    if (state !== 'all' && issue.state !== state) return false;
    if (head && (head.owner.toLowerCase() !== repo.owner.toLowerCase() || issue.pull.headRef !== head.branch))
      return false;
    if (typeof q.base === 'string' && issue.pull.baseRef !== q.base) return false;
    return true;
  });
  const sort = (q.sort as string | undefined) ?? 'created';
  const key = sort === 'updated' ? (i: IssueRecord) => i.updated_at : (i: IssueRecord) => i.created_at;
  sortBy(pulls, key, q.direction ?? (sort === 'created' ? 'desc' : 'desc'), (i) => i.number);
  return paginate(ctx, pulls, (issue) => ctx.shapes.pull(repo, issue, false));
};

const create: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const body = ctx.body as PullBody & { head: string; base: string };
  const branch = headBranch(repo, body.head);
  const baseSha = ctx.state.branchSha(repo, body.base);
  const headSha = ctx.state.branchSha(repo, branch);
  const errors: Array<{ resource: string; field?: string; code: string; message?: string }> = [];
  if (!baseSha) errors.push({ resource: 'PullRequest', field: 'base', code: 'invalid' });
  if (!headSha) errors.push({ resource: 'PullRequest', field: 'head', code: 'invalid' });
  if (body.title === undefined && body.issue === undefined)
    errors.push({ resource: 'PullRequest', field: 'title', code: 'missing_field' });
  if (errors.length > 0) throw validationFailed(errors);
  if (baseSha === headSha || repo.git.isAncestor(headSha as string, baseSha as string)) {
    throw validationFailed([
      { resource: 'PullRequest', code: 'custom', message: `No commits between ${body.base} and ${branch}` },
    ]);
  }
  const existing = [...repo.issues.values()].find(
    (i) => i.pull && i.state === 'open' && i.pull.headRef === branch && i.pull.baseRef === body.base,
  );
  if (existing) {
    throw validationFailed([
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${repo.owner}:${branch}.`,
      },
    ]);
  }
  const pull = {
    headRef: branch,
    headSha: headSha as string,
    baseRef: body.base,
    draft: body.draft ?? false,
    merged: false,
    merged_at: null,
    merged_by: null,
    merge_commit_sha: null,
    maintainer_can_modify: body.maintainer_can_modify ?? true,
  };
  let issue: IssueRecord;
  if (body.issue !== undefined) {
    const from = repo.issues.get(body.issue);
    if (!from || from.pull) throw validationFailed([{ resource: 'PullRequest', field: 'issue', code: 'invalid' }]);
    from.pull = pull;
    from.updated_at = ctx.state.timestamp();
    issue = from;
  } else {
    issue = ctx.state.createIssue(repo, {
      title: body.title as string,
      body: body.body ?? null,
      user: ctx.actor,
      pull,
    });
  }
  return created(ctx.shapes.pull(repo, issue, true), `${ctx.shapes.api(repo)}/pulls/${issue.number}`);
};

const get: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  return ok(ctx.shapes.pull(repo, pullOf(ctx, repo), true));
};

const update: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = pullOf(ctx, repo);
  const pull = issue.pull as NonNullable<IssueRecord['pull']>;
  const body = ctx.body as PullBody;
  if (body.state === 'open' && pull.merged) {
    throw validationFailed([
      { resource: 'PullRequest', field: 'state', code: 'invalid', message: 'cannot reopen a merged pull request' },
    ]);
  }
  if (body.base !== undefined) {
    if (!ctx.state.branchSha(repo, body.base))
      throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
    pull.baseRef = body.base;
  }
  if (body.title !== undefined) issue.title = body.title;
  if (body.body !== undefined) issue.body = body.body;
  if (body.maintainer_can_modify !== undefined) pull.maintainer_can_modify = body.maintainer_can_modify;
  if (body.state !== undefined) ctx.state.setIssueState(issue, body.state, ctx.actor);
  issue.updated_at = ctx.state.timestamp();
  return ok(ctx.shapes.pull(repo, issue, true));
};

const listFiles: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = pullOf(ctx, repo);
  return paginate(ctx, ctx.shapes.pullFiles(repo, issue).slice(0, 3000), (file) => file);
};

const merge: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = pullOf(ctx, repo);
  const body = (ctx.body ?? {}) as {
    commit_title?: string;
    commit_message?: string;
    sha?: string;
    merge_method?: string;
  };
  const headSha = ctx.state.pullHeadSha(repo, issue.pull as NonNullable<IssueRecord['pull']>);
  if (body.sha !== undefined && body.sha !== headSha) {
    throw new GitHubError(409, { message: 'Head branch was modified. Review and try the merge again.' });
  }
  const sha = mergePull(ctx.state, repo, issue, ctx.actor, body.commit_title);
  return ok({ sha, merged: true, message: 'Pull Request successfully merged' });
};

/**
 * Merges a pull request with a merge commit on its base branch, closing it (and any issue its body says it closes).
 * Refuses when base and head changed the same file since their merge base.
 */
export function mergePull(
  state: GitHubState,
  repo: RepoRecord,
  issue: IssueRecord,
  actor: string,
  title?: string,
): string {
  const pull = issue.pull;
  if (!pull || issue.state !== 'open' || pull.merged)
    throw new GitHubError(405, { message: 'Pull Request is not mergeable' });
  const headSha = state.pullHeadSha(repo, pull);
  const baseSha = state.branchSha(repo, pull.baseRef);
  if (!baseSha) throw new GitHubError(405, { message: 'Base branch was deleted' });
  const baseOf = repo.git.mergeBase(baseSha, headSha);
  const treeOf = (sha: string | undefined) => (sha ? repo.git.commit(sha)?.tree : undefined);
  const ours = repo.git.diff(treeOf(baseOf), treeOf(baseSha));
  const theirs = repo.git.diff(treeOf(baseOf), treeOf(headSha));
  const touched = new Set(ours.map((c) => c.path));
  const clash = theirs.find((c) => touched.has(c.path) && ours.find((o) => o.path === c.path)?.after !== c.after);
  if (clash)
    throw new GitHubError(405, { message: `Pull Request is not mergeable: ${clash.path} changed on both sides` });
  const baseTree = treeOf(baseSha);
  const files: Map<string, Leaf> = baseTree ? repo.git.flatten(baseTree) : new Map();
  const headFiles = repo.git.flatten(treeOf(headSha) as string);
  for (const change of theirs) {
    const leaf = headFiles.get(change.path);
    if (leaf) files.set(change.path, leaf);
    else files.delete(change.path);
  }
  const at = state.timestamp();
  const person = { name: actor, email: `${actor}@users.noreply.github.com`, date: at };
  const sha = repo.git.putCommit({
    tree: repo.git.buildTree(files),
    parents: [baseSha, headSha],
    message: title ?? `Merge pull request #${issue.number} from ${repo.owner}/${pull.headRef}`,
    author: person,
    committer: { name: 'GitHub', email: 'noreply@github.com', date: at },
  });
  repo.refs.set(`refs/heads/${pull.baseRef}`, sha);
  pull.merged = true;
  pull.merged_at = at;
  pull.merged_by = actor;
  pull.merge_commit_sha = sha;
  pull.headSha = headSha;
  state.setIssueState(issue, 'closed', actor);
  issue.updated_at = at;
  // GitHub closes issues the pull request links with closing keywords when it merges into the default branch.
  if (pull.baseRef === repo.defaultBranch) {
    for (const match of (issue.body ?? '').matchAll(/\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s+#(\d+)/gi)) {
      const linked = repo.issues.get(Number(match[1]));
      if (linked && !linked.pull && linked.state === 'open') {
        state.setIssueState(linked, 'closed', actor, 'completed');
        linked.updated_at = at;
      }
    }
  }
  repo.pushed_at = at;
  return sha;
}

export const pullRoutes: Record<string, RouteHandler> = {
  'pulls/list': list,
  'pulls/create': create,
  'pulls/get': get,
  'pulls/update': update,
  'pulls/list-files': listFiles,
  'pulls/merge': merge,
};
