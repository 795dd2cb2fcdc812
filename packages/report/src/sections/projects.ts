// Per project: status, health, progress, what happened in the window, what is due soon and what is overdue.
import type { ProjectEvent } from '@circuitboard/core';
import type { CommitEntry, IssueEntry, ProjectSnapshot, UpdateEntry } from '../activity.ts';
import type { Happening, HappeningKind, PersonRef, ProjectReport } from '../model.ts';
import { listOf, plural } from '../text.ts';
import { dayNumber, utcDay } from '../window.ts';
import { comparePeople, compareText, personRef, projectOfLabels, type SectionContext } from './context.ts';
import * as health from './health.ts';
import * as milestones from './milestones.ts';

/** Longest "what happened" list per project; the rest is counted. */
export const MAX_HAPPENINGS = 12;

const STATUS_ORDER = ['active', 'proposed', 'paused', 'completed', 'archived'] as const;
const KIND_ORDER: readonly HappeningKind[] = [
  'project-created',
  'status-changed',
  'milestone-done',
  'update-posted',
  'output-added',
  'pull-merged',
  'milestone-added',
  'milestone-due-changed',
  'milestone-dropped',
  'member-joined',
  'member-left',
  'issue-opened',
  'issue-closed',
  'commits',
];

/** Where a repository file or folder is on the web, when the repository is known. */
export function repositoryPath(ctx: SectionContext, path: string, kind: 'tree' | 'blob'): string | null {
  return ctx.repositoryUrl
    ? `${ctx.repositoryUrl}/${kind}/HEAD/${path.split('/').map(encodeURIComponent).join('/')}`
    : null;
}

export function githubBase(ctx: SectionContext): string {
  if (!ctx.repositoryUrl) return 'https://github.com';
  try {
    return new URL(ctx.repositoryUrl).origin;
  } catch {
    return 'https://github.com';
  }
}

function lateness(days: number | null): string | null {
  if (days === null) return null;
  if (days === 0) return 'on its due date';
  return days > 0 ? `${plural(days, 'day')} late` : `${plural(-days, 'day')} early`;
}

function eventHappening(event: ProjectEvent, ctx: SectionContext): Happening | null {
  const date = event.date;
  if (!date) return null;
  switch (event.type) {
    case 'project.created':
      return { date, kind: 'project-created', subject: event.title, detail: `as ${event.status}`, url: null };
    case 'project.proposed':
      return { date, kind: 'project-created', subject: event.title, detail: 'as a proposal', url: null };
    case 'project.status-changed':
      return { date, kind: 'status-changed', subject: `${event.from} → ${event.to}`, detail: null, url: null };
    case 'project.member-joined':
    case 'project.member-left':
      return {
        date,
        kind: event.type === 'project.member-joined' ? 'member-joined' : 'member-left',
        subject: event.github,
        detail: event.role === 'lead' ? 'as a lead' : null,
        url: `${githubBase(ctx)}/${encodeURIComponent(event.github)}`,
      };
    case 'milestone.added':
      return {
        date,
        kind: 'milestone-added',
        subject: event.title,
        detail: event.due ? `due ${event.due}` : null,
        url: null,
      };
    case 'milestone.due-changed':
      return {
        date,
        kind: 'milestone-due-changed',
        subject: event.title,
        detail: `due ${event.from ?? 'unset'} → ${event.to ?? 'unset'}`,
        url: null,
      };
    case 'milestone.dropped':
      return { date, kind: 'milestone-dropped', subject: event.title, detail: null, url: null };
    case 'output.added':
      return {
        date,
        kind: 'output-added',
        subject: event.title,
        detail: event.published === date ? event.kind : `${event.kind}, published ${event.published}`,
        url: event.url,
      };
    case 'milestone.completed':
      // Counted in the week of its done date; a done date before this window means it was recorded late.
      return dayNumber(event.done) < ctx.startDay
        ? {
            date,
            kind: 'milestone-done',
            subject: event.title,
            detail: `recorded this week, done ${event.done}`,
            url: null,
          }
        : null;
    default:
      return null;
  }
}

/** What one project's report is measured from: its snapshot and its items that fall in the window. */
export interface ProjectInputs {
  snapshot: ProjectSnapshot;
  events: ProjectEvent[];
  updates: UpdateEntry[];
  commits: CommitEntry[];
  issues: IssueEntry[];
}

/** Groups the window's items by project in one pass over the activity. */
export function projectInputs(ctx: SectionContext): ProjectInputs[] {
  const inputs = new Map<string, ProjectInputs>();
  for (const snapshot of ctx.activity.projects) {
    inputs.set(snapshot.slug, { snapshot, events: [], updates: [], commits: [], issues: [] });
  }
  const inWindow = (when: string | null | undefined) => {
    if (!when) return false;
    const day = dayNumber(when);
    return day >= ctx.startDay && day < ctx.endDay;
  };
  // Events come from the commits in the window (whatever their own date says), minus the detail of a project
  // created in the same commit: its members and milestones are part of "added".
  const created = new Set<string>();
  for (const event of ctx.activity.events)
    if (event.type === 'project.created') created.add(`${event.project}\u0000${event.revision ?? ''}`);
  for (const event of ctx.activity.events) {
    if (event.type !== 'project.created' && created.has(`${event.project}\u0000${event.revision ?? ''}`)) continue;
    inputs.get(event.project)?.events.push(event);
  }
  for (const update of ctx.activity.updates)
    if (inWindow(update.date)) inputs.get(update.project)?.updates.push(update);
  for (const commit of ctx.activity.commits) {
    if (!inWindow(commit.date)) continue;
    for (const slug of commit.projects) inputs.get(slug)?.commits.push(commit);
  }
  for (const issue of ctx.activity.issues) {
    if (!inWindow(issue.createdAt) && !inWindow(issue.closedAt) && !inWindow(issue.mergedAt)) continue;
    const slug = projectOfLabels(issue.labels, ctx.labels.projectPrefix);
    if (slug) inputs.get(slug)?.issues.push(issue);
  }
  return [...inputs.values()];
}

export function measure(input: ProjectInputs, ctx: SectionContext): ProjectReport {
  const { snapshot } = input;
  const { project, slug } = snapshot;
  const measures = (project.milestones ?? []).map((m) => milestones.measure(m, ctx));
  const summary = milestones.aggregate(measures);
  const happened: Happening[] = [];
  for (const m of summary.doneInWindow) {
    happened.push({
      date: m.done as string,
      kind: 'milestone-done',
      subject: m.title,
      detail: lateness(m.lateByDays),
      url: null,
    });
  }
  for (const update of input.updates) {
    happened.push({
      date: update.date,
      kind: 'update-posted',
      subject: update.heading ?? update.topic.replace(/-/g, ' '),
      detail: null,
      url: repositoryPath(ctx, update.path, 'blob'),
    });
  }
  for (const event of input.events) {
    const line = eventHappening(event, ctx);
    if (line) happened.push(line);
  }
  const authors = new Map<string, PersonRef>();
  let commits = 0;
  let lastCommit = '';
  for (const commit of input.commits) {
    commits++;
    const date = utcDay(commit.date);
    if (date > lastCommit) lastCommit = date;
    authors.set(commit.author.key, personRef(commit.author, githubBase(ctx)));
  }
  for (const issue of input.issues) {
    const at = (when: string | null) =>
      when !== null && dayNumber(when) >= ctx.startDay && dayNumber(when) < ctx.endDay;
    if (issue.author && (at(issue.mergedAt) || at(issue.createdAt)))
      authors.set(issue.author.key, personRef(issue.author, githubBase(ctx)));
    const by = issue.author ? `#${issue.number} by ${issue.author.login ?? issue.author.name}` : `#${issue.number}`;
    if (issue.kind === 'pull' && at(issue.mergedAt)) {
      happened.push({
        date: utcDay(issue.mergedAt as string),
        kind: 'pull-merged',
        subject: issue.title,
        detail: by,
        url: issue.url,
      });
    } else if (issue.kind === 'issue') {
      if (at(issue.createdAt))
        happened.push({
          date: utcDay(issue.createdAt),
          kind: 'issue-opened',
          subject: issue.title,
          detail: by,
          url: issue.url,
        });
      if (at(issue.closedAt))
        happened.push({
          date: utcDay(issue.closedAt as string),
          kind: 'issue-closed',
          subject: issue.title,
          detail: `#${issue.number}`,
          url: issue.url,
        });
    }
  }
  const contributors = [...authors.values()].sort(comparePeople);
  if (commits > 0) {
    const names = contributors.slice(0, 5).map((p) => p.login ?? p.name);
    const more = contributors.length - names.length;
    happened.push({
      date: lastCommit,
      kind: 'commits',
      subject: plural(commits, 'commit'),
      detail: names.length > 0 ? `by ${listOf(more > 0 ? [...names, plural(more, 'other')] : names)}` : null,
      url: null,
    });
  }
  happened.sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      compareText(a.subject, b.subject),
  );
  const shown = happened.length > MAX_HAPPENINGS ? prioritise(happened) : happened;
  return {
    slug,
    title: project.title,
    status: project.status,
    url: projectUrl(snapshot, ctx),
    leads: project.leads.map((lead) =>
      personRef({ key: `github:${lead.github}`, name: lead.github, login: lead.github }, githubBase(ctx)),
    ),
    health: health.measure(snapshot, measures, ctx),
    progress: summary.progress,
    happened: shown,
    happenedOmitted: happened.length - shown.length,
    dueSoon: summary.dueSoon,
    overdue: summary.overdue,
    contributors,
  };
}

/** Keeps the most telling happenings (by kind), then restores date order. */
function prioritise(happened: Happening[]): Happening[] {
  const ranked = happened
    .map((h, i) => ({ h, i }))
    .sort((a, b) => KIND_ORDER.indexOf(a.h.kind) - KIND_ORDER.indexOf(b.h.kind) || a.i - b.i)
    .slice(0, MAX_HAPPENINGS);
  return ranked.sort((a, b) => a.i - b.i).map((r) => r.h);
}

/** Where a project is read on the web: its folder in the repository, else its own first link. */
export function projectUrl(snapshot: ProjectSnapshot, ctx: SectionContext): string | null {
  return repositoryPath(ctx, `projects/${snapshot.slug}`, 'tree') ?? safeProjectLink(snapshot.project.links);
}

function safeProjectLink(links: Record<string, string> | undefined): string | null {
  if (!links) return null;
  return links.repo ?? Object.values(links)[0] ?? null;
}

function hasNews(report: ProjectReport): boolean {
  return report.happened.length > 0;
}

/**
 * Active, proposed and paused projects always; completed and archived ones only when something happened.
 * Order: by status, projects with news first, then by title.
 */
export function aggregate(reports: ProjectReport[]): ProjectReport[] {
  return reports
    .filter((r) => r.status === 'active' || r.status === 'proposed' || r.status === 'paused' || hasNews(r))
    .sort(
      (a, b) =>
        STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
        Number(hasNews(b)) - Number(hasNews(a)) ||
        compareText(a.title, b.title) ||
        compareText(a.slug, b.slug),
    );
}
