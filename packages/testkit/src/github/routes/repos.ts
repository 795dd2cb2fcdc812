import { conflict, GitHubError, notFound, validationFailed } from '../errors.ts';
import type { GitPerson } from '../git-objects.ts';
import { isoSeconds } from '../state.ts';
import { created, ok, paginate, type RouteHandler, repoOf } from './context.ts';

const getRepo: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  if (repo.private && ctx.state.permission(repo, ctx.actor) === 'none') throw notFound();
  return ok(ctx.shapes.fullRepository(repo, ctx.actor));
};

const getContent: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const ref = (ctx.query.ref as string | undefined) ?? repo.defaultBranch;
  const sha = ctx.state.resolveCommit(repo, ref);
  if (!sha) throw new GitHubError(404, { message: `No commit found for the ref ${ref}` });
  const commit = repo.git.commit(sha);
  const path = (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '');
  const leaf = commit ? repo.git.entryAt(commit.tree, path) : undefined;
  if (!leaf) throw notFound();
  if (leaf.type === 'tree') {
    const entries = repo.git.tree(leaf.sha)?.entries ?? [];
    return ok(
      entries.map((entry) =>
        ctx.shapes.contentEntry(repo, path === '' ? entry.name : `${path}/${entry.name}`, entry, ref),
      ),
    );
  }
  const content = repo.git.blob(leaf.sha)?.content ?? Buffer.alloc(0);
  return ok(ctx.shapes.contentEntry(repo, path, leaf, ref, content));
};

interface PersonBody {
  name: string;
  email: string;
  date?: string;
}

/**
 * One commit on a branch replacing or adding one file. `sha` is the blob the caller last read: GitHub answers 409
 * when the file has changed since (a compare-and-swap), and 422 when an existing file is replaced without it.
 */
const putContent: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const body = ctx.body as {
    message: string;
    content: string;
    sha?: string;
    branch?: string;
    committer?: PersonBody;
    author?: PersonBody;
  };
  const path = (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '');
  if (path === '' || path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw validationFailed([{ resource: 'Commit', field: 'path', code: 'invalid', message: 'path is invalid' }]);
  }
  const compact = body.content.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw validationFailed([
      { resource: 'Commit', field: 'content', code: 'invalid', message: 'content is not valid Base64' },
    ]);
  }
  const branch = body.branch ?? repo.defaultBranch;
  const head = ctx.state.branchSha(repo, branch);
  if (!head && (repo.refs.size > 0 || branch !== repo.defaultBranch)) {
    throw new GitHubError(404, { message: `Branch ${branch} not found` });
  }
  const parent = head ? repo.git.commit(head) : undefined;
  const existing = parent ? repo.git.entryAt(parent.tree, path) : undefined;
  if (existing?.type === 'tree') throw conflict(`${path} is a directory`);
  if (existing && body.sha === undefined) {
    throw new GitHubError(422, { message: `Invalid request.\n\n"sha" wasn't supplied.` });
  }
  if (body.sha !== undefined && existing?.sha !== body.sha) throw conflict(`${path} does not match ${body.sha}`);
  const blob = repo.git.putBlob(Buffer.from(compact, 'base64'));
  const tree = repo.git.updateTree(parent?.tree, new Map([[path, { mode: '100644', type: 'blob', sha: blob }]]));
  const now = ctx.state.timestamp();
  const person = (given: PersonBody | undefined, fallback: GitPerson): GitPerson =>
    given
      ? { name: given.name, email: given.email, date: given.date ? isoSeconds(new Date(given.date)) : now }
      : fallback;
  const committer = person(body.committer, {
    name: ctx.actor,
    email: `${ctx.actor}@users.noreply.github.com`,
    date: now,
  });
  const sha = repo.git.putCommit({
    tree,
    parents: head ? [head] : [],
    message: body.message,
    author: person(body.author, committer),
    committer,
  });
  repo.refs.set(`refs/heads/${branch}`, sha);
  repo.pushed_at = now;
  const entry = ctx.shapes.contentEntry(repo, path, { mode: '100644', type: 'blob', sha: blob }, branch);
  const result = { content: entry, commit: ctx.shapes.gitCommit(repo, sha) };
  return existing ? ok(result) : created(result, String(entry.url));
};

const listCommits: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const q = ctx.query;
  if (repo.refs.size === 0) throw new GitHubError(409, { message: 'Git Repository is empty.' });
  const from = (q.sha as string | undefined) ?? repo.defaultBranch;
  const start = ctx.state.resolveCommit(repo, from);
  if (!start) throw new GitHubError(404, { message: `No commit found for SHA: ${from}` });
  const since = q.since === undefined ? undefined : Date.parse(String(q.since));
  const until = q.until === undefined ? undefined : Date.parse(String(q.until));
  const path = typeof q.path === 'string' ? q.path.replace(/^\/+|\/+$/g, '') : undefined;
  const person = (value: unknown, who: { name: string; email: string }) => {
    if (value === undefined) return true;
    const wanted = String(value).toLowerCase();
    return (
      who.email.toLowerCase() === wanted ||
      who.email.toLowerCase().startsWith(`${wanted}@`) ||
      who.name.toLowerCase() === wanted
    );
  };
  const commits = repo.git.history(start).filter((sha) => {
    const commit = repo.git.commit(sha);
    if (!commit) return false;
    const at = Date.parse(commit.committer.date);
    if (since !== undefined && at < since) return false;
    if (until !== undefined && at > until) return false;
    if (!person(q.author, commit.author) || !person(q.committer, commit.committer)) return false;
    if (path !== undefined && path !== '') {
      const mine = repo.git.entryAt(commit.tree, path)?.sha;
      const parent = commit.parents[0] ? repo.git.commit(commit.parents[0]) : undefined;
      const theirs = parent ? repo.git.entryAt(parent.tree, path)?.sha : undefined;
      if (mine === theirs) return false;
    }
    return true;
  });
  return paginate(ctx, commits, (sha) => ctx.shapes.commit(repo, sha));
};

const getCommit: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const ref = ctx.params.ref ?? '';
  if (repo.refs.size === 0) throw new GitHubError(409, { message: 'Git Repository is empty.' });
  const sha = ctx.state.resolveCommit(repo, ref);
  if (!sha) throw new GitHubError(422, { message: `No commit found for SHA: ${ref}` });
  return ok(ctx.shapes.commitWithFiles(repo, sha));
};

/** `base...head`: the commits of head since the merge base (oldest first, paginated) and the files changed. */
const compare: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const basehead = ctx.params.basehead ?? '';
  const at = basehead.indexOf('...');
  if (at <= 0) throw notFound();
  const base = basehead.slice(0, at);
  const head = basehead.slice(at + 3);
  const baseSha = ctx.state.resolveCommit(repo, base);
  const headSha = ctx.state.resolveCommit(repo, head);
  if (!baseSha || !headSha) throw notFound();
  const mergeBase = repo.git.mergeBase(baseSha, headSha);
  // Unrelated histories: GitHub answers 404 with this message.
  if (!mergeBase) throw new GitHubError(404, { message: `No common ancestor between ${base} and ${head}.` });
  const ofBase = repo.git.ancestors(baseSha);
  const ofHead = repo.git.ancestors(headSha);
  const ahead = repo.git
    .history(headSha)
    .filter((sha) => !ofBase.has(sha))
    .reverse();
  const behind = repo.git.history(baseSha).filter((sha) => !ofHead.has(sha)).length;
  const perPage = Math.min(Math.max(Number(ctx.query.per_page ?? 250), 1), 250);
  const pageNumber = Math.max(Number(ctx.query.page ?? 1), 1);
  const commits = ahead
    .slice((pageNumber - 1) * perPage, pageNumber * perPage)
    .map((sha) => ctx.shapes.commit(repo, sha));
  return ok(
    ctx.shapes.comparison(repo, { base, head, baseSha, headSha }, { commits, ahead: ahead.length, behind, mergeBase }),
  );
};

const permission: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  return ok(ctx.shapes.collaboratorPermission(repo, ctx.params.username ?? ''));
};

const authenticated: RouteHandler = (ctx) => ok(ctx.shapes.authenticatedUser(ctx.actor));

export const repoRoutes: Record<string, RouteHandler> = {
  'repos/get': getRepo,
  'repos/get-content': getContent,
  'repos/create-or-update-file-contents': putContent,
  'repos/list-commits': listCommits,
  'repos/get-commit': getCommit,
  'repos/compare-commits-with-basehead': compare,
  'repos/get-collaborator-permission-level': permission,
  'users/get-authenticated': authenticated,
};
