import type { Diagnostic } from '../diagnostics.ts';
import type { ProjectEvent } from '../events.ts';
import { parseConfigYaml } from '../load.ts';
import { type CommunityConfig, CommunityConfig as CommunityConfigSchema } from '../model.ts';
import { loadRegistry, type ProjectTree, type Registry } from '../registry.ts';
import { NotUtf8Error } from '../utf8.ts';
import { describePlan } from './describe.ts';
import { emptyLedger } from './ledger.ts';
import type { RepositoryRef, SyncPlan } from './model.ts';
import { planSync } from './plan.ts';
import type { DiscordSyncPort, GitHubSyncPort, LedgerStore, SyncPorts } from './ports.ts';
import { runSync, type SyncResult } from './run.ts';

/** How the sync reads the repository: a local checkout (git) or the GitHub API. */
export interface RepositorySource {
  /** `projects/` at a commit. */
  readTree(rev: string): Promise<ProjectTree>;
  /** One file at a commit, or undefined when it does not exist; a {@link NotUtf8Error} when it is not UTF-8. */
  readFile(rev: string, path: string): Promise<string | undefined>;
  /** Events of the commits in `from..to` (first parent, oldest first), each with its commit as revision. */
  eventsBetween(from: string, to: string, today: string): Promise<ProjectEvent[]>;
  /** Whether `a` is `b` or an ancestor of it; false when either is unknown. */
  isAncestor(a: string, b: string): Promise<boolean>;
  /** The newest common ancestor, or undefined. */
  mergeBase(a: string, b: string): Promise<string | undefined>;
}

export type SyncMode = 'push' | 'reconcile';

export interface SyncRequest {
  /** push: the events of the pushed range (from where the ledger left off); reconcile: bring everything to `to`. */
  mode: SyncMode;
  /** The commit to sync to (the push's `after`, or the default branch head). */
  to: string;
  /** The push's `before` (all zeros for a new branch), when there was a push. */
  before?: string;
  configPath: string;
  today: string;
  repository?: RepositoryRef;
  dryRun?: boolean;
  rendererVersion?: string;
  /** Plan for these targets even without their ports (a dry run from the CLI); default: the ports given. */
  targets?: { github: boolean; discord: boolean };
}

export interface SyncFlowPorts {
  source: RepositorySource;
  ledger: LedgerStore;
  github?: GitHubSyncPort;
  /** Built once the community config is known (it holds the channel ids). */
  discord?: (config: CommunityConfig) => DiscordSyncPort | undefined;
  runId: string;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  log?: (line: string) => void;
  flushEvery?: number;
  signal?: AbortSignal;
  /** See SyncPorts.recreate (`reconcile: recreate`). */
  recreate?: boolean;
}

export interface SyncRange {
  from?: string;
  to: string;
  /** Why the range starts where it does, in words for the job log. */
  reason: string;
}

export interface SyncReport {
  range: SyncRange;
  config: CommunityConfig;
  /** Problems in the config or project files; broken projects are left as they were. */
  diagnostics: Diagnostic[];
  registry: Registry;
  events: ProjectEvent[];
  plan: SyncPlan;
  /** describePlan(plan). */
  lines: string[];
  result: SyncResult;
}

const ZERO = /^0+$/;

/**
 * Where the events of this run start: the older of the ledger's last fully synced commit (so events of a failed or
 * cancelled run are picked up again) and the push's `before` (so a re-run of a push always covers that push; after
 * a force-push, its merge base with `to`). The ledger drops events already sent, so starting early is safe. A first
 * run or a new branch announces nothing old: it only brings posts, board, labels and milestones to the state of `to`.
 */
export async function resolveRange(
  request: Pick<SyncRequest, 'mode' | 'to' | 'before'>,
  ledgerRevision: string | undefined,
  source: RepositorySource,
): Promise<SyncRange> {
  const { to } = request;
  const candidates: { from: string; reason: string }[] = [];
  if (ledgerRevision && (await source.isAncestor(ledgerRevision, to))) {
    candidates.push({
      from: ledgerRevision,
      reason: `events since ${ledgerRevision.slice(0, 7)}, the last commit fully synced`,
    });
  }
  const before = request.before;
  if (request.mode === 'push' && before && !ZERO.test(before)) {
    if (await source.isAncestor(before, to))
      candidates.push({ from: before, reason: `events of the push ${before.slice(0, 7)}..${to.slice(0, 7)}` });
    else {
      const base = await source.mergeBase(before, to);
      if (base)
        candidates.push({ from: base, reason: `force-push: events since the common ancestor ${base.slice(0, 7)}` });
    }
  }
  const [first, second] = candidates;
  if (first) {
    const pick =
      second && second.from !== first.from && (await source.isAncestor(second.from, first.from)) ? second : first;
    return {
      from: pick.from,
      to,
      reason: pick.from === to ? `${to.slice(0, 7)} is already synced; checking the state only` : pick.reason,
    };
  }
  if (request.mode === 'reconcile') {
    return {
      to,
      reason:
        'reconcile without a synced commit in this history: bringing the state up to date, announcing nothing old',
    };
  }
  if (!before || ZERO.test(before))
    return { to, reason: 'first sync of this branch: bringing the state up to date, announcing nothing old' };
  return { to, reason: 'force-push with no common history: bringing the state up to date, announcing nothing old' };
}

export async function loadConfig(
  source: RepositorySource,
  rev: string,
  path: string,
  fallbackName: string,
): Promise<{ config: CommunityConfig; diagnostics: Diagnostic[] }> {
  const defaults = () => CommunityConfigSchema.parse({ version: 1, community: { name: fallbackName } });
  let text: string | undefined;
  try {
    text = await source.readFile(rev, path);
  } catch (error) {
    if (error instanceof NotUtf8Error) return { config: defaults(), diagnostics: [error.diagnostic] };
    throw error;
  }
  if (text === undefined) return { config: defaults(), diagnostics: [] };
  const { config, diagnostics } = parseConfigYaml(text, path);
  return { config: config ?? defaults(), diagnostics };
}

/**
 * The sync use case, the same for the action and the CLI: read the repository at `to`, find the events since the
 * last synced commit, plan, and carry the plan out (or only describe it, in a dry run).
 */
export async function syncRepository(request: SyncRequest, ports: SyncFlowPorts): Promise<SyncReport> {
  const log = ports.log ?? (() => {});
  const fallbackName = request.repository?.url.split('/').pop() ?? 'community';
  const { config, diagnostics } = await loadConfig(ports.source, request.to, request.configPath, fallbackName);
  if (diagnostics.some((d) => d.severity === 'error')) {
    throw new Error(
      `${request.configPath} has errors; fix them first (run \`circuitboard validate\`):\n${diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n')}`,
    );
  }
  const ledger = await ports.ledger.read();
  const range = await resolveRange(request, ledger.revision, ports.source);
  // A re-run of an old push after newer ones were synced delivers its events but never sets posts back in time.
  const newer =
    ledger.revision && ledger.revision !== request.to && (await ports.source.isAncestor(request.to, ledger.revision));
  const stateAt = newer ? (ledger.revision as string) : request.to;
  if (newer)
    log(
      `a later commit (${stateAt.slice(0, 7)}) is already synced: posts, board, labels and milestones stay at its state`,
    );
  const registry = loadRegistry(await ports.source.readTree(stateAt), { today: request.today });
  log(`range: ${range.reason}`);
  const events =
    range.from && range.from !== range.to ? await ports.source.eventsBetween(range.from, range.to, request.today) : [];
  const discord = ports.discord?.(config);
  const plan = planSync({
    desired: registry,
    events,
    ledger,
    config,
    today: request.today,
    revision: stateAt,
    // A range with no start announces nothing older than `to`: `to` is where the next run starts if this one fails.
    since: range.from ?? request.to,
    verify: request.mode === 'reconcile',
    targets: request.targets ?? { github: ports.github !== undefined, discord: discord !== undefined },
    ...(request.repository ? { repository: request.repository } : {}),
    ...(request.rendererVersion ? { rendererVersion: request.rendererVersion } : {}),
  });
  const syncPorts: SyncPorts = {
    ledger: ports.ledger,
    runId: ports.runId,
    ...(ports.github ? { github: ports.github } : {}),
    ...(discord ? { discord } : {}),
    ...(ports.now ? { now: ports.now } : {}),
    ...(ports.sleep ? { sleep: ports.sleep } : {}),
    ...(ports.log ? { log: ports.log } : {}),
    ...(ports.flushEvery ? { flushEvery: ports.flushEvery } : {}),
    ...(ports.signal ? { signal: ports.signal } : {}),
    ...(ports.recreate ? { recreate: true } : {}),
  };
  const result = await runSync(plan, syncPorts, { dryRun: request.dryRun ?? false });
  return {
    range,
    config,
    diagnostics: [...diagnostics, ...registry.diagnostics],
    registry,
    events,
    plan,
    lines: describePlan(plan),
    result,
  };
}

export interface PreviewInput {
  /** Projects before the change (the base of a pull request, or `--from`); undefined when there were none. */
  before?: Registry;
  after: Registry;
  /** Events of the change, oldest first. */
  events: ProjectEvent[];
  config: CommunityConfig;
  today: string;
  repository?: RepositoryRef;
  rendererVersion?: string;
}

/**
 * A ledger as if everything in `registry` had been synced: each post and the board rendered from it. Used to say
 * what a change alone will do, without reading the real ledger.
 */
export function assumeSynced(
  registry: Registry | undefined,
  config: CommunityConfig,
  today: string,
  options: { repository?: RepositoryRef; rendererVersion?: string } = {},
) {
  const ledger = emptyLedger();
  if (!registry) return ledger;
  const plan = planSync({
    desired: registry,
    events: [],
    ledger,
    config,
    today,
    targets: { github: false, discord: true },
    ...options,
  });
  for (const op of plan.operations) {
    if (op.kind === 'discord.project-post')
      ledger.posts[op.slug] = { threadId: 'assumed', messageId: 'assumed', hash: op.hash };
    if (op.kind === 'discord.status-board') ledger.board = { messageId: 'assumed', hash: op.hash };
  }
  return ledger;
}

/** What syncing a change will do once it is on the default branch, assuming everything before it was synced. */
export function previewSync(input: PreviewInput): { plan: SyncPlan; lines: string[] } {
  const options = {
    ...(input.repository ? { repository: input.repository } : {}),
    ...(input.rendererVersion ? { rendererVersion: input.rendererVersion } : {}),
  };
  const plan = planSync({
    desired: input.after,
    events: input.events,
    ledger: assumeSynced(input.before, input.config, input.today, options),
    config: input.config,
    today: input.today,
    previous: input.before ?? { projects: [] },
    ...options,
  });
  return { plan, lines: describePlan(plan) };
}
