import type { ProjectEvent, ProjectProposedEvent } from '../events.ts';
import type { Project, ProjectStatus } from '../model.ts';

/** Where the repository lives on GitHub, for links in posts and milestone descriptions. */
export interface RepositoryRef {
  /** https://github.com/owner/name (or the GitHub Enterprise equivalent). */
  url: string;
  /** The default branch, whose `projects/` is the source of truth. */
  branch: string;
}

/** One row of the status board. Built from the desired registry; the board is rendered from this only. */
export interface StatusBoardRow {
  slug: string;
  title: string;
  status: ProjectStatus;
  done: number;
  /** Milestones that count: not dropped. */
  total: number;
  next?: { title: string; due?: string };
  overdue: number;
}

export interface StatusBoardModel {
  community: string;
  /** Link to the projects index (projects/README.md), when the repository is known. */
  indexUrl?: string;
  rows: StatusBoardRow[];
}

/** A claim on a delivery by one run, so two runs at once never both send it. */
export interface LedgerClaim {
  run: string;
  /** ISO timestamp of the claim; a claim older than the claim TTL belongs to a lost run. */
  at: string;
}

export type DeliveryState = 'pending' | 'delivered' | 'unconfirmed';

/** What the ledger knows about one event's Discord message. */
export interface EventDelivery {
  /**
   * pending: claimed and maybe sent (a run was lost or the answer was lost);
   * delivered: the message exists (messageId);
   * unconfirmed: maybe sent, and the mode cannot check (webhook without bot token): never re-sent.
   */
  state: DeliveryState;
  project: string;
  /** Marker in the footer of the message that carries it; how a lost answer is found again. */
  marker: string;
  messageId?: string;
  threadId?: string;
  /**
   * Set (and committed) just before the message is sent when lost answers cannot be looked up (webhook only): a
   * pending entry with it may have been sent, one without it was only claimed and is safe to send.
   */
  attempt?: true;
  /** 'proposal': announced as its own forum post in the proposals channel; otherwise news in the project's thread. */
  via?: 'proposal';
  claim?: LedgerClaim;
}

/** A project's forum post. */
export interface PostEntry {
  threadId?: string;
  /** The starter message (in a forum post it has the thread's id). */
  messageId?: string;
  /** Fingerprint of the rendered post last sent; equal → nothing to do. */
  hash?: string;
  /** Set while a creation is in flight. */
  claim?: LedgerClaim;
  /** Webhook only: committed just before the creation is sent (see EventDelivery.attempt). */
  attempt?: true;
}

export interface BoardEntry {
  channelId?: string;
  threadId?: string;
  messageId?: string;
  hash?: string;
  claim?: LedgerClaim;
  attempt?: true;
}

/**
 * The delivery ledger: everything the sync has sent to Discord, kept as JSON on a state branch.
 * GitHub labels and milestones need no ledger: they are listed and compared on every run.
 */
export interface LedgerState {
  version: 1;
  /** Last commit whose events were all handled; the next push run starts its range here. */
  revision?: string;
  events: Record<string, EventDelivery>;
  posts: Record<string, PostEntry>;
  board?: BoardEntry;
}

interface OperationBase {
  /** Stable id of the operation, e.g. `github.milestone:induction-heads/replicate`. */
  id: string;
}

/** Why an operation is in the plan: something new, a change, or a check that should find nothing to do. */
export type Change = 'new' | 'changed' | 'check';

export interface GitHubLabelOp extends OperationBase {
  kind: 'github.label';
  target: 'github';
  slug: string;
  name: string;
  color: string;
  description: string;
  change: Change;
}

export interface GitHubMilestoneOp extends OperationBase {
  kind: 'github.milestone';
  target: 'github';
  slug: string;
  milestone: string;
  title: string;
  /** `<date>T12:00:00Z`, or absent for no due date. */
  dueOn?: string;
  state: 'open' | 'closed';
  description: string;
  /** Text in the description that finds this milestone again, e.g. `circuitboard:induction-heads/replicate`. */
  marker: string;
  change: Change;
  /** Why it is closed, for the plan's words. */
  reason?: 'done' | 'dropped' | 'removed';
}

/**
 * Closes the open milestones Circuitboard made (found by their marker) whose milestone is no longer in any
 * project.yml: removed from its file, or its project folder deleted. One per run; GitHub only ever hears of
 * milestones through project.yml, so it is the only way a removal reaches it. Reopened if added back.
 */
export interface GitHubMilestoneSweepOp extends OperationBase {
  kind: 'github.milestone-sweep';
  target: 'github';
  /** Markers of every milestone in projects/ (open or closed): these are never touched. */
  keep: string[];
  /** Projects whose project.yml did not load this run: their milestones are left alone. */
  skipSlugs: string[];
  /**
   * Open milestones known to be removed, when the plan knows the state before (a pull request's preview); for
   * the plan's words only. The sweep itself asks GitHub, so it also finds what earlier runs left open.
   */
  removed: { slug: string; milestone: string; title: string }[];
}

export interface DiscordProjectPostOp extends OperationBase {
  kind: 'discord.project-post';
  target: 'discord';
  slug: string;
  project: Project;
  /** Forum tag ids for the project's status (bot mode can change them later). */
  tags: string[];
  /** Link to the project folder on GitHub. */
  url?: string;
  hash: string;
  action: 'create' | 'edit';
  /** Edit even when the ledger says it is up to date (a reconcile checks that it still exists). */
  force?: boolean;
  threadId?: string;
  messageId?: string;
}

export interface DiscordNewsOp extends OperationBase {
  kind: 'discord.news';
  target: 'discord';
  slug: string;
  /** The project as desired now (absent when it was removed). */
  project?: Project;
  /** At most DISCORD news batch size (10) events, one embed each, in order. */
  events: ProjectEvent[];
  /** Discord user ids to mention (opted-in leads, when the community enables it). */
  mentions: string[];
  url?: string;
  repository?: RepositoryRef;
}

export interface DiscordStatusBoardOp extends OperationBase {
  kind: 'discord.status-board';
  target: 'discord';
  board: StatusBoardModel;
  hash: string;
  action: 'create' | 'edit';
  force?: boolean;
}

export interface DiscordProposalOp extends OperationBase {
  kind: 'discord.proposal';
  target: 'discord';
  event: ProjectProposedEvent;
  url?: string;
}

export type SyncOperation =
  | GitHubLabelOp
  | GitHubMilestoneOp
  | GitHubMilestoneSweepOp
  | DiscordProjectPostOp
  | DiscordNewsOp
  | DiscordStatusBoardOp
  | DiscordProposalOp;

export type SyncTarget = 'github' | 'discord';

/** Everything one sync run would do, computed without I/O. */
export interface SyncPlan {
  operations: SyncOperation[];
  /** The ledger the plan was computed from; runSync starts from it. */
  ledger: LedgerState;
  /** Revision the plan brings the targets to (recorded in the ledger when everything succeeded). */
  revision?: string;
  /**
   * Where the plan's events start: recorded in the ledger when the run fails and the ledger has no revision yet, so
   * the next run, whatever push it is for, starts there and loses nothing.
   */
  since?: string;
  /** Events that need no Discord message or have nowhere to go, with why (for the plan's words). */
  notes: string[];
}

export type { ProjectEvent };
