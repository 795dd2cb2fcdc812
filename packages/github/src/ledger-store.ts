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
import type { RepoRef } from './gateway.ts';
import type { WritePacer } from './mirror-limits.ts';
import type { Octokit } from './octokit.ts';
import {
  createStateBranch,
  createStateDocument,
  DEFAULT_STATE_BRANCH,
  type StateBranchStats,
  StateFileUnreadableError,
} from './state-branch.ts';

export const DEFAULT_LEDGER_BRANCH = DEFAULT_STATE_BRANCH;
export const LEDGER_FILE = 'ledger.json';

export interface GitLedgerStoreOptions extends RepoRef {
  octokit: Octokit;
  /** The state branch (default circuitboard-state). */
  branch?: string;
  path?: string;
  pacer?: WritePacer;
  /** Compare-and-swap attempts before giving up (default 6). */
  maxAttempts?: number;
  /** Waits between tries after a 5xx, a lost answer or a rate limit (tests pass a virtual clock). */
  sleep?: (ms: number) => Promise<void>;
  ttlMs?: number;
  /** Versions of ledger.json looked at when the current one does not parse (default 20). */
  historyDepth?: number;
  log?: (line: string) => void;
}

export interface GitLedgerStore extends LedgerStore {
  readonly stats: StateBranchStats;
}

/**
 * The delivery ledger as `ledger.json` on the state branch, one contents-API write per commit with the file's blob
 * as compare-and-swap. When another run wrote first (409), the store reads again, merges (union of deliveries,
 * first live claim wins) and retries. A file that does not parse is never read as empty: the newest earlier version
 * that parses is used (and said so), or the run stops with what to do.
 */
export function createGitLedgerStore(options: GitLedgerStoreOptions): GitLedgerStore {
  const ttl = options.ttlMs ?? CLAIM_TTL_MS;
  const branch = createStateBranch({
    octokit: options.octokit,
    owner: options.owner,
    repo: options.repo,
    ...(options.branch ? { branch: options.branch } : {}),
    ...(options.pacer ? { pacer: options.pacer } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const path = options.path ?? LEDGER_FILE;
  const document = createStateDocument<LedgerState>(branch, {
    path,
    empty: emptyLedger,
    parse: parseLedger,
    serialise: serialiseLedger,
    merge: (stored, mine, base) => {
      options.log?.(`the ${branch.name} branch moved (another sync run); merging and trying again`);
      return mergeLedgers(stored, mine, base, ttl);
    },
    ...(options.historyDepth ? { historyDepth: options.historyDepth } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  let recovery: string | undefined;
  return {
    stats: branch.stats,
    get recovery() {
      return recovery;
    },
    async read() {
      let state: LedgerState;
      try {
        state = await document.read();
      } catch (error) {
        if (!(error instanceof StateFileUnreadableError)) throw error;
        throw new StateFileUnreadableError(
          path,
          `${error.message}. Nothing was sent, so nothing is sent twice. Either commit a good version of ${path} to the ${branch.name} branch (its history on GitHub holds every version the sync wrote), or delete the ${branch.name} branch to start the ledger anew: with a bot token the sync then finds its posts again by their markers; in webhook mode it asks you to confirm with \`reconcile: recreate\` before it posts again.`,
        );
      }
      const origin = document.origin;
      recovery =
        origin?.kind === 'recovered'
          ? `${path} on the ${branch.name} branch does not parse (${origin.error}); using its last good version, from commit ${origin.commit.slice(0, 7)} (${origin.date}). The next ledger write replaces the broken file.`
          : undefined;
      if (recovery) options.log?.(recovery);
      return state;
    },
    write(state, message) {
      return document.write(state, `circuitboard: ${message}`);
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
