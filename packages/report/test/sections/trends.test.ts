import { describe, expect, it } from 'vitest';
import { aggregate, measure, trendKinds } from '../../src/sections/trends.ts';
import { isoWeekWindow, trendWindows } from '../../src/window.ts';
import { activityWith, context, project } from './helpers.ts';

describe('trends', () => {
  const author = { key: 'git:a', name: 'A', login: null };
  const window = isoWeekWindow('2026-W47');
  const weeks = trendWindows(window, 4);
  const activity = activityWith({
    projects: [{ slug: 'p', project: project({}, [{ id: 'm', title: 'M', done: '2026-11-04' }]) }],
    updates: [{ project: 'q', path: 'projects/q/updates/2026-11-18-x.md', date: '2026-11-18', topic: 'x' }],
    commits: [
      { sha: '1', date: '2026-10-27T10:00:00Z', author, subject: 's', projects: ['p'], url: null },
      { sha: '2', date: '2026-11-19T10:00:00Z', author, subject: 's', projects: ['p'], url: null },
    ],
    coverage: { commits: { start: '2026-10-26T00:00:00Z', end: window.end }, issues: null, events: null },
  });
  const ctx = context(activity, window);

  it('one value per week, oldest first, counting only what the source covered for every week', () => {
    const kinds = trendKinds(ctx, weeks);
    expect(kinds).toEqual(['commit', 'update', 'milestone-done']);
    const section = aggregate(
      weeks,
      weeks.map((w) => measure(w, new Set(kinds), ctx)),
      kinds,
    );
    expect(section.weeks.map((w) => w.label)).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47']);
    expect(section.series.map((s) => [s.id, s.values])).toEqual([
      ['activity', [1, 1, 0, 2]],
      ['milestones-done', [0, 1, 0, 0]],
      ['active-projects', [1, 1, 0, 2]],
    ]);
    expect(section.series[0]?.description).toBe('Per week: commits, updates and milestones done.');
  });

  it('leaves commits out when the source did not cover the whole range', () => {
    const short = context(
      { ...activity, coverage: { commits: { start: window.start, end: window.end }, issues: null, events: null } },
      window,
    );
    expect(trendKinds(short, weeks)).toEqual(['update', 'milestone-done']);
  });
});
