// The whole of events/: every entry, the hackathons' score sheets, and the checks that look across files.
import { atFileStart, compareDiagnostics, type Diagnostic } from '../diagnostics.ts';
import { MAX_TREE_FILE_BYTES, type ProjectTree } from '../registry.ts';
import type { YamlSource } from '../source.ts';
import { quote } from '../text.ts';
import { notUtf8Diagnostic } from '../utf8.ts';
import {
  type CalendarEntry,
  type HackathonEntry,
  type OneOffEntry,
  parseCalendarEntryYaml,
  parseScoreSheetYaml,
  type SeriesEntry,
  suggestion,
} from './entry.ts';
import { classifyEventPath, EVENTS_DIR } from './layout.ts';
import { DEFAULT_SCALE, type TeamScore } from './model.ts';
import { occurrencesOf } from './occurrences.ts';

/** events/ as files: the same shape as the projects tree, read by the same readers. */
export type CalendarTree = ProjectTree;

/** A project taking part in a hackathon (a project.yml with `hackathon: <slug>`). */
export interface HackathonTeam {
  /** The project's slug, which judges use as the team name. */
  slug: string;
  hackathon: string;
  challenge?: string;
  /** Where the project names its hackathon, for reporting a slug that names none. */
  at?: { path: string; line: number; column: number };
}

/** One judge's scores for one hackathon, checked against it. */
export interface JudgeScores {
  hackathon: string;
  /** GitHub login, from the file name. */
  judge: string;
  path: string;
  scores: TeamScore[];
}

export interface Calendar {
  /** Valid entries, by slug. */
  entries: CalendarEntry[];
  /** Valid score sheets (of valid hackathons), by path. */
  scores: JudgeScores[];
  /** Teams by hackathon, as given. */
  teams: HackathonTeam[];
  diagnostics: Diagnostic[];
  /** Slugs of entry files that did not load. */
  invalid: string[];
}

export interface CalendarOptions {
  /** Projects that take part in a hackathon; score sheets may only name these. */
  teams?: readonly HackathonTeam[];
  /** Report diagnostics only for these repository-relative files or folders (everything is still loaded). */
  only?: readonly string[];
}

interface Sheet {
  hackathon: string;
  judge: string;
  path: string;
  source: YamlSource;
  scores: TeamScore[];
}

/** Loads every file under events/ and applies the checks across files. Pure and never throws. */
export function loadCalendar(tree: CalendarTree, options: CalendarOptions = {}): Calendar {
  const diagnostics: Diagnostic[] = [];
  const atStart = atFileStart;
  const entries: CalendarEntry[] = [];
  const sources = new Map<string, YamlSource>();
  const sheets: Sheet[] = [];
  const invalid: string[] = [];

  for (const [path, text] of tree.files) {
    const kind = classifyEventPath(path);
    switch (kind.kind) {
      case 'outside':
      case 'generated':
      case 'hackathon-readme':
        break;
      case 'unexpected':
        diagnostics.push(atStart(path, 'unexpected-file', `${path}: ${kind.reason}`));
        break;
      case 'entry': {
        const parsed = parseCalendarEntryYaml(text, path, kind.slug);
        diagnostics.push(...parsed.diagnostics);
        if (parsed.entry && parsed.source) {
          entries.push(parsed.entry);
          sources.set(kind.slug, parsed.source);
        } else invalid.push(kind.slug);
        break;
      }
      case 'scores': {
        const parsed = parseScoreSheetYaml(text, path);
        diagnostics.push(...parsed.diagnostics);
        if (parsed.sheet && parsed.source) {
          sheets.push({
            hackathon: kind.hackathon,
            judge: kind.judge,
            path,
            source: parsed.source,
            scores: parsed.sheet.scores,
          });
        }
        break;
      }
    }
  }
  for (const path of tree.symlinks) {
    if (!path.startsWith(`${EVENTS_DIR}/`)) continue;
    diagnostics.push(
      atStart(
        path,
        'symlink',
        `${path} is a symbolic link; links are never followed, so commit the file itself (or remove it)`,
      ),
    );
  }
  for (const path of tree.other ?? []) {
    if (!path.startsWith(`${EVENTS_DIR}/`)) continue;
    diagnostics.push(
      atStart(path, 'unexpected-file', `${path} is not a regular file (a submodule, pipe or device); remove it`),
    );
  }
  for (const [path, problem] of tree.notUtf8 ?? []) {
    if (!path.startsWith(`${EVENTS_DIR}/`)) continue;
    diagnostics.push(notUtf8Diagnostic(path, problem));
    const kind = classifyEventPath(path);
    if (kind.kind === 'entry') invalid.push(kind.slug);
  }
  for (const [path, size] of tree.tooLarge ?? []) {
    if (!path.startsWith(`${EVENTS_DIR}/`)) continue;
    diagnostics.push(
      atStart(
        path,
        'file-too-large',
        `${path} is ${size.toLocaleString('en')} bytes, over the limit of ${MAX_TREE_FILE_BYTES.toLocaleString('en')} bytes; keep large files elsewhere and link them`,
      ),
    );
  }
  entries.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));

  diagnostics.push(...overlaps(entries, sources));
  const teams = [...(options.teams ?? [])];
  diagnostics.push(...teamReferences(teams, entries, invalid));
  const checked = checkScores(sheets, entries, invalid, teams, diagnostics);

  const shown = options.only ? diagnostics.filter((d) => within(d.file, options.only ?? [])) : diagnostics;
  return { entries, scores: checked, teams, diagnostics: shown.sort(compareDiagnostics), invalid: invalid.sort() };
}

function within(file: string, only: readonly string[]): boolean {
  return only.some((raw) => {
    const prefix = raw.replace(/\/+$/, '');
    return prefix === '' || prefix === '.' || file === prefix || file.startsWith(`${prefix}/`);
  });
}

/** How far around a one-off event to look for series meetings that could overlap it. */
const DAY_MS = 24 * 60 * 60 * 1000;

/** A one-off event that overlaps another event, or a meeting of a series, in the same Discord channel. */
function overlaps(entries: readonly CalendarEntry[], sources: ReadonlyMap<string, YamlSource>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const oneOffs = entries.filter(
    (e): e is OneOffEntry => e.kind === 'event' && e.data.location.discord_channel !== undefined && !e.data.cancelled,
  );
  const series = entries.filter(
    (e): e is SeriesEntry => e.kind === 'series' && e.data.location.discord_channel !== undefined,
  );
  const spans = new Map(
    oneOffs.map((e) => {
      const [o] = occurrencesOf(e, { from: new Date(-8.64e15), to: new Date(8.64e15) });
      return [e.slug, o] as const;
    }),
  );
  const report = (entry: CalendarEntry, message: string) => {
    const source = sources.get(entry.slug);
    if (!source) return;
    out.push(source.diagnostic(source.positionOf(['start']), 'event-overlap', message, ['start']));
  };
  const when = (o: { localStart: string; localEnd: string; timezone: string }) =>
    `${o.localStart.replace('T', ' ')}–${o.localEnd.slice(11)} ${o.timezone}`;
  for (const [i, a] of oneOffs.entries()) {
    const oa = spans.get(a.slug);
    if (!oa) continue;
    for (const b of oneOffs.slice(i + 1)) {
      const ob = spans.get(b.slug);
      if (!ob || a.data.location.discord_channel !== b.data.location.discord_channel) continue;
      if (oa.start < ob.end && ob.start < oa.end) {
        const advice = 'move one of them to another time or channel';
        report(
          a,
          `${when(oa)} overlaps ${quote(b.data.title)} (${b.path}, ${when(ob)}) in the same Discord channel; ${advice}`,
        );
        report(
          b,
          `${when(ob)} overlaps ${quote(a.data.title)} (${a.path}, ${when(oa)}) in the same Discord channel; ${advice}`,
        );
      }
    }
    for (const s of series) {
      if (s.data.location.discord_channel !== a.data.location.discord_channel) continue;
      const around = { from: new Date(oa.start.getTime() - DAY_MS), to: new Date(oa.end.getTime() + DAY_MS) };
      const clash = occurrencesOf(s, around).find((o) => !o.cancelled && o.start < oa.end && oa.start < o.end);
      if (clash) {
        report(
          a,
          `${when(oa)} overlaps the ${quote(s.data.title)} meeting of ${clash.date} (${s.path}, ${when(clash)}) in the same Discord channel; move the event, or cancel that meeting in ${s.path} with cancelled: <reason>`,
        );
      }
    }
  }
  return out;
}

/** A project's `hackathon:` names a hackathon in events/. */
function teamReferences(
  teams: readonly HackathonTeam[],
  entries: readonly CalendarEntry[],
  invalid: readonly string[],
): Diagnostic[] {
  const hackathons = entries.filter((e) => e.kind === 'hackathon').map((e) => e.slug);
  return teams.flatMap((team) => {
    if (!team.at || hackathons.includes(team.hackathon) || invalid.includes(team.hackathon)) return [];
    const other = entries.find((e) => e.slug === team.hackathon);
    const hint =
      suggestion(team.hackathon, hackathons) ||
      (hackathons.length > 0
        ? `; the hackathons are ${hackathons.join(', ')}`
        : `; there is none yet: add ${EVENTS_DIR}/${team.hackathon}.yml with kind: hackathon`);
    const message = other
      ? `hackathon ${team.hackathon} is ${other.path}, a ${other.kind}, not a hackathon; name a hackathon's slug`
      : `hackathon ${team.hackathon} is not a hackathon in ${EVENTS_DIR}/${hint}`;
    return [
      {
        file: team.at.path,
        line: team.at.line,
        column: team.at.column,
        severity: 'error' as const,
        rule: 'hackathon-ref',
        message,
        field: 'hackathon',
      },
    ];
  });
}

function checkScores(
  sheets: readonly Sheet[],
  entries: readonly CalendarEntry[],
  invalid: readonly string[],
  teams: readonly HackathonTeam[],
  out: Diagnostic[],
): JudgeScores[] {
  const hackathons = new Map(
    entries.filter((e): e is HackathonEntry => e.kind === 'hackathon').map((e) => [e.slug, e]),
  );
  const checked: JudgeScores[] = [];
  for (const sheet of sheets) {
    const { source } = sheet;
    const atStart = (message: string) =>
      out.push({ file: sheet.path, line: 1, column: 1, severity: 'error', rule: 'hackathon-score', message });
    const hackathon = hackathons.get(sheet.hackathon);
    if (!hackathon) {
      if (invalid.includes(sheet.hackathon)) continue; // its own errors say enough
      const other = entries.find((e) => e.slug === sheet.hackathon);
      atStart(
        other
          ? `${EVENTS_DIR}/${sheet.hackathon}.yml is a ${other.kind}, not a hackathon; scores belong to a hackathon`
          : `there is no hackathon ${EVENTS_DIR}/${sheet.hackathon}.yml for these scores${suggestion(sheet.hackathon, [...hackathons.keys()])}`,
      );
      continue;
    }
    const judging = hackathon.data.judging;
    if (!judging) {
      atStart(`${hackathon.path} has no judging: section; add its criteria and judges before scores`);
      continue;
    }
    const judges = judging.judges.map((j) => j.github);
    if (!judges.some((j) => j.toLowerCase() === sheet.judge.toLowerCase())) {
      atStart(
        `${sheet.judge} is not a judge of ${hackathon.slug}; the judges are ${judges.join(', ')}. Name the file after your GitHub username, or ask an organiser to add you under judging.judges in ${hackathon.path}`,
      );
      continue;
    }
    const scale = judging.scale ?? DEFAULT_SCALE;
    const criteria = judging.criteria.map((c) => c.id);
    const members = teams.filter((t) => t.hackathon === hackathon.slug).map((t) => t.slug);
    const before = out.length;
    const seen = new Map<string, number>();
    sheet.scores.forEach((score, i) => {
      const here = ['scores', i];
      const at = (path: (string | number)[], message: string, part: 'key' | 'value' = 'value') =>
        out.push(source.diagnostic(source.positionOf(path, part), 'hackathon-score', message, path));
      if (!members.includes(score.team)) {
        at(
          [...here, 'team'],
          members.length === 0
            ? `${score.team} is not a team of ${hackathon.slug}: no project has hackathon: ${hackathon.slug} yet (teams are projects with that line in their project.yml)`
            : `${score.team} is not a team of ${hackathon.slug}${suggestion(score.team, members)} The teams are the projects with hackathon: ${hackathon.slug}: ${members.join(', ')}`,
        );
      }
      const first = seen.get(score.team);
      if (first !== undefined)
        at(
          [...here, 'team'],
          `${score.team} is scored twice in this file (also entry ${first + 1}); keep one entry per team`,
        );
      else seen.set(score.team, i);
      for (const [criterion, mark] of Object.entries(score.criteria)) {
        if (!criteria.includes(criterion)) {
          at(
            [...here, 'criteria', criterion],
            `${criterion} is not a criterion of ${hackathon.slug}${suggestion(criterion, criteria) || `; the criteria are ${criteria.join(', ')}`}`,
            'key',
          );
        } else if (!(mark >= scale.min && mark <= scale.max)) {
          at(
            [...here, 'criteria', criterion],
            `${criterion} is ${mark}, outside the scale of ${hackathon.slug}; give a mark from ${scale.min} to ${scale.max}`,
          );
        }
      }
      const missing = criteria.filter((c) => !Object.hasOwn(score.criteria, c));
      if (missing.length > 0) {
        at(
          [...here, 'criteria'],
          `the marks for ${score.team} miss ${missing.join(', ')}; give a mark for every criterion, from ${scale.min} to ${scale.max}`,
        );
      }
    });
    if (out.length === before)
      checked.push({ hackathon: hackathon.slug, judge: sheet.judge, path: sheet.path, scores: sheet.scores });
  }
  return checked.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
