import { describe, expect, it } from 'vitest';
import {
  inWindow,
  isoWeekOfDay,
  isoWeekWindow,
  lastCompleteIsoWeek,
  rangeWindow,
  resolveWindow,
  trendWindows,
  WindowError,
  windowDays,
} from '../src/window.ts';

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

describe('ISO weeks', () => {
  it.each([
    ['2026-W47', '2026-11-16T00:00:00.000Z', '2026-11-23T00:00:00.000Z'],
    ['2026-W01', '2025-12-29T00:00:00.000Z', '2026-01-05T00:00:00.000Z'],
    ['2020-W53', '2020-12-28T00:00:00.000Z', '2021-01-04T00:00:00.000Z'],
    ['2027-W01', '2027-01-04T00:00:00.000Z', '2027-01-11T00:00:00.000Z'],
  ])('%s is the half-open UTC window [%s, %s)', (week, start, end) => {
    expect(isoWeekWindow(week)).toEqual({ start, end, label: week, isoWeek: week });
  });

  it.each([
    ['2026-W00', /ISO weeks 01 to 53/],
    ['2026-W54', /ISO weeks 01 to 53/],
    ['2021-W53', /2021 has ISO weeks 01 to 52/],
    ['2026-47', /not an ISO week.*like 2026-W47/],
    ['W47', /not an ISO week/],
    ['', /not an ISO week/],
  ])('refuses %s with a message that says what to write', (week, message) => {
    expect(() => isoWeekWindow(week)).toThrow(WindowError);
    expect(() => isoWeekWindow(week)).toThrow(message);
  });

  it.each([
    ['2026-11-16', '2026-W47'],
    ['2026-11-22', '2026-W47'],
    ['2026-11-23', '2026-W48'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s is in %s', (date, week) => {
    expect(isoWeekOfDay(day(date))).toBe(week);
  });

  it('every day of 2020–2030 falls in the ISO week whose window contains it', () => {
    for (let d = day('2020-01-01'); d < day('2031-01-01'); d++) {
      const window = isoWeekWindow(isoWeekOfDay(d));
      expect(inWindow(window, new Date(d * 86_400_000).toISOString())).toBe(true);
    }
  });
});

describe('the default window of a weekly job', () => {
  it.each([
    ['Monday just after midnight', '2026-11-23T00:00:01Z', '2026-W47'],
    ['Monday, cron on time', '2026-11-23T06:00:00Z', '2026-W47'],
    ['Tuesday, cron ran a day late', '2026-11-24T16:00:00Z', '2026-W47'],
    ['Sunday night, before the week is over', '2026-11-22T23:59:59Z', '2026-W46'],
    ['New year', '2027-01-04T03:00:00Z', '2026-W53'],
  ])('%s reports on the last complete week', (_what, now, week) => {
    expect(lastCompleteIsoWeek(new Date(now)).label).toBe(week);
  });
});

describe('ranges', () => {
  it('since is included, until is not', () => {
    const window = rangeWindow('2026-11-01', '2026-11-15');
    expect(window).toEqual({
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-11-15T00:00:00.000Z',
      label: '2026-11-01--2026-11-15',
      isoWeek: null,
    });
    expect(inWindow(window, '2026-11-14T23:59:59.999Z')).toBe(true);
    expect(inWindow(window, '2026-11-15T00:00:00.000Z')).toBe(false);
    expect(inWindow(window, '2026-11-01')).toBe(true);
  });

  it('a Monday-to-Monday range is labelled as its ISO week', () => {
    expect(rangeWindow('2026-11-16', '2026-11-23').label).toBe('2026-W47');
  });

  it('timestamps with a zone are converted to UTC', () => {
    const window = rangeWindow('2026-11-16T09:00:00+02:00', '2026-11-17T09:00:00Z');
    expect(window.start).toBe('2026-11-16T07:00:00.000Z');
    expect(window.label).toBe('2026-11-16T070000--2026-11-17T090000');
  });

  it.each([
    ['2026-11-15', '2026-11-01', /must be after --since/],
    ['2026-11-01', '2026-11-01', /must be after --since/],
    ['2026-02-30', '2026-03-01', /not a real calendar date/],
    ['yesterday', '2026-03-01', /not a date; write YYYY-MM-DD/],
    ['2026-11-16T09:00', '2026-11-17', /timestamp with a zone/],
    ['2025-01-01', '2026-06-01', /more than a year/],
  ])('refuses --since %s --until %s', (since, until, message) => {
    expect(() => rangeWindow(since, until)).toThrow(message);
  });
});

describe('resolveWindow', () => {
  const now = new Date('2026-11-24T16:00:00Z');
  it('defaults to the last complete ISO week', () => expect(resolveWindow({}, now).label).toBe('2026-W47'));
  it('takes --week', () => expect(resolveWindow({ week: '2026-W40' }, now).label).toBe('2026-W40'));
  it('takes --since with --until', () =>
    expect(resolveWindow({ since: '2026-11-01', until: '2026-12-01' }, now).label).toBe('2026-11-01--2026-12-01'));
  it('refuses --week with --since', () =>
    expect(() => resolveWindow({ week: '2026-W40', since: '2026-11-01' }, now)).toThrow(/either --week or --since/));
  it('refuses --since alone', () => expect(() => resolveWindow({ since: '2026-11-01' }, now)).toThrow(/go together/));
});

describe('trend windows', () => {
  it('are the 12 ISO weeks ending with the report week, oldest first, back to back', () => {
    const weeks = trendWindows(isoWeekWindow('2026-W02'), 12);
    expect(weeks.map((w) => w.label)).toEqual([
      '2025-W43',
      '2025-W44',
      '2025-W45',
      '2025-W46',
      '2025-W47',
      '2025-W48',
      '2025-W49',
      '2025-W50',
      '2025-W51',
      '2025-W52',
      '2026-W01',
      '2026-W02',
    ]);
    for (let i = 1; i < weeks.length; i++) expect(weeks[i]?.start).toBe(weeks[i - 1]?.end);
  });

  it('of a range are ranges of the same length', () => {
    const weeks = trendWindows(rangeWindow('2026-11-01', '2026-11-15'), 3);
    expect(weeks.map((w) => w.label)).toEqual([
      '2026-10-04--2026-10-18',
      '2026-10-18--2026-11-01',
      '2026-11-01--2026-11-15',
    ]);
  });

  it('first and last day are what a person reads', () => {
    expect(windowDays(isoWeekWindow('2026-W47'))).toEqual({ firstDay: '2026-11-16', lastDay: '2026-11-22' });
  });
});
