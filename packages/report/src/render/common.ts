// Words and small formats shared by the renderers (all plain text; each renderer escapes for its format).
import type { HappeningKind, HealthState, HighlightKind, ProjectReport, ProposalStage, ReportModel } from '../model.ts';
import { plural } from '../text.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "19 Nov" (or "19 Nov 2025" when the year differs from the report's). */
export function shortDate(date: string, model?: ReportModel): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = model && model.window.lastDay.slice(0, 4) !== String(y) ? ` ${y}` : '';
  return `${d} ${MONTHS[m - 1]}${year}`;
}

/** "+3", "−2", "±0" (a true minus sign). */
export function signed(change: number): string {
  if (change > 0) return `+${change.toLocaleString('en-US')}`;
  if (change < 0) return `−${(-change).toLocaleString('en-US')}`;
  return '±0';
}

export function number(value: number): string {
  return value.toLocaleString('en-US');
}

export const HIGHLIGHT_WORDS: Record<HighlightKind, { icon: string; label: string }> = {
  'milestone-done': { icon: '✅', label: 'Milestone done' },
  'project-completed': { icon: '🏁', label: 'Project completed' },
  'project-started': { icon: '🚀', label: 'Project started' },
  'proposal-new': { icon: '💡', label: 'New proposal' },
  'contributors-new': { icon: '👋', label: 'New contributors' },
};

export const HAPPENING_WORDS: Record<HappeningKind, { icon: string; label: string }> = {
  'milestone-done': { icon: '✅', label: 'Milestone done' },
  'milestone-added': { icon: '➕', label: 'Milestone added' },
  'milestone-due-changed': { icon: '📅', label: 'Due date changed' },
  'milestone-dropped': { icon: '✖️', label: 'Milestone dropped' },
  'update-posted': { icon: '📝', label: 'Update' },
  'project-created': { icon: '🌱', label: 'Added' },
  'status-changed': { icon: '🔀', label: 'Status' },
  'member-joined': { icon: '👋', label: 'Joined' },
  'member-left': { icon: '🚪', label: 'Left' },
  commits: { icon: '🔧', label: 'Commits' },
  'pull-merged': { icon: '🔀', label: 'Merged' },
  'issue-opened': { icon: '🗒️', label: 'Issue opened' },
  'issue-closed': { icon: '☑️', label: 'Issue closed' },
  'output-added': { icon: '📣', label: 'Output' },
};

export const HEALTH_WORDS: Record<HealthState, { icon: string; label: string }> = {
  active: { icon: '🟢', label: 'active' },
  quiet: { icon: '🟡', label: 'quiet' },
  stalled: { icon: '🔴', label: 'stalled' },
};

export const STATUS_WORDS: Record<ProjectReport['status'], string> = {
  proposed: 'Proposed',
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
  archived: 'Archived',
};

export const STAGE_WORDS: Record<ProposalStage, string> = {
  new: 'new',
  'needs-changes': 'needs changes',
  ready: 'ready for review',
  'in-repository': 'approved, not started',
};

/** "in 3 days", "today", "3 days overdue". */
export function dueIn(days: number): string {
  return days === 0 ? 'due today' : `in ${plural(days, 'day')}`;
}

/** "1 milestone done · 3 projects with activity · 2 new contributors". */
export function headlineParts(model: ReportModel): string[] {
  const h = model.headline;
  return [
    plural(h.milestonesDone, 'milestone') + ' done',
    `${plural(h.activeProjects, 'project')} with activity`,
    plural(h.updatesPosted, 'update'),
    plural(h.newContributors, 'new contributor'),
    `${plural(h.proposalsWaiting, 'proposal')} waiting`,
  ];
}

/** Projects that need someone to look: quiet or stalled, or with overdue milestones. */
export function needsAttention(model: ReportModel): ProjectReport[] {
  return model.projects.filter(
    (p) => p.status === 'active' && ((p.health && p.health.state !== 'active') || p.overdue.length > 0),
  );
}

/** Projects worth a section of their own: something happened, or they need attention. */
export function projectsWithNews(model: ReportModel): ProjectReport[] {
  return model.projects.filter(
    (p) =>
      p.happened.length > 0 ||
      (p.status === 'active' &&
        ((p.health && p.health.state !== 'active') || p.overdue.length > 0 || p.dueSoon.length > 0)),
  );
}

/** "Week 47" / the window label, for short places. */
export function shortWindow(model: ReportModel): string {
  return model.window.isoWeek
    ? `week ${Number(model.window.isoWeek.slice(6))}`
    : `${model.window.firstDay} – ${model.window.lastDay}`;
}

/** The file name a rendering of this report is written under, e.g. `2026-W47.html`. */
export function reportFileName(model: ReportModel, extension: string): string {
  return `${model.window.label}${extension}`;
}
