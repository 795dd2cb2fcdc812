// events/README.md: the schedule, each series' sessions and paper queue, notes from past sessions, hackathons with
// their results. It depends on the data only (not on today), so `generate --check` fails only when events/ changed.
import { spliceBlock } from '../generate.ts';
import { escapeMarkdownCell } from '../markdown.ts';
import type { Calendar } from './calendar.ts';
import type { CalendarEntry, HackathonEntry, OneOffEntry, SeriesEntry } from './entry.ts';
import type { Location, Session, Someone } from './model.ts';
import { oneOffOccurrence, seriesMeeting } from './occurrences.ts';
import { paperUrl } from './paper.ts';
import { describeRecurrence } from './recurrence.ts';
import { hackathonResults } from './results.ts';
import { wallClockText } from './time.ts';

export const EVENTS_BEGIN = '<!-- BEGIN GENERATED: events-index -->';
export const EVENTS_END = '<!-- END GENERATED: events-index -->';

const INTRO = `# Events

The community's calendar: the reading group, talks and hackathons, one \`<slug>.yml\` each. Subscribe to
[calendar.ics](./calendar.ics) in your calendar app to see them in your own time zone. To add a session, a talk
or a hackathon, edit these files in a pull request; see [docs/events.md](../docs/events.md).
`;

const cell = escapeMarkdownCell;

function person(p: Someone | undefined): string {
  return p ? `[&#64;${cell(p.github)}](https://github.com/${p.github})` : '';
}

function paper(id: string | undefined): string {
  if (!id) return '';
  const url = paperUrl(id);
  return url ? `[${cell(id)}](${url})` : cell(id);
}

/** A link target from people, made safe inside Markdown's `(...)`: parentheses, spaces and angle brackets encoded. */
function href(url: string): string {
  let out = url;
  try {
    out = new URL(url).href;
  } catch {
    // validated before it gets here; keep the text and encode it below
  }
  return out.replace(/[()<>\s"'`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function where(location: Location | undefined): string {
  if (!location) return '—';
  if (location.url) return `[link](${href(location.url)})`;
  return 'Discord';
}

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function time(local: string): string {
  return local.slice(11, 16);
}

function sessionTopic(s: Session): string {
  return [s.title ? cell(s.title) : '', paper(s.paper)].filter(Boolean).join(': ');
}

function seriesWhen(entry: SeriesEntry): string {
  const first = seriesMeeting(entry, entry.data.from);
  return `${describeRecurrence(entry.rule)}, ${time(first.localStart)}–${time(first.localEnd)} ${entry.data.timezone}, from ${entry.data.from}${entry.data.until ? ` until ${entry.data.until}` : ''}`;
}

function oneOffWhen(entry: OneOffEntry): string {
  const o = oneOffOccurrence(entry);
  const text = `${entry.data.date} ${time(o.localStart)}–${time(o.localEnd)} ${entry.data.timezone}`;
  return entry.data.cancelled !== undefined ? `~~${text}~~ cancelled: ${cell(entry.data.cancelled)}` : text;
}

function hackathonWhen(entry: HackathonEntry): string {
  const show = (z: HackathonEntry['start']) => wallClockText(z).replace('T', ' ');
  return `${show(entry.start)} to ${show(entry.end)} ${entry.data.timezone}; submissions close ${show(entry.deadline)}`;
}

function seriesSection(entry: SeriesEntry): string {
  const { data } = entry;
  const sessions = [...(data.sessions ?? [])];
  const dated = sessions.filter((s) => s.date !== undefined).sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? -1 : 1));
  const out = [`## ${cell(data.title)}`, ''];
  if (data.description) out.push(cell(data.description), '');
  out.push(
    `Meets ${seriesWhen(entry)}, on ${where(data.location)}. File: [${entry.slug}.yml](./${entry.slug}.yml).`,
    '',
  );
  if (dated.length > 0) {
    out.push(
      table(
        ['Date', 'Session', 'Presenter', 'Notes'],
        dated.map((s) =>
          s.cancelled !== undefined
            ? [s.date ?? '', `_Cancelled: ${cell(s.cancelled)}_`, '', '']
            : [s.date ?? '', sessionTopic(s), person(s.presenter), s.notes ? `[notes](${href(s.notes)})` : ''],
        ),
      ),
      '',
    );
  }
  // Time-independent on purpose: a paper is queued until its session has notes (or while it has no date).
  const queue = [
    ...dated.filter((s) => s.paper && s.cancelled === undefined && s.notes === undefined),
    ...sessions.filter((s) => s.date === undefined && s.paper),
  ];
  out.push('### Paper queue', '');
  out.push(
    queue.length > 0
      ? table(
          ['Paper', 'Presenter', 'Date'],
          queue.map((s) => [sessionTopic(s), person(s.presenter), s.date ?? '_not scheduled yet_']),
        )
      : '_No papers waiting. Suggest one with a pull request adding a session with `paper:` (see docs/events.md)._',
    '',
  );
  const withNotes = dated.filter((s) => s.notes !== undefined && s.cancelled === undefined);
  if (withNotes.length > 0) {
    out.push(
      '### Notes from past sessions',
      '',
      table(
        ['Date', 'Session', 'Notes'],
        withNotes.map((s) => [s.date ?? '', sessionTopic(s) || cell(data.title), `[notes](${href(s.notes ?? '')})`]),
      ),
      '',
    );
  }
  return out.join('\n');
}

function hackathonSection(entry: HackathonEntry, calendar: Pick<Calendar, 'scores' | 'teams'>): string {
  const { data } = entry;
  const out = [`## ${cell(data.title)}`, ''];
  if (data.description) out.push(cell(data.description), '');
  out.push(
    `${hackathonWhen(entry)}. Where: ${where(data.location)}. File: [${entry.slug}.yml](./${entry.slug}.yml).`,
    '',
  );
  if (data.challenges && data.challenges.length > 0) {
    out.push(
      '### Challenges',
      '',
      table(
        ['Challenge', 'Id', 'About'],
        data.challenges.map((c) => [cell(c.title), `\`${c.id}\``, c.description ? cell(c.description) : '']),
      ),
      '',
    );
  }
  const teams = calendar.teams.filter((t) => t.hackathon === entry.slug).sort((a, b) => (a.slug < b.slug ? -1 : 1));
  out.push('### Teams', '');
  const withChallenge = teams.some((t) => t.challenge !== undefined);
  out.push(
    teams.length > 0
      ? table(
          withChallenge ? ['Team', 'Challenge'] : ['Team'],
          teams.map((t) => {
            const team = `[${t.slug}](../projects/${t.slug}/)`;
            return withChallenge ? [team, t.challenge ? `\`${cell(t.challenge)}\`` : ''] : [team];
          }),
        )
      : `_No team yet: a team is a project with \`hackathon: ${entry.slug}\` in its project.yml._`,
    '',
  );
  const judging = data.judging;
  if (judging) {
    const scale = judging.scale ?? { min: 1, max: 10 };
    out.push(
      '### Judging',
      '',
      `Judges: ${judging.judges.map(person).join(', ')}. Marks from ${scale.min} to ${scale.max}; each judge's marks are normalised before they are combined (see [how judging works](../docs/events.md#how-judging-works)).`,
      '',
      table(
        ['Criterion', 'Weight', 'About'],
        judging.criteria.map((c) => [cell(c.title), String(c.weight), c.description ? cell(c.description) : '']),
      ),
      '',
    );
    const results = hackathonResults(
      entry,
      calendar.scores,
      teams.map((t) => t.slug),
    );
    const ranked = results.teams.filter((t) => t.rank !== undefined);
    if (ranked.length > 0) {
      out.push('### Results', '');
      if (!results.complete) {
        const waiting =
          results.waitingFor.length > 0
            ? ` Waiting for scores from ${results.waitingFor.map((j) => person({ github: j })).join(', ')}.`
            : '';
        const unscored = results.teams.filter((t) => t.rank === undefined).map((t) => t.team);
        out.push(`_Provisional._${waiting}${unscored.length ? ` Not scored yet: ${unscored.join(', ')}.` : ''}`, '');
      }
      out.push(
        table(
          ['Rank', 'Team', 'Score', 'Mean mark', 'Judges'],
          ranked.map((t) => [
            String(t.rank),
            `[${t.team}](../projects/${t.team}/)`,
            (t.score ?? 0).toFixed(3),
            (t.raw ?? 0).toFixed(2),
            String(t.judges),
          ]),
        ),
        '',
      );
    }
  }
  return out.join('\n');
}

function whenOf(entry: CalendarEntry): string {
  switch (entry.kind) {
    case 'series':
      return seriesWhen(entry);
    case 'event':
      return oneOffWhen(entry);
    case 'hackathon':
      return hackathonWhen(entry);
  }
}

function block(calendar: Pick<Calendar, 'entries' | 'scores' | 'teams'>): string {
  const rows = calendar.entries.map((entry) => [
    `[${cell(entry.data.title)}](./${entry.slug}.yml)`,
    entry.kind,
    whenOf(entry),
    where(entry.data.location),
  ]);
  const sections = calendar.entries.flatMap((entry) =>
    entry.kind === 'series'
      ? [seriesSection(entry)]
      : entry.kind === 'hackathon'
        ? [hackathonSection(entry, calendar)]
        : [],
  );
  return [
    EVENTS_BEGIN,
    '<!-- Generated from events/*.yml by `pnpm circuitboard generate`; edits between these markers are replaced. -->',
    '',
    '## Schedule',
    '',
    rows.length > 0 ? table(['What', 'Kind', 'When', 'Where'], rows) : '_Nothing planned yet._',
    '',
    ...sections,
    EVENTS_END,
  ].join('\n');
}

/** events/README.md: the generated block between markers; text outside them is kept verbatim. */
export function renderEventsReadme(
  calendar: Pick<Calendar, 'entries' | 'scores' | 'teams'>,
  existing?: string,
): string {
  return spliceBlock(existing ?? INTRO, EVENTS_BEGIN, EVENTS_END, block(calendar));
}
