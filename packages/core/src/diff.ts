import { addDays } from './dates.ts';
import { type EventDraft, eventId } from './event-id.ts';
import type { EventOf, EventType, MilestoneOverdueEvent, ProjectEvent } from './events.ts';
import type { Milestone, Output, Person, Project } from './model.ts';
import type { ProjectUpdate, Registry } from './registry.ts';

export { type EventDraft, eventId } from './event-id.ts';

export interface DiffContext {
  /** Commit that made the change; goes into the events and the ids of repeatable events. */
  revision?: string;
  /** Day the change took effect (YYYY-MM-DD), e.g. the commit date. */
  date?: string;
}

type Draft<T extends EventType> = Omit<EventOf<T>, 'id'>;

function make<T extends EventType>(draft: Draft<T>): EventOf<T> {
  return { id: eventId(draft as unknown as EventDraft), ...draft } as EventOf<T>;
}

/**
 * The events that turn `before` into `after` (`undefined` = nothing existed yet), in a stable
 * order: by project slug; within a project, project events, then people, then milestones in file
 * order, then new updates by path.
 *
 * - A new project gives `project.created`, `project.member-joined` for each lead and member, and
 *   for each milestone `milestone.added` followed by `milestone.completed`/`milestone.dropped` when
 *   it already is — so every consumer can rebuild the project from events alone.
 * - A project folder that disappears gives no event: archiving is said with `status: archived`, and
 *   a removal is usually a rename or a revert. A project that fails to load in `after` (listed in
 *   `after.invalid`) is treated as unchanged.
 * - A move from member to lead is `member-left` (member) then `member-joined` (lead).
 * - Removing a milestone, reopening one (`done` removed) or changing a title gives no event.
 * - An output whose link was not in the project before gives `output.added`; editing or removing one gives none.
 */
export function diffRegistries(
  before: Registry | undefined,
  after: Registry,
  context: DiffContext = {},
): ProjectEvent[] {
  const ctx: DiffContext = {};
  if (context.revision !== undefined) ctx.revision = context.revision;
  if (context.date !== undefined) ctx.date = context.date;
  const old = new Map(before?.projects.map((p) => [p.slug, p.project]));
  const seenUpdates = new Set(before?.updates.map((u) => u.path));
  const current = new Map(after.projects.map((p) => [p.slug, p.project]));
  const newUpdates = new Map<string, ProjectUpdate[]>();
  for (const update of after.updates) {
    if (seenUpdates.has(update.path)) continue;
    const list = newUpdates.get(update.project) ?? [];
    list.push(update);
    newUpdates.set(update.project, list);
  }
  const slugs = [...new Set([...current.keys(), ...newUpdates.keys()])].sort();

  const events: ProjectEvent[] = [];
  for (const slug of slugs) {
    const project = current.get(slug);
    if (project) {
      const previous = old.get(slug);
      events.push(...(previous ? changes(slug, previous, project, ctx) : created(slug, project, ctx)));
    }
    const updates = (newUpdates.get(slug) ?? []).sort((a, b) => (a.path < b.path ? -1 : 1));
    for (const update of updates) {
      const draft: Draft<'update.posted'> = {
        type: 'update.posted',
        project: slug,
        path: update.path,
        topic: update.topic,
      };
      if (update.heading !== undefined) draft.heading = update.heading;
      if (ctx.revision !== undefined) draft.revision = ctx.revision;
      draft.date = update.date;
      events.push(make(draft));
    }
  }
  return events;
}

function created(slug: string, project: Project, ctx: DiffContext): ProjectEvent[] {
  const events: ProjectEvent[] = [
    make<'project.created'>({
      type: 'project.created',
      project: slug,
      title: project.title,
      status: project.status,
      ...ctx,
    }),
  ];
  for (const [role, people] of roles(project)) {
    for (const person of people) events.push(member('project.member-joined', slug, person, role, ctx));
  }
  for (const milestone of project.milestones ?? []) events.push(...milestoneChanges(slug, undefined, milestone, ctx));
  for (const output of project.outputs ?? []) events.push(outputAdded(slug, output, ctx));
  return events;
}

function changes(slug: string, before: Project, after: Project, ctx: DiffContext): ProjectEvent[] {
  const events: ProjectEvent[] = [];
  if (before.status !== after.status) {
    events.push(
      make<'project.status-changed'>({
        type: 'project.status-changed',
        project: slug,
        from: before.status,
        to: after.status,
        ...ctx,
      }),
    );
  }
  const beforeRoles = roles(before);
  const afterRoles = roles(after);
  for (const [role, people] of afterRoles) {
    const had = logins(beforeRoles.get(role));
    for (const person of people)
      if (!had.has(person.github.toLowerCase())) events.push(member('project.member-joined', slug, person, role, ctx));
  }
  for (const [role, people] of beforeRoles) {
    const has = logins(afterRoles.get(role));
    for (const person of people)
      if (!has.has(person.github.toLowerCase())) events.push(member('project.member-left', slug, person, role, ctx));
  }
  const oldMilestones = new Map((before.milestones ?? []).map((m) => [m.id, m]));
  for (const milestone of after.milestones ?? []) {
    events.push(...milestoneChanges(slug, oldMilestones.get(milestone.id), milestone, ctx));
  }
  const oldOutputs = new Set((before.outputs ?? []).map((o) => o.url));
  for (const output of after.outputs ?? [])
    if (!oldOutputs.has(output.url)) events.push(outputAdded(slug, output, ctx));
  return events;
}

function outputAdded(slug: string, output: Output, ctx: DiffContext): ProjectEvent {
  return make<'output.added'>({
    type: 'output.added',
    project: slug,
    kind: output.kind,
    title: output.title,
    url: output.url,
    published: output.date,
    ...ctx,
  });
}

function milestoneChanges(
  slug: string,
  before: Milestone | undefined,
  after: Milestone,
  ctx: DiffContext,
): ProjectEvent[] {
  const events: ProjectEvent[] = [];
  const base = { project: slug, milestone: after.id, title: after.title, ...ctx };
  if (!before) {
    const added: Draft<'milestone.added'> = { type: 'milestone.added', ...base };
    if (after.due !== undefined) added.due = after.due;
    events.push(make(added));
  } else if (before.due !== after.due) {
    const changed: Draft<'milestone.due-changed'> = { type: 'milestone.due-changed', ...base };
    if (before.due !== undefined) changed.from = before.due;
    if (after.due !== undefined) changed.to = after.due;
    events.push(make(changed));
  }
  if (after.done !== undefined && before?.done === undefined) {
    const completed: Draft<'milestone.completed'> = {
      type: 'milestone.completed',
      ...base,
      done: after.done,
      date: after.done,
    };
    if (after.due !== undefined) completed.due = after.due;
    events.push(make(completed));
  }
  if (after.dropped === true && before?.dropped !== true) {
    events.push(make<'milestone.dropped'>({ type: 'milestone.dropped', ...base }));
  }
  return events;
}

function member(
  type: 'project.member-joined' | 'project.member-left',
  slug: string,
  person: Person,
  role: 'lead' | 'member',
  ctx: DiffContext,
): ProjectEvent {
  return make<typeof type>({ type, project: slug, github: person.github, role, ...ctx });
}

function roles(project: Project): Map<'lead' | 'member', Person[]> {
  return new Map([
    ['lead', project.leads],
    ['member', project.members ?? []],
  ]);
}

function logins(people: Person[] | undefined): Set<string> {
  return new Set((people ?? []).map((p) => p.github.toLowerCase()));
}

/**
 * `milestone.overdue` for every open milestone (not done, not dropped) of an active project whose
 * due date is before `today`. Paused, proposed, completed and archived projects are not chased.
 * The event's date is the first overdue day, so the output depends only on the registry and `today`.
 */
export function overdueEvents(registry: Registry, today: string): MilestoneOverdueEvent[] {
  const events: MilestoneOverdueEvent[] = [];
  for (const { slug, project } of [...registry.projects].sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
    if (project.status !== 'active') continue;
    for (const milestone of project.milestones ?? []) {
      if (milestone.done !== undefined || milestone.dropped === true || milestone.due === undefined) continue;
      if (milestone.due >= today) continue;
      events.push(
        make<'milestone.overdue'>({
          type: 'milestone.overdue',
          project: slug,
          milestone: milestone.id,
          title: milestone.title,
          due: milestone.due,
          date: addDays(milestone.due, 1),
        }),
      );
    }
  }
  return events;
}

/**
 * `next` with each project that fails to load there (`next.invalid`) given its state from `previous`, so walking
 * history commit by commit, a broken-then-fixed project.yml does not announce the project again.
 */
export function keepLastGoodProjects(previous: Registry | undefined, next: Registry): Registry {
  if (!previous || !next.invalid?.length) return next;
  const broken = new Set(next.invalid);
  const kept = previous.projects.filter((p) => broken.has(p.slug));
  if (kept.length === 0) return next;
  const projects = [...next.projects, ...kept].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  const invalid = next.invalid.filter((slug) => !kept.some((p) => p.slug === slug));
  const merged: Registry = { ...next, projects };
  if (invalid.length > 0) merged.invalid = invalid;
  else delete merged.invalid;
  return merged;
}
