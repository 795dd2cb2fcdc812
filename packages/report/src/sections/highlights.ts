// Highlights, first thing in every rendering: milestones done, projects started or completed, new proposals,
// new contributors.
import type { ProjectSnapshot } from '../activity.ts';
import type { Highlight, HighlightKind, PersonRef, ProjectRef, ProjectReport, ProposalWaiting } from '../model.ts';
import { plural } from '../text.ts';
import { dayNumber, utcDay } from '../window.ts';
import { compareText, covered, type SectionContext } from './context.ts';
import type { MilestoneMeasure } from './milestones.ts';
import * as milestones from './milestones.ts';

/** Longest highlight list; the rest is counted. */
export const MAX_HIGHLIGHTS = 30;
const KIND_ORDER: readonly HighlightKind[] = [
  'milestone-done',
  'project-completed',
  'project-started',
  'proposal-new',
  'contributors-new',
];

export type HighlightCandidate =
  | { kind: 'milestone-done'; project: ProjectRef; milestone: MilestoneMeasure }
  | { kind: 'github-milestone-closed'; title: string; date: string; url: string | null }
  | { kind: 'project-started' | 'project-completed'; project: ProjectRef; date: string | null }
  | { kind: 'proposal-new'; proposal: ProposalWaiting; date: string | null }
  | { kind: 'contributors-new'; people: PersonRef[] };

function refOf(snapshot: ProjectSnapshot, reports: Map<string, ProjectReport>): ProjectRef {
  return { slug: snapshot.slug, title: snapshot.project.title, url: reports.get(snapshot.slug)?.url ?? null };
}

/** Every candidate, from the project reports, the window's events and the waiting proposals. */
export function candidates(
  ctx: SectionContext,
  reports: ProjectReport[],
  proposals: ProposalWaiting[],
  newPeople: PersonRef[],
): HighlightCandidate[] {
  const byslug = new Map(reports.map((r) => [r.slug, r]));
  const out: HighlightCandidate[] = [];
  const inWindow = (date: string | null | undefined) =>
    !!date && dayNumber(date) >= ctx.startDay && dayNumber(date) < ctx.endDay;
  const started = new Map<string, string | null>();
  const completed = new Map<string, string | null>();
  const proposed = new Set<string>();
  const eventsKnown = covered(ctx.index, 'event', ctx.startDay, ctx.endDay);
  for (const event of ctx.activity.events) {
    if (!inWindow(event.date)) continue;
    if (event.type === 'project.status-changed' && event.to === 'active' && event.from === 'proposed')
      started.set(event.project, event.date ?? null);
    if (event.type === 'project.status-changed' && event.to === 'completed')
      completed.set(event.project, event.date ?? null);
    if (event.type === 'project.proposed' || (event.type === 'project.created' && event.status === 'proposed'))
      proposed.add(event.project);
  }
  for (const snapshot of ctx.activity.projects) {
    const { project, slug } = snapshot;
    const ref = refOf(snapshot, byslug);
    for (const milestone of project.milestones ?? []) {
      const m = milestones.measure(milestone, ctx);
      if (m.doneInWindow) out.push({ kind: 'milestone-done', project: ref, milestone: m });
    }
    // A start date in the window counts too, so sources without history still see new projects.
    if (project.status !== 'proposed' && inWindow(project.started) && !started.has(slug))
      started.set(slug, project.started ?? null);
    if (!eventsKnown && project.status === 'completed') {
      const last = (project.milestones ?? [])
        .map((m) => m.done)
        .filter((d): d is string => !!d)
        .sort()
        .at(-1);
      if (inWindow(last)) completed.set(slug, last ?? null);
    }
    if (project.status === 'proposed' && inWindow(snapshot.addedOn)) proposed.add(slug);
  }
  // GitHub milestones closed in the window that no project file already reports as done.
  const doneTitles = new Set(
    out.filter((c) => c.kind === 'milestone-done').map((c) => c.milestone.title.trim().toLowerCase()),
  );
  for (const milestone of ctx.activity.milestones) {
    if (milestone.state !== 'closed' || !inWindow(milestone.closedAt)) continue;
    const title = milestone.title.trim().toLowerCase();
    if ([...doneTitles].some((t) => title === t || title.endsWith(t))) continue;
    out.push({
      kind: 'github-milestone-closed',
      title: milestone.title,
      date: utcDay(milestone.closedAt as string),
      url: milestone.url,
    });
  }
  for (const snapshot of ctx.activity.projects) {
    const ref = refOf(snapshot, byslug);
    if (started.has(snapshot.slug))
      out.push({ kind: 'project-started', project: ref, date: started.get(snapshot.slug) ?? null });
    if (completed.has(snapshot.slug))
      out.push({ kind: 'project-completed', project: ref, date: completed.get(snapshot.slug) ?? null });
  }
  for (const proposal of proposals) {
    const isNew = proposal.slug ? proposed.has(proposal.slug) : inWindow(proposal.since);
    if (isNew) out.push({ kind: 'proposal-new', proposal, date: proposal.since });
  }
  if (newPeople.length > 0) out.push({ kind: 'contributors-new', people: newPeople });
  return out;
}

function lateness(days: number | null): string | null {
  if (days === null || days === 0) return days === 0 ? 'on time' : null;
  return days > 0 ? `${plural(days, 'day')} late` : `${plural(-days, 'day')} early`;
}

export function measure(candidate: HighlightCandidate): Highlight {
  switch (candidate.kind) {
    case 'milestone-done':
      return {
        kind: 'milestone-done',
        date: candidate.milestone.done,
        project: candidate.project,
        title: candidate.milestone.title,
        detail: lateness(candidate.milestone.lateByDays),
        url: candidate.project.url,
        people: [],
      };
    case 'github-milestone-closed':
      return {
        kind: 'milestone-done',
        date: candidate.date,
        project: null,
        title: candidate.title,
        detail: 'closed on GitHub',
        url: candidate.url,
        people: [],
      };
    case 'project-started':
    case 'project-completed':
      return {
        kind: candidate.kind,
        date: candidate.date,
        project: candidate.project,
        title: candidate.project.title,
        detail: null,
        url: candidate.project.url,
        people: [],
      };
    case 'proposal-new': {
      const { proposal } = candidate;
      return {
        kind: 'proposal-new',
        date: candidate.date,
        project: null,
        title: proposal.title,
        detail: proposal.number ? `#${proposal.number}` : null,
        url: proposal.url,
        people: proposal.author ? [proposal.author] : [],
      };
    }
    case 'contributors-new':
      return {
        kind: 'contributors-new',
        date: null,
        project: null,
        title: plural(candidate.people.length, 'new contributor'),
        detail: null,
        url: null,
        people: candidate.people,
      };
  }
}

/** In the order of the issue: milestones, projects completed and started, proposals, people; oldest first in a kind. */
export function aggregate(highlights: Highlight[]): { highlights: Highlight[]; omitted: number } {
  const sorted = [...highlights].sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      compareText(a.date ?? '', b.date ?? '') ||
      compareText(a.project?.title ?? '', b.project?.title ?? '') ||
      compareText(a.title, b.title),
  );
  if (sorted.length <= MAX_HIGHLIGHTS) return { highlights: sorted, omitted: 0 };
  // Keep the people highlight (last) whatever happens; cut the others.
  const people = sorted.at(-1)?.kind === 'contributors-new' ? [sorted.at(-1) as Highlight] : [];
  const rest = sorted.slice(0, MAX_HIGHLIGHTS - people.length);
  return { highlights: [...rest, ...people], omitted: sorted.length - rest.length - people.length };
}
