// What every section's measure/aggregate sees: the window, thresholds and an index of the activity built once.
import type { Activity, Contributor, Coverage } from '../activity.ts';
import type { PersonRef } from '../model.ts';
import { dayNumber, type ReportWindow } from '../window.ts';

export interface Thresholds {
  quietAfterDays: number;
  stalledAfterDays: number;
  dueSoonDays: number;
  trendWeeks: number;
}

export interface LabelNames {
  projectPrefix: string;
  proposal: string;
  needsChanges: string;
  ready: string;
  approved: string;
  rejected: string;
}

/** One dated thing that counts as activity for health and trends. */
export interface ActivityPoint {
  day: number;
  project: string | null;
  kind: 'commit' | 'update' | 'milestone-done' | 'event' | 'pull-merged' | 'issue-opened' | 'issue-closed';
  person: Contributor | null;
}

export interface ActivityIndex {
  /** Sorted by day. */
  points: ActivityPoint[];
  /** Per project slug, its points' days, sorted. */
  daysByProject: Map<string, number[]>;
  /** Which point kinds each coverage applies to. */
  coverage: Record<ActivityPoint['kind'], Coverage | 'always' | null>;
}

export interface SectionContext {
  window: ReportWindow;
  /** Day number of the window start (inclusive) and end (exclusive, the day the report is read). */
  startDay: number;
  endDay: number;
  thresholds: Thresholds;
  labels: LabelNames;
  repositoryUrl: string | null;
  activity: Activity;
  index: ActivityIndex;
}

/** Lowest index whose value is ≥ target, in a sorted array. */
export function lowerBound<T>(items: readonly T[], target: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(items[mid] as T) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The points with start ≤ day < end. */
export function pointsBetween(index: ActivityIndex, startDay: number, endDay: number): ActivityPoint[] {
  const from = lowerBound(index.points, startDay, (p) => p.day);
  const to = lowerBound(index.points, endDay, (p) => p.day);
  return index.points.slice(from, to);
}

/** Whether a point kind is covered for the whole of [startDay, endDay). */
export function covered(index: ActivityIndex, kind: ActivityPoint['kind'], startDay: number, endDay: number): boolean {
  const coverage = index.coverage[kind];
  if (coverage === 'always') return true;
  if (coverage === null) return false;
  return dayNumber(coverage.start) <= startDay && Date.parse(coverage.end) >= endDay * 86_400_000;
}

/** The project a GitHub issue or pull request belongs to, by its `project:<slug>` label. */
export function projectOfLabels(labels: readonly string[], prefix: string): string | null {
  for (const label of labels) {
    if (label.startsWith(prefix)) {
      const slug = label.slice(prefix.length).trim();
      if (slug) return slug;
    }
  }
  return null;
}

export function buildIndex(activity: Activity, labels: LabelNames): ActivityIndex {
  const points: ActivityPoint[] = [];
  for (const commit of activity.commits) {
    const day = dayNumber(commit.date);
    if (commit.projects.length === 0) points.push({ day, project: null, kind: 'commit', person: commit.author });
    for (const project of commit.projects) points.push({ day, project, kind: 'commit', person: commit.author });
  }
  for (const update of activity.updates) {
    points.push({ day: dayNumber(update.date), project: update.project, kind: 'update', person: null });
  }
  for (const { slug, project } of activity.projects) {
    for (const milestone of project.milestones ?? []) {
      if (milestone.done)
        points.push({ day: dayNumber(milestone.done), project: slug, kind: 'milestone-done', person: null });
    }
  }
  for (const event of activity.events) {
    if (
      !event.date ||
      event.type === 'milestone.completed' ||
      event.type === 'update.posted' ||
      event.type === 'milestone.overdue'
    )
      continue;
    const person =
      event.type === 'project.member-joined' || event.type === 'project.member-left'
        ? { key: `github:${event.github.toLowerCase()}`, name: event.github, login: event.github }
        : null;
    points.push({ day: dayNumber(event.date), project: event.project, kind: 'event', person });
  }
  for (const issue of activity.issues) {
    const project = projectOfLabels(issue.labels, labels.projectPrefix);
    if (issue.kind === 'pull') {
      if (issue.mergedAt)
        points.push({ day: dayNumber(issue.mergedAt), project, kind: 'pull-merged', person: issue.author });
    } else {
      points.push({ day: dayNumber(issue.createdAt), project, kind: 'issue-opened', person: issue.author });
      if (issue.closedAt) points.push({ day: dayNumber(issue.closedAt), project, kind: 'issue-closed', person: null });
    }
  }
  points.sort((a, b) => a.day - b.day || compareText(a.project ?? '', b.project ?? '') || compareText(a.kind, b.kind));
  const daysByProject = new Map<string, number[]>();
  for (const point of points) {
    if (point.project === null) continue;
    const days = daysByProject.get(point.project);
    if (days) days.push(point.day);
    else daysByProject.set(point.project, [point.day]);
  }
  const { commits, issues, events } = activity.coverage;
  return {
    points,
    daysByProject,
    coverage: {
      commit: commits,
      update: 'always',
      'milestone-done': 'always',
      event: events,
      'pull-merged': issues,
      'issue-opened': issues,
      'issue-closed': issues,
    },
  };
}

/** How a contributor is shown: their GitHub profile when the login is known. */
export function personRef(contributor: Contributor, githubUrl = 'https://github.com'): PersonRef {
  return {
    name: contributor.name,
    login: contributor.login,
    url: contributor.login ? `${githubUrl}/${encodeURIComponent(contributor.login)}` : null,
  };
}

/** Stable order for people: by name, then key. */
export function comparePeople(a: PersonRef, b: PersonRef): number {
  return compareText(a.name, b.name) || compareText(a.login ?? '', b.login ?? '');
}

/** Locale-independent, deterministic string order (code units), case-insensitive first. */
export function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
