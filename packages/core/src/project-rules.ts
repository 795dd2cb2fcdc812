import type { Diagnostic } from './diagnostics.ts';
import { isCalendarDate } from './model.ts';
import { paperKey, parsePaperId } from './paper-id.ts';
import type { YamlSource } from './source.ts';
import { quote } from './text.ts';

type Entry = Record<string, unknown>;

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Entry)[key] : undefined;
}

function strings(value: unknown): (string | undefined)[] {
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : undefined)) : [];
}

/** Text compared the way people read it: case and runs of spaces do not make two entries different. */
function sameText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * One `duplicate-entry` diagnostic for each value whose key was already seen in the list at `path`; `what` names an
 * entry in the message ("role", "paper") and `key` says when two are the same (undefined: not compared).
 */
function duplicates(
  source: YamlSource,
  path: (string | number)[],
  values: readonly (string | undefined)[],
  what: string,
  key: (value: string) => string | undefined,
  valuePath: (i: number) => (string | number)[] = (i) => [...path, i],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, { line: number; value: string }>();
  values.forEach((value, i) => {
    if (value === undefined) return;
    const k = key(value);
    if (k === undefined) return;
    const at = source.positionOf(valuePath(i));
    const first = seen.get(k);
    if (!first) {
      seen.set(k, { line: at.line, value });
      return;
    }
    const same = first.value === value ? '' : ` (${quote(first.value)})`;
    out.push(
      source.diagnostic(
        at,
        'duplicate-entry',
        `${what} ${quote(value)} is already listed on line ${first.line}${same}; list each ${what} once`,
        valuePath(i),
      ),
    );
  });
  return out;
}

/** The wave-2 lists: each role, skill, paper, model, dataset and output once; outputs and papers not from the future. */
function researchRules(data: unknown, source: YamlSource, today: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const roles = entries(data, 'help_wanted');
  out.push(
    ...duplicates(
      source,
      ['help_wanted'],
      roles.map((r) => (typeof r.role === 'string' ? r.role : undefined)),
      'role',
      sameText,
      (i) => ['help_wanted', i, 'role'],
    ),
  );
  roles.forEach((role, i) => {
    out.push(...duplicates(source, ['help_wanted', i, 'skills'], strings(role.skills), 'skill', sameText));
  });

  const research = field(data, 'research');
  const papers = strings(field(research, 'papers'));
  out.push(...duplicates(source, ['research', 'papers'], papers, 'paper', paperKey));
  const month = today.slice(2, 4) + today.slice(5, 7);
  papers.forEach((text, i) => {
    const paper = text === undefined ? undefined : parsePaperId(text);
    if (paper?.scheme !== 'arxiv' || paper.style !== 'new') return;
    // New-style ids start with the year and month they were submitted: one from a later month does not exist yet.
    const yymm = paper.id.slice(0, 4);
    if (yymm > month) {
      out.push(
        source.diagnostic(
          source.positionOf(['research', 'papers', i]),
          'paper-id',
          `${text} would be submitted in 20${yymm.slice(0, 2)}-${yymm.slice(2)}, after this month (${today.slice(0, 7)}); the first four digits are the year and month (YYMM), so check them`,
          ['research', 'papers', i],
        ),
      );
    }
  });
  out.push(...duplicates(source, ['research', 'models'], strings(field(research, 'models')), 'model', sameText));
  out.push(...duplicates(source, ['research', 'datasets'], strings(field(research, 'datasets')), 'dataset', sameText));

  const outputs = entries(data, 'outputs');
  out.push(
    ...duplicates(
      source,
      ['outputs'],
      outputs.map((o) => (typeof o.url === 'string' ? o.url : undefined)),
      'output link',
      (url) => url.replace(/\/+$/, ''),
      (i) => ['outputs', i, 'url'],
    ),
  );
  outputs.forEach((output, i) => {
    const date = typeof output.date === 'string' && isCalendarDate(output.date) ? output.date : undefined;
    if (date && date > today) {
      out.push(
        source.diagnostic(
          source.positionOf(['outputs', i, 'date']),
          'output-in-future',
          `date is ${date}, which is after today (${today}); add an output once it is out, with the day it came out`,
          ['outputs', i, 'date'],
        ),
      );
    }
  });
  return out;
}

function entries(value: unknown, key: string): Entry[] {
  const list = value !== null && typeof value === 'object' ? (value as Entry)[key] : undefined;
  return Array.isArray(list)
    ? list.map((item) => (item !== null && typeof item === 'object' ? (item as Entry) : {}))
    : [];
}

/**
 * Rules a schema cannot express: people listed once, unique milestone ids, done xor dropped,
 * done not in the future. They read the raw data defensively so they report alongside schema errors.
 */
export function projectRules(data: unknown, source: YamlSource, today: string): Diagnostic[] {
  const out: Diagnostic[] = [];

  const people = new Map<string, { role: string; line: number }>();
  for (const role of ['leads', 'members'] as const) {
    entries(data, role).forEach((person, i) => {
      if (typeof person.github !== 'string') return;
      const path = [role, i, 'github'];
      const at = source.positionOf(path);
      const login = person.github.toLowerCase();
      const first = people.get(login);
      if (!first) {
        people.set(login, { role, line: at.line });
        return;
      }
      const as = first.role === 'leads' ? 'a lead' : 'a member';
      const advice = first.role === role ? 'remove this entry' : 'a lead does not also need to be listed as a member';
      out.push(
        source.diagnostic(
          at,
          'duplicate-person',
          `${person.github} is already listed as ${as} on line ${first.line}; list each person once (${advice})`,
          path,
        ),
      );
    });
  }

  const milestoneLines = new Map<string, number>();
  entries(data, 'milestones').forEach((milestone, i) => {
    const name = typeof milestone.id === 'string' ? quote(milestone.id) : `entry ${i + 1}`;
    if (typeof milestone.id === 'string') {
      const at = source.positionOf(['milestones', i, 'id']);
      const first = milestoneLines.get(milestone.id);
      if (first === undefined) milestoneLines.set(milestone.id, at.line);
      else {
        out.push(
          source.diagnostic(
            at,
            'duplicate-milestone',
            `milestone id ${name} is already used on line ${first}; give each milestone its own id`,
            ['milestones', i, 'id'],
          ),
        );
      }
    }
    const done = typeof milestone.done === 'string' && isCalendarDate(milestone.done) ? milestone.done : undefined;
    if (done && milestone.dropped === true) {
      out.push(
        source.diagnostic(
          source.positionOf(['milestones', i, 'dropped']),
          'done-and-dropped',
          `milestone ${name} is both done (${done}) and dropped; keep done: ${done} if it was finished, or dropped: true if it was given up, not both`,
          ['milestones', i, 'dropped'],
        ),
      );
    }
    if (done && done > today) {
      out.push(
        source.diagnostic(
          source.positionOf(['milestones', i, 'done']),
          'done-in-future',
          `done is ${done}, which is after today (${today}); write the day the milestone was finished, and leave done out while it is still open`,
          ['milestones', i, 'done'],
        ),
      );
    }
  });
  out.push(...researchRules(data, source, today));
  return out;
}
