import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENTS_BEGIN, EVENTS_END, planCalendarFiles, renderEventsReadme } from '../../src/calendar/index.ts';
import { calendarOf, edit, HACKATHON, lines, SERIES, TALK } from './fixtures.ts';

const SCORES = {
  'events/winter/scores/alice.yml':
    'scores:\n  - team: team-a\n    criteria: { rigour: 8, novelty: 6 }\n  - team: team-b\n    criteria: { rigour: 5, novelty: 9 }\n',
};

describe('events/README.md', () => {
  it('shows the schedule, sessions, the paper queue, notes, and a hackathon with provisional results', () => {
    const series = `${edit(SERIES, '    presenter:', '    presenter: { github: alice }\n    notes: https://example.org/notes(1)')}  - paper: doi:10.48550/arXiv.2301.05217\n`;
    const calendar = calendarOf({
      'events/reading-group.yml': series,
      'events/office-hours.yml': TALK,
      'events/winter.yml': HACKATHON,
      ...SCORES,
    });
    expect(lines(calendar)).toEqual([]);
    expect(renderEventsReadme(calendar)).toMatchSnapshot();
  });

  it('keeps what people wrote outside the markers', () => {
    const calendar = calendarOf({ 'events/reading-group.yml': SERIES });
    const existing = `# Our events\n\nHand-written intro.\n\n${EVENTS_BEGIN}\nold\n${EVENTS_END}\n\nFooter.\n`;
    const out = renderEventsReadme(calendar, existing);
    expect(out.startsWith('# Our events\n\nHand-written intro.\n\n<!-- BEGIN GENERATED: events-index -->')).toBe(true);
    expect(out.endsWith(`${EVENTS_END}\n\nFooter.\n`)).toBe(true);
    expect(out).not.toContain('\nold\n');
  });

  it('text from people cannot break a table, add a link, an image or a mention', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.string({ minLength: 1, maxLength: 60 }),
        (title, reason) => {
          const calendar = calendarOf({ 'events/reading-group.yml': SERIES });
          const [entry] = calendar.entries;
          if (entry?.kind !== 'series') throw new Error('no series');
          const sessions = [
            { date: '2026-12-24', cancelled: reason },
            { paper: 'arxiv:2211.00593', title },
          ];
          const out = renderEventsReadme({
            ...calendar,
            entries: [{ ...entry, data: { ...entry.data, title, sessions } }],
          });
          for (const line of out.split('\n').filter((l) => l.startsWith('|'))) {
            // Every row of a table has as many cell separators as its header: no `|` from people got through.
            const cells = line.replace(/\\\|/g, '').split('|').length;
            expect([5, 6]).toContain(cells);
          }
          const generated = out.slice(out.indexOf(EVENTS_BEGIN));
          const people = generated.replace(
            /\]\((https:\/\/github\.com\/[\w-]+|https:\/\/arxiv\.org\/abs\/[\d.]+|\.{1,2}\/[\w./#-]+)\)/g,
            '',
          );
          expect(people).not.toMatch(/\]\(/);
          expect(people).not.toMatch(/<(?!!--)[a-z/]/i);
          expect(people).not.toMatch(/(^|[^\\&#\w])@\w/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is written only where events are used, and drifts when an event file changes', () => {
    const read = (files: Record<string, string>) => (path: string) => files[path];
    const options = { name: 'x events', uidDomain: 'x' };
    expect(planCalendarFiles(calendarOf({}), read({}), options)).toEqual([]);
    const calendar = calendarOf({ 'events/reading-group.yml': SERIES });
    const planned = planCalendarFiles(calendar, read({}), options);
    expect(planned.map((f) => [f.path, f.upToDate])).toEqual([
      ['events/calendar.ics', false],
      ['events/README.md', false],
    ]);
    const written = Object.fromEntries(planned.map((f) => [f.path, f.expected]));
    expect(planCalendarFiles(calendar, read(written), options).every((f) => f.upToDate)).toBe(true);
    const moved = calendarOf({ 'events/reading-group.yml': edit(SERIES, 'start:', 'start: "18:30"') });
    expect(planCalendarFiles(moved, read(written), options).map((f) => f.upToDate)).toEqual([false, false]);
    // Removing the last event still rewrites both files, so the feed empties instead of going stale.
    expect(planCalendarFiles(calendarOf({}), read(written), options).map((f) => f.upToDate)).toEqual([false, false]);
  });
});
