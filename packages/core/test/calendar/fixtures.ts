import { type Calendar, type HackathonTeam, loadCalendar } from '../../src/calendar/index.ts';
import { type Diagnostic, formatDiagnostic } from '../../src/diagnostics.ts';

export const SERIES = `kind: series
title: Reading group
timezone: Europe/London
from: 2026-09-03
start: "18:00"
duration: 90m
repeat: weekly on thursday
location: { discord_channel: "1100000000000000005" }
sessions:
  - date: 2026-12-10
    paper: arxiv:2211.00593
    presenter: { github: alice }
  - date: 2026-12-24
    cancelled: holidays
`;

export const TALK = `kind: event
title: Office hours
timezone: Europe/London
date: 2026-12-02
start: "17:00"
duration: 1h
location: { discord_channel: "1100000000000000005" }
presenter: { github: bob }
`;

export const HACKATHON = `kind: hackathon
title: Winter hackathon
timezone: Europe/London
dates:
  start: 2027-01-15 10:00
  end: 2027-01-17 18:00
  submission_deadline: 2027-01-17 16:00
location: { discord_channel: "1100000000000000006" }
challenges:
  - id: circuits
    title: Find a circuit
judging:
  scale: { min: 1, max: 10 }
  criteria:
    - id: rigour
      title: Rigour
      weight: 3
    - id: novelty
      title: Novelty
      weight: 1
  judges:
    - github: alice
    - github: carol
`;

export const TEAMS: HackathonTeam[] = [
  { slug: 'team-a', hackathon: 'winter' },
  { slug: 'team-b', hackathon: 'winter' },
  { slug: 'team-c', hackathon: 'winter' },
];

/** A calendar from files given as `{ 'events/x.yml': text }`. */
export function calendarOf(files: Record<string, string>, teams: HackathonTeam[] = TEAMS): Calendar {
  return loadCalendar({ files: new Map(Object.entries(files)), symlinks: [] }, { teams });
}

/** SERIES-like text with one line replaced (matched by its start) or, with no match, appended. */
export function edit(text: string, find: string, replace: string): string {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.startsWith(find));
  if (index < 0) throw new Error(`no line starts with ${find}`);
  lines.splice(index, 1, ...(replace === '' ? [] : replace.split('\n')));
  return lines.join('\n');
}

/** The text at a diagnostic's line and column, to prove positions point at what they blame. */
export function textAt(text: string, d: Diagnostic): string {
  return (text.split('\n')[d.line - 1] ?? '').slice(d.column - 1);
}

export function lines(calendar: Calendar): string[] {
  return calendar.diagnostics.map(formatDiagnostic);
}
