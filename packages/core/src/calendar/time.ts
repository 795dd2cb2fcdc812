// Wall-clock time in IANA time zones, through the Temporal polyfill: no offset arithmetic of our own.
import { closest, distance } from 'fastest-levenshtein';
import { Temporal } from 'temporal-polyfill';
import { tzlib_get_timezones } from 'timezones-ical-library';

export { Temporal };

/** `HH:MM`, 24-hour. */
export const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** `90m`, `2h`, `1h30m`. */
export const DURATION_PATTERN = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?$/;
/** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (a `T` between them works too). */
export const LOCAL_DATE_TIME_PATTERN = /^(\d{4}-\d{2}-\d{2})(?:[ T]([01]\d|2[0-3]):([0-5]\d))?$/;

let calendarZones: Set<string> | undefined;
let intlZones: string[] | undefined;

/** Zones that have VTIMEZONE data for the calendar file (every IANA name, aliases included). */
function zonesWithCalendarData(): Set<string> {
  calendarZones ??= new Set(tzlib_get_timezones());
  return calendarZones;
}

/** Canonical IANA names, for suggestions. */
function knownZones(): string[] {
  intlZones ??= [...Intl.supportedValuesOf('timeZone'), 'UTC'];
  return intlZones;
}

/**
 * Why `name` is not a usable time zone, with the closest real name when there is one; undefined when it is one.
 * Usable means an IANA name written exactly (case included, since calendar apps match TZID text), known to the
 * time-zone database and to the calendar file's VTIMEZONE data. UTC offsets are refused: they do not follow
 * daylight saving, which is the point of naming a place.
 */
export function timeZoneProblem(name: string): string | undefined {
  if (/^(?:UTC|GMT)?\s*[+-]\d/.test(name)) {
    return `${JSON.stringify(name)} is a UTC offset, which does not follow daylight saving; write the place the event is run from, like Europe/London or America/New_York`;
  }
  let id: string | undefined;
  try {
    id = Temporal.PlainDateTime.from('2026-01-01T00:00').toZonedDateTime(name).timeZoneId;
  } catch {
    id = undefined;
  }
  if (id !== undefined && id === name && zonesWithCalendarData().has(name)) return undefined;
  if (id !== undefined && id !== name && zonesWithCalendarData().has(id)) {
    return `time zone names are written exactly; write ${id}`;
  }
  const suggestion = suggestTimeZone(name);
  return `${JSON.stringify(name)} is not an IANA time zone name${suggestion ? `; did you mean ${suggestion}?` : '; write one like Europe/London, America/New_York or Asia/Tokyo (the list: https://en.wikipedia.org/wiki/List_of_tz_database_time_zones)'}`;
}

/** The closest IANA name to what someone wrote: the same city (`London`, `new york`), or the nearest spelling. */
export function suggestTimeZone(written: string): string | undefined {
  const zones = knownZones();
  const key = (text: string) => text.toLowerCase().replace(/[\s-]+/g, '_');
  const wanted = key(written.trim());
  if (wanted === '') return undefined;
  const exact = zones.find((zone) => key(zone) === wanted);
  if (exact) return exact;
  const city = (zone: string) => key(zone.slice(zone.lastIndexOf('/') + 1));
  const sameCity = zones.find((zone) => city(zone) === key(wanted.slice(wanted.lastIndexOf('/') + 1)));
  if (sameCity) return sameCity;
  const lowered = zones.map(key);
  const best = closest(wanted, lowered);
  const index = lowered.indexOf(best);
  return distance(wanted, best) <= Math.max(2, Math.floor(wanted.length / 4)) ? zones[index] : undefined;
}

/** Minutes in `90m`, `2h`, `1h30m`; undefined when it is not written that way. */
export function durationMinutes(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text);
  if (!match || text === '') return undefined;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

/**
 * The instant of a wall-clock time in a zone. A time that does not exist (skipped by a daylight-saving change) is
 * moved forward by the length of the gap, and a time that happens twice means the first of the two: RFC 5545's
 * rule (3.3.5), which calendar apps apply to the same DTSTART;TZID, and Temporal's `compatible` disambiguation.
 */
export function wallClock(date: string, time: string, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(timeZone, { disambiguation: 'compatible' });
}

/** A `YYYY-MM-DD[ HH:MM]` value as an instant; a bare date means the start of that day, or its end when `endOfDay`. */
export function localDateTime(text: string, timeZone: string, endOfDay = false): Temporal.ZonedDateTime | undefined {
  const match = LOCAL_DATE_TIME_PATTERN.exec(text);
  if (!match) return undefined;
  const [, date = '', hours, minutes] = match;
  try {
    if (hours !== undefined) return wallClock(date, `${hours}:${minutes}`, timeZone);
    const day = Temporal.PlainDate.from(date, { overflow: 'reject' });
    return (endOfDay ? day.add({ days: 1 }) : day).toZonedDateTime({ timeZone });
  } catch {
    return undefined;
  }
}

/** The local date in a zone of an instant, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}

/** `2026-12-10T18:00` as written on a wall clock in the zone. */
export function wallClockText(zoned: Temporal.ZonedDateTime): string {
  // The fields, padded by hand: the polyfill's toString with options costs more than the conversion itself.
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(zoned.year, 4)}-${pad(zoned.month)}-${pad(zoned.day)}T${pad(zoned.hour)}:${pad(zoned.minute)}`;
}

/** English weekday of a YYYY-MM-DD date. */
export function weekdayName(date: string): string {
  return WEEKDAYS[Temporal.PlainDate.from(date).dayOfWeek - 1] ?? '';
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
