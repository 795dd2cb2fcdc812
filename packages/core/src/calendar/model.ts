// events/<slug>.yml — the community's calendar as data. In code these are calendar entries (a series, a one-off
// event, a hackathon) and occurrences, since "event" already names the diff events of projects.
import * as z from 'zod';
import { GitHubLogin, HttpUrl, IsoDate, Slug, Snowflake } from '../model.ts';
import { PaperIdentifier } from './paper.ts';
import { DURATION_PATTERN, LOCAL_DATE_TIME_PATTERN, LOCAL_TIME_PATTERN } from './time.ts';

export const CALENDAR_KINDS = ['series', 'event', 'hackathon'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 2000;

const Title = z
  .string()
  .min(1)
  .max(TITLE_MAX)
  .regex(/\S/, 'must say something; write a few words')
  .meta({ description: 'What it is called, in plain words.' });
const Description = z
  .string()
  .min(1)
  .max(DESCRIPTION_MAX)
  .meta({ description: 'A paragraph for the calendar and the events page.' });

export const TimeZoneName = z
  .string()
  .min(1)
  .max(64)
  .meta({ description: 'An IANA time zone name, like Europe/London; times are wall-clock in it (DST-safe).' });

export const LocalTime = z
  .string()
  .regex(LOCAL_TIME_PATTERN, 'must be a time of day written HH:MM (24-hour), like "18:00"')
  .meta({ description: 'A wall-clock time written HH:MM (24-hour).', pattern: LOCAL_TIME_PATTERN.source });

export const Duration = z
  .string()
  .regex(DURATION_PATTERN, 'must be a length like 90m, 2h or 1h30m')
  .refine((text) => text !== '', 'must be a length like 90m, 2h or 1h30m')
  .meta({ description: 'How long it lasts: 90m, 2h, 1h30m (at most 24h).', pattern: '^(\\d{1,3}h)?(\\d{1,4}m)?$' });

export const LocalDateTime = z
  .string()
  .regex(LOCAL_DATE_TIME_PATTERN, 'must be a date, or a date and time, like 2027-01-15 or "2027-01-15 10:00"')
  .meta({
    description:
      'YYYY-MM-DD or YYYY-MM-DD HH:MM, wall-clock in the time zone. A bare date is the start of that day, or its end for end and deadline.',
    pattern: LOCAL_DATE_TIME_PATTERN.source,
  });

export const Location = z
  .strictObject({
    discord_channel: Snowflake.optional().meta({ description: 'The Discord channel (voice or stage) it happens in.' }),
    url: HttpUrl.optional().meta({ description: 'Where to join, when it is not on Discord.' }),
  })
  .meta({ id: 'Location', description: 'Where it happens: { discord_channel: "<id>" } or { url: https://... }.' });
export type Location = z.infer<typeof Location>;

export const Someone = z
  .strictObject({ github: GitHubLogin })
  .meta({ id: 'Someone', description: 'A person, by GitHub username.' });
export type Someone = z.infer<typeof Someone>;

const Cancelled = z
  .string()
  .min(1)
  .max(200)
  .meta({ description: 'Set when it does not happen, to the reason (kept so calendars show it as cancelled).' });

/** What every entry says about itself. */
const ABOUT = { title: Title, description: Description.optional(), timezone: TimeZoneName };
/** When a meeting starts on its day, how long it lasts and where: a series' meetings and a one-off event. */
const TIMED = { start: LocalTime, duration: Duration, location: Location };

export const Session = z
  .strictObject({
    date: IsoDate.optional().meta({
      description: 'The meeting this is about, one of the series dates; absent while a paper waits in the queue.',
    }),
    title: z.string().min(1).max(200).optional().meta({ description: 'A topic, when it is not (only) a paper.' }),
    paper: PaperIdentifier.optional(),
    presenter: Someone.optional(),
    notes: HttpUrl.optional().meta({ description: 'A link to the notes, after the session.' }),
    cancelled: Cancelled.optional(),
  })
  .meta({ id: 'Session', description: 'One meeting of a series that has something to say, or a paper in the queue.' });
export type Session = z.infer<typeof Session>;

export const Series = z
  .strictObject({
    kind: z.literal('series'),
    ...ABOUT,
    from: IsoDate.meta({ description: 'The first meeting, YYYY-MM-DD; one of the repeat dates.' }),
    until: IsoDate.optional().meta({ description: 'The last day the series can meet, YYYY-MM-DD.' }),
    ...TIMED,
    repeat: z.string().min(1).max(200).meta({
      description:
        '"weekly on thursday", "every 2 weeks on monday", "monthly on the first tuesday", or an RFC 5545 rule like FREQ=WEEKLY;BYDAY=TH.',
    }),
    sessions: z.array(Session).max(1000).optional(),
  })
  .meta({
    id: 'Series',
    title: 'Circuitboard series',
    description: 'events/<slug>.yml with kind: series — a meeting that repeats.',
  });
export type Series = z.infer<typeof Series>;

export const OneOffEvent = z
  .strictObject({
    kind: z.literal('event'),
    ...ABOUT,
    date: IsoDate,
    ...TIMED,
    presenter: Someone.optional(),
    paper: PaperIdentifier.optional(),
    notes: HttpUrl.optional(),
    cancelled: Cancelled.optional(),
  })
  .meta({
    id: 'OneOffEvent',
    title: 'Circuitboard event',
    description: 'events/<slug>.yml with kind: event — a talk or meeting that happens once.',
  });
export type OneOffEvent = z.infer<typeof OneOffEvent>;

export const Challenge = z
  .strictObject({
    id: Slug.meta({
      description: 'Unique in the hackathon; lowercase words joined by hyphens. Teams name it as their challenge.',
    }),
    title: Title,
    description: Description.optional(),
  })
  .meta({ id: 'Challenge' });
export type Challenge = z.infer<typeof Challenge>;

export const Criterion = z
  .strictObject({
    id: Slug.meta({ description: 'Unique in the hackathon; judges score it by this id.' }),
    title: Title,
    description: Description.optional(),
    weight: z
      .number()
      .positive()
      .max(100)
      .meta({ description: 'Its share of the result, relative to the other criteria.' }),
  })
  .meta({ id: 'Criterion' });
export type Criterion = z.infer<typeof Criterion>;

export const Scale = z
  .strictObject({ min: z.number().int().min(0).max(100), max: z.number().int().min(1).max(100) })
  .meta({ description: 'The marks judges give, lowest and highest (default 1 to 10).' });

export const Judging = z.strictObject({
  scale: Scale.optional(),
  criteria: z.array(Criterion).min(1).max(20),
  judges: z.array(Someone).min(1).max(100),
});
export type Judging = z.infer<typeof Judging>;

export const Hackathon = z
  .strictObject({
    kind: z.literal('hackathon'),
    ...ABOUT,
    dates: z
      .strictObject({
        start: LocalDateTime,
        end: LocalDateTime,
        submission_deadline: LocalDateTime,
      })
      .meta({
        description:
          "When it starts and ends, and when submissions (pull requests filling a team project's outputs) close.",
      }),
    location: Location.optional(),
    challenges: z.array(Challenge).max(50).optional(),
    judging: Judging.optional(),
  })
  .meta({
    id: 'Hackathon',
    title: 'Circuitboard hackathon',
    description: 'events/<slug>.yml with kind: hackathon. Teams are projects with hackathon: <slug>.',
  });
export type Hackathon = z.infer<typeof Hackathon>;

/** What an events/<slug>.yml holds. */
export type CalendarEntryData = Series | OneOffEvent | Hackathon;

export const TeamScore = z
  .strictObject({
    team: Slug.meta({ description: "The team's project slug (a project with hackathon: <this hackathon>)." }),
    criteria: z.record(Slug, z.number()).meta({ description: 'One mark per judging criterion, by criterion id.' }),
    comment: z.string().min(1).max(DESCRIPTION_MAX).optional().meta({ description: 'Optional words for the team.' }),
  })
  .meta({ id: 'TeamScore' });
export type TeamScore = z.infer<typeof TeamScore>;

export const ScoreSheet = z.strictObject({ scores: z.array(TeamScore).max(500) }).meta({
  id: 'ScoreSheet',
  title: 'Circuitboard hackathon scores',
  description: "events/<hackathon>/scores/<judge>.yml — one judge's marks, one entry per team.",
});
export type ScoreSheet = z.infer<typeof ScoreSheet>;

export const DEFAULT_SCALE = { min: 1, max: 10 } as const;
