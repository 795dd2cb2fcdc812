import { describe, expect, it } from 'vitest';
import type { CommitEntry } from '../../src/activity.ts';
import { aggregate, comparableKinds, measure } from '../../src/sections/numbers.ts';
import { dayNumber } from '../../src/window.ts';
import { activityWith, context, project } from './helpers.ts';

const author = { key: 'git:a', name: 'A', login: null };
const commit = (date: string, projects: string[]): CommitEntry => ({
  sha: date,
  date,
  author,
  subject: 's',
  projects,
  url: null,
});

describe('numbers', () => {
  const start = dayNumber('2026-11-16');
  const end = dayNumber('2026-11-23');
  const activity = activityWith({
    projects: [
      {
        slug: 'p',
        project: project({}, [
          { id: 'm', title: 'M', done: '2026-11-10' },
          { id: 'n', title: 'N', done: '2026-11-18' },
        ]),
      },
    ],
    commits: [
      commit('2026-11-10T00:00:00Z', ['p']),
      commit('2026-11-17T00:00:00Z', ['p']),
      commit('2026-11-18T00:00:00Z', ['q']),
    ],
    contributors: [{ contributor: author, firstSeen: '2026-11-10' }],
    coverage: { commits: { start: '2026-09-01T00:00:00Z', end: '2026-11-23T00:00:00Z' }, issues: null, events: null },
  });
  const ctx = context(activity);
  const kinds = comparableKinds(ctx, start, end);

  it('counts the window and the window before alike', () => {
    const now = measure(start, end, kinds, ctx);
    const before = measure(start - 7, start, kinds, ctx);
    expect(now).toMatchObject({
      'active-projects': 2,
      'milestones-done': 1,
      commits: 2,
      'people-active': 1,
      'new-contributors': 0,
      'pulls-merged': null,
    });
    expect(before).toMatchObject({ 'active-projects': 1, 'milestones-done': 1, commits: 1, 'new-contributors': 1 });
    const rows = aggregate(now, before, null);
    expect(rows.find((r) => r.id === 'commits')).toEqual({
      id: 'commits',
      label: 'Commits to projects/',
      value: 2,
      previous: 1,
      change: 1,
    });
    expect(rows.some((r) => r.id === 'pulls-merged')).toBe(false);
  });

  it('says nothing about a previous window the source did not cover, unless last week’s report is given', () => {
    const narrow = context({
      ...activity,
      coverage: { commits: { start: '2026-11-16T00:00:00Z', end: '2026-11-23T00:00:00Z' }, issues: null, events: null },
    });
    const k = comparableKinds(narrow, start, end);
    const now = measure(start, end, k, narrow);
    const before = measure(start - 7, start, k, narrow);
    expect(before.commits).toBeNull();
    expect(aggregate(now, before, null).find((r) => r.id === 'commits')).toMatchObject({
      previous: null,
      change: null,
    });
    const lastWeek = {
      numbers: [{ id: 'commits', label: 'Commits', value: 5, previous: null, change: null }],
    } as never;
    expect(aggregate(now, before, lastWeek).find((r) => r.id === 'commits')).toMatchObject({ previous: 5, change: -3 });
  });
});
