import type { GeneratedFile } from '../generate.ts';
import type { CommunityConfig } from '../model.ts';
import type { Calendar } from './calendar.ts';
import { type IcsOptions, renderCalendarIcs } from './ics.ts';
import { CALENDAR_ICS, EVENTS_README } from './layout.ts';
import { renderEventsReadme } from './readme.ts';

/**
 * events/calendar.ics and events/README.md and whether the checkout has them up to date; `read` returns undefined
 * for a missing file. A repository without events (no entry, neither file) gets neither, so communities that do
 * not use events/ never see it appear.
 */
export function planCalendarFiles(
  calendar: Pick<Calendar, 'entries' | 'scores' | 'teams' | 'invalid'>,
  read: (path: string) => string | undefined,
  options: IcsOptions,
): GeneratedFile[] {
  return plan(calendar, read, [
    [CALENDAR_ICS, () => renderCalendarIcs(calendar, options)],
    [EVENTS_README, (existing) => renderEventsReadme(calendar, existing)],
  ]);
}

/**
 * events/README.md alone: for the pull-request action, whose bundle stays under its size budget without the
 * calendar writer. Both files come from the same data, so a stale README is what a forgotten `generate` shows.
 */
export function planEventsReadme(
  calendar: Pick<Calendar, 'entries' | 'scores' | 'teams' | 'invalid'>,
  read: (path: string) => string | undefined,
): GeneratedFile[] {
  return plan(calendar, read, [[EVENTS_README, (existing) => renderEventsReadme(calendar, existing)]]);
}

function plan(
  calendar: Pick<Calendar, 'entries' | 'invalid'>,
  read: (path: string) => string | undefined,
  plans: [string, (existing?: string) => string][],
): GeneratedFile[] {
  const current = plans.map(([path, render]) => ({ path, render, actual: read(path) }));
  const used =
    calendar.entries.length > 0 || calendar.invalid.length > 0 || current.some((f) => f.actual !== undefined);
  if (!used) return [];
  return current.map(({ path, render, actual }) => {
    const expected = render(actual);
    const file: GeneratedFile = { path, expected, upToDate: actual === expected };
    if (actual !== undefined) file.actual = actual;
    return file;
  });
}

/** The calendar file's name and UID domain, from the community's config. */
export function icsOptionsFor(config: Pick<CommunityConfig, 'community'>): IcsOptions {
  return { name: `${config.community.name} events`, uidDomain: config.community.name };
}
