// Trends over the last `trend_weeks` windows: activity, milestones done and projects with activity.
import type { TrendSeries } from '../model.ts';
import { listOf } from '../text.ts';
import { dayNumber, type ReportWindow } from '../window.ts';
import { type ActivityPoint, covered, pointsBetween, type SectionContext } from './context.ts';

export interface TrendMeasure {
  activity: number;
  milestonesDone: number;
  activeProjects: number;
}

const KIND_WORDS: Record<ActivityPoint['kind'], string> = {
  commit: 'commits',
  update: 'updates',
  'milestone-done': 'milestones done',
  event: 'project changes',
  'pull-merged': 'pull requests merged',
  'issue-opened': 'issues opened',
  'issue-closed': 'issues closed',
};

/** The kinds of activity the source covered for the whole trend range, so every bar counts the same things. */
export function trendKinds(ctx: SectionContext, weeks: ReportWindow[]): ActivityPoint['kind'][] {
  const first = weeks[0] as ReportWindow;
  const from = dayNumber(first.start);
  // Project changes (events) each come from a commit, which is counted already.
  return (Object.keys(KIND_WORDS) as ActivityPoint['kind'][]).filter(
    (kind) => kind !== 'event' && covered(ctx.index, kind, from, ctx.endDay),
  );
}

export function measure(
  week: ReportWindow,
  kinds: ReadonlySet<ActivityPoint['kind']>,
  ctx: SectionContext,
): TrendMeasure {
  const points = pointsBetween(ctx.index, dayNumber(week.start), dayNumber(week.end)).filter((p) => kinds.has(p.kind));
  const projects = new Set<string>();
  let milestonesDone = 0;
  for (const point of points) {
    if (point.project) projects.add(point.project);
    if (point.kind === 'milestone-done') milestonesDone++;
  }
  return { activity: points.length, milestonesDone, activeProjects: projects.size };
}

export function aggregate(
  weeks: ReportWindow[],
  measures: TrendMeasure[],
  kinds: ActivityPoint['kind'][],
): { weeks: { label: string; start: string }[]; series: TrendSeries[] } {
  const counted = listOf(kinds.map((k) => KIND_WORDS[k]));
  return {
    weeks: weeks.map((w) => ({ label: w.label, start: w.start })),
    series: [
      {
        id: 'activity',
        label: 'Activity',
        description: `Per week: ${counted}.`,
        values: measures.map((m) => m.activity),
      },
      {
        id: 'milestones-done',
        label: 'Milestones done',
        description: 'Milestones whose done date falls in the week.',
        values: measures.map((m) => m.milestonesDone),
      },
      {
        id: 'active-projects',
        label: 'Projects with activity',
        description: `Projects with any of: ${counted}.`,
        values: measures.map((m) => m.activeProjects),
      },
    ],
  };
}
