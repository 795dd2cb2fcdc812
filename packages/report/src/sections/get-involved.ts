// Get involved: the roles the projects are looking for someone to take (help_wanted), newcomer-friendly first.
import { openRoles } from '@circuitboard/core';
import type { ProjectSnapshot } from '../activity.ts';
import type { OpenRole } from '../model.ts';
import { compareText, type SectionContext } from './context.ts';
import { projectUrl } from './projects.ts';

/** Projects whose roles are open: proposed, active and paused ones (core's openRoles says which). */
export function candidates(ctx: SectionContext): ProjectSnapshot[] {
  return ctx.activity.projects.filter((snapshot) => openRoles(snapshot.project).length > 0);
}

/** One project's open roles as the project lists them, newcomer-friendly first. */
export function measure(snapshot: ProjectSnapshot, ctx: SectionContext): OpenRole[] {
  const project = { slug: snapshot.slug, title: snapshot.project.title, url: projectUrl(snapshot, ctx) };
  return openRoles(snapshot.project).map((role) => ({
    project,
    role: role.role,
    skills: [...(role.skills ?? [])],
    hoursPerWeek: role.hours_per_week ?? null,
    newcomerFriendly: role.newcomer_friendly === true,
  }));
}

/** Every open role: newcomer-friendly ones first, then by project title; a project's own order within it. */
export function aggregate(measures: OpenRole[][]): { roles: OpenRole[] } {
  const roles = measures
    .flatMap((list) => list.map((role, i) => ({ role, i })))
    .sort(
      (a, b) =>
        Number(b.role.newcomerFriendly) - Number(a.role.newcomerFriendly) ||
        compareText(a.role.project.title, b.role.project.title) ||
        compareText(a.role.project.slug, b.role.project.slug) ||
        a.i - b.i,
    )
    .map(({ role }) => role);
  return { roles };
}
