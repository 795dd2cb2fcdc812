// Who a project is looking for and what it produced, in the order every rendering shows them.
import type { HelpWanted, Output, Project, ProjectStatus } from './model.ts';

/** Projects whose `help_wanted` is shown; a completed or archived project is not looking for anyone. */
export const RECRUITING_STATUSES: ReadonlySet<ProjectStatus> = new Set(['proposed', 'active', 'paused']);

/** The roles a project shows as open: newcomer-friendly ones first, otherwise in file order. */
export function openRoles(project: Project): HelpWanted[] {
  if (!RECRUITING_STATUSES.has(project.status)) return [];
  const roles = project.help_wanted ?? [];
  return [...roles.filter((r) => r.newcomer_friendly === true), ...roles.filter((r) => r.newcomer_friendly !== true)];
}

/** Open roles across projects, newcomer-friendly first; within each group by project in the order given, then file order. */
export function openRolesAcross<P extends { project: Project }>(
  projects: readonly P[],
): { entry: P; role: HelpWanted }[] {
  const all = projects.flatMap((entry) => openRoles(entry.project).map((role) => ({ entry, role })));
  return [
    ...all.filter((r) => r.role.newcomer_friendly === true),
    ...all.filter((r) => r.role.newcomer_friendly !== true),
  ];
}

/** "3 h/week", "1.5 h/week"; undefined when the role does not say. */
export function hoursPerWeek(role: HelpWanted): string | undefined {
  return role.hours_per_week === undefined ? undefined : `${role.hours_per_week} h/week`;
}

/** A project's outputs, newest first (file order between outputs of the same day). */
export function outputsNewestFirst(project: Project): Output[] {
  return (project.outputs ?? [])
    .map((output, i) => ({ output, i }))
    .sort((a, b) => (a.output.date < b.output.date ? 1 : a.output.date > b.output.date ? -1 : a.i - b.i))
    .map(({ output }) => output);
}
