import type { ProjectEvent } from './events.ts';

/** An event before it has its id. */
export type EventDraft = ProjectEvent extends infer E ? (E extends ProjectEvent ? Omit<E, 'id'> : never) : never;

/**
 * The deterministic id of an event, built from what it is about and never from the time of the run,
 * so a delivery ledger can tell what was already sent:
 *
 * | type | id |
 * | --- | --- |
 * | project.proposed | `project.proposed:<issue>` |
 * | project.created | `project.created:<slug>` |
 * | project.status-changed | `project.status-changed:<slug>:<from>:<to>@<at>` |
 * | project.member-joined | `project.member-joined:<slug>:<role>:<login, lowercase>@<at>` |
 * | project.member-left | `project.member-left:<slug>:<role>:<login, lowercase>@<at>` |
 * | milestone.added | `milestone.added:<slug>/<milestone>` |
 * | milestone.completed | `milestone.completed:<slug>/<milestone>:<done>` |
 * | milestone.dropped | `milestone.dropped:<slug>/<milestone>` |
 * | milestone.due-changed | `milestone.due-changed:<slug>/<milestone>:<from or none>:<to or none>@<at>` |
 * | milestone.overdue | `milestone.overdue:<slug>/<milestone>:<due>` |
 * | update.posted | `update.posted:<path>` |
 * | output.added | `output.added:<slug>:<url>` |
 *
 * `<at>` is the revision (commit sha) or, without one, the date; it is left out (with its `@`)
 * when the event has neither. Only events that can legitimately happen again with the same
 * content (a status going active → paused → active → paused, someone leaving and rejoining, a due
 * date moved back and forth) carry it. The others happen once per subject: a milestone completed
 * again after being reopened gets a new id only if its done date differs. Slugs, milestone ids,
 * dates, roles and logins never contain `:`, `/` or `@`, so ids cannot collide; an output's url comes last,
 * after a slug that has no `:`, so it cannot be mistaken for anything else.
 */
export function eventId(event: EventDraft): string {
  const at = event.revision ?? event.date;
  const repeat = at ? `@${at}` : '';
  const milestone = 'milestone' in event ? `${event.project}/${event.milestone}` : '';
  switch (event.type) {
    case 'project.proposed':
      return `project.proposed:${event.issue}`;
    case 'project.created':
      return `project.created:${event.project}`;
    case 'project.status-changed':
      return `project.status-changed:${event.project}:${event.from}:${event.to}${repeat}`;
    case 'project.member-joined':
    case 'project.member-left':
      return `${event.type}:${event.project}:${event.role}:${event.github.toLowerCase()}${repeat}`;
    case 'milestone.added':
      return `milestone.added:${milestone}`;
    case 'milestone.completed':
      return `milestone.completed:${milestone}:${event.done}`;
    case 'milestone.dropped':
      return `milestone.dropped:${milestone}`;
    case 'milestone.due-changed':
      return `milestone.due-changed:${milestone}:${event.from ?? 'none'}:${event.to ?? 'none'}${repeat}`;
    case 'milestone.overdue':
      return `milestone.overdue:${milestone}:${event.due}`;
    case 'update.posted':
      return `update.posted:${event.path}`;
    case 'output.added':
      return `output.added:${event.project}:${event.url}`;
  }
}

/** The draft with its id set. */
export function withId<E extends EventDraft>(draft: E): E & { id: string } {
  return { id: eventId(draft), ...draft };
}
