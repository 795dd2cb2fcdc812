import type { ProjectEvent } from '../events.ts';
import type { GitHubLabelOp, GitHubMilestoneOp, SyncOperation, SyncPlan } from './model.ts';

/**
 * Text from people as a Markdown code span: it never mentions anyone (`@bob` stays text on GitHub and Discord),
 * never links and never formats. Backticks inside get a longer fence.
 */
export function codeSpan(text: string): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat || ' '}${pad}${fence}`;
}

/** A slug or milestone id (lowercase letters, digits and hyphens) in italics. */
function id(slug: string): string {
  return /^[a-z0-9-]+$/.test(slug) ? `*${slug}*` : codeSpan(slug);
}

function person(login: string): string {
  return codeSpan(`@${login}`);
}

/** One event in plain words, e.g. "milestone *replicate* of *induction-heads* done (2026-11-12)". */
export function describeEvent(event: ProjectEvent): string {
  const p = id(event.project);
  switch (event.type) {
    case 'project.proposed':
      return `proposal #${event.issue} ${codeSpan(event.title)} by ${person(event.author)}`;
    case 'project.created':
      return `new project ${p}: ${codeSpan(event.title)} (${event.status})`;
    case 'project.status-changed':
      return `status of ${p}: ${event.from} → ${event.to}`;
    case 'project.member-joined':
      return `${person(event.github)} joins ${p}${event.role === 'lead' ? ' as a lead' : ''}`;
    case 'project.member-left':
      return `${person(event.github)} leaves ${p}${event.role === 'lead' ? ' (was a lead)' : ''}`;
    case 'milestone.added':
      return `milestone ${id(event.milestone)} added to ${p}${event.due ? ` (due ${event.due})` : ''}`;
    case 'milestone.completed':
      return `milestone ${id(event.milestone)} of ${p} done (${event.done})`;
    case 'milestone.due-changed':
      return `milestone ${id(event.milestone)} of ${p}: due ${event.from ?? 'no date'} → ${event.to ?? 'no date'}`;
    case 'milestone.dropped':
      return `milestone ${id(event.milestone)} of ${p} dropped`;
    case 'milestone.overdue':
      return `milestone ${id(event.milestone)} of ${p} is overdue (due ${event.due})`;
    case 'update.posted':
      return `update ${codeSpan(event.heading ?? event.topic)} posted in ${p}`;
    case 'output.added':
      return `${event.kind} ${codeSpan(event.title)} added to the outputs of ${p} (${event.published})`;
  }
}

function githubLine(op: GitHubLabelOp | GitHubMilestoneOp): string {
  if (op.kind === 'github.label')
    return `GitHub: ${op.change === 'new' ? 'create' : 'update'} the label ${codeSpan(op.name)}`;
  const due = op.dueOn ? ` (due ${op.dueOn.slice(0, 10)})` : '';
  if (op.change === 'new') {
    return `GitHub: create the milestone ${codeSpan(op.title)}${due}${op.state === 'closed' ? `, closed (${op.reason})` : ''}`;
  }
  if (op.state === 'closed') return `GitHub: close the milestone ${codeSpan(op.title)} (${op.reason})`;
  return `GitHub: update the milestone ${codeSpan(op.title)}${due}`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function discordLine(op: SyncOperation): string | undefined {
  switch (op.kind) {
    case 'discord.project-post':
      if (op.force) return undefined;
      return op.action === 'create'
        ? `Discord: create the forum post of ${id(op.slug)} (${codeSpan(op.project.title)})`
        : `Discord: update the forum post of ${id(op.slug)}`;
    case 'discord.news': {
      const words = op.events.map(describeEvent).join('; ');
      return `Discord: post 1 message in the thread of ${id(op.slug)}: ${words}`;
    }
    case 'discord.status-board':
      if (op.force) return 'Discord: check that the status board is still there';
      return `Discord: ${op.action === 'create' ? 'create' : 'update'} the status board (${count(op.board.rows.length, 'project', 'projects')})`;
    case 'discord.proposal':
      return `Discord: announce proposal #${op.event.issue} (${codeSpan(op.event.title)}) in the proposals channel`;
    default:
      return undefined;
  }
}

/**
 * The plan in plain words, one line per change, for the pull request comment and `circuitboard sync --dry-run`.
 * Labels and milestones that should already match are summed up in one line.
 */
export function describePlan(plan: SyncPlan): string[] {
  const lines: string[] = [];
  let labels = 0;
  let milestones = 0;
  for (const op of plan.operations) {
    if (op.kind === 'github.label' || op.kind === 'github.milestone') {
      if (op.change === 'check') {
        if (op.kind === 'github.label') labels += 1;
        else milestones += 1;
      } else lines.push(githubLine(op));
    }
  }
  for (const op of plan.operations) {
    if (op.kind !== 'github.milestone-sweep') continue;
    for (const m of op.removed)
      lines.push(`GitHub: close the milestone ${codeSpan(m.title)} (removed from projects/${m.slug}/project.yml)`);
  }
  if (labels + milestones > 0) {
    lines.push(
      `GitHub: check ${[labels ? count(labels, 'label', 'labels') : '', milestones ? count(milestones, 'milestone', 'milestones') : ''].filter(Boolean).join(' and ')} that should already match (written only where they differ)`,
    );
  }
  for (const op of plan.operations) {
    const line = discordLine(op);
    if (line) lines.push(line);
  }
  const checked = plan.operations.filter((op) => op.kind === 'discord.project-post' && op.force).length;
  if (checked > 0)
    lines.push(
      `Discord: check that ${count(checked, 'forum post is', 'forum posts are')} still there (created again if deleted)`,
    );
  for (const note of plan.notes) lines.push(`Note: ${note}`);
  if (lines.length === 0) lines.push('Nothing to do: GitHub and Discord are up to date.');
  return lines;
}
