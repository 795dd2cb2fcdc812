/** The report window: half-open [start, end) in UTC, an ISO week by default. */
export interface ReportWindow {
  /** First instant inside the window, ISO 8601 UTC (e.g. 2026-11-16T00:00:00.000Z). */
  start: string;
  /** First instant after the window (exclusive). */
  end: string;
  /** File-name friendly name: `2026-W47` for an ISO week, `2026-11-01--2026-11-15` for a range. */
  label: string;
  /** The ISO week when the window is exactly one, else null. */
  isoWeek: string | null;
}

/** Bad window input; the message says what to write instead. */
export class WindowError extends Error {
  override name = 'WindowError';
}

export const DAY_MS = 86_400_000;
const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date (or of the date part of an ISO timestamp). */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** YYYY-MM-DD of a day number. */
export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC day (YYYY-MM-DD) an ISO timestamp falls on. */
export function utcDay(timestamp: string): string {
  return new Date(Date.parse(timestamp)).toISOString().slice(0, 10);
}

/** Monday (day number) of ISO week 1 of an ISO week-numbering year. */
function isoWeekOneMonday(year: number): number {
  const jan4 = Math.floor(Date.UTC(year, 0, 4) / DAY_MS);
  const weekday = (new Date(jan4 * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - weekday;
}

function weeksInIsoYear(year: number): number {
  return (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7;
}

/** The ISO week (`2026-W47`) a day number falls in. */
export function isoWeekOfDay(day: number): string {
  const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
  const thursday = day - weekday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - isoWeekOneMonday(year)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The window of one ISO week, e.g. `2026-W47` → [2026-11-16, 2026-11-23). */
export function isoWeekWindow(week: string): ReportWindow {
  const match = WEEK_PATTERN.exec(week.trim());
  if (!match) {
    throw new WindowError(`"${week}" is not an ISO week; write the year, -W and two digits, like 2026-W47`);
  }
  const year = Number(match[1]);
  const number = Number(match[2]);
  const max = weeksInIsoYear(year);
  if (number < 1 || number > max) {
    throw new WindowError(
      `${week}: ${year} has ISO weeks 01 to ${max}; pick one of those, like ${year}-W${String(max).padStart(2, '0')}`,
    );
  }
  const monday = isoWeekOneMonday(year) + (number - 1) * 7;
  const label = `${year}-W${match[2]}`;
  return {
    start: new Date(monday * DAY_MS).toISOString(),
    end: new Date((monday + 7) * DAY_MS).toISOString(),
    label,
    isoWeek: label,
  };
}

function parseInstant(value: string, flag: string): number {
  const text = value.trim();
  const date = DATE_PATTERN.exec(text);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const ms = Date.UTC(y, m - 1, d);
    const check = new Date(ms);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
      throw new WindowError(`${flag} ${value}: not a real calendar date; write an existing day as YYYY-MM-DD`);
    }
    return ms;
  }
  if (DATE_TIME_PATTERN.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new WindowError(
    `${flag} "${value}" is not a date; write YYYY-MM-DD (UTC), like 2026-11-16, or a timestamp with a zone, like 2026-11-16T09:00:00Z`,
  );
}

/**
 * The window from `since` (inclusive) to `until` (exclusive), each a YYYY-MM-DD date (midnight UTC)
 * or an ISO timestamp with a zone. A range that is exactly one ISO week gets the week's label.
 */
export function rangeWindow(since: string, until: string): ReportWindow {
  const start = parseInstant(since, '--since');
  const end = parseInstant(until, '--until');
  if (end <= start) {
    throw new WindowError(
      `--until ${until} must be after --since ${since}; --until is the first moment not included (e.g. --since 2026-11-16 --until 2026-11-23 for one week)`,
    );
  }
  if (end - start > 366 * DAY_MS) {
    throw new WindowError(
      `--since ${since} --until ${until} spans more than a year; make one report per week or month`,
    );
  }
  const startIso = new Date(start).toISOString();
  const endIso = new Date(end).toISOString();
  const startDay = start / DAY_MS;
  if (Number.isInteger(startDay) && end - start === 7 * DAY_MS && new Date(start).getUTCDay() === 1) {
    const week = isoWeekOfDay(startDay);
    return { start: startIso, end: endIso, label: week, isoWeek: week };
  }
  const whole = (ms: number) => ms % DAY_MS === 0;
  const name = (ms: number) =>
    whole(ms) ? new Date(ms).toISOString().slice(0, 10) : new Date(ms).toISOString().slice(0, 19).replace(/:/g, '');
  return { start: startIso, end: endIso, label: `${name(start)}--${name(end)}`, isoWeek: null };
}

/** The last ISO week that ended at or before `now` — what a weekly job reports on, however late cron runs. */
export function lastCompleteIsoWeek(now: Date): ReportWindow {
  const today = Math.floor(now.getTime() / DAY_MS);
  const weekday = (new Date(today * DAY_MS).getUTCDay() + 6) % 7;
  const thisMonday = today - weekday;
  return isoWeekWindow(isoWeekOfDay(thisMonday - 7));
}

export interface WindowInput {
  week?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

/** `--week`, or `--since` with `--until`, or by default the last complete ISO week before `now`. */
export function resolveWindow(input: WindowInput, now: Date): ReportWindow {
  const week = input.week?.trim() || undefined;
  const since = input.since?.trim() || undefined;
  const until = input.until?.trim() || undefined;
  if (week && (since || until)) {
    throw new WindowError('give either --week or --since with --until, not both');
  }
  if (week) return isoWeekWindow(week);
  if (since || until) {
    if (!since || !until)
      throw new WindowError('--since and --until go together; give both, like --since 2026-11-01 --until 2026-12-01');
    return rangeWindow(since, until);
  }
  return lastCompleteIsoWeek(now);
}

/** The first and last day (YYYY-MM-DD) the window touches, for people to read. */
export function windowDays(window: ReportWindow): { firstDay: string; lastDay: string } {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  return {
    firstDay: new Date(start).toISOString().slice(0, 10),
    lastDay: new Date(end - 1).toISOString().slice(0, 10),
  };
}

/** Whether an ISO timestamp or a YYYY-MM-DD day (taken as its midnight UTC) lies in [start, end). */
export function inWindow(window: { start: string; end: string }, when: string): boolean {
  const ms = Date.parse(when.length === 10 ? `${when}T00:00:00Z` : when);
  return ms >= Date.parse(window.start) && ms < Date.parse(window.end);
}

/** `count` consecutive windows of the same length, the last one being `window`; oldest first. */
export function trendWindows(window: ReportWindow, count: number): ReportWindow[] {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  const length = end - start;
  const out: ReportWindow[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const s = start - i * length;
    const e = end - i * length;
    if (i === 0) out.push(window);
    else if (window.isoWeek) {
      const week = isoWeekOfDay(s / DAY_MS);
      out.push({ start: new Date(s).toISOString(), end: new Date(e).toISOString(), label: week, isoWeek: week });
    } else out.push(rangeWindow(new Date(s).toISOString(), new Date(e).toISOString()));
  }
  return out;
}
