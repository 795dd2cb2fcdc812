// The meetings in a window of time: one pure function the calendar file, the events page, Discord scheduled
// events, reminders, the report and the bot all read, with ids that never depend on when it runs.
import type { CalendarEntry, HackathonEntry, OneOffEntry, SeriesEntry } from './entry.ts';
import type { CalendarKind, Location, Session } from './model.ts';
import { localDate, type Temporal, wallClock, wallClockText } from './time.ts';

/** One meeting: a date of a series, a one-off event, or a hackathon from start to end. */
export interface Occurrence {
  /**
   * Stable id: `<slug>/<local date>` for a meeting of a series; `<slug>` for a one-off event or a hackathon (they
   * happen once, so moving them keeps the id and updates them where they are mirrored).
   */
  id: string;
  /** The entry's slug (its file is events/<slug>.yml). */
  entry: string;
  kind: CalendarKind;
  title: string;
  /** The local date it starts on, YYYY-MM-DD in `timezone`. */
  date: string;
  timezone: string;
  start: Date;
  end: Date;
  /** Wall-clock start and end in `timezone`, `YYYY-MM-DDTHH:MM`. */
  localStart: string;
  localEnd: string;
  location?: Location;
  description?: string;
  /** The reason, when it does not take place. */
  cancelled?: string;
  /** What a series' session (or a one-off talk) says about this meeting. */
  session?: Session;
  /** A hackathon's submission deadline. */
  deadline?: Date;
}

export interface TimeWindow {
  from: Date;
  to: Date;
}

/**
 * Every occurrence that overlaps `[from, to)` (it ends after `from` and starts before `to`), cancelled ones
 * included with their reason, ordered by start then id. Pure: `now` is never read here.
 */
export function occurrencesBetween(entries: readonly CalendarEntry[], window: TimeWindow): Occurrence[] {
  return entries.flatMap((entry) => occurrencesOf(entry, window)).sort(byStart);
}

export function byStart(a: Occurrence, b: Occurrence): number {
  return a.start.getTime() - b.start.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The occurrences of one entry that overlap the window. */
export function occurrencesOf(entry: CalendarEntry, window: TimeWindow): Occurrence[] {
  switch (entry.kind) {
    case 'series':
      return seriesOccurrences(entry, window);
    case 'event': {
      const o = oneOffOccurrence(entry);
      return overlapsWindow(o, window) ? [o] : [];
    }
    case 'hackathon': {
      const o = hackathon(entry);
      return overlapsWindow(o, window) ? [o] : [];
    }
  }
}

function overlapsWindow(o: Occurrence, window: TimeWindow): boolean {
  return o.end > window.from && o.start < window.to;
}

function timed(start: Temporal.ZonedDateTime, minutes: number) {
  const end = start.add({ minutes });
  return {
    start: new Date(start.epochMilliseconds),
    end: new Date(end.epochMilliseconds),
    localStart: wallClockText(start),
    localEnd: wallClockText(end),
  };
}

/** The meeting of a series on one of its dates (the caller knows the date is one). */
export function seriesMeeting(entry: SeriesEntry, date: string, session?: Session): Occurrence {
  const { data } = entry;
  const o: Occurrence = {
    id: `${entry.slug}/${date}`,
    entry: entry.slug,
    kind: 'series',
    title: data.title,
    date,
    timezone: data.timezone,
    ...timed(wallClock(date, data.start, data.timezone), entry.minutes),
    location: data.location,
  };
  if (data.description !== undefined) o.description = data.description;
  if (session) {
    o.session = session;
    if (session.cancelled !== undefined) o.cancelled = session.cancelled;
  }
  return o;
}

/** Clamps a Date to what Temporal can represent, so "all time" windows work. */
function clampDate(date: Date, zone: string): string {
  const limit = 8.64e15 - 2 * 24 * 60 * 60 * 1000;
  const ms = Math.max(-limit, Math.min(limit, date.getTime()));
  return localDate(new Date(ms), zone);
}

function seriesOccurrences(entry: SeriesEntry, window: TimeWindow): Occurrence[] {
  if (window.to <= window.from) return [];
  const zone = entry.data.timezone;
  const sessions = new Map((entry.data.sessions ?? []).flatMap((s) => (s.date ? [[s.date, s] as const] : [])));
  // A day of margin on each side covers any zone offset and a meeting that runs past midnight.
  const first = shiftDay(clampDate(window.from, zone), -1);
  const last = shiftDay(clampDate(window.to, zone), 1);
  // YYYY-MM-DD strings compare as dates.
  const from = [first, entry.data.from].sort()[1] ?? first;
  const to = entry.data.until === undefined ? last : ([last, entry.data.until].sort()[0] ?? last);
  if (to < from) return [];
  return entry.dates
    .between(from, to)
    .map((date) => seriesMeeting(entry, date, sessions.get(date)))
    .filter((o) => overlapsWindow(o, window));
}

function shiftDay(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  const year = shifted.getUTCFullYear();
  if (year < 1 || year > 9999) return date;
  return shifted.toISOString().slice(0, 10);
}

/** An entry's single occurrence is worked out once: validation, the .ics and the README all ask for it. */
const single = new WeakMap<OneOffEntry | HackathonEntry, Occurrence>();

function once<E extends OneOffEntry | HackathonEntry>(entry: E, build: (entry: E) => Occurrence): Occurrence {
  let known = single.get(entry);
  if (!known) {
    known = build(entry);
    single.set(entry, known);
  }
  return { ...known };
}

/** The one occurrence of a one-off event. */
export function oneOffOccurrence(entry: OneOffEntry): Occurrence {
  return once(entry, buildOneOff);
}

function buildOneOff(entry: OneOffEntry): Occurrence {
  const { data } = entry;
  const o: Occurrence = {
    id: entry.slug,
    entry: entry.slug,
    kind: 'event',
    title: data.title,
    date: data.date,
    timezone: data.timezone,
    ...timed(wallClock(data.date, data.start, data.timezone), entry.minutes),
    location: data.location,
  };
  if (data.description !== undefined) o.description = data.description;
  const session: Session = {};
  if (data.paper !== undefined) session.paper = data.paper;
  if (data.presenter !== undefined) session.presenter = data.presenter;
  if (data.notes !== undefined) session.notes = data.notes;
  if (Object.keys(session).length > 0) o.session = session;
  if (data.cancelled !== undefined) o.cancelled = data.cancelled;
  return o;
}

function hackathon(entry: HackathonEntry): Occurrence {
  return once(entry, buildHackathon);
}

function buildHackathon(entry: HackathonEntry): Occurrence {
  const { data } = entry;
  const o: Occurrence = {
    id: entry.slug,
    entry: entry.slug,
    kind: 'hackathon',
    title: data.title,
    date: entry.start.toPlainDate().toString(),
    timezone: data.timezone,
    start: new Date(entry.start.epochMilliseconds),
    end: new Date(entry.end.epochMilliseconds),
    localStart: wallClockText(entry.start),
    localEnd: wallClockText(entry.end),
    deadline: new Date(entry.deadline.epochMilliseconds),
  };
  if (data.location) o.location = data.location;
  if (data.description !== undefined) o.description = data.description;
  return o;
}
