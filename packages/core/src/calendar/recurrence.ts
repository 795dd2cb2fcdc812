// `repeat:` of a series: a short English form or an RFC 5545 RRULE, read strictly into one canonical rule that
// `rrule` expands and the calendar file states.
import * as rruleModule from 'rrule';
import { didYouMean } from '../schema-issues.ts';
import { WEEKDAYS } from './time.ts';

// rrule's package has no "exports": Node loads its UMD build (everything under `default`), bundlers its ESM build.
const rrule: typeof rruleModule =
  (rruleModule as unknown as { default?: typeof rruleModule }).default?.RRule !== undefined
    ? (rruleModule as unknown as { default: typeof rruleModule }).default
    : rruleModule;
const { RRule, Weekday: RRuleWeekday } = rrule;

export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** A weekday (0 = Monday) and, in monthly and yearly rules, which one of the period (1 = first, -1 = last). */
export interface RuleDay {
  weekday: number;
  n?: number;
}

/** A recurrence rule as read from `repeat:`, without its start and end (those are `from:` and `until:`). */
export interface Recurrence {
  freq: Frequency;
  interval: number;
  byDay?: RuleDay[];
  byMonthDay?: number[];
  byMonth?: number[];
  bySetPos?: number[];
  count?: number;
  weekStart?: number;
}

export type RecurrenceReading = { rule: Recurrence } | { problem: string };

const SHORT_EXAMPLES = '"weekly on thursday", "every 2 weeks on monday" or "monthly on the first tuesday"';
const RFC_EXAMPLE = 'FREQ=WEEKLY;BYDAY=TH';

/** Reads `repeat:`: an RRULE when it starts with FREQ= (or RRULE:), the short form otherwise. */
export function readRecurrence(text: string): RecurrenceReading {
  const trimmed = text.trim();
  if (/^(rrule:)?\s*freq\s*=/i.test(trimmed) || /^rrule:/i.test(trimmed)) return readRfcRule(trimmed);
  return readShortForm(trimmed);
}

// ---------------------------------------------------------------------------------------------------------------
// The short form

const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  fifth: 5,
  '5th': 5,
  last: -1,
};

function weekdayOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/s$/, '');
  const full = WEEKDAYS.indexOf(w as (typeof WEEKDAYS)[number]);
  if (full >= 0) return full;
  return undefined;
}

function readDays(words: string[]): { days: number[] } | { problem: string } {
  const days: number[] = [];
  for (const word of words) {
    if (word === 'and' || word === '') continue;
    const day = weekdayOf(word);
    if (day === undefined) {
      const guess = didYouMean(word, [...WEEKDAYS]);
      return {
        problem: `"${word}" is not a day of the week${guess ? `; did you mean ${guess}?` : '; write the day in full, like thursday'}`,
      };
    }
    if (!days.includes(day)) days.push(day);
  }
  if (days.length === 0) return { problem: `name the day, like ${SHORT_EXAMPLES}` };
  return { days: days.sort((a, b) => a - b) };
}

function readShortForm(text: string): RecurrenceReading {
  const words = text
    .toLowerCase()
    .replace(/,/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
  const unread = {
    problem: `${JSON.stringify(text)} is not a repeat rule Circuitboard reads; write ${SHORT_EXAMPLES}, or an RFC 5545 rule like ${RFC_EXAMPLE}`,
  };
  let freq: Frequency | undefined;
  let interval = 1;
  let rest: string[] = [];
  const [first, second, third] = words;
  if (first === 'daily' || (first === 'every' && second === 'day')) {
    freq = 'DAILY';
    rest = words.slice(first === 'daily' ? 1 : 2);
  } else if (first === 'weekly' || (first === 'every' && second === 'week')) {
    freq = 'WEEKLY';
    rest = words.slice(first === 'weekly' ? 1 : 2);
  } else if (first === 'fortnightly') {
    freq = 'WEEKLY';
    interval = 2;
    rest = words.slice(1);
  } else if (first === 'monthly' || (first === 'every' && second === 'month')) {
    freq = 'MONTHLY';
    rest = words.slice(first === 'monthly' ? 1 : 2);
  } else if (first === 'every' && second !== undefined && /^\d+$/.test(second) && third !== undefined) {
    interval = Number(second);
    const unit = third.replace(/s$/, '');
    if (unit === 'day') freq = 'DAILY';
    else if (unit === 'week') freq = 'WEEKLY';
    else if (unit === 'month') freq = 'MONTHLY';
    else return unread;
    if (interval < 1 || interval > 52)
      return { problem: `repeat every ${second} ${third} is out of range; use 1 to 52` };
    rest = words.slice(3);
  } else {
    const day = first ? weekdayOf(first) : undefined;
    if (day !== undefined) {
      return { problem: `write how often too: weekly on ${WEEKDAYS[day]}` };
    }
    return unread;
  }
  if (freq === 'DAILY') {
    return rest.length === 0 ? { rule: { freq, interval } } : unread;
  }
  if (rest[0] !== 'on' && rest.length > 0) return unread;
  if (freq === 'WEEKLY') {
    if (rest.length === 0) return { problem: `say which day: weekly on ${WEEKDAYS[3]}` };
    const days = readDays(rest.slice(1));
    if ('problem' in days) return days;
    return { rule: { freq, interval, byDay: days.days.map((weekday) => ({ weekday })) } };
  }
  // Monthly: "on the first tuesday", "on the last friday", "on the 15th", "on day 15".
  if (rest.length === 0)
    return { problem: 'say which day of the month: monthly on the first tuesday, or monthly on day 15' };
  const after = rest.slice(1).filter((w) => w !== 'the' && w !== 'of' && w !== 'month' && w !== 'each');
  if (after[0] === 'day' && after.length === 2 && /^\d{1,2}$/.test(after[1] ?? ''))
    return monthDay(Number(after[1]), freq, interval);
  const dayOfMonth = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(after[0] ?? '');
  if (dayOfMonth && after.length === 1) return monthDay(Number(dayOfMonth[1]), freq, interval);
  const ordinal = ORDINALS[after[0] ?? ''];
  if (ordinal === undefined || after.length !== 2) {
    return {
      problem: `${JSON.stringify(text)}: say which weekday of the month, like monthly on the first tuesday or monthly on the last friday`,
    };
  }
  const days = readDays(after.slice(1));
  if ('problem' in days) return days;
  return { rule: { freq, interval, byDay: days.days.map((weekday) => ({ weekday, n: ordinal })) } };
}

function monthDay(day: number, freq: Frequency, interval: number): RecurrenceReading {
  if (day < 1 || day > 31) return { problem: `day ${day} of the month does not exist; use 1 to 31` };
  return { rule: { freq, interval, byMonthDay: [day] } };
}

// ---------------------------------------------------------------------------------------------------------------
// RFC 5545 RRULE

const ALLOWED_PARTS = ['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'COUNT', 'WKST'];
const REFUSED_PARTS: Record<string, string> = {
  UNTIL: 'the end of a series is its until: field (a date); remove UNTIL from repeat and write until: YYYY-MM-DD',
  DTSTART: 'the first date is the from: field; remove DTSTART from repeat',
  BYHOUR: 'the time of day is the start: field; remove BYHOUR',
  BYMINUTE: 'the time of day is the start: field; remove BYMINUTE',
  BYSECOND: 'the time of day is the start: field; remove BYSECOND',
  BYYEARDAY: 'BYYEARDAY is not supported; use BYMONTH with BYMONTHDAY',
  BYWEEKNO: 'BYWEEKNO is not supported; use BYMONTH with BYDAY',
  RSCALE: 'only the Gregorian calendar is supported; remove RSCALE',
  SKIP: 'remove SKIP; only the Gregorian calendar is supported',
};

function intList(value: string, min: number, max: number, zero: boolean): number[] | undefined {
  const parts = value.split(',');
  const out: number[] = [];
  for (const part of parts) {
    if (!/^[+-]?\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (Math.abs(n) < min || Math.abs(n) > max || (!zero && n === 0)) return undefined;
    out.push(n);
  }
  return out;
}

function readRfcRule(text: string): RecurrenceReading {
  const body = text.replace(/^rrule:\s*/i, '');
  if (/[\r\n]/.test(body)) return { problem: 'an RRULE is one line, like FREQ=WEEKLY;BYDAY=TH' };
  const seen = new Set<string>();
  const parts = new Map<string, string>();
  for (const raw of body.split(';')) {
    if (raw.trim() === '') continue;
    const eq = raw.indexOf('=');
    if (eq < 0)
      return {
        problem: `${JSON.stringify(raw)} in the rule has no "="; parts are NAME=VALUE separated by ";", like ${RFC_EXAMPLE}`,
      };
    const name = raw.slice(0, eq).trim().toUpperCase();
    const value = raw
      .slice(eq + 1)
      .trim()
      .toUpperCase();
    if (REFUSED_PARTS[name]) return { problem: `${name} in repeat: ${REFUSED_PARTS[name]}` };
    if (!ALLOWED_PARTS.includes(name)) {
      const guess = didYouMean(name, ALLOWED_PARTS);
      return {
        problem: `${name} is not a part of an RRULE Circuitboard reads${guess ? `; did you mean ${guess}?` : `; the parts are ${ALLOWED_PARTS.join(', ')}`}`,
      };
    }
    if (seen.has(name)) return { problem: `${name} appears twice in the rule; keep one` };
    seen.add(name);
    parts.set(name, value);
  }
  const freqText = parts.get('FREQ');
  if (!freqText) return { problem: `the rule needs FREQ, like ${RFC_EXAMPLE}` };
  if (!(FREQUENCIES as readonly string[]).includes(freqText)) {
    if (['HOURLY', 'MINUTELY', 'SECONDLY'].includes(freqText)) {
      return {
        problem: `FREQ=${freqText} would meet several times a day; a series meets at one time (start:), so use DAILY, WEEKLY, MONTHLY or YEARLY`,
      };
    }
    return { problem: `FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY; got ${JSON.stringify(freqText)}` };
  }
  const freq = freqText as Frequency;
  const rule: Recurrence = { freq, interval: 1 };
  const intervalText = parts.get('INTERVAL');
  if (intervalText !== undefined) {
    if (!/^\d{1,3}$/.test(intervalText) || Number(intervalText) < 1 || Number(intervalText) > 366) {
      return { problem: `INTERVAL must be a whole number from 1 to 366; got ${JSON.stringify(intervalText)}` };
    }
    rule.interval = Number(intervalText);
  }
  const countText = parts.get('COUNT');
  if (countText !== undefined) {
    if (!/^\d{1,4}$/.test(countText) || Number(countText) < 1) {
      return { problem: `COUNT must be a whole number from 1 to 9999; got ${JSON.stringify(countText)}` };
    }
    rule.count = Number(countText);
  }
  const byDayText = parts.get('BYDAY');
  if (byDayText !== undefined) {
    const days: RuleDay[] = [];
    for (const item of byDayText.split(',')) {
      const match = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
      if (!match) {
        return {
          problem: `BYDAY ${JSON.stringify(item)} is not a weekday; write two-letter days like TH, or 1TU / -1FR for the first Tuesday or last Friday`,
        };
      }
      const weekday = DAY_CODES.indexOf(match[2] as (typeof DAY_CODES)[number]);
      if (match[1] !== undefined) {
        const n = Number(match[1]);
        if (freq !== 'MONTHLY' && freq !== 'YEARLY') {
          return {
            problem: `BYDAY=${item} counts weekdays in a month or year, which only works with FREQ=MONTHLY or FREQ=YEARLY; write BYDAY=${match[2]}`,
          };
        }
        if (n === 0 || Math.abs(n) > (freq === 'MONTHLY' ? 5 : 53)) {
          return {
            problem: `BYDAY=${item} asks for a weekday that never comes; use 1 to ${freq === 'MONTHLY' ? 5 : 53}, or -1 for the last`,
          };
        }
        days.push({ weekday, n });
      } else days.push({ weekday });
    }
    rule.byDay = days;
  }
  const byMonthDayText = parts.get('BYMONTHDAY');
  if (byMonthDayText !== undefined) {
    if (freq === 'WEEKLY') return { problem: 'BYMONTHDAY does not go with FREQ=WEEKLY; use FREQ=MONTHLY' };
    const list = intList(byMonthDayText, 1, 31, false);
    if (!list)
      return {
        problem: `BYMONTHDAY must be days of the month, 1 to 31 or -1 to -31; got ${JSON.stringify(byMonthDayText)}`,
      };
    rule.byMonthDay = list;
  }
  const byMonthText = parts.get('BYMONTH');
  if (byMonthText !== undefined) {
    const list = intList(byMonthText, 1, 12, false);
    if (!list || list.some((n) => n < 0))
      return { problem: `BYMONTH must be months 1 to 12; got ${JSON.stringify(byMonthText)}` };
    rule.byMonth = list;
  }
  const bySetPosText = parts.get('BYSETPOS');
  if (bySetPosText !== undefined) {
    const list = intList(bySetPosText, 1, 366, false);
    if (!list) return { problem: `BYSETPOS must be positions like 1 or -1; got ${JSON.stringify(bySetPosText)}` };
    if (!rule.byDay && !rule.byMonthDay && !rule.byMonth) {
      return { problem: 'BYSETPOS picks among the dates another BY part gives; add BYDAY, BYMONTHDAY or BYMONTH' };
    }
    rule.bySetPos = list;
  }
  const weekStart = parts.get('WKST');
  if (weekStart !== undefined) {
    const day = DAY_CODES.indexOf(weekStart as (typeof DAY_CODES)[number]);
    if (day < 0) return { problem: `WKST must be a two-letter weekday like MO; got ${JSON.stringify(weekStart)}` };
    rule.weekStart = day;
  }
  return { rule };
}

// ---------------------------------------------------------------------------------------------------------------
// Using a rule

/** The rule as one canonical RRULE value (no `RRULE:`), parts in a fixed order, with `UNTIL` when given. */
export function rruleText(rule: Recurrence, untilUtc?: string): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (untilUtc) parts.push(`UNTIL=${untilUtc}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.byMonth) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.byMonthDay) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byDay) parts.push(`BYDAY=${rule.byDay.map((d) => `${d.n ?? ''}${DAY_CODES[d.weekday]}`).join(',')}`);
  if (rule.bySetPos) parts.push(`BYSETPOS=${rule.bySetPos.join(',')}`);
  if (rule.weekStart !== undefined) parts.push(`WKST=${DAY_CODES[rule.weekStart]}`);
  return parts.join(';');
}

const RRULE_FREQ = { YEARLY: 0, MONTHLY: 1, WEEKLY: 2, DAILY: 3 } as const;

/** A YYYY-MM-DD date as rrule's "floating" Date: its UTC fields are the local date (no zone involved). */
function floating(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function fromFloating(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Dates are expanded a year at a time and remembered, so checking many sessions costs one expansion. */
const CHUNK_DAYS = 366;

/**
 * The local dates of a rule: `rrule` runs on "floating" dates (UTC fields standing for the wall clock), so it
 * never sees a time zone; each date is then placed in the series' zone by {@link wallClock}.
 */
export class RecurrenceDates {
  private readonly rrule: InstanceType<typeof RRule>;
  /** Every date of the rule up to `expandedTo` (inclusive), in order. */
  private readonly known: string[] = [];
  private readonly knownSet = new Set<string>();
  private expandedTo: string;
  private finished = false;

  constructor(rule: Recurrence, from: string, until?: string) {
    this.rrule = new RRule({
      freq: RRULE_FREQ[rule.freq],
      interval: rule.interval,
      dtstart: floating(from),
      ...(until ? { until: floating(until) } : {}),
      ...(rule.count !== undefined ? { count: rule.count } : {}),
      ...(rule.byDay
        ? { byweekday: rule.byDay.map((d) => (d.n === undefined ? d.weekday : new RRuleWeekday(d.weekday, d.n))) }
        : {}),
      ...(rule.byMonthDay ? { bymonthday: rule.byMonthDay } : {}),
      ...(rule.byMonth ? { bymonth: rule.byMonth } : {}),
      ...(rule.bySetPos ? { bysetpos: rule.bySetPos } : {}),
      ...(rule.weekStart !== undefined ? { wkst: rule.weekStart } : {}),
    });
    this.expandedTo = shift(from, -1);
  }

  /** Knows every date up to `date`; past the last date of a finite rule there is nothing more to find. */
  private expandTo(date: string): void {
    while (!this.finished && this.expandedTo < date) {
      const start = shift(this.expandedTo, 1);
      const end = shift(this.expandedTo, CHUNK_DAYS);
      for (const found of this.rrule.between(floating(start), floating(end), true)) {
        const text = fromFloating(found);
        this.known.push(text);
        this.knownSet.add(text);
      }
      this.expandedTo = end;
      if (end >= '9999-01-01') this.finished = true;
      const last = this.rrule.options.until;
      if (last && floating(end) >= last) this.finished = true;
      if (this.rrule.options.count !== null && this.known.length >= (this.rrule.options.count ?? 0))
        this.finished = true;
    }
  }

  /** Dates from `start` to `end` (YYYY-MM-DD, both included), in order. */
  between(start: string, end: string): string[] {
    if (end < start) return [];
    // A window far from the start (a year view in 2040) is asked of rrule directly rather than remembered.
    if (shift(this.expandedTo, 4 * CHUNK_DAYS) < start) {
      return this.rrule.between(floating(start), floating(end), true).map(fromFloating);
    }
    this.expandTo(end);
    return this.known.filter((d) => d >= start && d <= end);
  }

  /** Whether `date` is one of the rule's dates. */
  includes(date: string): boolean {
    if (shift(this.expandedTo, 4 * CHUNK_DAYS) < date) return this.between(date, date).length > 0;
    this.expandTo(date);
    return this.knownSet.has(date);
  }

  /** The last date before `date` and the first after it, for messages. */
  around(date: string): { before?: string; after?: string } {
    const day = floating(date);
    const before = this.rrule.before(day, false);
    const after = this.rrule.after(day, false);
    return { ...(before ? { before: fromFloating(before) } : {}), ...(after ? { after: fromFloating(after) } : {}) };
  }

  /** The first date of the rule on or after `date`. */
  firstFrom(date: string): string | undefined {
    const found = this.rrule.after(floating(date), true);
    return found ? fromFloating(found) : undefined;
  }
}

function shift(date: string, days: number): string {
  const moved = floating(date);
  moved.setUTCDate(moved.getUTCDate() + days);
  const year = moved.getUTCFullYear();
  if (year > 9999) return '9999-12-31';
  if (year < 1) return '0001-01-01';
  return fromFloating(moved);
}

function capital(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const ORDINAL_WORDS: Record<number, string> = {
  1: 'first',
  2: 'second',
  3: 'third',
  4: 'fourth',
  5: 'fifth',
  [-1]: 'last',
};

function dayList(days: string[]): string {
  return days.length <= 1 ? (days[0] ?? '') : `${days.slice(0, -1).join(', ')} and ${days[days.length - 1]}`;
}

/** The rule in plain English for people ("every Thursday", "every 2 weeks on Monday"), or the RRULE itself. */
export function describeRecurrence(rule: Recurrence): string {
  const simple = !rule.byMonth && !rule.bySetPos && rule.count === undefined;
  const every = (unit: string) => (rule.interval === 1 ? `every ${unit}` : `every ${rule.interval} ${unit}s`);
  if (simple && rule.freq === 'DAILY' && !rule.byDay && !rule.byMonthDay) return every('day');
  if (
    simple &&
    rule.freq === 'WEEKLY' &&
    rule.byDay &&
    !rule.byMonthDay &&
    rule.byDay.every((d) => d.n === undefined)
  ) {
    const names = dayList(rule.byDay.map((d) => capital(WEEKDAYS[d.weekday] ?? '')));
    return rule.interval === 1 ? `every ${names}` : `${every('week')} on ${names}`;
  }
  if (simple && rule.freq === 'MONTHLY' && rule.byDay?.length === 1 && !rule.byMonthDay) {
    const [day] = rule.byDay;
    if (day?.n !== undefined && ORDINAL_WORDS[day.n]) {
      return `${every('month')} on the ${ORDINAL_WORDS[day.n]} ${capital(WEEKDAYS[day.weekday] ?? '')}`;
    }
  }
  if (
    simple &&
    rule.freq === 'MONTHLY' &&
    !rule.byDay &&
    rule.byMonthDay?.length === 1 &&
    (rule.byMonthDay[0] ?? 0) > 0
  ) {
    return `${every('month')} on day ${rule.byMonthDay[0]}`;
  }
  return rruleText(rule);
}
