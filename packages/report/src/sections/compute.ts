// Compute requests: what the proposed and active projects ask the organisers to fund (research.compute).
import type { ProjectStatus } from '@circuitboard/core';
import type { ProjectSnapshot } from '../activity.ts';
import type { ComputeRequest } from '../model.ts';
import { compareText, personRef, type SectionContext } from './context.ts';
import { githubBase, projectUrl } from './projects.ts';

/** Statuses whose requests are listed: a paused, completed or archived project is not about to use compute. */
const ASKING: ReadonlySet<ProjectStatus> = new Set(['proposed', 'active']);

export function candidates(ctx: SectionContext): ProjectSnapshot[] {
  return ctx.activity.projects.filter((s) => ASKING.has(s.project.status) && s.project.research?.compute !== undefined);
}

/** The request of one project, with its leads to talk to; undefined when it asks for nothing. */
export function measure(snapshot: ProjectSnapshot, ctx: SectionContext): ComputeRequest | undefined {
  const { project, slug } = snapshot;
  const request = project.research?.compute?.trim();
  if (!request || !ASKING.has(project.status)) return undefined;
  return {
    project: { slug, title: project.title, url: projectUrl(snapshot, ctx) },
    status: project.status,
    request,
    leads: project.leads.map((lead) =>
      personRef({ key: `github:${lead.github}`, name: lead.github, login: lead.github }, githubBase(ctx)),
    ),
  };
}

/** Active projects first (they can use it now), then proposed ones; by title within each. */
export function aggregate(measures: (ComputeRequest | undefined)[]): { requests: ComputeRequest[] } {
  const requests = measures
    .filter((m): m is ComputeRequest => m !== undefined)
    .sort(
      (a, b) =>
        Number(b.status === 'active') - Number(a.status === 'active') ||
        compareText(a.project.title, b.project.title) ||
        compareText(a.project.slug, b.project.slug),
    );
  return { requests };
}
