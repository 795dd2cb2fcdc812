import { execFile } from 'node:child_process';
import {
  addTreeFile,
  type DecodedText,
  decodeUtf8,
  decodeUtf8File,
  diffRegistries,
  keepLastGoodProjects,
  loadRegistry,
  MAX_TREE_FILE_BYTES,
  PROJECTS_DIR,
  ProjectCache,
  type ProjectEvent,
  type ProjectTree,
  type Registry,
} from '@circuitboard/core';
import type { RepositorySource } from '@circuitboard/core/sync';

export interface CommitInfo {
  sha: string;
  parents: string[];
  /** Committer date, ISO 8601 with the committer's offset. */
  date: string;
  author: { name: string; email: string };
  subject: string;
  /** Paths changed relative to the first parent (limited to `paths` when given). */
  files: string[];
}

/** Generous: git prints whole trees and blobs of projects/ at once. */
const MAX_BUFFER = 512 * 1024 * 1024;

/** Runs git without a shell; stdout as bytes. Errors name the command and carry git's own message. */
function git(repoDir: string, args: string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd: repoDir,
        encoding: 'buffer',
        maxBuffer: MAX_BUFFER,
        // No prompts, no locks taken on the repository, stable English messages.
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.toString('utf8').trim() || error.message;
          reject(new Error(`git ${args.join(' ')} failed in ${repoDir}: ${detail}`));
        } else resolve(stdout);
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Runs git for a yes/no question: its exit code instead of an error (1 is an answer, not a failure). */
function gitAnswer(repoDir: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return git(repoDir, args).then(
    (stdout) => ({ code: 0, stdout: stdout.toString('utf8') }),
    () => ({ code: 1, stdout: '' }),
  );
}

/** A revision must never be read as an option (`--output=…`) or smuggle a second argument. */
function checkRevision(rev: string, what: string): string {
  if (rev === '' || rev.startsWith('-') || /[\s\u0000]/.test(rev)) {
    throw new Error(`${what} ${JSON.stringify(rev)} is not a git revision; give a commit sha, branch or tag`);
  }
  return rev;
}

interface TreeEntry {
  mode: string;
  type: string;
  sha: string;
  size: number;
  path: string;
}

async function listTree(repoDir: string, rev: string): Promise<TreeEntry[]> {
  const out = await git(repoDir, [
    'ls-tree',
    '-r',
    '-z',
    '-l',
    '--full-tree',
    checkRevision(rev, 'revision'),
    '--',
    PROJECTS_DIR,
  ]);
  const entries: TreeEntry[] = [];
  for (const record of out.toString('utf8').split('\u0000')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode = '', type = '', sha = '', size = '-'] = record.slice(0, tab).split(/ +/);
    entries.push({ mode, type, sha, size: size === '-' ? 0 : Number(size), path: record.slice(tab + 1) });
  }
  return entries;
}

/** Reads many blobs with one `git cat-file --batch`, each decoded once (strictly: bytes that are not UTF-8 are said where). */
async function readBlobs(repoDir: string, shas: string[]): Promise<Map<string, DecodedText>> {
  const blobs = new Map<string, DecodedText>();
  if (shas.length === 0) return blobs;
  const out = await git(repoDir, ['cat-file', '--batch'], `${shas.join('\n')}\n`);
  let offset = 0;
  while (offset < out.length) {
    const newline = out.indexOf(0x0a, offset);
    if (newline < 0) break;
    const [sha = '', , size = '0'] = out.subarray(offset, newline).toString('utf8').split(' ');
    const start = newline + 1;
    const end = start + Number(size);
    blobs.set(sha, decodeUtf8(out.subarray(start, end)));
    offset = end + 1;
  }
  return blobs;
}

/**
 * The {@link ProjectTree} of `projects/` at `rev`, read from the object database (the working
 * tree is not touched). Symlinks and submodules are reported, never followed.
 */
export async function readProjectTreeAt(repoDir: string, rev: string): Promise<ProjectTree> {
  return readTreeCached(repoDir, rev, new Map());
}

async function readTreeCached(repoDir: string, rev: string, blobCache: Map<string, DecodedText>): Promise<ProjectTree> {
  const tree: ProjectTree = { files: new Map(), symlinks: [], other: [], tooLarge: new Map() };
  const entries = await listTree(repoDir, rev);
  const wanted = new Set<string>();
  for (const entry of entries) {
    if (entry.mode === '120000') tree.symlinks.push(entry.path);
    else if (entry.type !== 'blob') tree.other?.push(entry.path);
    else if (entry.size > MAX_TREE_FILE_BYTES) tree.tooLarge?.set(entry.path, entry.size);
    else if (!blobCache.has(entry.sha)) wanted.add(entry.sha);
  }
  for (const [sha, decoded] of await readBlobs(repoDir, [...wanted])) blobCache.set(sha, decoded);
  for (const entry of entries) {
    if (entry.type === 'blob' && entry.mode !== '120000' && entry.size <= MAX_TREE_FILE_BYTES) {
      addTreeFile(tree, entry.path, blobCache.get(entry.sha) ?? { text: '' });
    }
  }
  return tree;
}

/**
 * Commits reachable from `to` and not from `from`, following first parents only (the history of
 * the default branch as merged), oldest first. `paths` limits to commits that change them;
 * `since`/`until` are passed to git (`2026-11-01`, `2 weeks ago`).
 */
export async function listCommits(
  repoDir: string,
  options: { from?: string; to: string; paths?: string[]; since?: string; until?: string },
): Promise<CommitInfo[]> {
  const to = checkRevision(options.to, 'to');
  const range = options.from ? `${checkRevision(options.from, 'from')}..${to}` : to;
  const args = [
    'log',
    '--first-parent',
    '--reverse',
    '-z',
    '--no-renames',
    '--diff-merges=first-parent',
    '--name-only',
    '--format=%x1e%H%x1f%P%x1f%cI%x1f%an%x1f%ae%x1f%s',
  ];
  // One argv entry each, so "2 weeks ago" is safe as it is.
  if (options.since) args.push(`--since=${options.since}`);
  if (options.until) args.push(`--until=${options.until}`);
  args.push(range, '--', ...(options.paths ?? []));
  const out = (await git(repoDir, args)).toString('utf8');
  const commits: CommitInfo[] = [];
  for (const record of out.split('\u001e')) {
    if (record === '') continue;
    const end = record.indexOf('\u0000');
    const header = end < 0 ? record : record.slice(0, end);
    const [sha = '', parents = '', date = '', name = '', email = '', ...subject] = header.split('\u001f');
    const files =
      end < 0
        ? []
        : record
            .slice(end + 1)
            .replace(/^\n/, '')
            .split('\u0000')
            .filter((f) => f !== '');
    commits.push({
      sha,
      parents: parents === '' ? [] : parents.split(' '),
      date,
      author: { name, email },
      subject: subject.join('\u001f'),
      files,
    });
  }
  return commits;
}

/**
 * Events for every commit in `from..to` that touches projects/ (first parent only), each commit
 * diffed against its first parent; `revision` is the commit sha and `date` its committer date in
 * UTC. Without `from`, history starts empty, so the first commits create their projects. A project
 * whose project.yml is broken in some commit keeps its last good state until it is fixed, so a
 * broken-then-fixed file does not re-announce the project.
 */
export async function eventsBetween(
  repoDir: string,
  from: string | undefined,
  to: string,
  options: { today?: string } = {},
): Promise<ProjectEvent[]> {
  const commits = await listCommits(repoDir, { ...(from ? { from } : {}), to, paths: [PROJECTS_DIR] });
  const blobs = new Map<string, DecodedText>();
  const cache = new ProjectCache();
  const registryAt = async (rev: string) =>
    loadRegistry(await readTreeCached(repoDir, rev, blobs), {
      cache,
      ...(options.today ? { today: options.today } : {}),
    });

  const events: ProjectEvent[] = [];
  let state: Registry | undefined;
  for (const [i, commit] of commits.entries()) {
    const parent = commit.parents[0];
    // Commits between two listed ones do not touch projects/, so the last state is the parent's.
    if (i === 0 && parent) state = await registryAt(parent);
    const next = keepLastGoodProjects(state, await registryAt(commit.sha));
    events.push(...diffRegistries(state, next, { revision: commit.sha, date: utcDate(commit.date) }));
    state = next;
  }
  return events;
}

function utcDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso.slice(0, 10) : date.toISOString().slice(0, 10);
}

/** Whether `repoDir` is a git work tree that holds `rev` (so checkoutSource can be used). */
export async function hasCommit(repoDir: string, rev: string): Promise<boolean> {
  try {
    return (await gitAnswer(repoDir, ['cat-file', '-e', `${checkRevision(rev, 'commit')}^{commit}`])).code === 0;
  } catch {
    return false;
  }
}

/** The repository read from a local clone (the workflows check out with fetch-depth: 0). */
export function checkoutSource(repoDir: string): RepositorySource {
  return {
    readTree: (rev) => readProjectTreeAt(repoDir, rev),
    async readFile(rev, path) {
      const bytes = await git(repoDir, ['show', `${checkRevision(rev, 'revision')}:${path}`]).catch(() => undefined);
      return bytes === undefined ? undefined : decodeUtf8File(bytes, path);
    },
    eventsBetween: (from, to, today) => eventsBetween(repoDir, from, to, { today }),
    async isAncestor(a, b) {
      const args = ['merge-base', '--is-ancestor', checkRevision(a, 'revision'), checkRevision(b, 'revision')];
      return (await gitAnswer(repoDir, args)).code === 0;
    },
    async mergeBase(a, b) {
      const { code, stdout } = await gitAnswer(repoDir, [
        'merge-base',
        checkRevision(a, 'revision'),
        checkRevision(b, 'revision'),
      ]);
      return code === 0 && stdout.trim() ? stdout.trim() : undefined;
    },
  };
}
