import { describe, expect, it } from 'vitest';
import { aggregate, measure } from '../../src/sections/milestones.ts';
import { activityWith, context } from './helpers.ts';

const ctx = context(activityWith({}));

describe('milestones.measure (as of the window end, 2026-11-23)', () => {
  it.each([
    [
      'done in the window, late',
      { id: 'a', title: 'A', due: '2026-11-15', done: '2026-11-19' },
      { state: 'done', doneInWindow: true, lateByDays: 4 },
    ],
    [
      'done on the last day of the window',
      { id: 'a', title: 'A', done: '2026-11-22' },
      { state: 'done', doneInWindow: true, lateByDays: null },
    ],
    [
      'done before the window, early',
      { id: 'a', title: 'A', due: '2026-11-10', done: '2026-11-08' },
      { state: 'done', doneInWindow: false, lateByDays: -2 },
    ],
    [
      'done after the window counts as open',
      { id: 'a', title: 'A', due: '2026-11-30', done: '2026-11-23' },
      { state: 'open', doneInWindow: false, dueInDays: 7 },
    ],
    [
      'due on the day the report is read',
      { id: 'a', title: 'A', due: '2026-11-23' },
      { state: 'open', dueInDays: 0, overdueDays: null },
    ],
    ['due in 13 days is due soon', { id: 'a', title: 'A', due: '2026-12-06' }, { dueInDays: 13 }],
    [
      'due in 14 days is not due soon',
      { id: 'a', title: 'A', due: '2026-12-07' },
      { dueInDays: null, overdueDays: null },
    ],
    ['overdue by 2 days', { id: 'a', title: 'A', due: '2026-11-21' }, { state: 'open', overdueDays: 2 }],
    [
      'dropped is neither due nor overdue',
      { id: 'a', title: 'A', due: '2026-11-01', dropped: true },
      { state: 'dropped', overdueDays: null, dueInDays: null },
    ],
  ])('%s', (_what, milestone, expected) => {
    expect(measure(milestone, ctx)).toMatchObject(expected);
  });

  it('uses due_soon_days from the config', () => {
    const wide = context(activityWith({}), undefined, { due_soon_days: 30 });
    expect(measure({ id: 'a', title: 'A', due: '2026-12-20' }, wide).dueInDays).toBe(27);
  });
});

describe('milestones.aggregate', () => {
  it('counts progress without dropped milestones and orders what is due', () => {
    const summary = aggregate(
      [
        { id: 'a', title: 'A', done: '2026-11-19' },
        { id: 'b', title: 'B', due: '2026-11-01', dropped: true },
        { id: 'c', title: 'C', due: '2026-11-30' },
        { id: 'd', title: 'D', due: '2026-11-25' },
        { id: 'e', title: 'E', due: '2026-11-20' },
        { id: 'f', title: 'F', due: '2026-11-10' },
      ].map((m) => measure(m, ctx)),
    );
    expect(summary.progress).toEqual({ done: 1, total: 5, dropped: 1 });
    expect(summary.dueSoon.map((m) => m.id)).toEqual(['d', 'c']);
    expect(summary.overdue.map((m) => [m.id, m.days])).toEqual([
      ['f', 13],
      ['e', 3],
    ]);
    expect(summary.doneInWindow.map((m) => m.id)).toEqual(['a']);
  });
});
