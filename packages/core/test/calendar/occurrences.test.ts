import { describe, expect, it } from 'vitest';
import { occurrencesBetween, occurrencesOf } from '../../src/calendar/index.ts';
import { calendarOf, edit, HACKATHON, lines, SERIES, TALK } from './fixtures.ts';

function entriesOf(files: Record<string, string>) {
  const calendar = calendarOf(files);
  expect(lines(calendar)).toEqual([]);
  return calendar.entries;
}

const window = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });

/** The wall clock of an instant in a zone, read by Intl (not by the code under test). */
function wallClockOf(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

describe('occurrences in a window', () => {
  it('a weekly 18:00 London meeting stays at 18:00 local across both daylight-saving changes', () => {
    const entries = entriesOf({ 'events/reading-group.yml': SERIES });
    const autumn = occurrencesBetween(entries, window('2026-10-20T00:00Z', '2026-11-01T00:00Z'));
    const spring = occurrencesBetween(entries, window('2027-03-22T00:00Z', '2027-04-03T00:00Z'));
    const shown = [...autumn, ...spring].map((o) => [
      o.id,
      o.start.toISOString(),
      wallClockOf(o.start, 'Europe/London'),
    ]);
    expect(shown).toEqual([
      ['reading-group/2026-10-22', '2026-10-22T17:00:00.000Z', '2026-10-22T18:00'],
      ['reading-group/2026-10-29', '2026-10-29T18:00:00.000Z', '2026-10-29T18:00'],
      ['reading-group/2027-03-25', '2027-03-25T18:00:00.000Z', '2027-03-25T18:00'],
      ['reading-group/2027-04-01', '2027-04-01T17:00:00.000Z', '2027-04-01T18:00'],
    ]);
    for (const o of [...autumn, ...spring]) {
      expect(o.localStart.slice(11)).toBe('18:00');
      expect(o.end.getTime() - o.start.getTime()).toBe(90 * 60 * 1000);
    }
  });

  it('New York changes on other days than London, and its meetings stay at 18:00 there', () => {
    const ny = edit(SERIES, 'timezone:', 'timezone: America/New_York');
    const entries = entriesOf({ 'events/ny.yml': ny });
    const found = occurrencesBetween(entries, window('2027-03-08T00:00Z', '2027-03-20T00:00Z'));
    expect(found.map((o) => [o.date, o.start.toISOString(), wallClockOf(o.start, 'America/New_York')])).toEqual([
      ['2027-03-11', '2027-03-11T23:00:00.000Z', '2027-03-11T18:00'],
      ['2027-03-18', '2027-03-18T22:00:00.000Z', '2027-03-18T18:00'],
    ]);
  });

  it.each([
    // 01:30 does not exist in London on 2027-03-28: moved forward by the gap (RFC 5545), 02:30 BST.
    ['2027-03-28', '01:30', '2027-03-28T01:30:00.000Z', '2027-03-28T02:30'],
    // 01:30 happens twice on 2026-10-25: the first one (BST) is meant.
    ['2026-10-25', '01:30', '2026-10-25T00:30:00.000Z', '2026-10-25T01:30'],
  ])(
    'a meeting at a wall-clock time that is skipped or repeated on %s has the documented instant',
    (date, start, utc, local) => {
      const sunday = edit(
        edit(edit(SERIES, 'repeat:', 'repeat: weekly on sunday'), 'from:', 'from: 2026-09-06'),
        'start:',
        `start: "${start}"`,
      );
      const text = sunday.slice(0, sunday.indexOf('sessions:'));
      const [o] = occurrencesBetween(
        entriesOf({ 'events/night.yml': text }),
        window(`${date}T00:00Z`, `${date}T12:00Z`),
      );
      expect(o?.start.toISOString()).toBe(utc);
      expect(o?.localStart).toBe(local);
      expect(wallClockOf(o!.start, 'Europe/London')).toBe(local);
    },
  );

  it('ids come from the slug and the local date, whatever the window', () => {
    const entries = entriesOf({
      'events/reading-group.yml': SERIES,
      'events/winter.yml': HACKATHON,
      'events/office-hours.yml': TALK,
    });
    const wide = occurrencesBetween(entries, window('2026-09-01T00:00Z', '2027-02-01T00:00Z'));
    const narrow = occurrencesBetween(entries, window('2026-12-10T18:30Z', '2026-12-10T18:31Z'));
    expect(narrow.map((o) => o.id)).toEqual(['reading-group/2026-12-10']);
    expect(wide.find((o) => o.id === 'reading-group/2026-12-10')).toEqual(narrow[0]);
    expect(wide.filter((o) => o.kind !== 'series').map((o) => o.id)).toEqual(['office-hours', 'winter']);
    expect(new Set(wide.map((o) => o.id)).size).toBe(wide.length);
  });

  it('a window holds what overlaps it: a meeting under way is in, one starting at its end is out', () => {
    const entries = entriesOf({ 'events/reading-group.yml': SERIES });
    expect(occurrencesBetween(entries, window('2026-12-10T19:00Z', '2026-12-10T20:00Z')).map((o) => o.id)).toEqual([
      'reading-group/2026-12-10',
    ]);
    expect(occurrencesBetween(entries, window('2026-12-10T17:00Z', '2026-12-10T18:00Z'))).toEqual([]);
    expect(occurrencesBetween(entries, window('2026-12-10T19:30Z', '2026-12-10T21:00Z'))).toEqual([]);
    expect(occurrencesBetween(entries, window('2026-12-11T00:00Z', '2026-12-10T00:00Z'))).toEqual([]);
  });

  it('cancelled meetings are listed with their reason, and sessions travel with their meeting', () => {
    const entries = entriesOf({ 'events/reading-group.yml': SERIES });
    const december = occurrencesBetween(entries, window('2026-12-01T00:00Z', '2027-01-01T00:00Z'));
    expect(december.map((o) => [o.date, o.cancelled ?? '', o.session?.paper ?? ''])).toEqual([
      ['2026-12-03', '', ''],
      ['2026-12-10', '', 'arxiv:2211.00593'],
      ['2026-12-17', '', ''],
      ['2026-12-24', 'holidays', ''],
      ['2026-12-31', '', ''],
    ]);
  });

  it('nothing before from:, nothing after until:, and COUNT ends a rule', () => {
    const until = edit(SERIES, 'from:', 'from: 2026-09-03\nuntil: 2026-09-17');
    const all = window('2020-01-01T00:00Z', '2030-01-01T00:00Z');
    expect(
      occurrencesBetween(entriesOf({ 'events/a.yml': until.slice(0, until.indexOf('sessions:')) }), all).map(
        (o) => o.date,
      ),
    ).toEqual(['2026-09-03', '2026-09-10', '2026-09-17']);
    const counted = edit(SERIES, 'repeat:', 'repeat: FREQ=WEEKLY;BYDAY=TH;COUNT=2');
    expect(
      occurrencesBetween(entriesOf({ 'events/b.yml': counted.slice(0, counted.indexOf('sessions:')) }), all).map(
        (o) => o.date,
      ),
    ).toEqual(['2026-09-03', '2026-09-10']);
  });

  it.each([
    ['every 2 weeks on monday', '2026-09-07', ['2026-09-07', '2026-09-21', '2026-10-05']],
    ['monthly on the first tuesday', '2026-09-01', ['2026-09-01', '2026-10-06', '2026-11-03']],
    ['monthly on the last friday', '2026-09-25', ['2026-09-25', '2026-10-30', '2026-11-27']],
    ['weekly on monday and thursday', '2026-09-03', ['2026-09-03', '2026-09-07', '2026-09-10']],
    ['FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2', '2026-09-08', ['2026-09-08', '2026-10-13', '2026-11-10']],
  ])('repeat: %s gives the dates people expect', (rule, from, dates) => {
    const text = edit(edit(SERIES, 'repeat:', `repeat: "${rule}"`), 'from:', `from: ${from}`);
    const entries = entriesOf({ 'events/x.yml': text.slice(0, text.indexOf('sessions:')) });
    expect(
      occurrencesBetween(entries, window('2026-08-01T00:00Z', '2026-12-01T00:00Z'))
        .slice(0, 3)
        .map((o) => o.date),
    ).toEqual(dates);
  });

  it('a hackathon is one occurrence from its start to its end, with its deadline', () => {
    const [entry] = entriesOf({ 'events/winter.yml': HACKATHON });
    const [o] = occurrencesOf(entry!, window('2027-01-16T00:00Z', '2027-01-16T01:00Z'));
    expect(o).toMatchObject({
      id: 'winter',
      kind: 'hackathon',
      date: '2027-01-15',
      localStart: '2027-01-15T10:00',
      localEnd: '2027-01-17T18:00',
    });
    expect(o?.deadline?.toISOString()).toBe('2027-01-17T16:00:00.000Z');
  });
});
