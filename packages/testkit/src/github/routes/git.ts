import { GitHubError, notFound, validationFailed } from '../errors.ts';
import type { EntryMode, EntryType, GitPerson, Leaf } from '../git-objects.ts';
import { isoSeconds, type RepoRecord } from '../state.ts';
import { created, noContent, ok, type RouteContext, type RouteHandler, repoOf } from './context.ts';

function unprocessable(message: string): GitHubError {
  return new GitHubError(422, { message });
}

function refName(ctx: RouteContext): string {
  return `refs/${ctx.params.ref ?? ''}`;
}

const getRef: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const ref = refName(ctx);
  const sha = repo.refs.get(ref);
  if (!sha) throw notFound();
  return ok(ctx.shapes.gitRef(repo, ref, sha));
};

const listMatchingRefs: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const prefix = refName(ctx);
  const refs = [...repo.refs.entries()].filter(([ref]) => ref.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
  return ok(refs.map(([ref, sha]) => ctx.shapes.gitRef(repo, ref, sha)));
};

const createRef: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const body = ctx.body as { ref: string; sha: string };
  if (!/^refs\/[^/]+\/.+/.test(body.ref)) {
    throw unprocessable("Reference name must start with 'refs/' and have at least two slashes.");
  }
  if (repo.refs.has(body.ref)) throw unprocessable('Reference already exists');
  if (!repo.git.get(body.sha)) throw unprocessable('Object does not exist');
  repo.refs.set(body.ref, body.sha);
  repo.pushed_at = ctx.state.timestamp();
  return created(ctx.shapes.gitRef(repo, body.ref, body.sha), `${ctx.shapes.api(repo)}/git/${body.ref}`);
};

const updateRef: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const ref = refName(ctx);
  const body = ctx.body as { sha: string; force?: boolean };
  const current = repo.refs.get(ref);
  if (!current) throw unprocessable('Reference does not exist');
  if (!repo.git.commit(body.sha)) throw unprocessable('Object does not exist');
  if (!body.force && current !== body.sha && !repo.git.isAncestor(current, body.sha)) {
    throw unprocessable('Update is not a fast forward');
  }
  repo.refs.set(ref, body.sha);
  repo.pushed_at = ctx.state.timestamp();
  return ok(ctx.shapes.gitRef(repo, ref, body.sha));
};

const deleteRef: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const ref = refName(ctx);
  if (!repo.refs.delete(ref)) throw unprocessable('Reference does not exist');
  return noContent;
};

interface TreeItem {
  path?: string;
  mode?: EntryMode;
  type?: EntryType;
  sha?: string | null;
  content?: string;
}

const createTree: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const body = ctx.body as { tree: TreeItem[]; base_tree?: string };
  let files = new Map<string, Leaf>();
  if (body.base_tree !== undefined) {
    if (!repo.git.tree(body.base_tree)) throw unprocessable(`base_tree ${body.base_tree} is not a valid tree oid`);
    files = repo.git.flatten(body.base_tree);
  }
  for (const [index, item] of body.tree.entries()) {
    const where = `tree.${index}`;
    if (!item.path || item.path.startsWith('/') || item.path.endsWith('/') || item.path.split('/').includes('..')) {
      throw unprocessable(`GitRPC::BadObjectState: ${where}.path ${JSON.stringify(item.path)} is not a valid path`);
    }
    if (item.sha !== undefined && item.content !== undefined) {
      throw unprocessable(`Invalid tree info: ${where} has both sha and content; send one of them`);
    }
    const type = item.type ?? 'blob';
    const mode = item.mode ?? (type === 'tree' ? '040000' : '100644');
    if ((type === 'tree') !== (mode === '040000'))
      throw unprocessable(`Invalid tree info: ${where} mode ${mode} does not fit type ${type}`);
    const path = item.path;
    if (type === 'tree') {
      for (const key of [...files.keys()]) if (key.startsWith(`${path}/`)) files.delete(key);
      if (item.sha === null || item.sha === undefined) continue;
      if (!repo.git.tree(item.sha)) throw unprocessable(`Invalid tree info: ${where}.sha ${item.sha} is not a tree`);
      for (const [sub, leaf] of repo.git.flatten(item.sha)) files.set(`${path}/${sub}`, leaf);
      continue;
    }
    if (item.sha === null) {
      files.delete(path);
      continue;
    }
    let sha = item.sha;
    if (sha === undefined) sha = repo.git.putBlob(Buffer.from(item.content ?? '', 'utf8'));
    else if (type === 'blob' && !repo.git.blob(sha))
      throw unprocessable(`Invalid tree info: ${where}.sha ${sha} is not a blob`);
    // A file replacing a directory (or the reverse) drops what was there, as git does.
    for (const key of [...files.keys()]) if (key.startsWith(`${path}/`)) files.delete(key);
    files.set(path, { mode, type, sha });
  }
  const sha = repo.git.buildTree(files);
  return created(ctx.shapes.tree(repo, sha, repo.git.walk(sha, false)), `${ctx.shapes.api(repo)}/git/trees/${sha}`);
};

function treeIsh(ctx: RouteContext, repo: RepoRecord, value: string): string | undefined {
  if (repo.git.tree(value)) return value;
  const commit = ctx.state.resolveCommit(repo, value);
  return commit ? repo.git.commit(commit)?.tree : undefined;
}

const getTree: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const sha = treeIsh(ctx, repo, ctx.params.tree_sha ?? '');
  if (!sha) throw notFound();
  // GitHub recurses for any value of `recursive`, even "false" or "0".
  const recursive = ctx.rawQuery.recursive !== undefined;
  return ok(ctx.shapes.tree(repo, sha, repo.git.walk(sha, recursive)));
};

interface PersonBody {
  name?: string;
  email?: string;
  date?: string;
}

const createCommit: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const body = ctx.body as {
    message: string;
    tree: string;
    parents?: string[];
    author?: PersonBody;
    committer?: PersonBody;
  };
  if (!repo.git.tree(body.tree)) throw unprocessable('Tree SHA does not exist');
  for (const parent of body.parents ?? []) {
    if (!repo.git.commit(parent)) throw unprocessable('Parent SHA does not exist or is not a commit object');
  }
  const now = ctx.state.timestamp();
  const person = (given: PersonBody | undefined, fallback: GitPerson): GitPerson => ({
    name: given?.name ?? fallback.name,
    email: given?.email ?? fallback.email,
    date: given?.date ? isoSeconds(new Date(given.date)) : fallback.date,
  });
  const author = person(body.author, { name: ctx.actor, email: `${ctx.actor}@users.noreply.github.com`, date: now });
  const committer = person(body.committer, author);
  const sha = repo.git.putCommit({
    tree: body.tree,
    parents: body.parents ?? [],
    message: body.message,
    author,
    committer,
  });
  return created(ctx.shapes.gitCommit(repo, sha), `${ctx.shapes.api(repo)}/git/commits/${sha}`);
};

const getCommit: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const sha = ctx.params.commit_sha ?? '';
  if (!repo.git.commit(sha)) throw notFound();
  return ok(ctx.shapes.gitCommit(repo, sha));
};

const createBlob: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const body = ctx.body as { content: string; encoding?: string };
  const encoding = body.encoding ?? 'utf-8';
  let content: Buffer;
  if (encoding === 'base64') {
    const compact = body.content.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
      throw validationFailed([
        { resource: 'Blob', field: 'content', code: 'invalid', message: 'content is not valid Base64' },
      ]);
    }
    content = Buffer.from(compact, 'base64');
  } else if (encoding === 'utf-8' || encoding === 'utf8') {
    content = Buffer.from(body.content, 'utf8');
  } else {
    throw validationFailed([
      { resource: 'Blob', field: 'encoding', code: 'invalid', message: `unknown encoding ${encoding}` },
    ]);
  }
  const sha = repo.git.putBlob(content);
  return created({ url: `${ctx.shapes.api(repo)}/git/blobs/${sha}`, sha }, `${ctx.shapes.api(repo)}/git/blobs/${sha}`);
};

const getBlob: RouteHandler = (ctx) => {
  const repo = repoOf(ctx);
  const sha = ctx.params.file_sha ?? '';
  const blob = repo.git.blob(sha);
  if (!blob) throw notFound();
  return ok(ctx.shapes.blob(repo, sha, blob.content));
};

export const gitRoutes: Record<string, RouteHandler> = {
  'git/get-ref': getRef,
  'git/list-matching-refs': listMatchingRefs,
  'git/create-ref': createRef,
  'git/update-ref': updateRef,
  'git/delete-ref': deleteRef,
  'git/create-tree': createTree,
  'git/get-tree': getTree,
  'git/create-commit': createCommit,
  'git/get-commit': getCommit,
  'git/create-blob': createBlob,
  'git/get-blob': getBlob,
};
