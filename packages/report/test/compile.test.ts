import { describe, expect, it } from 'vitest';
import type { Activity } from '../src/activity.ts';
import { compileReport, formatDayRange, windowTitle } from '../src/compile.ts';
import { renderReport } from '../src/files.ts';
import { isoWeekWindow, rangeWindow } from '../src/window.ts';
import { config, fixtureActivity, WINDOW } from './fixture.ts';

/** The same activity with every list in another order. */
function shuffled(activity: Activity): Activity {
  const rev = <T>(items: T[]) => [...items].reverse();
  return {
    ...activity,
    projects: rev(activity.projects),
    updates: rev(activity.updates),
    events: rev(activity.events),
    commits: rev(activity.commits),
    issues: rev(activity.issues),
    contributors: rev(activity.contributors),
    notes: rev(activity.notes),
  };
}

describe('compileReport', () => {
  it('same inputs give byte-identical outputs, whatever the order of the input lists', () => {
    const a = renderReport(compileReport(fixtureActivity(), { window: WINDOW, config: config() }));
    const b = renderReport(compileReport(shuffled(fixtureActivity()), { window: WINDOW, config: config() }));
    expect(b.files.map((f) => f.content)).toEqual(a.files.map((f) => f.content));
  });

  it('records the window end as generatedAt unless given one — never the clock', () => {
    expect(compileReport(fixtureActivity(), { window: WINDOW, config: config() }).generatedAt).toBe(WINDOW.end);
    expect(
      compileReport(fixtureActivity(), { window: WINDOW, config: config(), generatedAt: '2026-11-23T06:12:00Z' })
        .generatedAt,
    ).toBe('2026-11-23T06:12:00Z');
  });

  it('consecutive weeks never count the same milestone, update or commit twice', () => {
    const weeks = ['2026-W45', '2026-W46', '2026-W47'].map((w) =>
      compileReport(fixtureActivity(), { window: isoWeekWindow(w), config: config() }),
    );
    const sum = (id: string) => weeks.reduce((s, m) => s + (m.numbers.find((r) => r.id === id)?.value ?? 0), 0);
    // In the fixture: milestones done 11-03, 11-19, 11-20; updates 11-03, 11-19, 11-20; commits 11-03, 11-12, 11-18,
    // 11-19, 11-22 (and one at 11-23T00:00Z, the first instant of the next week).
    expect(sum('milestones-done')).toBe(3);
    expect(sum('updates-posted')).toBe(3);
    expect(sum('commits')).toBe(5);
  });

  it('the headline says what the numbers say', () => {
    const model = compileReport(fixtureActivity(), { window: WINDOW, config: config() });
    expect(model.headline).toEqual({
      milestonesDone: 2,
      activeProjects: 2,
      newContributors: 2,
      updatesPosted: 2,
      proposalsWaiting: 1,
      needsAttention: 1,
    });
  });

  it('the trend has trend_weeks weeks ending with the report week', () => {
    const model = compileReport(fixtureActivity(), { window: WINDOW, config: config({ trend_weeks: 8 }) });
    expect(model.trends.weeks.map((w) => w.label)).toHaveLength(8);
    expect(model.trends.weeks.at(-1)?.label).toBe('2026-W47');
  });
});

describe('titles', () => {
  it.each([
    ['2026-11-16', '2026-11-22', '16–22 November 2026'],
    ['2026-11-30', '2026-12-06', '30 November – 6 December 2026'],
    ['2026-12-28', '2027-01-03', '28 December 2026 – 3 January 2027'],
    ['2026-11-16', '2026-11-16', '16 November 2026'],
  ])('%s to %s reads "%s"', (first, last, text) => {
    expect(formatDayRange(first, last)).toBe(text);
  });
  it('names the ISO week', () => {
    expect(windowTitle(isoWeekWindow('2026-W47'))).toBe('Week 47, 16–22 November 2026');
    expect(windowTitle(rangeWindow('2026-11-01', '2026-12-01'))).toBe('1–30 November 2026');
  });
});
