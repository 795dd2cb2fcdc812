import type { ProjectEvent, ProjectProposedEvent } from '../events.ts';
import type { CommunityConfig, Milestone, Project } from '../model.ts';
import { eventMarker, fingerprint, handledEventIds } from './ledger.ts';
import type {
  Change,
  DiscordNewsOp,
  DiscordProjectPostOp,
  GitHubLabelOp,
  GitHubMilestoneOp,
  GitHubMilestoneSweepOp,
  LedgerState,
  RepositoryRef,
  StatusBoardModel,
  SyncOperation,
  SyncPlan,
} from './model.ts';

/** The projects the repository holds now (a Registry is one). */
export interface DesiredState {
  projects: readonly { slug: string; path?: string; project: Project }[];
  /** Project folders whose project.yml did not load: nothing of theirs is closed or removed. */
  invalid?: readonly string[];
}

/** Events that become a news message in the project's Discord thread. The others show in the post and the board. */
export const NEWS_EVENT_TYPES: ReadonlySet<ProjectEvent['type']> = new Set([
  'milestone.completed',
  'milestone.added',
  'milestone.dropped',
  'milestone.due-changed',
  'project.status-changed',
  'project.member-joined',
  'update.posted',
  'output.added',
]);

/** One Discord message carries at most this many events (one embed each). */
export const NEWS_BATCH_SIZE = 10;

export interface PlanInput {
  desired: DesiredState;
  /** Events of the range being synced, oldest first. */
  events: readonly ProjectEvent[];
  ledger: LedgerState;
  config: CommunityConfig;
  /** YYYY-MM-DD, for overdue milestones on the status board. */
  today: string;
  repository?: RepositoryRef;
  /** Commit the desired state was read at; recorded in the ledger when the run succeeds. */
  revision?: string;
  /** Where the events start (see SyncPlan.since). */
  since?: string;
  /** Which targets are configured; a target left out gets no operations. Default: both. */
  targets?: { github?: boolean; discord?: boolean };
  /** Changes when the Discord renderers change, so posts are rendered again. */
  rendererVersion?: string;
  /** Projects before the change (for the words "new" and "changed" in the plan). */
  previous?: DesiredState;
  /** Reconcile: edit every post and the board even when the ledger says they are up to date (recreating deleted ones). */
  verify?: boolean;
}

function projectUrl(repository: RepositoryRef | undefined, slug: string): string | undefined {
  return repository ? `${repository.url}/tree/${repository.branch}/projects/${slug}` : undefined;
}

/** `<date>T12:00:00Z`: noon UTC stays on the same calendar day in every GitHub time zone display. */
export function milestoneDueOn(due: string | undefined): string | undefined {
  return due ? `${due}T12:00:00Z` : undefined;
}

export function milestoneMarker(slug: string, milestone: string): string {
  return `circuitboard:${slug}/${milestone}`;
}

function milestoneDescription(
  slug: string,
  project: Project,
  m: Milestone,
  repository: RepositoryRef | undefined,
): string {
  const where = projectUrl(repository, slug) ?? `projects/${slug}`;
  return `Milestone "${m.id}" of the project "${project.title}" (${where}). Managed by Circuitboard from projects/${slug}/project.yml; edit it there.\n\n${milestoneMarker(slug, m.id)}`;
}

function changeOf(isNew: boolean, changed: boolean, events: boolean): Change {
  if (isNew) return 'new';
  return changed || events ? 'changed' : 'check';
}

/** The status board rows, from the desired projects; the board shows only what this model holds. */
export function statusBoardModel(
  desired: DesiredState,
  config: CommunityConfig,
  today: string,
  repository?: RepositoryRef,
): StatusBoardModel {
  const rows = desired.projects.map(({ slug, project }) => {
    const milestones = project.milestones ?? [];
    const open = milestones.filter((m) => !m.done && !m.dropped);
    const next = [...open].sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'))[0];
    return {
      slug,
      title: project.title,
      status: project.status,
      done: milestones.filter((m) => m.done).length,
      total: milestones.filter((m) => !m.dropped).length,
      ...(next ? { next: { title: next.title, ...(next.due ? { due: next.due } : {}) } } : {}),
      overdue: project.status === 'active' ? open.filter((m) => m.due !== undefined && m.due < today).length : 0,
    };
  });
  return {
    community: config.community.name,
    ...(repository ? { indexUrl: `${repository.url}/blob/${repository.branch}/projects/README.md` } : {}),
    rows,
  };
}

function leadMentions(project: Project | undefined, config: CommunityConfig): string[] {
  if (!project || !config.discord.mention_leads) return [];
  return project.leads.flatMap((p) => (p.discord ? [p.discord] : []));
}

/** Milestones in `previous` that are in no project of `desired` (a project that did not load keeps its own). */
function removedMilestones(previous: PlanInput['previous'], desired: PlanInput['desired']) {
  if (!previous) return [];
  const kept = new Set(
    desired.projects.flatMap(({ slug, project }) => (project.milestones ?? []).map((m) => `${slug}/${m.id}`)),
  );
  const invalid = new Set(desired.invalid ?? []);
  return previous.projects.flatMap(({ slug, project }) =>
    invalid.has(slug)
      ? []
      : (project.milestones ?? [])
          .filter((m) => !kept.has(`${slug}/${m.id}`) && !m.done && !m.dropped)
          .map((m) => ({ slug, milestone: m.id, title: `${slug}: ${m.title}` })),
  );
}

/**
 * The plan of one sync run, computed without I/O: GitHub labels and milestones for every project (the mirror
 * compares them with what GitHub holds and writes only differences), a Discord forum post per project whose
 * rendering changed, news messages for events not yet delivered, and the status board when it changed.
 */
export function planSync(input: PlanInput): SyncPlan {
  const { desired, config, ledger, repository } = input;
  const github = input.targets?.github ?? true;
  const discord = input.targets?.discord ?? true;
  const version = input.rendererVersion ?? '';
  const operations: SyncOperation[] = [];
  const notes: string[] = [];
  const previous = new Map((input.previous?.projects ?? []).map((p) => [p.slug, p.project]));
  const eventsBySlug = new Map<string, ProjectEvent[]>();
  for (const e of input.events) eventsBySlug.set(e.project, [...(eventsBySlug.get(e.project) ?? []), e]);
  const desiredBySlug = new Map(desired.projects.map((p) => [p.slug, p.project]));

  if (github) {
    for (const { slug, project } of desired.projects) {
      const before = previous.get(slug);
      const created =
        (input.previous !== undefined && !before) ||
        eventsBySlug.get(slug)?.some((e) => e.type === 'project.created') === true;
      operations.push({
        id: `github.label:${slug}`,
        kind: 'github.label',
        target: 'github',
        slug,
        name: `${config.labels.project_prefix}${slug}`,
        color: config.labels.color,
        description: project.title,
        change: changeOf(created, before !== undefined && before.title !== project.title, false),
      } satisfies GitHubLabelOp);
      for (const m of project.milestones ?? []) {
        const was = before?.milestones?.find((b) => b.id === m.id);
        const touched = eventsBySlug.get(slug)?.some((e) => 'milestone' in e && e.milestone === m.id) === true;
        const dueOn = milestoneDueOn(m.due);
        const op: GitHubMilestoneOp = {
          id: `github.milestone:${slug}/${m.id}`,
          kind: 'github.milestone',
          target: 'github',
          slug,
          milestone: m.id,
          title: `${slug}: ${m.title}`,
          state: m.done || m.dropped ? 'closed' : 'open',
          description: milestoneDescription(slug, project, m, repository),
          marker: milestoneMarker(slug, m.id),
          change: changeOf(
            created || (input.previous !== undefined && !was),
            was !== undefined && JSON.stringify(was) !== JSON.stringify(m),
            touched,
          ),
        };
        if (dueOn) op.dueOn = dueOn;
        if (m.done) op.reason = 'done';
        else if (m.dropped) op.reason = 'dropped';
        operations.push(op);
      }
    }
    operations.push({
      id: 'github.milestone-sweep',
      kind: 'github.milestone-sweep',
      target: 'github',
      keep: desired.projects.flatMap(({ slug, project }) =>
        (project.milestones ?? []).map((m) => milestoneMarker(slug, m.id)),
      ),
      skipSlugs: [...(desired.invalid ?? [])],
      removed: removedMilestones(input.previous, desired),
    } satisfies GitHubMilestoneSweepOp);
  }

  if (discord) {
    const handled = handledEventIds(ledger);
    for (const { slug, project } of desired.projects) {
      const url = projectUrl(repository, slug);
      const statusTag = config.discord.tags[project.status];
      const tags = statusTag ? [statusTag] : [];
      const hash = fingerprint({ version, slug, project, tags, url: url ?? null });
      const entry = ledger.posts[slug];
      const current = entry?.messageId !== undefined && entry.hash === hash;
      if (current && !input.verify) continue;
      const op: DiscordProjectPostOp = {
        id: `discord.post:${slug}`,
        kind: 'discord.project-post',
        target: 'discord',
        slug,
        project,
        tags,
        hash,
        action: entry?.messageId ? 'edit' : 'create',
      };
      if (current) op.force = true;
      if (url) op.url = url;
      if (entry?.threadId) op.threadId = entry.threadId;
      if (entry?.messageId) op.messageId = entry.messageId;
      operations.push(op);
    }

    // A new project's forum post already shows its people and milestones: events of the commit that created it are not news.
    const createdAt = new Map<string, string | undefined>();
    for (const e of input.events) if (e.type === 'project.created') createdAt.set(e.project, e.revision);
    const news = new Map<string, ProjectEvent[]>();
    for (const e of input.events) {
      if (handled.has(e.id)) continue;
      if (createdAt.has(e.project) && createdAt.get(e.project) === e.revision) continue;
      if (e.type === 'project.proposed') {
        if (!config.discord.proposals_channel) continue;
        const op = proposalOp(e, repository);
        if (!operations.some((o) => o.id === op.id)) operations.push(op);
        continue;
      }
      if (!NEWS_EVENT_TYPES.has(e.type)) continue;
      if (!desiredBySlug.has(e.project)) {
        notes.push(`${e.type} of ${e.project} is not announced: the project is no longer in projects/`);
        continue;
      }
      const list = news.get(e.project) ?? [];
      if (!list.some((x) => x.id === e.id)) list.push(e);
      news.set(e.project, list);
    }
    for (const [slug, list] of news) {
      const project = desiredBySlug.get(slug);
      for (let i = 0; i < list.length; i += NEWS_BATCH_SIZE) {
        const events = list.slice(i, i + NEWS_BATCH_SIZE);
        const mentions = events.some((e) => e.type === 'milestone.completed') ? leadMentions(project, config) : [];
        const op: DiscordNewsOp = {
          id: `discord.news:${slug}:${fingerprint(events.map((e) => e.id))}`,
          kind: 'discord.news',
          target: 'discord',
          slug,
          events,
          mentions,
        };
        if (project) op.project = project;
        const url = projectUrl(repository, slug);
        if (url) op.url = url;
        if (repository) op.repository = repository;
        operations.push(op);
      }
    }

    const board = statusBoardModel(desired, config, input.today, repository);
    const boardHash = fingerprint({ version, board });
    const boardCurrent = ledger.board?.messageId !== undefined && ledger.board.hash === boardHash;
    if (!boardCurrent || input.verify) {
      operations.push({
        id: 'discord.status-board',
        kind: 'discord.status-board',
        target: 'discord',
        board,
        hash: boardHash,
        action: ledger.board?.messageId ? 'edit' : 'create',
        ...(boardCurrent ? { force: true } : {}),
      });
    }
  }

  const plan: SyncPlan = { operations, ledger, notes };
  if (input.revision !== undefined) plan.revision = input.revision;
  if (input.since !== undefined) plan.since = input.since;
  return plan;
}

function proposalOp(event: ProjectProposedEvent, repository: RepositoryRef | undefined): SyncOperation {
  return {
    id: `discord.proposal:${event.issue}`,
    kind: 'discord.proposal',
    target: 'discord',
    event,
    ...(repository ? { url: `${repository.url}/issues/${event.issue}` } : {}),
  };
}

/** The events an operation delivers (news and proposals), each with its fixed marker. */
export function deliveredEvents(op: SyncOperation): { event: ProjectEvent; marker: string }[] {
  if (op.kind === 'discord.news') return op.events.map((event) => ({ event, marker: eventMarker(event.id) }));
  if (op.kind === 'discord.proposal') return [{ event: op.event, marker: eventMarker(op.event.id) }];
  return [];
}
