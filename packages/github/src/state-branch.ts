import { DeliveryError } from '@circuitboard/core/sync';
import { classifyGitHubError, type RepoRef, statusOf } from './gateway.ts';
import { gitBlobSha } from './git-data.ts';
import type { WritePacer } from './mirror-limits.ts';
import type { Octokit } from './octokit.ts';

/** The branch Circuitboard keeps its own state on (the delivery ledger, linked identities, weekly metrics). */
export const DEFAULT_STATE_BRANCH = 'circuitboard-state';

export interface StateBranchOptions extends RepoRef {
  octokit: Octokit;
  /** Default circuitboard-state. Created, as a branch of its own with no history, on the first write. */
  branch?: string;
  /** Paces the writes with the rest of the run's GitHub writes; state writes count as essential. */
  pacer?: WritePacer;
  /** Waits between tries after a 5xx, a lost answer or a rate limit (tests pass a virtual clock). */
  sleep?: (ms: number) => Promise<void>;
}

/** One version of a file on the state branch. */
export interface StateText {
  text: string;
  /** The blob sha: what a write compares against. */
  sha: string;
}

/** An earlier version of a file, from the branch's history. */
export interface StateVersion extends StateText {
  commit: string;
  /** When it was committed (ISO). */
  date: string;
}

export interface StateBranchStats {
  reads: number;
  writes: number;
  /** Versions written (one commit each). */
  commits: number;
  /** Writes refused because the file had changed since it was read. */
  conflicts: number;
}

/**
 * Files on a state branch, each written with one request (the contents API) as a compare-and-swap on the file's
 * blob: a write names the version it replaces and is refused (409) when another writer got there first.
 */
export interface StateBranch {
  readonly name: string;
  readonly stats: StateBranchStats;
  /** The file as it is now; undefined when the file or the branch does not exist. */
  read(path: string): Promise<StateText | undefined>;
  /** Whether the branch exists (to tell a deleted branch from a deleted file). */
  exists(): Promise<boolean>;
  /**
   * Writes `text` if the file is still at `expected` (the blob sha read; undefined: the file must not exist yet).
   * Returns the new blob sha, or 'conflict' when the file changed in between. A write whose answer was lost is
   * checked by reading the file again, never blindly repeated; 5xx and rate limits are tried again twice.
   */
  write(path: string, text: string, expected: string | undefined, message: string): Promise<string | 'conflict'>;
  /** Earlier versions of the file, newest first: the commits that changed it, at most `depth` of them. */
  history(path: string, depth: number): AsyncGenerator<StateVersion>;
}

function transient(error: unknown): boolean {
  const status = statusOf(error);
  if (status === undefined || status >= 500 || status === 429) return true;
  return status === 403 && /rate limit/i.test(String((error as Error).message));
}

export function createStateBranch(options: StateBranchOptions): StateBranch {
  const { octokit, owner, repo } = options;
  const name = options.branch ?? DEFAULT_STATE_BRANCH;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const stats: StateBranchStats = { reads: 0, writes: 0, commits: 0, conflicts: 0 };

  const send = async <T>(request: () => Promise<T>): Promise<T> => {
    await options.pacer?.wait({ essential: true });
    stats.writes += 1;
    return request();
  };

  async function readAt(path: string, ref: string): Promise<StateText | undefined> {
    stats.reads += 1;
    try {
      const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref });
      if (Array.isArray(data) || data.type !== 'file') return undefined;
      if ('content' in data && data.encoding === 'base64' && (data.content || data.size === 0))
        return { text: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha };
      // Over 1 MB the contents API leaves the content out: read the blob.
      stats.reads += 1;
      const blob = await octokit.rest.git.getBlob({ owner, repo, file_sha: data.sha });
      return { text: Buffer.from(blob.data.content, 'base64').toString('utf8'), sha: data.sha };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw classifyGitHubError(error, `read ${path} from the ${name} branch`);
    }
  }

  async function exists(): Promise<boolean> {
    stats.reads += 1;
    try {
      await octokit.rest.git.getRef({ owner, repo, ref: `heads/${name}` });
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw classifyGitHubError(error, `read the ${name} branch`);
    }
  }

  /** A branch of its own (no parent) holding only this file; 'conflict' when someone else created it first. */
  async function createBranch(path: string, text: string, message: string): Promise<string | 'conflict'> {
    // A tree or commit nobody points at is harmless, so one whose answer was lost is simply made again.
    const again = async <T>(what: string, request: () => Promise<T>): Promise<T> => {
      for (let i = 0; ; i++) {
        try {
          return await send(request);
        } catch (error) {
          if (!transient(error) || i >= 2) throw classifyGitHubError(error, what);
          await sleep(1000 * 2 ** i);
        }
      }
    };
    const tree = await again(`write the first tree of the ${name} branch`, () =>
      octokit.rest.git.createTree({ owner, repo, tree: [{ path, mode: '100644', type: 'blob', content: text }] }),
    );
    const commit = await again(`write the first commit of the ${name} branch`, () =>
      octokit.rest.git.createCommit({ owner, repo, message, tree: tree.data.sha, parents: [] }),
    );
    for (let i = 0; ; i++) {
      try {
        await send(() => octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${name}`, sha: commit.data.sha }));
        return gitBlobSha(text);
      } catch (error) {
        if (statusOf(error) === 422) return 'conflict';
        if (!transient(error) || i >= 2) throw classifyGitHubError(error, `create the ${name} branch`);
        // The answer was lost: the branch tells whether it was created, and by whom.
        const now = await readAt(path, name);
        if (now) return now.sha === gitBlobSha(text) ? now.sha : 'conflict';
        await sleep(1000 * 2 ** i);
      }
    }
  }

  async function write(
    path: string,
    text: string,
    expected: string | undefined,
    message: string,
  ): Promise<string | 'conflict'> {
    const mine = gitBlobSha(text);
    for (let i = 0; ; i++) {
      try {
        const { data } = await send(() =>
          octokit.rest.repos.createOrUpdateFileContents({
            owner,
            repo,
            path,
            branch: name,
            message,
            content: Buffer.from(text, 'utf8').toString('base64'),
            ...(expected ? { sha: expected } : {}),
          }),
        );
        stats.commits += 1;
        return data.content?.sha ?? mine;
      } catch (error) {
        const status = statusOf(error);
        if (status === 404) {
          if (await exists()) throw classifyGitHubError(error, `write ${path} to the ${name} branch`);
          // No branch yet, or it was deleted since the file was read (then read again and decide).
          if (expected !== undefined) return conflicted();
          const created = await createBranch(path, text, message);
          if (created === 'conflict') return conflicted();
          stats.commits += 1;
          return created;
        }
        if (status === 409 || (status === 422 && /\bsha\b/i.test(String((error as Error).message))))
          return conflicted();
        if (!transient(error) || i >= 2) throw classifyGitHubError(error, `write ${path} to the ${name} branch`);
        // A 5xx, a rate limit or a lost answer: the file tells whether the write happened.
        const now = await readAt(path, name);
        if (now?.sha === mine) {
          stats.commits += 1;
          return mine;
        }
        if (now?.sha !== expected) return conflicted();
        await sleep(1000 * 2 ** i);
      }
    }
  }

  function conflicted(): 'conflict' {
    stats.conflicts += 1;
    return 'conflict';
  }

  async function* history(path: string, depth: number): AsyncGenerator<StateVersion> {
    stats.reads += 1;
    let commits: { sha: string; commit: { committer: { date?: string } | null } }[];
    try {
      ({ data: commits } = await octokit.rest.repos.listCommits({ owner, repo, sha: name, path, per_page: depth }));
    } catch (error) {
      if (statusOf(error) === 404 || statusOf(error) === 409) return;
      throw classifyGitHubError(error, `read the history of ${path} on the ${name} branch`);
    }
    for (const c of commits.slice(0, depth)) {
      const version = await readAt(path, c.sha);
      if (version) yield { ...version, commit: c.sha, date: c.commit.committer?.date ?? '' };
    }
  }

  return { name, stats, read: (path) => readAt(path, name), exists, write, history };
}

/** How the last read found the file. */
export type StateOrigin =
  | { kind: 'absent'; branch: boolean }
  | { kind: 'current' }
  /** The current version did not parse; an earlier one did. */
  | { kind: 'recovered'; commit: string; date: string; error: string };

export interface StateDocumentSpec<T> {
  /** Path of the file on the branch, e.g. `ledger.json`, `people.json`, `metrics/2026-W47.json`. */
  path: string;
  /** The value when there is no file. */
  empty(): T;
  /** Reads a version; throws when it is not a valid document (an earlier version is then looked for). */
  parse(text: string): T;
  serialise(value: T): string;
  /**
   * After a compare-and-swap conflict in `write`: what to store given what another writer stored (`stored`), this
   * writer's value and what this writer last read (`base`). Without it, `write` gives up on a conflict (use update).
   */
  merge?(stored: T, mine: T, base: T | undefined): T;
  /** Versions of the file's history tried when the current one does not parse (default 20). */
  historyDepth?: number;
  /** Compare-and-swap attempts before giving up (default 6). */
  maxAttempts?: number;
}

/** The file does not parse, and neither does any version of it in the history that was looked at. */
export class StateFileUnreadableError extends DeliveryError {
  override name = 'StateFileUnreadableError';
  readonly path: string;
  constructor(path: string, message: string) {
    super(message, 'target');
    this.path = path;
  }
}

/** A JSON (or any text) document on the state branch, read and written as a whole. */
export interface StateDocument<T> {
  readonly path: string;
  /** How the last read found the file. */
  readonly origin: StateOrigin | undefined;
  /**
   * The document, or `empty()` when there is none. A version that does not parse is never read as empty: the
   * newest earlier version that parses is used instead (origin 'recovered'), and when there is none this throws
   * StateFileUnreadableError.
   */
  read(): Promise<T>;
  /**
   * Stores `value` over what was last read or written (reading first if nothing was). On a conflict, reads again,
   * merges (spec.merge) and tries again. Writing what is already stored makes no request. Returns what is stored.
   */
  write(value: T, message: string): Promise<T>;
  /** Read, change, write; on a conflict the change is made again on what is stored then. */
  update(change: (current: T) => T, message: string): Promise<T>;
}

export function createStateDocument<T>(branch: StateBranch, spec: StateDocumentSpec<T>): StateDocument<T> {
  const depth = spec.historyDepth ?? 20;
  const attempts = spec.maxAttempts ?? 6;
  let origin: StateOrigin | undefined;
  /** The blob the file was at when last read or written (undefined: no file), and the value and text in it. */
  let sha: string | undefined;
  let base: T | undefined;
  let baseText: string | undefined;
  let loaded = false;

  const clone = (value: T): T => spec.parse(spec.serialise(value));

  async function read(): Promise<T> {
    loaded = false;
    const now = await branch.read(spec.path);
    sha = now?.sha;
    if (!now) {
      origin = { kind: 'absent', branch: await branch.exists() };
      base = spec.empty();
      baseText = undefined;
      loaded = true;
      return clone(base);
    }
    try {
      base = spec.parse(now.text);
      origin = { kind: 'current' };
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      const found = await recover(now.sha);
      if (!found) {
        throw new StateFileUnreadableError(
          spec.path,
          `${spec.path} on the ${branch.name} branch does not parse (${problem}), and none of its last ${depth} versions does either`,
        );
      }
      base = found.value;
      origin = { kind: 'recovered', commit: found.commit, date: found.date, error: problem };
    }
    // The text a write must differ from: the broken file is replaced even by the same value it held last.
    baseText = origin.kind === 'current' ? spec.serialise(base) : undefined;
    loaded = true;
    return clone(base);
  }

  async function recover(bad: string): Promise<{ value: T; commit: string; date: string } | undefined> {
    for await (const version of branch.history(spec.path, depth)) {
      if (version.sha === bad) continue;
      try {
        return { value: spec.parse(version.text), commit: version.commit, date: version.date };
      } catch {
        // Broken too: look further back.
      }
    }
    return undefined;
  }

  async function store(
    next: T,
    message: string,
    onConflict: (stored: T, mine: T, previous: T | undefined) => T,
  ): Promise<T> {
    if (!loaded) await read();
    let value = next;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const text = spec.serialise(value);
      if (text === baseText) return clone(value);
      const written = await branch.write(spec.path, text, sha, message);
      if (written !== 'conflict') {
        sha = written;
        base = value;
        baseText = text;
        return clone(value);
      }
      const previous = base;
      const stored = await read();
      value = onConflict(stored, value, previous);
    }
    throw new DeliveryError(
      `could not write ${spec.path}: the ${branch.name} branch kept changing under it (${attempts} attempts)`,
      'ambiguous',
    );
  }

  return {
    path: spec.path,
    get origin() {
      return origin;
    },
    read,
    write(value, message) {
      return store(clone(value), message, (stored, mine, previous) => {
        if (!spec.merge)
          throw new DeliveryError(
            `${spec.path} changed on the ${branch.name} branch while it was being written; use update to change it`,
            'rejected',
          );
        return spec.merge(stored, mine, previous);
      });
    },
    async update(change, message) {
      const current = loaded && base !== undefined ? clone(base) : await read();
      return store(change(current), message, (stored) => change(stored));
    },
  };
}
