import { CLAIM_TTL_MS, cloneLedger, emptyLedger, mergeLedgers, serialiseLedger } from './ledger.ts';
import type { LedgerState } from './model.ts';
import type { LedgerStore } from './ports.ts';

/** A shared in-memory "branch" several stores can point at, like two runs writing one state branch. */
export interface MemoryLedgerBranch {
  /** Serialised state and a version that every successful write bumps (the compare-and-swap token). */
  text: string;
  version: number;
  writes: number;
}

export function createMemoryLedgerBranch(initial: LedgerState = emptyLedger()): MemoryLedgerBranch {
  return { text: serialiseLedger(initial), version: 0, writes: 0 };
}

/**
 * A ledger store over a MemoryLedgerBranch with the same compare-and-swap and merge rules as the state-branch store:
 * for tests and `circuitboard sync` without a repository to write to.
 */
export function createMemoryLedgerStore(
  branch: MemoryLedgerBranch = createMemoryLedgerBranch(),
  ttlMs = CLAIM_TTL_MS,
): LedgerStore {
  let base: LedgerState | undefined;
  let seen = -1;
  return {
    async read() {
      base = JSON.parse(branch.text) as LedgerState;
      seen = branch.version;
      return cloneLedger(base);
    },
    async write(state) {
      let next = cloneLedger(state);
      if (seen !== branch.version) {
        next = mergeLedgers(JSON.parse(branch.text) as LedgerState, next, base, ttlMs);
      }
      branch.text = serialiseLedger(next);
      branch.version += 1;
      branch.writes += 1;
      seen = branch.version;
      base = cloneLedger(next);
      return cloneLedger(next);
    },
  };
}
