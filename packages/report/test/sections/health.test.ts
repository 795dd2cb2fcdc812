import { describe, expect, it } from 'vitest';
import type { CommitEntry } from '../../src/activity.ts';
import { aggregate, measure } from '../../src/sections/health.ts';
import * as milestones from '../../src/sections/milestones.ts';
import { activityWith, context, project } from './helpers.ts';

function commitOn(date: string): CommitEntry {
  return {
    sha: date,
    date: `${date}T12:00:00Z`,
    author: { key: 'git:a', name: 'A', login: null },
    subject: 's',
    projects: ['p'],
    url: null,
  };
}

function healthOf(lastCommit: string | null, due?: string, overrides = {}) {
  const p = project({ started: '2026-01-05' }, due ? [{ id: 'm', title: 'The milestone', due }] : []);
  const ctx = context(
    activityWith({ projects: [{ slug: 'p', project: p }], commits: lastCommit ? [commitOn(lastCommit)] : [] }),
    undefined,
    overrides,
  );
  return measure(
    { slug: 'p', project: p },
    (p.milestones ?? []).map((m) => milestones.measure(m, ctx)),
    ctx,
  );
}

describe('health.measure (report read on 2026-11-23, quiet after 14 days, stalled after 35)', () => {
  it.each([
    ['activity 2 days ago', '2026-11-21', undefined, 'active', 'last activity 2 days ago'],
    ['activity 14 days ago', '2026-11-09', undefined, 'quiet', 'no activity for 14 days'],
    ['activity 35 days ago', '2026-10-19', undefined, 'stalled', 'no activity for 35 days'],
    ['active but a milestone 15 days overdue', '2026-11-21', '2026-11-08', 'quiet', '“The milestone” 15 days overdue'],
    ['quiet and a milestone 20 days overdue', '2026-11-05', '2026-11-03', 'stalled', 'no activity for 18 days'],
    ['active and a milestone only 3 days overdue', '2026-11-21', '2026-11-20', 'active', '3 days overdue'],
  ])('%s → %s', (_what, last, due, state, reason) => {
    const health = healthOf(last, due);
    expect(health?.state).toBe(state);
    expect(health?.reason).toContain(reason);
  });

  it('counts the start date as activity when nothing else happened', () => {
    expect(healthOf(null)).toMatchObject({ state: 'stalled', lastActivity: '2026-01-05' });
  });

  it('ignores activity after the window', () => {
    expect(healthOf('2026-11-23')?.lastActivity).toBe('2026-01-05');
  });

  it('follows the thresholds in the config', () => {
    expect(healthOf('2026-11-09', undefined, { quiet_after_days: 30, stalled_after_days: 60 })?.state).toBe('active');
  });

  it('is not judged for projects that are not active', () => {
    const p = project({ status: 'paused' });
    const ctx = context(activityWith({ projects: [{ slug: 'p', project: p }] }));
    expect(measure({ slug: 'p', project: p }, [], ctx)).toBeNull();
  });
});

describe('health.aggregate', () => {
  it('counts active projects by state', () => {
    expect(aggregate([healthOf('2026-11-21'), healthOf('2026-11-01'), null, healthOf('2026-01-01')])).toEqual({
      active: 1,
      quiet: 1,
      stalled: 1,
    });
  });
});
