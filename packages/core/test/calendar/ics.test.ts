import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { icsText, occurrencesBetween, renderCalendarIcs } from '../../src/calendar/index.ts';
import { calendarOf, edit, HACKATHON, lines, SERIES, TALK } from './fixtures.ts';

const OPTIONS = {
  name: 'Mechanistic Interpretability Discord events',
  uidDomain: 'Mechanistic Interpretability Discord',
};

function render(files: Record<string, string>) {
  const calendar = calendarOf(files);
  expect(lines(calendar)).toEqual([]);
  return { calendar, text: renderCalendarIcs(calendar, OPTIONS) };
}

/** Parses with ical.js, an independent implementation, and registers the file's own VTIMEZONE blocks. */
function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return root;
}

/** Expands a recurring VEVENT (with its overrides) the way a calendar app does, from the file alone. */
function expand(root: ICAL.Component, uid: string, until: string) {
  const all = root.getAllSubcomponents('vevent').filter((v) => v.getFirstPropertyValue('uid') === uid);
  const master = all.find((v) => !v.hasProperty('recurrence-id'));
  if (!master) throw new Error(`no master VEVENT for ${uid}`);
  const event = new ICAL.Event(master, { exceptions: all.filter((v) => v !== master) });
  const iterator = event.iterator();
  const out: { start: Date; local: string; summary: string }[] = [];
  const stop = ICAL.Time.fromDateTimeString(until);
  for (let next = iterator.next(); next && next.compare(stop) < 0; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    const start = details.startDate;
    out.push({
      start: start.toJSDate(),
      local: `${start.toString().slice(0, 16)}`,
      summary: String(details.item.summary),
    });
  }
  return out;
}

const localIn = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);

describe('events/calendar.ics', () => {
  it('parsed back by ical.js, the series lands at 18:00 London time across both daylight-saving changes', () => {
    const { text, calendar } = render({ 'events/reading-group.yml': SERIES });
    const root = parse(text);
    const uid = 'reading-group@mechanistic-interpretability-discord.circuitboard';
    const meetings = expand(root, uid, '2027-04-10T00:00:00');
    const around = meetings.filter((m) => m.start >= new Date('2026-10-20') && m.start < new Date('2026-11-01'));
    const spring = meetings.filter((m) => m.start >= new Date('2027-03-22') && m.start < new Date('2027-04-03'));
    expect([...around, ...spring].map((m) => m.start.toISOString())).toEqual([
      '2026-10-22T17:00:00.000Z',
      '2026-10-29T18:00:00.000Z',
      '2027-03-25T18:00:00.000Z',
      '2027-04-01T17:00:00.000Z',
    ]);
    for (const m of meetings) expect(localIn(m.start, 'Europe/London')).toBe('18:00');
    // The file and the occurrences API agree on every meeting that takes place.
    const ours = occurrencesBetween(calendar.entries, { from: new Date('2026-09-01'), to: new Date('2027-04-10') })
      .filter((o) => !o.cancelled)
      .map((o) => o.start.toISOString());
    expect(meetings.map((m) => m.start.toISOString())).toEqual(ours);
  });

  it('a cancelled session is an EXDATE: calendar apps skip it, and the other meetings stay', () => {
    const { text } = render({ 'events/reading-group.yml': SERIES });
    expect(text).toContain('\r\nEXDATE;TZID=Europe/London:20261224T180000\r\n');
    const dates = expand(
      parse(text),
      'reading-group@mechanistic-interpretability-discord.circuitboard',
      '2027-01-10T00:00:00',
    ).map((m) => m.local.slice(0, 10));
    expect(dates).not.toContain('2026-12-24');
    expect(dates).toContain('2026-12-17');
    expect(dates).toContain('2026-12-31');
  });

  it('a session with a paper overrides its meeting (same UID, RECURRENCE-ID) with the paper in the summary', () => {
    const { text } = render({ 'events/reading-group.yml': SERIES });
    const meetings = expand(
      parse(text),
      'reading-group@mechanistic-interpretability-discord.circuitboard',
      '2027-01-01T00:00:00',
    );
    expect(meetings.find((m) => m.local.startsWith('2026-12-10'))?.summary).toBe('Reading group: arxiv:2211.00593');
    expect(meetings.find((m) => m.local.startsWith('2026-12-03'))?.summary).toBe('Reading group');
  });

  it('one VEVENT per one-off event and hackathon, times with their TZID, a VTIMEZONE for each zone used', () => {
    const ny = edit(TALK, 'timezone:', 'timezone: America/New_York');
    const { text } = render({
      'events/reading-group.yml': SERIES,
      'events/talk.yml': ny,
      'events/winter.yml': HACKATHON,
    });
    const root = parse(text);
    expect(
      root
        .getAllSubcomponents('vtimezone')
        .map((z) => z.getFirstPropertyValue('tzid'))
        .sort(),
    ).toEqual(['America/New_York', 'Europe/London']);
    const byUid = (uid: string) =>
      root.getAllSubcomponents('vevent').filter((v) => v.getFirstPropertyValue('uid') === uid);
    const [talk] = byUid('talk@mechanistic-interpretability-discord.circuitboard');
    const start = new ICAL.Event(talk!).startDate;
    expect(start.zone?.tzid).toBe('America/New_York');
    expect(start.toJSDate().toISOString()).toBe('2026-12-02T22:00:00.000Z');
    const [hackathon] = byUid('winter@mechanistic-interpretability-discord.circuitboard');
    const event = new ICAL.Event(hackathon!);
    expect([event.startDate.toJSDate().toISOString(), event.endDate.toJSDate().toISOString()]).toEqual([
      '2027-01-15T10:00:00.000Z',
      '2027-01-17T18:00:00.000Z',
    ]);
    expect(event.description).toContain('Submissions close 2027-01-17 16:00 (Europe/London).');
  });

  it('a cancelled one-off event stays in the feed as STATUS:CANCELLED', () => {
    const { text } = render({ 'events/talk.yml': `${TALK}cancelled: speaker ill\n` });
    const [vevent] = parse(text).getAllSubcomponents('vevent');
    expect(vevent?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent?.getFirstPropertyValue('summary')).toBe('Cancelled: Office hours');
  });

  it('the same data gives the same bytes, with UIDs and DTSTAMPs from the data, never from the clock', () => {
    const files = { 'events/reading-group.yml': SERIES, 'events/winter.yml': HACKATHON };
    const first = render(files).text;
    const second = render(files).text;
    expect(second).toBe(first);
    const stamps = [...first.matchAll(/^DTSTAMP:(.*)\r$/gm)].map((m) => m[1]);
    expect(stamps[0]).toBe('20260903T170000Z');
    expect(stamps).toContain('20270115T100000Z');
    // Editing one session changes its own lines only: UIDs stay, so calendar apps update instead of duplicating.
    const edited = render({
      ...files,
      'events/reading-group.yml': edit(SERIES, '    paper:', '    paper: arxiv:2209.11895'),
    }).text;
    const uids = (t: string) => [...t.matchAll(/^UID:(.*)\r$/gm)].map((m) => m[1]);
    expect(uids(edited)).toEqual(uids(first));
    expect(first.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('UIDs differ between communities with the same event slug', () => {
    const calendar = calendarOf({ 'events/reading-group.yml': SERIES });
    const a = renderCalendarIcs(calendar, { ...OPTIONS, uidDomain: 'Community A' });
    const b = renderCalendarIcs(calendar, { ...OPTIONS, uidDomain: 'Community B' });
    expect(a).toMatch(/^UID:reading-group@community-a\.circuitboard\r$/m);
    expect(b).toMatch(/^UID:reading-group@community-b\.circuitboard\r$/m);
  });

  it('untrusted text never starts a property of its own, and reads back as written (less control characters)', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.constantFrom(
        'x\r\nATTENDEE:mailto:evil@example.org',
        'x\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil',
        'a;b,c\\d:e',
        'line\u2028separator\u0085nel',
        '\u202Ebidi\u200Bzero\uFEFF',
        'x\r\n END:VCALENDAR',
      ),
    );
    const [entry] = calendarOf({ 'events/reading-group.yml': SERIES }).entries;
    if (entry?.kind !== 'series') throw new Error('no series');
    fc.assert(
      fc.property(hostile, hostile, hostile, (title, description, name) => {
        const data = { ...entry.data, title: title || 'x', description: description || 'x' };
        const text = renderCalendarIcs({ entries: [{ ...entry, data }] }, { ...OPTIONS, name });
        const root = parse(text);
        // Only the properties the renderer writes, whatever the text.
        const names = new Set(
          root.getAllSubcomponents('vevent').flatMap((v) => v.getAllProperties().map((p) => p.name)),
        );
        for (const n of names) {
          expect([
            'uid',
            'sequence',
            'dtstamp',
            'dtstart',
            'dtend',
            'rrule',
            'exdate',
            'recurrence-id',
            'summary',
            'location',
            'description',
          ]).toContain(n);
        }
        expect(root.getAllSubcomponents('vevent')).toHaveLength(2);
        const [master] = root.getAllSubcomponents('vevent');
        expect(master?.getFirstPropertyValue('summary')).toBe(icsText(title || 'x'));
        expect(String(master?.getFirstPropertyValue('description'))).toContain(icsText(description || 'x'));
        // Every line is a property, a folded continuation, or the end.
        for (const line of text.split('\r\n').slice(0, -1)) expect(line).toMatch(/^([A-Z-]+[;:]| )/);
        expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 150 },
    );
  });
});
