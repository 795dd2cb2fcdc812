// The community's calendar (events/<slug>.yml): series, one-off events and hackathons; their occurrences in a
// window of time; hackathon results; the generated calendar.ics and README.md. Pure: it reads the files handed to it.
export {
  type Calendar,
  type CalendarOptions,
  type CalendarTree,
  type HackathonTeam,
  type JudgeScores,
  loadCalendar,
} from './calendar.ts';
export {
  type CalendarEntry,
  type HackathonEntry,
  type OneOffEntry,
  type ParsedEntry,
  type ParsedScoreSheet,
  parseCalendarEntryYaml,
  parseScoreSheetYaml,
  type SeriesEntry,
} from './entry.ts';
export { icsOptionsFor, planCalendarFiles, planEventsReadme } from './generate.ts';
export { type IcsOptions, icsText, renderCalendarIcs, uidKey } from './ics.ts';
export { CALENDAR_ICS, classifyEventPath, EVENTS_DIR, EVENTS_README, type EventPath } from './layout.ts';
export * from './model.ts';
export { byStart, type Occurrence, occurrencesBetween, occurrencesOf, type TimeWindow } from './occurrences.ts';
export { EVENTS_BEGIN, EVENTS_END, renderEventsReadme } from './readme.ts';
export { describeRecurrence, type Recurrence, readRecurrence, rruleText } from './recurrence.ts';
export { type CriterionResult, type HackathonResults, hackathonResults, type TeamResult } from './results.ts';
export { teamsOf } from './teams.ts';
export { durationMinutes, suggestTimeZone, timeZoneProblem, wallClock } from './time.ts';
