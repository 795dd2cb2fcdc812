import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadCalendar, rruleText, teamsOf } from '../../src/calendar/index.ts';
import { RULES } from '../../src/diagnostics.ts';
import { calendarOf, edit, HACKATHON, lines, SERIES, TALK, textAt } from './fixtures.ts';

const FILE = 'events/reading-group.yml';

function only(text: string, file = FILE) {
  const calendar = calendarOf({ [file]: text });
  return { calendar, diagnostics: calendar.diagnostics.filter((d) => d.file === file) };
}

describe('events/<slug>.yml validation', () => {
  it('loads a valid series, one-off event and hackathon without a diagnostic', () => {
    const calendar = calendarOf({ [FILE]: SERIES, 'events/office-hours.yml': TALK, 'events/winter.yml': HACKATHON });
    expect(lines(calendar)).toEqual([]);
    expect(calendar.entries.map((e) => `${e.kind}:${e.slug}`)).toEqual([
      'event:office-hours',
      'series:reading-group',
      'hackathon:winter',
    ]);
  });

  it.each([
    ['Europe/Londn', 'did you mean Europe/London?'],
    ['London', 'did you mean Europe/London?'],
    ['new york', 'did you mean America/New_York?'],
    ['europe/london', 'time zone names are written exactly; write Europe/London'],
    ['+01:00', 'is a UTC offset, which does not follow daylight saving'],
    ['Mars/Olympus_Mons', 'is not an IANA time zone name'],
  ])('an unknown time zone %j is refused at its value, saying what to write (%s)', (zone, advice) => {
    const text = edit(SERIES, 'timezone:', `timezone: "${zone}"`);
    const { diagnostics, calendar } = only(text);
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d?.rule).toBe('timezone');
    expect(d?.message).toContain(advice);
    expect(textAt(text, d!)).toBe(`"${zone}"`);
    expect(calendar.entries).toEqual([]);
    expect(calendar.invalid).toEqual(['reading-group']);
  });

  it('a session on a day the series does not meet names the nearest meetings and the fix', () => {
    const text = edit(SERIES, '  - date: 2026-12-10', '  - date: 2026-12-09');
    const [d, ...rest] = only(text).diagnostics;
    expect(rest).toEqual([]);
    expect(d?.rule).toBe('session-date');
    expect(textAt(text, d!)).toBe('2026-12-09');
    expect(d?.message).toBe(
      '2026-12-09 (a Wednesday) is not a meeting of this series, which meets every Thursday; the nearest meetings are 2026-12-03 and 2026-12-10. For a one-off meeting on another day, add an events/<slug>.yml with kind: event',
    );
  });

  it.each([
    ['  - date: 2026-12-10', '  - date: 2026-08-27', 'is before the first meeting (from: 2026-09-03)'],
    [
      'from:',
      'from: 2026-09-02',
      'from 2026-09-02 is a Wednesday, not a meeting of a series that meets every Thursday; the first meeting is from: 2026-09-03',
    ],
    [
      '  - date: 2026-12-24',
      '  - date: 2026-12-10',
      '2026-12-10 already has a session on line 10; keep one entry per meeting',
    ],
  ])('dates that do not fit the series are refused: %s → %s', (find, replace, message) => {
    const text = edit(SERIES, find, replace);
    const { diagnostics } = only(text);
    expect(diagnostics.map((d) => d.message).join('\n')).toContain(message);
  });

  it('a session after until: is refused with the way out', () => {
    const text = edit(SERIES, 'from:', 'from: 2026-09-03\nuntil: 2026-12-17');
    expect(only(text).diagnostics.map((d) => d.message)).toEqual([
      '2026-12-24 is after the series ends (until: 2026-12-17); fix the date, or move until: later',
    ]);
  });

  it.each([
    ['weekly on thurday', 'repeat: "thurday" is not a day of the week; did you mean thursday?'],
    ['thursday', 'repeat: write how often too: weekly on thursday'],
    ['FREQ=HOURLY', 'FREQ=HOURLY would meet several times a day'],
    ['FREQ=WEEKLY;BYDAY=XX', 'BYDAY "XX" is not a weekday'],
    ['FREQ=WEEKLY;BYDAY=TH;UNTIL=20270101T000000Z', 'write until: YYYY-MM-DD'],
    ['FREQ=WEEKLY;BYDAY=TH;FOO=1', 'FOO is not a part of an RRULE'],
    ['FREQ=WEEKLY;BYDAY=1TH', 'only works with FREQ=MONTHLY or FREQ=YEARLY'],
    ['now and then', 'is not a repeat rule Circuitboard reads; write "weekly on thursday"'],
  ])('repeat: %j is refused at the rule with advice', (rule, message) => {
    const text = edit(SERIES, 'repeat:', `repeat: "${rule}"`);
    const [d, ...rest] = only(text).diagnostics;
    expect(rest).toEqual([]);
    expect(d?.rule).toBe('recurrence');
    expect(d?.message).toContain(message);
    expect(textAt(text, d!)).toBe(`"${rule}"`);
  });

  it.each([
    ['weekly on thursday', 'FREQ=WEEKLY;BYDAY=TH'],
    ['FREQ=WEEKLY;BYDAY=TH', 'FREQ=WEEKLY;BYDAY=TH'],
    ['RRULE:freq=weekly;byday=th', 'FREQ=WEEKLY;BYDAY=TH'],
  ])('repeat: %j is accepted as %s', (rule, rrule) => {
    const { calendar } = only(edit(SERIES, 'repeat:', `repeat: "${rule}"`));
    const [entry] = calendar.entries;
    expect(lines(calendar)).toEqual([]);
    expect(entry?.kind === 'series' ? rruleText(entry.rule) : undefined).toBe(rrule);
  });

  it.each([
    ['paper: arxiv:2211.00593', 'paper: arxiv:22110.0593'],
    ['paper: arxiv:2211.00593', 'paper: https://example.org/some-paper'],
  ])('a paper that is not an arXiv id or DOI is refused at its value (%s → %s)', (find, replace) => {
    const text = edit(SERIES, `    ${find}`, `    ${replace}`);
    const [d, ...rest] = only(text).diagnostics;
    expect(rest).toEqual([]);
    expect(d?.message).toMatch(/arxiv:2211\.00593/);
    expect(textAt(text, d!)).toBe(replace.slice('paper: '.length));
  });

  it.each([
    ['presenter: { github: "Alice Smith" }', 'GitHub username'],
    ['presenter: { github: "@alice" }', 'write github: alice'],
  ])('a presenter who is not a GitHub login is refused (%s)', (replace, advice) => {
    const text = edit(SERIES, '    presenter:', `    ${replace}`);
    const [d, ...rest] = only(text).diagnostics;
    expect(rest).toEqual([]);
    expect(d?.message).toContain(advice);
  });

  it('a one-off event overlapping another in the same Discord channel is reported on both, with the other named', () => {
    const other = edit(edit(TALK, 'title:', 'title: Paper clinic'), 'start:', 'start: "17:30"');
    const calendar = calendarOf({ 'events/office-hours.yml': TALK, 'events/paper-clinic.yml': other });
    expect(lines(calendar)).toEqual([
      'events/office-hours.yml:5:8: error: 2026-12-02 17:00–18:00 Europe/London overlaps "Paper clinic" (events/paper-clinic.yml, 2026-12-02 17:30–18:30 Europe/London) in the same Discord channel; move one of them to another time or channel (event-overlap)',
      'events/paper-clinic.yml:5:8: error: 2026-12-02 17:30–18:30 Europe/London overlaps "Office hours" (events/office-hours.yml, 2026-12-02 17:00–18:00 Europe/London) in the same Discord channel; move one of them to another time or channel (event-overlap)',
    ]);
    // The same times in another channel, or back to back, are fine.
    const elsewhere = edit(other, 'location:', 'location: { discord_channel: "1100000000000000009" }');
    expect(lines(calendarOf({ 'events/office-hours.yml': TALK, 'events/paper-clinic.yml': elsewhere }))).toEqual([]);
    const after = edit(other, 'start:', 'start: "18:00"');
    expect(lines(calendarOf({ 'events/office-hours.yml': TALK, 'events/paper-clinic.yml': after }))).toEqual([]);
  });

  it('a one-off event over a meeting of a series in its channel is refused, unless that meeting is cancelled', () => {
    const clash = edit(edit(TALK, 'date:', 'date: 2026-12-24'), 'start:', 'start: "18:30"');
    expect(lines(calendarOf({ [FILE]: SERIES, 'events/office-hours.yml': clash }))).toEqual([]);
    const onMeeting = edit(clash, 'date:', 'date: 2026-12-17');
    const [d, ...rest] = calendarOf({ [FILE]: SERIES, 'events/office-hours.yml': onMeeting }).diagnostics;
    expect(rest).toEqual([]);
    expect(d?.file).toBe('events/office-hours.yml');
    expect(d?.message).toContain('overlaps the "Reading group" meeting of 2026-12-17');
    expect(d?.message).toContain('or cancel that meeting in events/reading-group.yml with cancelled: <reason>');
  });

  it.each([
    [
      '  submission_deadline:',
      '  submission_deadline: 2027-01-14 18:00',
      'submission_deadline 2027-01-14 18:00 is before the hackathon starts (2027-01-15 10:00)',
    ],
    ['  submission_deadline:', '  submission_deadline: 2027-01-18', 'is after the hackathon ends'],
    ['  end:', '  end: 2027-01-14', 'end 2027-01-15 00:00 is not after start 2027-01-15 10:00'],
    ['  start:', '  start: 2027-02-30', 'start 2027-02-30 is not a real calendar date'],
  ])('hackathon dates in the wrong order are refused: %s', (find, replace, message) => {
    const text = edit(HACKATHON, find, replace);
    const diagnostics = calendarOf({ 'events/winter.yml': text }).diagnostics;
    expect(diagnostics.map((d) => d.message).join('\n')).toContain(message);
    const d = diagnostics.find((x) => x.message.includes(message));
    expect(textAt(text, d!)).toBe(replace.slice(replace.indexOf(':') + 2));
  });

  it('a malformed event file is reported and the other files still load', () => {
    const calendar = calendarOf({
      'events/broken.yml': 'kind: series\ntitle: [unclosed\n',
      'events/nokind.yml': 'title: No kind\n',
      'events/serie.yml': 'kind: serie\n',
      [FILE]: SERIES,
    });
    expect(calendar.entries.map((e) => e.slug)).toEqual(['reading-group']);
    expect(calendar.invalid).toEqual(['broken', 'nokind', 'serie']);
    const text = lines(calendar).join('\n');
    expect(text).toMatch(/^events\/broken\.yml:\d+:\d+: error: .*\(yaml-syntax\)$/m);
    expect(text).toContain('events/nokind.yml:1:1: error: kind is required: add it, e.g.');
    expect(text).toContain('kind must be one of series, event, hackathon; got "serie" — did you mean "series"?');
  });

  it('files that do not belong in events/ are named, with the layout', () => {
    const calendar = calendarOf({
      'events/Reading_Group.yml': SERIES,
      'events/talk.yaml': TALK,
      'events/notes.txt': 'x',
      'events/winter/scores/not a login.yml': 'scores: []\n',
      'events/README.md': 'generated',
      'events/calendar.ics': 'generated',
    });
    expect(lines(calendar)).toEqual([
      'events/Reading_Group.yml:1:1: error: events/Reading_Group.yml: the file name "Reading_Group" must be lowercase letters and digits joined by single hyphens; the name is the event\'s slug, like reading-group.yml (unexpected-file)',
      'events/notes.txt:1:1: error: events/notes.txt: "notes.txt" does not belong here; events/ holds <slug>.yml files, a hackathon\'s <slug>/README.md and <slug>/scores/<judge>.yml, and the generated calendar.ics and README.md (unexpected-file)',
      'events/talk.yaml:1:1: error: events/talk.yaml: name the file talk.yml (with .yml, not .yaml) (unexpected-file)',
      'events/winter/scores/not a login.yml:1:1: error: events/winter/scores/not a login.yml: a judge\'s scores are named after their GitHub username, like events/winter/scores/alice.yml; "not a login.yml" is not (unexpected-file)',
    ]);
  });

  it('unknown keys get a suggestion from the words people use', () => {
    const text = edit(SERIES, 'timezone:', 'tz: Europe/London');
    expect(only(text).diagnostics.map((d) => d.message)).toEqual(
      expect.arrayContaining(['unknown key "tz"; did you mean "timezone"?']),
    );
  });
});

describe('hackathon score sheets', () => {
  const sheet = (body: string) => `scores:\n${body}`;
  const good = sheet(
    '  - team: team-a\n    criteria: { rigour: 7, novelty: 5 }\n  - team: team-b\n    criteria: { rigour: 4, novelty: 9 }\n',
  );

  it('a judge of the hackathon scoring its teams on every criterion is accepted', () => {
    const calendar = calendarOf({ 'events/winter.yml': HACKATHON, 'events/winter/scores/alice.yml': good });
    expect(lines(calendar)).toEqual([]);
    expect(calendar.scores.map((s) => `${s.judge}:${s.scores.length}`)).toEqual(['alice:2']);
  });

  it.each([
    [
      'events/winter/scores/mallory.yml',
      good,
      'events/winter/scores/mallory.yml:1:1: error: mallory is not a judge of winter; the judges are alice, carol. Name the file after your GitHub username, or ask an organiser to add you under judging.judges in events/winter.yml (hackathon-score)',
    ],
    [
      'events/summer/scores/alice.yml',
      good,
      'events/summer/scores/alice.yml:1:1: error: there is no hackathon events/summer.yml for these scores (hackathon-score)',
    ],
    [
      'events/winter/scores/alice.yml',
      sheet('  - team: team-z\n    criteria: { rigour: 7, novelty: 5 }\n'),
      'events/winter/scores/alice.yml:2:11: error: team-z is not a team of winter; did you mean team-a? The teams are the projects with hackathon: winter: team-a, team-b, team-c (hackathon-score)',
    ],
    [
      'events/winter/scores/alice.yml',
      sheet('  - team: team-a\n    criteria: { rigour: 7, novelty: 5, novelt: 3 }\n'),
      'events/winter/scores/alice.yml:3:40: error: novelt is not a criterion of winter; did you mean novelty? (hackathon-score)',
    ],
    [
      'events/winter/scores/alice.yml',
      sheet('  - team: team-a\n    criteria: { rigour: 11, novelty: 5 }\n'),
      'events/winter/scores/alice.yml:3:25: error: rigour is 11, outside the scale of winter; give a mark from 1 to 10 (hackathon-score)',
    ],
    [
      'events/winter/scores/alice.yml',
      sheet('  - team: team-a\n    criteria: { rigour: 7 }\n'),
      'events/winter/scores/alice.yml:3:15: error: the marks for team-a miss novelty; give a mark for every criterion, from 1 to 10 (hackathon-score)',
    ],
  ])('%s is refused with where and what to write instead', (path, text, expected) => {
    const calendar = calendarOf({ 'events/winter.yml': HACKATHON, [path]: text });
    expect(lines(calendar)).toEqual([expected]);
    expect(calendar.scores).toEqual([]);
  });
});

describe("a project's hackathon:", () => {
  const projectText = (hackathon: string) =>
    `title: A team\nstatus: active\nsummary: S\nleads:\n  - github: alice\nhackathon: ${hackathon}\n`;
  const teamsFor = (hackathon: string) => {
    const path = 'projects/team-a/project.yml';
    // The project as the registry holds it; only slug, path and hackathon matter here.
    const registry = { projects: [{ slug: 'team-a', path, project: { hackathon } as never }] };
    return teamsOf(registry, new Map([[path, projectText(hackathon)]]));
  };

  it('names a hackathon in events/; a typo is reported at the project line with the fix', () => {
    expect(lines(calendarOf({ 'events/winter.yml': HACKATHON }, teamsFor('winter')))).toEqual([]);
    expect(lines(calendarOf({ 'events/winter.yml': HACKATHON }, teamsFor('wintr')))).toEqual([
      'projects/team-a/project.yml:6:12: error: hackathon wintr is not a hackathon in events/; did you mean winter? (hackathon-ref)',
    ]);
    expect(lines(calendarOf({ [FILE]: SERIES }, teamsFor('reading-group')))).toEqual([
      "projects/team-a/project.yml:6:12: error: hackathon reading-group is events/reading-group.yml, a series, not a hackathon; name a hackathon's slug (hackathon-ref)",
    ]);
  });

  it('a hackathon file that does not load does not also fail its teams', () => {
    const broken = edit(HACKATHON, 'timezone:', 'timezone: Nowhere/Atall');
    const calendar = calendarOf({ 'events/winter.yml': broken }, teamsFor('winter'));
    expect(calendar.diagnostics.map((d) => d.file)).toEqual(['events/winter.yml']);
  });
});

describe('hostile or odd input', () => {
  it('a date centuries away is refused before any rule is expanded to it', () => {
    const far = edit(edit(SERIES, 'repeat:', 'repeat: daily'), '  - date: 2026-12-10', '  - date: 9999-12-31');
    const [d, ...rest] = calendarOf({ [FILE]: far }).diagnostics;
    expect(rest).toEqual([]);
    expect(d?.message).toBe('9999-12-31 is outside the years a calendar covers (1970 to 2199); check the year');
  });

  it('loading never throws on arbitrary event-shaped values, and every diagnostic has a position and a known rule', () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(
        '18:00',
        '90m',
        '2026-12-10',
        'Europe/London',
        'weekly on thursday',
        'FREQ=MONTHLY;BYDAY=-1FR',
        '2027-01-15 10:00',
      ),
    );
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('any'), { maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom('date', 'paper', 'github', 'cancelled', 'x', 'team', 'criteria', 'rigour'),
          tie('any'),
          { maxKeys: 3 },
        ),
      ),
    })).any;
    const entry = fc.record(
      {
        kind: fc.constantFrom('series', 'event', 'hackathon', 'other'),
        title: scalar,
        timezone: scalar,
        from: scalar,
        until: scalar,
        date: scalar,
        start: scalar,
        duration: scalar,
        repeat: scalar,
        location: fc.oneof(value, fc.constant({ discord_channel: '1100000000000000005' })),
        sessions: value,
        dates: value,
        judging: value,
      },
      { requiredKeys: ['kind'] },
    );
    fc.assert(
      fc.property(entry, value, (data, scores) => {
        const calendar = calendarOf({
          'events/x.yml': stringify(data),
          'events/x/scores/alice.yml': stringify({ scores }),
        });
        for (const d of calendar.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(Object.keys(RULES)).toContain(d.rule);
          expect(d.message).not.toContain('Circuitboard bug');
        }
        expect(calendar.entries.length + calendar.invalid.length).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('events/ files that are not UTF-8', () => {
  it('are reported at their first bad byte, the entry counts as not loaded, and the others load', async () => {
    const { addTreeFile } = await import('../../src/registry.ts');
    const tree = { files: new Map<string, string>(), symlinks: [] as string[] };
    addTreeFile(tree, 'events/talk.yml', Buffer.from(TALK.replace('Office hours', 'Café hours'), 'latin1'));
    addTreeFile(tree, FILE, Buffer.from(SERIES));
    const calendar = loadCalendar(tree);
    expect(calendar.entries.map((e) => e.slug)).toEqual(['reading-group']);
    expect(calendar.invalid).toEqual(['talk']);
    expect(lines(calendar)).toEqual([
      expect.stringMatching(/^events\/talk\.yml:2:11: error: the file is not UTF-8 text: byte 0xE9/),
    ]);
  });
});
