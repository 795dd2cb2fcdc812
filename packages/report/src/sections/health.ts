// Health of an active project: active, quiet or stalled, from its last activity and its slipping milestones.
import type { ProjectSnapshot } from '../activity.ts';
import type { HealthState, ProjectHealth } from '../model.ts';
import { plural } from '../text.ts';
import { dayNumber, dayString } from '../window.ts';
import { lowerBound, type SectionContext } from './context.ts';
import type { MilestoneMeasure } from './milestones.ts';

const ORDER: readonly HealthState[] = ['active', 'quiet', 'stalled'];

/** The last day (before the window end) something happened in the project, counting its start as activity. */
export function lastActivityDay(snapshot: ProjectSnapshot, ctx: SectionContext): number | null {
  const days = ctx.index.daysByProject.get(snapshot.slug) ?? [];
  const before = lowerBound(days, ctx.endDay, (d) => d);
  let last = before > 0 ? (days[before - 1] as number) : null;
  for (const date of [snapshot.project.started, snapshot.addedOn]) {
    if (!date) continue;
    const day = dayNumber(date);
    if (day < ctx.endDay && (last === null || day > last)) last = day;
  }
  return last;
}

/**
 * Active projects only (others get null). No activity for `quiet_after_days` → quiet, for `stalled_after_days`
 * → stalled; an open milestone more than `quiet_after_days` past due moves the project one step further down.
 */
export function measure(
  snapshot: ProjectSnapshot,
  milestones: MilestoneMeasure[],
  ctx: SectionContext,
): ProjectHealth | null {
  if (snapshot.project.status !== 'active') return null;
  const { quietAfterDays, stalledAfterDays } = ctx.thresholds;
  const last = lastActivityDay(snapshot, ctx);
  const since = last === null ? null : ctx.endDay - last;
  let level = since === null || since >= stalledAfterDays ? 2 : since >= quietAfterDays ? 1 : 0;
  const worst = milestones.reduce<MilestoneMeasure | null>(
    (acc, m) => (m.overdueDays !== null && (acc === null || m.overdueDays > (acc.overdueDays as number)) ? m : acc),
    null,
  );
  const mostOverdueDays = worst?.overdueDays ?? 0;
  if (mostOverdueDays > quietAfterDays) level = Math.min(2, level + 1);
  const reasons: string[] = [];
  if (since === null) reasons.push('no activity recorded');
  else
    reasons.push(
      `${since >= quietAfterDays ? 'no activity for' : 'last activity'} ${plural(since, 'day')}${since >= quietAfterDays ? '' : ' ago'}`,
    );
  if (worst) reasons.push(`“${worst.title}” ${plural(mostOverdueDays, 'day')} overdue`);
  return {
    state: ORDER[level] as HealthState,
    lastActivity: last === null ? null : dayString(last),
    daysSinceActivity: since,
    mostOverdueDays,
    reason: reasons.join('; '),
  };
}

/** How many active projects are in each state. */
export function aggregate(measures: (ProjectHealth | null)[]): Record<HealthState, number> {
  const counts: Record<HealthState, number> = { active: 0, quiet: 0, stalled: 0 };
  for (const m of measures) if (m) counts[m.state]++;
  return counts;
}
