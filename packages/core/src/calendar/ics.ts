// events/calendar.ics: the feed people subscribe to. Built with ical-generator; VTIMEZONE blocks from
// timezones-ical-library; every value derived from the data, never from the time of the run.
import icalGenerator, { ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Calendar } from './calendar.ts';
import type { CalendarEntry, HackathonEntry, OneOffEntry, SeriesEntry } from './entry.ts';
import type { Location } from './model.ts';
import { type Occurrence, oneOffOccurrence, seriesMeeting } from './occurrences.ts';
import { paperUrl } from './paper.ts';
import { rruleText } from './recurrence.ts';
import { Temporal, wallClock } from './time.ts';

export interface IcsOptions {
  /** The calendar's name as subscribers see it, e.g. "Mechanistic Interpretability Discord events". */
  name: string;
  /**
   * What makes UIDs unique to this community (UID = `<slug>@<uidDomain>`), so two communities' `reading-group`
   * never collide in one person's calendar app. Changing it makes calendar apps see every event as new.
   */
  uidDomain: string;
  /** Link to the events page, added to descriptions. */
  eventsUrl?: string;
}

/** How often calendar apps are asked to refresh the feed. */
const REFRESH_SECONDS = 6 * 60 * 60;

/**
 * Text from people, made safe for an iCalendar TEXT value before ical-generator escapes `\ ; ,` and newlines:
 * control characters other than newline and tab go (CR included, so no line break can start a property of its
 * own), as do bidirectional controls and lone surrogates; Unicode line and paragraph separators become newlines.
 */
export function icsText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029\u0085]/g, '\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u061C]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** A TEXT value ical-generator writes without escaping (the calendar name): escaped here, on one line. */
function escapedLine(text: string): string {
  return icsText(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\;,]/g, (c) => `\\${c}`);
}

/** A UID-safe key from free text: lowercase ASCII words joined by hyphens. */
export function uidKey(text: string): string {
  const key = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return key === '' ? 'circuitboard' : key;
}

function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone) as unknown;
  // The library answers an unknown zone with a message string instead of [block, tzid]; validation refuses those.
  if (!Array.isArray(block) || typeof block[0] !== 'string') throw new Error(`no VTIMEZONE data for ${zone}`);
  return block[0];
}

function zoned(date: Date, zone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(date.getTime()).toZonedDateTimeISO(zone);
}

/** The UTC form iCalendar wants for UNTIL: 20270624T170000Z. */
function utcStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function where(location: Location | undefined): { location?: string; url?: string } {
  if (!location) return {};
  if (location.url) return { location: location.url, url: location.url };
  if (location.discord_channel) return { location: 'Discord' };
  return {};
}

function lines(parts: (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n\n');
}

function sessionLines(o: Occurrence): string[] {
  const out: string[] = [];
  const s = o.session;
  if (!s) return out;
  if (s.title) out.push(s.title);
  if (s.paper) out.push(`Paper: ${s.paper}${paperUrl(s.paper) ? ` (${paperUrl(s.paper)})` : ''}`);
  if (s.presenter) out.push(`Presenter: @${s.presenter.github} (https://github.com/${s.presenter.github})`);
  if (s.notes) out.push(`Notes: ${s.notes}`);
  return out;
}

function discordLine(location: Location | undefined): string | undefined {
  return location?.discord_channel ? `On Discord, in channel ${location.discord_channel}.` : undefined;
}

/** Renders events/calendar.ics. Deterministic: the same data gives the same bytes. */
export function renderCalendarIcs(calendar: Pick<Calendar, 'entries'>, options: IcsOptions): string {
  const domain = uidKey(options.uidDomain);
  const cal = icalGenerator({
    prodId: { company: 'Circuitboard', product: 'events', language: 'EN' },
    name: escapedLine(options.name),
    ttl: REFRESH_SECONDS,
    // An empty name keeps the calendar without a default zone (every time carries its TZID) but still asks for
    // a VTIMEZONE block for each zone the events use.
    timezone: { name: '', generator: vtimezone },
  });
  const more = options.eventsUrl ? `More: ${options.eventsUrl}` : undefined;
  const uid = (entry: CalendarEntry) => `${entry.slug}@${domain}.circuitboard`;
  for (const entry of calendar.entries) {
    switch (entry.kind) {
      case 'series':
        addSeries(cal, entry, uid(entry), more);
        break;
      case 'event':
        addOneOff(cal, entry, uid(entry), more);
        break;
      case 'hackathon':
        addHackathon(cal, entry, uid(entry), more);
        break;
    }
  }
  // RFC 5545 ends every content line with CRLF, the last one included.
  return `${cal.toString()}\r\n`;
}

type IcalCalendar = ReturnType<typeof icalGenerator>;

function addSeries(cal: IcalCalendar, entry: SeriesEntry, uid: string, more: string | undefined) {
  const { data } = entry;
  const zone = data.timezone;
  const first = seriesMeeting(entry, data.from);
  const until = data.until !== undefined ? wallClock(data.until, data.start, zone) : undefined;
  const cancelled = (data.sessions ?? []).filter((s) => s.date !== undefined && s.cancelled !== undefined);
  const exdates = cancelled.map(
    (s) =>
      `EXDATE;TZID=${zone}:${wallClock(s.date ?? '', data.start, zone)
        .toPlainDateTime()
        .toString({ smallestUnit: 'second' })
        .replace(/[-:]/g, '')}`,
  );
  const repeating = [
    `RRULE:${rruleText(entry.rule, until ? utcStamp(new Date(until.epochMilliseconds)) : undefined)}`,
    ...exdates,
  ].join('\n');
  cal.createEvent({
    id: uid,
    // DTSTAMP from the data (the first meeting), so regenerating never changes the file by itself.
    stamp: first.start,
    start: zoned(first.start, zone),
    end: zoned(first.end, zone),
    timezone: zone,
    repeating,
    summary: icsText(data.title),
    description: icsText(lines([data.description, discordLine(data.location), more])),
    ...where(data.location),
  });
  // A meeting with a paper, a presenter or notes gets its own instance (same UID, RECURRENCE-ID) saying so.
  for (const session of data.sessions ?? []) {
    if (session.date === undefined || session.cancelled !== undefined) continue;
    if (!session.paper && !session.presenter && !session.title && !session.notes) continue;
    const o = seriesMeeting(entry, session.date, session);
    const topic = session.title ?? session.paper;
    cal.createEvent({
      id: uid,
      stamp: o.start,
      recurrenceId: zoned(o.start, zone),
      start: zoned(o.start, zone),
      end: zoned(o.end, zone),
      timezone: zone,
      summary: icsText(topic ? `${data.title}: ${topic}` : data.title),
      description: icsText(lines([sessionLines(o).join('\n'), data.description, discordLine(data.location), more])),
      ...where(data.location),
    });
  }
}

function addOneOff(cal: IcalCalendar, entry: OneOffEntry, uid: string, more: string | undefined) {
  const { data } = entry;
  const o = oneOffOccurrence(entry);
  cal.createEvent({
    id: uid,
    stamp: o.start,
    start: zoned(o.start, data.timezone),
    end: zoned(o.end, data.timezone),
    timezone: data.timezone,
    summary: icsText(data.cancelled !== undefined ? `Cancelled: ${data.title}` : data.title),
    description: icsText(
      lines([
        data.cancelled !== undefined ? `Cancelled: ${data.cancelled}` : undefined,
        sessionLines(o).join('\n'),
        data.description,
        discordLine(data.location),
        more,
      ]),
    ),
    ...(data.cancelled !== undefined ? { status: ICalEventStatus.CANCELLED } : {}),
    ...where(data.location),
  });
}

function addHackathon(cal: IcalCalendar, entry: HackathonEntry, uid: string, more: string | undefined) {
  const { data } = entry;
  const deadline = entry.deadline.toPlainDateTime().toString({ smallestUnit: 'minute' }).replace('T', ' ');
  const challenges = (data.challenges ?? []).map((c) => `- ${c.title}`).join('\n');
  cal.createEvent({
    id: uid,
    stamp: new Date(entry.start.epochMilliseconds),
    start: entry.start,
    end: entry.end,
    timezone: data.timezone,
    summary: icsText(data.title),
    description: icsText(
      lines([
        data.description,
        `Submissions close ${deadline} (${data.timezone}).`,
        challenges ? `Challenges:\n${challenges}` : undefined,
        discordLine(data.location),
        more,
      ]),
    ),
    ...where(data.location),
  });
}
