import { readFile, rename, writeFile } from 'node:fs/promises';
import {
  CLAIM_TTL_MS,
  cloneLedger,
  emptyLedger,
  type LedgerState,
  type LedgerStore,
  mergeLedgers,
  parseLedger,
  serialiseLedger,
} from '@circuitboard/core/sync';
import { classifyGitHubError, type RepoRef, statusOf } from './gateway.ts';
import type { WritePacer } from './mirror-limits.ts';
import type { Octokit } from './octokit.ts';

export const DEFAULT_LEDGER_BRANCH = 'circuitboard-state';
export const LEDGER_FILE = 'ledger.json';

export interface GitLedgerStoreOptions extends RepoRef {
  octokit: Octokit;
  /** The state branch (default circuitboard-state); it holds only the ledger file. */
  branch?: string;
  path?: string;
  pacer?: WritePacer;
  /** Compare-and-swap attempts before giving up (default 6). */
  maxAttempts?: number;
  /** Waits between tries after a 5xx, a lost answer or a rate limit (tests pass a no-op). */
  sleep?: (ms: number) => Promise<void>;
  ttlMs?: number;
  log?: (line: string) => void;
}

export interface GitLedgerStore extends LedgerStore {
  readonly stats: { reads: number; writes: number; commits: number; conflicts: number };
}

function isConflict(error: unknown): boolean {
  const status = statusOf(error);
  return status === 409 || status === 422;
}

function ambiguous(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500;
}

/**
 * The delivery ledger as one JSON file on a state branch, written through the Git Data API: tree (with the file
 * inline) → commit → ref update with `force: false`, a compare-and-swap on the branch. When another run moved the
 * branch first (422), the store reads it again, merges (union of deliveries, first live claim wins) and retries.
 * A ref update whose answer was lost is checked by reading the ref again.
 */
export function createGitLedgerStore(options: GitLedgerStoreOptions): GitLedgerStore {
  const { octokit, owner, repo } = options;
  const branch = options.branch ?? DEFAULT_LEDGER_BRANCH;
  const path = options.path ?? LEDGER_FILE;
  const attempts = options.maxAttempts ?? 6;
  const ttl = options.ttlMs ?? CLAIM_TTL_MS;
  const stats = { reads: 0, writes: 0, commits: 0, conflicts: 0 };
  /** The commit the branch pointed at when last read or written, and the state in it. */
  let head: string | undefined;
  let base: LedgerState | undefined;
  let baseText: string | undefined;

  const w = async <T>(send: () => Promise<T>): Promise<T> => {
    await options.pacer?.wait({ essential: true });
    stats.writes += 1;
    return send();
  };

  async function readHead(): Promise<string | undefined> {
    stats.reads += 1;
    try {
      const { data } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
      return data.object.sha;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw classifyGitHubError(error, `read the ${branch} branch`);
    }
  }

  async function readAt(sha: string | undefined): Promise<LedgerState> {
    if (!sha) return emptyLedger();
    stats.reads += 1;
    try {
      const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref: sha });
      if (Array.isArray(data) || data.type !== 'file') return emptyLedger();
      let text =
        'content' in data && data.encoding === 'base64' ? Buffer.from(data.content, 'base64').toString('utf8') : '';
      if (!text && data.size > 0) {
        // Over 1 MB the contents API leaves the content out: read the blob.
        stats.reads += 1;
        const blob = await octokit.rest.git.getBlob({ owner, repo, file_sha: data.sha });
        text = Buffer.from(blob.data.content, 'base64').toString('utf8');
      }
      try {
        return parseLedger(text);
      } catch {
        options.log?.(
          `${path} on ${branch} is not JSON; starting from an empty ledger and keeping the old file in history`,
        );
        return emptyLedger();
      }
    } catch (error) {
      if (statusOf(error) === 404) return emptyLedger();
      throw classifyGitHubError(error, `read ${path} from the ${branch} branch`);
    }
  }

  async function read(): Promise<LedgerState> {
    head = await readHead();
    base = await readAt(head);
    baseText = serialiseLedger(base);
    return cloneLedger(base);
  }

  /** One compare-and-swap: returns the new head, or 'conflict'. */
  async function commit(text: string, message: string, parent: string | undefined): Promise<string | 'conflict'> {
    const safe = async <T>(what: string, send: () => Promise<T>): Promise<T> => {
      // A tree or commit nobody points at is harmless, so a create whose answer was lost is simply sent again.
      for (let i = 0; ; i++) {
        try {
          return await w(send);
        } catch (error) {
          if (!ambiguous(error) || i >= 2) throw classifyGitHubError(error, what);
        }
      }
    };
    const tree = await safe('write the ledger tree', () =>
      octokit.rest.git.createTree({ owner, repo, tree: [{ path, mode: '100644', type: 'blob', content: text }] }),
    );
    const created = await safe('write the ledger commit', () =>
      octokit.rest.git.createCommit({
        owner,
        repo,
        message: `circuitboard: ${message}`,
        tree: tree.data.sha,
        parents: parent ? [parent] : [],
      }),
    );
    const sha = created.data.sha;
    try {
      if (parent) await w(() => octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: false }));
      else await w(() => octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha }));
      return sha;
    } catch (error) {
      if (isConflict(error)) return 'conflict';
      if (!ambiguous(error)) throw classifyGitHubError(error, `move the ${branch} branch`);
      // The answer was lost: the branch tells whether the update happened.
      const now = await readHead();
      if (now === sha) return sha;
      if (now === parent) return commit(text, message, parent);
      return 'conflict';
    }
  }

  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  /** A commit, tried again (up to 3 times, 1 s then 2 s apart) after a 5xx, a lost answer or a rate limit. */
  async function commitPatiently(
    text: string,
    message: string,
    parent: string | undefined,
  ): Promise<string | 'conflict'> {
    for (let i = 0; ; i++) {
      try {
        return await commit(text, message, parent);
      } catch (error) {
        const status = statusOf((error as { cause?: unknown }).cause);
        const transient = (error as { kind?: string }).kind === 'ambiguous' || status === 429 || status === 403;
        if (!transient || i >= 2 || (status === 403 && !/rate limit/i.test((error as Error).message))) throw error;
        await sleep(1000 * 2 ** i);
        // The branch may have moved (or our own update landed): compare again from what it holds now.
        const now = await readHead();
        if (now !== parent) return 'conflict';
      }
    }
  }

  return {
    stats,
    read,
    async write(state, message) {
      if (base === undefined) await read();
      let next = cloneLedger(state);
      for (let attempt = 0; attempt < attempts; attempt++) {
        const text = serialiseLedger(next);
        if (text === baseText) return cloneLedger(next);
        const result = await commitPatiently(text, message, head);
        if (result !== 'conflict') {
          stats.commits += 1;
          head = result;
          base = next;
          baseText = text;
          return cloneLedger(next);
        }
        stats.conflicts += 1;
        options.log?.(`the ${branch} branch moved (another sync run); merging and trying again`);
        const previous = base;
        const stored = await read();
        next = mergeLedgers(stored, next, previous, ttl);
      }
      throw classifyGitHubError(
        new Error(`the ${branch} branch kept moving; gave up after ${attempts} attempts`),
        'write the delivery ledger',
      );
    },
  };
}

/** The ledger as a local JSON file, for `circuitboard sync` runs from a checkout; merges when the file changed. */
export function createFileLedgerStore(file: string, ttlMs = CLAIM_TTL_MS): LedgerStore {
  let base: LedgerState | undefined;
  let baseText: string | undefined;
  const load = async (): Promise<{ state: LedgerState; text: string | undefined }> => {
    try {
      const text = await readFile(file, 'utf8');
      return { state: parseLedger(text), text };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: emptyLedger(), text: undefined };
      throw error;
    }
  };
  return {
    async read() {
      const { state, text } = await load();
      base = state;
      baseText = text;
      return cloneLedger(state);
    },
    async write(state) {
      const current = await load();
      const next = current.text !== baseText ? mergeLedgers(current.state, state, base, ttlMs) : cloneLedger(state);
      const text = serialiseLedger(next);
      // Write to a temporary name first so a crash never leaves a half-written ledger.
      await writeFile(`${file}.tmp`, text, 'utf8');
      await rename(`${file}.tmp`, file);
      base = next;
      baseText = text;
      return cloneLedger(next);
    },
  };
}
