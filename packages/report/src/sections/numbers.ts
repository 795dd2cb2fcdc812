// Community numbers for the window, each next to the same number for the window before.
import type { NumberRow, ReportModel } from '../model.ts';
import { dayNumber } from '../window.ts';
import { type ActivityPoint, covered, pointsBetween, type SectionContext } from './context.ts';

export const NUMBER_LABELS = {
  'active-projects': 'Projects with activity',
  'milestones-done': 'Milestones done',
  'updates-posted': 'Updates posted',
  commits: 'Commits to projects/',
  'pulls-merged': 'Pull requests merged',
  'issues-opened': 'Issues opened',
  'people-active': 'People active',
  'new-contributors': 'New contributors',
} as const;
export type NumberId = keyof typeof NUMBER_LABELS;
const IDS = Object.keys(NUMBER_LABELS) as NumberId[];

export type NumberValues = Record<NumberId, number | null>;

/**
 * The numbers for [startDay, endDay), counting only kinds of activity in `kinds`; a number is null when the
 * source did not cover that window for its kind (so this week is never compared with a half-counted last week).
 */
export function measure(
  startDay: number,
  endDay: number,
  kinds: ReadonlySet<ActivityPoint['kind']>,
  ctx: SectionContext,
): NumberValues {
  const complete = [...kinds].every((kind) => covered(ctx.index, kind, startDay, endDay));
  const points = pointsBetween(ctx.index, startDay, endDay).filter((p) => kinds.has(p.kind));
  const count = (kind: ActivityPoint['kind']) =>
    covered(ctx.index, kind, startDay, endDay) ? points.filter((p) => p.kind === kind).length : null;
  const projects = new Set<string>();
  const people = new Set<string>();
  for (const point of points) {
    if (point.project) projects.add(point.project);
    if (point.person) people.add(point.person.key);
  }
  let newcomers = 0;
  for (const { firstSeen } of ctx.activity.contributors) {
    if (firstSeen === null) continue;
    const day = dayNumber(firstSeen);
    if (day >= startDay && day < endDay) newcomers++;
  }
  return {
    'active-projects': complete ? projects.size : null,
    'milestones-done': count('milestone-done'),
    'updates-posted': count('update'),
    commits: count('commit'),
    'pulls-merged': count('pull-merged'),
    'issues-opened': count('issue-opened'),
    'people-active': complete ? people.size : null,
    'new-contributors': newcomers,
  };
}

/**
 * The kinds of activity the source covered for all of [startDay, endDay). Project changes (events) are left out:
 * each comes from a commit, which is counted already.
 */
export function comparableKinds(ctx: SectionContext, startDay: number, endDay: number): Set<ActivityPoint['kind']> {
  const kinds: ActivityPoint['kind'][] = [
    'commit',
    'update',
    'milestone-done',
    'pull-merged',
    'issue-opened',
    'issue-closed',
  ];
  return new Set(kinds.filter((kind) => covered(ctx.index, kind, startDay, endDay)));
}

/**
 * Rows for the numbers the source could count this window. The previous value comes from the activity when it
 * covers the previous window, else from last window's report when one is given.
 */
export function aggregate(
  current: NumberValues,
  previous: NumberValues | null,
  previousReport: ReportModel | null,
  source: 'git' | 'github' = 'git',
): NumberRow[] {
  const rows: NumberRow[] = [];
  for (const id of IDS) {
    const value = current[id];
    if (value === null) continue;
    let before = previous?.[id] ?? null;
    if (before === null && previousReport) before = previousReport.numbers.find((row) => row.id === id)?.value ?? null;
    // The GitHub source counts every commit on the default branch, not only those touching projects/.
    const label = id === 'commits' && source === 'github' ? 'Commits' : NUMBER_LABELS[id];
    rows.push({ id, label, value, previous: before, change: before === null ? null : value - before });
  }
  return rows;
}
