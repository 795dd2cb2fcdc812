// Reading one events/<slug>.yml or events/<hackathon>/scores/<judge>.yml: schema, then the rules that need
// time zones and recurrence, each a Diagnostic at file:line:col that says what to write instead.
import * as z from 'zod';
import type { Diagnostic } from '../diagnostics.ts';
import { type FileGuide, internalError, parseYamlWith } from '../load.ts';
import { didYouMean } from '../schema-issues.ts';
import type { FieldPath, YamlSource } from '../source.ts';
import {
  CALENDAR_KINDS,
  type CalendarKind,
  type Hackathon,
  Hackathon as HackathonSchema,
  type OneOffEvent,
  OneOffEvent as OneOffEventSchema,
  ScoreSheet,
  type Series,
  Series as SeriesSchema,
} from './model.ts';
import { describeRecurrence, type Recurrence, RecurrenceDates, readRecurrence } from './recurrence.ts';
import {
  durationMinutes,
  LOCAL_DATE_TIME_PATTERN,
  localDateTime,
  type Temporal,
  timeZoneProblem,
  wallClockText,
  weekdayName,
} from './time.ts';

/** A series with its rule read and its dates ready to expand. */
export interface SeriesEntry {
  kind: 'series';
  slug: string;
  path: string;
  data: Series;
  rule: Recurrence;
  dates: RecurrenceDates;
  minutes: number;
}

export interface OneOffEntry {
  kind: 'event';
  slug: string;
  path: string;
  data: OneOffEvent;
  minutes: number;
}

export interface HackathonEntry {
  kind: 'hackathon';
  slug: string;
  path: string;
  data: Hackathon;
  start: Temporal.ZonedDateTime;
  end: Temporal.ZonedDateTime;
  deadline: Temporal.ZonedDateTime;
}

/** A valid events/<slug>.yml. */
export type CalendarEntry = SeriesEntry | OneOffEntry | HackathonEntry;

export interface ParsedEntry {
  entry?: CalendarEntry;
  /** The YAML with positions, for checks across files; absent when the file could not be read as YAML. */
  source?: YamlSource;
  diagnostics: Diagnostic[];
}

const COMMON_EXAMPLES = {
  kind: 'kind: series   # series | event | hackathon',
  title: 'title: Mechanistic interpretability reading group',
  timezone: 'timezone: Europe/London',
  start: 'start: "18:00"',
  duration: 'duration: 90m',
  location: 'location: { discord_channel: "1100000000000000005" }',
  'location.discord_channel': 'discord_channel: "1100000000000000005"',
  'location.url': 'url: https://meet.example.org/reading-group',
  'presenter.github': 'github: their-username',
  presenter: 'presenter: { github: their-username }',
};

const SYNONYMS = {
  name: 'title',
  summary: 'description',
  tz: 'timezone',
  time_zone: 'timezone',
  zone: 'timezone',
  time: 'start',
  length: 'duration',
  recurrence: 'repeat',
  rrule: 'repeat',
  rule: 'repeat',
  where: 'location',
  place: 'location',
  channel: 'discord_channel',
  speaker: 'presenter',
  presenters: 'presenter',
  host: 'presenter',
  day: 'date',
  canceled: 'cancelled',
  deadline: 'submission_deadline',
  end_date: 'end',
  start_date: 'start',
  begin: 'start',
  to: 'until',
  end: 'until',
  starts: 'from',
  first: 'from',
  meetings: 'sessions',
  papers: 'paper',
  judge: 'judges',
  criterion: 'criteria',
  challenge: 'challenges',
} as const;

const GUIDES: Record<CalendarKind, FileGuide> = {
  series: {
    name: 'a series',
    tooLarge: 'move old sessions into a second series file, or the notes into their own documents',
    schema: SeriesSchema,
    examples: {
      ...COMMON_EXAMPLES,
      from: 'from: 2026-09-03',
      until: 'until: 2027-06-24',
      repeat: 'repeat: weekly on thursday',
      sessions: 'sessions:\n  - date: 2026-12-10\n    paper: arxiv:2211.00593\n    presenter: { github: alice }',
      'sessions.*': '- date: 2026-12-10\n  paper: arxiv:2211.00593',
      'sessions.*.paper': 'paper: arxiv:2211.00593',
      'sessions.*.presenter': 'presenter: { github: their-username }',
      'sessions.*.presenter.github': 'github: their-username',
      'sessions.*.cancelled': 'cancelled: holidays',
    },
    synonyms: SYNONYMS,
  },
  event: {
    name: 'an event',
    tooLarge: 'shorten the description and link to a longer page',
    schema: OneOffEventSchema,
    examples: {
      ...COMMON_EXAMPLES,
      kind: 'kind: event',
      date: 'date: 2026-12-02',
      cancelled: 'cancelled: speaker ill',
    },
    synonyms: { ...SYNONYMS, from: 'date' },
  },
  hackathon: {
    name: 'a hackathon',
    tooLarge: 'link to a longer page for the rules and details',
    schema: HackathonSchema,
    examples: {
      ...COMMON_EXAMPLES,
      kind: 'kind: hackathon',
      dates: 'dates:\n  start: 2027-01-15 10:00\n  end: 2027-01-17 18:00\n  submission_deadline: 2027-01-17 16:00',
      'dates.start': 'start: 2027-01-15 10:00',
      'dates.end': 'end: 2027-01-17 18:00',
      'dates.submission_deadline': 'submission_deadline: 2027-01-17 16:00',
      challenges: 'challenges:\n  - id: feature-circuits\n    title: Find a circuit for a feature',
      'challenges.*': '- id: feature-circuits\n  title: Find a circuit for a feature',
      judging:
        'judging:\n  criteria:\n    - id: rigour\n      title: Rigour\n      weight: 2\n  judges:\n    - github: their-username',
      'judging.criteria': 'criteria:\n  - id: rigour\n    title: Rigour\n    weight: 2',
      'judging.criteria.*': '- id: rigour\n  title: Rigour\n  weight: 2',
      'judging.criteria.*.weight': 'weight: 2',
      'judging.judges': 'judges:\n  - github: their-username',
      'judging.judges.*': '- github: their-username',
      'judging.judges.*.github': 'github: their-username',
    },
    synonyms: { ...SYNONYMS, start: 'dates', end: 'dates', from: 'dates', until: 'dates' },
  },
};

const KIND_GUIDE: FileGuide = {
  name: 'an events file',
  tooLarge: 'split it',
  schema: z.looseObject({ kind: z.enum(CALENDAR_KINDS).meta({ description: 'series | event | hackathon' }) }),
  examples: { kind: 'kind: series   # series | event | hackathon' },
};

function guideFor(data: unknown): FileGuide {
  const kind = data !== null && typeof data === 'object' ? (data as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' && (CALENDAR_KINDS as readonly string[]).includes(kind)
    ? GUIDES[kind as CalendarKind]
    : KIND_GUIDE;
}

/** Reads events/<slug>.yml. Never throws; `entry` is set only when there is no error. */
export function parseCalendarEntryYaml(text: string, file: string, slug: string): ParsedEntry {
  try {
    let seen: YamlSource | undefined;
    let entry: CalendarEntry | undefined;
    const parsed = parseYamlWith<Series | OneOffEvent | Hackathon>(text, file, guideFor, (data, source, value) => {
      seen = source;
      const found = entryRules(data, source, value, slug, file);
      entry = found.entry;
      return found.diagnostics;
    });
    const out: ParsedEntry = { diagnostics: parsed.diagnostics };
    if (seen) out.source = seen;
    if (parsed.value && entry) out.entry = entry;
    return out;
  } catch (error) {
    return { diagnostics: [internalError(file, error)] };
  }
}

export interface ParsedScoreSheet {
  sheet?: ScoreSheet;
  source?: YamlSource;
  diagnostics: Diagnostic[];
}

const SCORES_GUIDE: FileGuide = {
  name: 'a score sheet',
  tooLarge: 'shorten the comments',
  schema: ScoreSheet,
  examples: {
    scores: 'scores:\n  - team: their-project-slug\n    criteria: { rigour: 7, novelty: 8 }',
    'scores.*': '- team: their-project-slug\n  criteria: { rigour: 7, novelty: 8 }',
    'scores.*.team': 'team: their-project-slug',
    'scores.*.criteria': 'criteria: { rigour: 7, novelty: 8 }',
  },
  synonyms: { project: 'team', marks: 'criteria', scores: 'criteria', note: 'comment', notes: 'comment' },
};

/** Reads events/<hackathon>/scores/<judge>.yml (its checks against the hackathon come with the whole calendar). */
export function parseScoreSheetYaml(text: string, file: string): ParsedScoreSheet {
  try {
    let seen: YamlSource | undefined;
    const parsed = parseYamlWith<ScoreSheet>(text, file, SCORES_GUIDE, (_data, source) => {
      seen = source;
      return [];
    });
    const out: ParsedScoreSheet = { diagnostics: parsed.diagnostics };
    if (seen) out.source = seen;
    if (parsed.value) out.sheet = parsed.value;
    return out;
  } catch (error) {
    return { diagnostics: [internalError(file, error)] };
  }
}

// ---------------------------------------------------------------------------------------------------------------

type Raw = Record<string, unknown>;

function field(data: unknown, key: string): unknown {
  return data !== null && typeof data === 'object' ? (data as Raw)[key] : undefined;
}

function entryRules(
  data: unknown,
  source: YamlSource,
  value: Series | OneOffEvent | Hackathon | undefined,
  slug: string,
  path: string,
): { entry?: CalendarEntry; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const at = (fieldPath: FieldPath, rule: string, message: string, part: 'key' | 'value' = 'value') =>
    out.push(source.diagnostic(source.positionOf(fieldPath, part), rule, message, fieldPath));

  // Checks on the raw data, so they are reported together with any schema error elsewhere in the file.
  const timezone = field(data, 'timezone');
  const zoneProblem = typeof timezone === 'string' ? timeZoneProblem(timezone) : undefined;
  if (zoneProblem) at(['timezone'], 'timezone', `timezone ${zoneProblem}`);
  const duration = field(data, 'duration');
  let minutes: number | undefined;
  if (typeof duration === 'string') {
    minutes = durationMinutes(duration);
    if (minutes === 0) at(['duration'], 'duration', 'duration must be longer than nothing; write a length like 90m');
    else if (minutes !== undefined && minutes > 24 * 60) {
      at(
        ['duration'],
        'duration',
        `duration ${duration} is longer than a day; a session or talk lasts at most 24h (a hackathon has dates instead)`,
      );
    }
  }
  const location = field(data, 'location');
  if (location !== null && typeof location === 'object' && !Array.isArray(location)) {
    const keys = ['discord_channel', 'url'].filter((key) => field(location, key) !== undefined);
    if (keys.length === 0 && Object.keys(location).length === 0) {
      at(
        ['location'],
        'missing-key',
        'location is empty; write { discord_channel: "<channel id>" } or { url: https://... }',
      );
    } else if (keys.length === 2) {
      at(
        ['location', 'url'],
        'schema',
        'location has both discord_channel and url; keep one (put an extra link in the description)',
        'key',
      );
    }
  }
  let rule: Recurrence | undefined;
  const repeat = field(data, 'repeat');
  if (typeof repeat === 'string') {
    const reading = readRecurrence(repeat);
    if ('problem' in reading) at(['repeat'], 'recurrence', `repeat: ${reading.problem}`);
    else rule = reading.rule;
  }
  if (!value || zoneProblem || out.some((d) => d.severity === 'error')) return { diagnostics: out };

  // Checks that need the whole file to be well-formed.
  if (outOfRange(value, at)) return { diagnostics: out };
  switch (value.kind) {
    case 'series': {
      if (!rule || minutes === undefined) return { diagnostics: out };
      return seriesRules(value, rule, minutes, source, at, out, slug, path);
    }
    case 'event': {
      if (minutes === undefined) return { diagnostics: out };
      return { entry: { kind: 'event', slug, path, data: value, minutes }, diagnostics: out };
    }
    case 'hackathon':
      return hackathonRules(value, source, at, out, slug, path);
  }
}

type At = (fieldPath: FieldPath, rule: string, message: string, part?: 'key' | 'value') => void;

/** Calendar dates stay within these years: far enough for any real plan, near enough to expand a daily rule. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 2199;

/** Dates outside the years a calendar covers, reported; true when there was one. */
function outOfRange(value: Series | OneOffEvent | Hackathon, at: At): boolean {
  const dates: [FieldPath, string][] = [];
  if (value.kind === 'series') {
    dates.push([['from'], value.from]);
    if (value.until) dates.push([['until'], value.until]);
    (value.sessions ?? []).forEach((s, i) => {
      if (s.date) dates.push([['sessions', i, 'date'], s.date]);
    });
  } else if (value.kind === 'event') dates.push([['date'], value.date]);
  else
    for (const key of ['start', 'end', 'submission_deadline'] as const) dates.push([['dates', key], value.dates[key]]);
  let found = false;
  for (const [path, text] of dates) {
    const year = Number(text.slice(0, 4));
    if (year >= FIRST_YEAR && year <= LAST_YEAR) continue;
    at(
      path,
      'invalid-date',
      `${text.slice(0, 10)} is outside the years a calendar covers (${FIRST_YEAR} to ${LAST_YEAR}); check the year`,
    );
    found = true;
  }
  return found;
}

function seriesRules(
  series: Series,
  rule: Recurrence,
  minutes: number,
  source: YamlSource,
  at: At,
  out: Diagnostic[],
  slug: string,
  path: string,
): { entry?: CalendarEntry; diagnostics: Diagnostic[] } {
  const how = describeRecurrence(rule);
  if (series.until !== undefined && series.until < series.from) {
    at(
      ['until'],
      'recurrence',
      `until ${series.until} is before from ${series.from}; the series cannot end before it starts`,
    );
    return { diagnostics: out };
  }
  const dates = new RecurrenceDates(rule, series.from, series.until);
  if (!dates.includes(series.from)) {
    const first = dates.firstFrom(series.from);
    at(
      ['from'],
      'recurrence',
      first
        ? `from ${series.from} is a ${capital(weekdayName(series.from))}, not a meeting of a series that meets ${how}; the first meeting is from: ${first}`
        : `repeat ${JSON.stringify(series.repeat)} gives no date on or after from ${series.from}${series.until ? ` until ${series.until}` : ''}; check the rule`,
    );
    return { diagnostics: out };
  }
  const dated = new Map<string, number>();
  (series.sessions ?? []).forEach((session, i) => {
    const here = ['sessions', i];
    if (session.date === undefined) {
      if (session.cancelled !== undefined) {
        at(
          [...here, 'cancelled'],
          'session-date',
          'a cancelled session needs the date of the meeting it cancels; add date: YYYY-MM-DD',
        );
      } else if (session.paper === undefined && session.title === undefined) {
        at(
          here,
          'session-date',
          'a session without a date is a paper waiting in the queue; add paper: arxiv:<id>, or the date of the meeting',
        );
      }
      return;
    }
    const line = source.positionOf([...here, 'date']).line;
    const first = dated.get(session.date);
    if (first !== undefined) {
      at(
        [...here, 'date'],
        'session-date',
        `${session.date} already has a session on line ${first}; keep one entry per meeting`,
      );
      return;
    }
    dated.set(session.date, line);
    if (dates.includes(session.date)) return;
    const weekday = capital(weekdayName(session.date));
    if (session.date < series.from) {
      at(
        [...here, 'date'],
        'session-date',
        `${session.date} is before the first meeting (from: ${series.from}); fix the date, or move from: earlier`,
      );
      return;
    }
    if (series.until !== undefined && session.date > series.until) {
      at(
        [...here, 'date'],
        'session-date',
        `${session.date} is after the series ends (until: ${series.until}); fix the date, or move until: later`,
      );
      return;
    }
    const { before, after } = dates.around(session.date);
    const nearest = [before, after].filter((d): d is string => d !== undefined);
    at(
      [...here, 'date'],
      'session-date',
      `${session.date} (a ${weekday}) is not a meeting of this series, which meets ${how}${nearest.length ? `; the nearest meeting${nearest.length > 1 ? 's are' : ' is'} ${nearest.join(' and ')}` : ''}. For a one-off meeting on another day, add an events/<slug>.yml with kind: event`,
    );
  });
  if (out.some((d) => d.severity === 'error')) return { diagnostics: out };
  return { entry: { kind: 'series', slug, path, data: series, rule, dates, minutes }, diagnostics: out };
}

function hackathonRules(
  hackathon: Hackathon,
  _source: YamlSource,
  at: At,
  out: Diagnostic[],
  slug: string,
  path: string,
): { entry?: CalendarEntry; diagnostics: Diagnostic[] } {
  const zone = hackathon.timezone;
  const read = (key: 'start' | 'end' | 'submission_deadline') => {
    const text = hackathon.dates[key];
    const zoned = localDateTime(text, zone, key !== 'start');
    if (!zoned) {
      const day = LOCAL_DATE_TIME_PATTERN.exec(text)?.[1] ?? text;
      at(
        ['dates', key],
        'invalid-date',
        `${key} ${day} is not a real calendar date; write an existing day as YYYY-MM-DD, with a time as "YYYY-MM-DD HH:MM"`,
      );
    }
    return zoned;
  };
  const start = read('start');
  const end = read('end');
  const deadline = read('submission_deadline');
  if (!start || !end || !deadline) return { diagnostics: out };
  const shown = (z: Temporal.ZonedDateTime) => wallClockText(z).replace('T', ' ');
  if (end.epochMilliseconds <= start.epochMilliseconds) {
    at(
      ['dates', 'end'],
      'hackathon-dates',
      `end ${shown(end)} is not after start ${shown(start)}; the hackathon has to end after it starts`,
    );
  }
  if (deadline.epochMilliseconds < start.epochMilliseconds) {
    at(
      ['dates', 'submission_deadline'],
      'hackathon-dates',
      `submission_deadline ${shown(deadline)} is before the hackathon starts (${shown(start)}); set it between the start and the end, e.g. submission_deadline: ${hackathon.dates.end}`,
    );
  } else if (deadline.epochMilliseconds > end.epochMilliseconds && end.epochMilliseconds > start.epochMilliseconds) {
    at(
      ['dates', 'submission_deadline'],
      'hackathon-dates',
      `submission_deadline ${shown(deadline)} is after the hackathon ends (${shown(end)}); move it to the end or earlier, or move end: later`,
    );
  }
  unique(
    hackathon.challenges ?? [],
    (c) => c.id,
    (i) => ['challenges', i, 'id'],
    'challenge',
    at,
  );
  if (hackathon.judging) {
    const { criteria, judges, scale } = hackathon.judging;
    unique(
      criteria,
      (c) => c.id,
      (i) => ['judging', 'criteria', i, 'id'],
      'criterion',
      at,
    );
    unique(
      judges,
      (j) => j.github.toLowerCase(),
      (i) => ['judging', 'judges', i, 'github'],
      'judge',
      at,
    );
    if (scale && scale.min >= scale.max) {
      at(
        ['judging', 'scale', 'max'],
        'schema',
        `scale max ${scale.max} must be above min ${scale.min}, like { min: 1, max: 10 }`,
      );
    }
  }
  if (out.some((d) => d.severity === 'error')) return { diagnostics: out };
  return { entry: { kind: 'hackathon', slug, path, data: hackathon, start, end, deadline }, diagnostics: out };
}

function unique<T>(
  items: readonly T[],
  key: (item: T) => string,
  pathOf: (i: number) => FieldPath,
  what: string,
  at: At,
) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) {
      seen.set(k, i);
      return;
    }
    at(
      pathOf(i),
      'duplicate-id',
      `${what} ${JSON.stringify(k)} is listed twice (also entry ${first + 1}); list each ${what} once`,
    );
  });
}

function capital(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Suggestion helper shared by the whole-calendar checks. */
export function suggestion(input: string, candidates: readonly string[]): string {
  const guess = didYouMean(input, candidates);
  return guess ? `; did you mean ${guess}?` : '';
}
