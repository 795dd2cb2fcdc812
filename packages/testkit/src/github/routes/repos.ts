import { GitHubError, notFound } from '../errors.ts';
import { ok, paginate, type RouteHandler, repoOf } from './context.ts';

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
  'repos/list-commits': listCommits,
  'repos/get-commit': getCommit,
  'repos/compare-commits-with-basehead': compare,
  'repos/get-collaborator-permission-level': permission,
  'users/get-authenticated': authenticated,
};
