import type { Diagnostic } from './diagnostics.ts';
import { isCalendarDate } from './model.ts';
import type { YamlSource } from './source.ts';
import { quote } from './text.ts';

type Entry = Record<string, unknown>;

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
  return out;
}
