// Proposals waiting for a decision, and for how long: proposed projects in the repository and open proposal issues.
import type { IssueEntry, ProjectSnapshot } from '../activity.ts';
import type { ProposalStage, ProposalWaiting } from '../model.ts';
import { dayNumber, utcDay } from '../window.ts';
import { compareText, personRef, type SectionContext } from './context.ts';
import { githubBase } from './projects.ts';

export type ProposalCandidate = { from: 'project'; snapshot: ProjectSnapshot } | { from: 'issue'; issue: IssueEntry };

/** Proposed projects, then open proposal issues that are not already a proposed project. */
export function candidates(ctx: SectionContext): ProposalCandidate[] {
  const out: ProposalCandidate[] = [];
  const numbers = new Set<number>();
  for (const snapshot of ctx.activity.projects) {
    if (snapshot.project.status !== 'proposed') continue;
    out.push({ from: 'project', snapshot });
    if (snapshot.project.proposal) numbers.add(snapshot.project.proposal);
  }
  for (const issue of ctx.activity.openProposals) {
    if (!numbers.has(issue.number)) out.push({ from: 'issue', issue });
  }
  return out;
}

function issueUrl(ctx: SectionContext, number: number | undefined): string | null {
  return ctx.repositoryUrl && number ? `${ctx.repositoryUrl}/issues/${number}` : null;
}

/** One waiting proposal with its age at the window end; undefined when it was decided or is not yet open then. */
export function measure(candidate: ProposalCandidate, ctx: SectionContext): ProposalWaiting | undefined {
  const age = (since: string | null) => (since === null ? null : ctx.endDay - dayNumber(since));
  if (candidate.from === 'project') {
    const { project, slug, addedOn } = candidate.snapshot;
    const since = addedOn && dayNumber(addedOn) < ctx.endDay ? addedOn : null;
    const lead = project.leads[0];
    return {
      title: project.title,
      number: project.proposal ?? null,
      slug,
      url:
        issueUrl(ctx, project.proposal) ??
        (ctx.repositoryUrl ? `${ctx.repositoryUrl}/tree/HEAD/projects/${slug}` : null),
      author: lead
        ? personRef({ key: `github:${lead.github}`, name: lead.github, login: lead.github }, githubBase(ctx))
        : null,
      stage: 'in-repository',
      since,
      waitingDays: age(since),
    };
  }
  const { issue } = candidate;
  const { labels } = ctx;
  if (issue.state !== 'open' || issue.labels.includes(labels.approved) || issue.labels.includes(labels.rejected))
    return undefined;
  if (dayNumber(issue.createdAt) >= ctx.endDay) return undefined;
  const stage: ProposalStage = issue.labels.includes(labels.ready)
    ? 'ready'
    : issue.labels.includes(labels.needsChanges)
      ? 'needs-changes'
      : 'new';
  const since = utcDay(issue.createdAt);
  return {
    title: issue.title,
    number: issue.number,
    slug: null,
    url: issue.url,
    author: issue.author ? personRef(issue.author, githubBase(ctx)) : null,
    stage,
    since,
    waitingDays: age(since),
  };
}

/** Longest-waiting first; the median wait over those whose start is known. */
export function aggregate(measures: (ProposalWaiting | undefined)[]): {
  waiting: ProposalWaiting[];
  medianWaitDays: number | null;
} {
  const waiting = measures
    .filter((m): m is ProposalWaiting => m !== undefined)
    .sort(
      (a, b) =>
        (b.waitingDays ?? -1) - (a.waitingDays ?? -1) ||
        compareText(a.title, b.title) ||
        (a.number ?? 0) - (b.number ?? 0),
    );
  const days = waiting
    .map((w) => w.waitingDays)
    .filter((d): d is number => d !== null)
    .sort((a, b) => a - b);
  const mid = days.length >> 1;
  const median =
    days.length === 0
      ? null
      : days.length % 2
        ? (days[mid] as number)
        : Math.round(((days[mid - 1] as number) + (days[mid] as number)) / 2);
  return { waiting, medianWaitDays: median };
}
