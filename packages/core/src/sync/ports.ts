import type {
  DiscordNewsOp,
  DiscordProjectPostOp,
  DiscordProposalOp,
  DiscordStatusBoardOp,
  GitHubLabelOp,
  GitHubMilestoneOp,
  GitHubMilestoneSweepOp,
  LedgerState,
} from './model.ts';

/** What an idempotent "ensure" did. */
export type Outcome = 'created' | 'updated' | 'unchanged';

/**
 * How a write failed, which decides what the sync does next:
 * - ambiguous: 5xx, timeout or a lost answer — the write may have happened; look it up before sending again;
 * - rejected: the service refused it (400/422) — nothing happened; the item fails;
 * - missing: the message or thread being edited is gone (deleted in Discord) — create it again;
 * - target: the credentials or the webhook are wrong (401/403/webhook deleted) — stop calling that service.
 */
export type FailureKind = 'ambiguous' | 'rejected' | 'missing' | 'target';

/** The one error type adapters throw to the sync; `message` says what to fix and never holds a token. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  readonly kind: FailureKind;
  /** The service's own error code (Discord's JSON code, GitHub's status), without the request that carried secrets. */
  readonly code: number | string | undefined;
  constructor(message: string, kind: FailureKind, options?: { cause?: unknown; code?: number | string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.code = options?.code;
  }
}

export function failureKind(error: unknown): FailureKind {
  return error instanceof DeliveryError ? error.kind : 'ambiguous';
}

/** GitHub labels and milestones; the adapter lists once per run and writes only what differs. */
export interface GitHubSyncPort {
  ensureLabel(op: GitHubLabelOp): Promise<Outcome>;
  ensureMilestone(op: GitHubMilestoneOp): Promise<Outcome>;
  /** Closes the open milestones the sweep finds; returns the titles of those it closed. */
  closeRemovedMilestones(op: GitHubMilestoneSweepOp): Promise<string[]>;
  /**
   * Whether the repository was synced before this run: milestones Circuitboard made (found by their marker) exist.
   * Asked before anything is written, when the delivery ledger is empty, to tell a first sync from a lost ledger.
   */
  hasSyncedBefore?(): Promise<boolean>;
}

/** How far a look-up by marker goes before something is created (bot mode). */
export interface LookupScope {
  /** Threads the ledger already accounts for: their messages are not read. */
  known?: ReadonlySet<string>;
  /** The title of the project or proposal looked for: posts with the thread name it gets are read first. */
  title?: string;
  /**
   * Read the first message of every other post too, not only those with that name (the ledger was lost, or a
   * creation of a lost run is in doubt). Bounded by the pages of threads the adapter lists.
   */
  thorough?: boolean;
}

export interface PostLocation {
  threadId: string;
  /** The starter message (a forum post's starter message has the thread's id). */
  messageId: string;
}

export interface BoardLocation {
  channelId?: string;
  threadId?: string;
  messageId: string;
}

/** Discord, by webhook or bot; every payload is rendered and checked against Discord's limits by the adapter. */
export interface DiscordSyncPort {
  /**
   * True when messages whose answer was lost can be looked up again (a bot token is available): delivery is then
   * exactly-once. False (webhook only): a news message whose answer was lost is never re-sent (at most once).
   */
  readonly canSearch: boolean;
  createProjectPost(op: DiscordProjectPostOp): Promise<PostLocation>;
  editProjectPost(op: DiscordProjectPostOp, at: PostLocation): Promise<void>;
  /**
   * Checks with reads only that the post is still there (reconcile of an up-to-date post); with a bot token also
   * puts its title and status tag right, answering 'updated' when it had to. Throws a 'missing' DeliveryError when
   * the post is gone.
   */
  verifyProjectPost(op: DiscordProjectPostOp, at: PostLocation): Promise<'unchanged' | 'updated'>;
  findProjectPost(slug: string, scope?: LookupScope): Promise<PostLocation | undefined>;
  /** Posts one message in the thread with an embed per event, each carrying its event's marker. */
  postNews(op: DiscordNewsOp, threadId: string): Promise<{ messageId: string }>;
  /** Message ids by marker, for the markers found among the thread's recent messages. */
  findMessages(threadId: string, markers: readonly string[]): Promise<Map<string, string>>;
  createStatusBoard(op: DiscordStatusBoardOp): Promise<BoardLocation>;
  editStatusBoard(op: DiscordStatusBoardOp, at: BoardLocation): Promise<void>;
  /** Checks with a read that the board is still where the ledger says; throws a 'missing' DeliveryError if not. */
  verifyStatusBoard(op: DiscordStatusBoardOp, at: BoardLocation): Promise<void>;
  findStatusBoard(scope?: LookupScope): Promise<BoardLocation | undefined>;
  /** A forum post in the proposals channel; `marker` is the proposal event's marker. */
  createProposal(op: DiscordProposalOp, marker: string): Promise<PostLocation>;
  findProposal(marker: string, scope?: LookupScope): Promise<PostLocation | undefined>;
}

/** Where the delivery ledger lives (a state branch, a local file, memory). */
export interface LedgerStore {
  read(): Promise<LedgerState>;
  /** Set by read() when the stored ledger did not parse and an earlier version was used: says which, for the log. */
  readonly recovery?: string | undefined;
  /**
   * Writes with compare-and-swap against what this store last read or wrote; on a conflict it reads again,
   * merges (mergeLedgers) and retries. Returns the state now stored, which may hold another run's work too.
   */
  write(state: LedgerState, message: string): Promise<LedgerState>;
}

export interface SyncPorts {
  github?: GitHubSyncPort;
  discord?: DiscordSyncPort;
  ledger: LedgerStore;
  /** Identifies this run in ledger claims (e.g. the workflow run id and attempt). */
  runId: string;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  log?: (line: string) => void;
  /**
   * Discord writes between ledger commits of what was delivered. Default 25. With search (bot) anything sent but not
   * yet recorded is found again by its marker; without (webhook only) each news message is committed as "being sent"
   * just before it goes, together with the deliveries before it, so a lost runner leaves at most one in doubt.
   */
  flushEvery?: number;
  claimTtlMs?: number;
  /** Aborted when the run is cancelled: no further call is made and nothing more is written. */
  signal?: AbortSignal;
  /**
   * Confirmed by a maintainer (`reconcile: recreate`): the delivery ledger is gone and, in webhook mode, Discord
   * posts may be created again although the repository was synced before. Without it such a run creates nothing.
   */
  recreate?: boolean;
}
