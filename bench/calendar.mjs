// Generates events/calendar.ics and events/README.md for a year of a weekly series plus 50 one-off events, in
// process, and records the time. Run: pnpm build && node bench/calendar.mjs

import os from 'node:os';
import { loadCalendar, occurrencesBetween, renderCalendarIcs, renderEventsReadme } from '@circuitboard/core/calendar';
import { machine, median, writeSection } from './lib.mjs';

const RUNS = 15;
const TARGET_MS = 100;
const PAPERS = ['arxiv:2211.00593', 'arxiv:2209.11895', 'arxiv:2301.05217', 'arxiv:2209.10652', 'arxiv:2309.08600'];

/** A weekly Thursday series from 2026-09-03 for a year, a session with a paper every week, a few cancelled. */
function series() {
  const sessions = [];
  const day = new Date(Date.UTC(2026, 8, 3));
  for (let week = 0; week < 52; week++) {
    const date = day.toISOString().slice(0, 10);
    sessions.push(
      week % 13 === 12
        ? `  - date: ${date}\n    cancelled: holidays`
        : `  - date: ${date}\n    paper: ${PAPERS[week % PAPERS.length]}\n    presenter: { github: member-${week % 9} }${week < 20 ? `\n    notes: https://example.org/notes/${week}` : ''}`,
    );
    day.setUTCDate(day.getUTCDate() + 7);
  }
  return `kind: series
title: Reading group
description: One paper a week, then discussion.
timezone: Europe/London
from: 2026-09-03
until: 2027-09-02
start: "18:00"
duration: 90m
repeat: weekly on thursday
location: { discord_channel: "1100000000000000005" }
sessions:
${sessions.join('\n')}
`;
}

/** 50 talks on Mondays and Tuesdays through the year, in their own channel so none overlaps the series. */
function talks() {
  const files = {};
  const day = new Date(Date.UTC(2026, 8, 7));
  for (let i = 0; i < 50; i++) {
    const date = day.toISOString().slice(0, 10);
    files[`events/talk-${i}.yml`] = `kind: event
title: Talk ${i}, on circuits
description: A talk about circuits, number ${i}.
timezone: ${i % 2 ? 'America/New_York' : 'Europe/London'}
date: ${date}
start: "17:00"
duration: 1h
location: { discord_channel: "1100000000000000007" }
presenter: { github: speaker-${i} }
paper: ${PAPERS[i % PAPERS.length]}
`;
    day.setUTCDate(day.getUTCDate() + (i % 2 ? 6 : 1));
  }
  return files;
}

const files = new Map(Object.entries({ 'events/reading-group.yml': series(), ...talks() }));
const options = { name: 'Bench community events', uidDomain: 'Bench community' };
const load = [];
const generate = [];
// CPU time too: on a shared machine, wall time also counts the time spent waiting for a core.
const loadCpu = [];
const generateCpu = [];
const cpuMs = ({ user, system }) => (user + system) / 1000;
let summary = '';
for (let i = 0; i < RUNS; i++) {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const calendar = loadCalendar({ files, symlinks: [] }, {});
  const loaded = performance.now();
  const cpuLoaded = process.cpuUsage(cpuStart);
  const ics = renderCalendarIcs(calendar, options);
  const readme = renderEventsReadme(calendar);
  const done = performance.now();
  load.push(loaded - started);
  generate.push(done - loaded);
  loadCpu.push(cpuMs(cpuLoaded));
  generateCpu.push(cpuMs(process.cpuUsage(cpuStart)) - cpuMs(cpuLoaded));
  if (calendar.diagnostics.length > 0)
    throw new Error(`bench data has diagnostics: ${calendar.diagnostics[0].message}`);
  const meetings = occurrencesBetween(calendar.entries, { from: new Date('2026-09-01'), to: new Date('2027-09-03') });
  summary = `${calendar.entries.length} entries, ${meetings.length} occurrences, ${(ics.length / 1024).toFixed(0)} KiB of .ics, ${(readme.length / 1024).toFixed(0)} KiB of README`;
}
const total = load.map((ms, i) => ms + (generate[i] ?? 0));
const totalCpu = loadCpu.map((ms, i) => ms + (generateCpu[i] ?? 0));
const row = (what, values, cpu) =>
  `| ${what} | ${values[0].toFixed(1)} ms | ${median(values).toFixed(1)} ms | ${Math.min(...values).toFixed(1)} ms | ${median(cpu).toFixed(1)} ms |`;
const markdown = `## Calendar: a year of a weekly series and 50 events

Target: under ${TARGET_MS} ms in process to load \`events/\` and generate \`events/calendar.ics\` and \`events/README.md\`.
One weekly series with a session every week for a year (52, 4 cancelled) and 50 one-off talks in two time zones:
${summary}. ${RUNS} runs in one process; the first includes compiling the libraries' code paths (Temporal, rrule,
ical-generator). The target is checked against the median CPU time.

| what | first run | median | best | CPU time, median |
| --- | --- | --- | --- | --- |
${row('load + validate (loadCalendar)', load, loadCpu)}
${row('render .ics + README', generate, generateCpu)}
${row('total', total, totalCpu)}

Command: \`pnpm build && node bench/calendar.mjs\` — ${machine()}, load average ${os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(
    ' ',
  )} while it ran (the machine is shared with other builds: wall times include waiting for a core, CPU times do not).`;
writeSection('calendar', markdown);
console.log(markdown);
if (median(totalCpu) > TARGET_MS) {
  console.error(`loading and generating the calendar files is over its ${TARGET_MS} ms target`);
  process.exitCode = 1;
}
