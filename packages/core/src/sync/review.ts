import type { Diagnostic } from '../diagnostics.ts';
import { diffRegistries } from '../diff.ts';
import type { ProjectEvent } from '../events.ts';
import type { CommunityConfig } from '../model.ts';
import type { Registry } from '../registry.ts';
import { codeSpan, describeEvent } from './describe.ts';
import { previewSync } from './flow.ts';
import type { RepositoryRef } from './model.ts';

/** The hidden marker of the one summary comment a pull request gets. */
export const PR_SUMMARY_MARKER = '<!-- circuitboard:pr-summary -->';

export interface ChangeReviewInput {
  /** Projects on the base branch (undefined when there were none). */
  before?: Registry;
  /** Projects with the change applied. */
  after: Registry;
  /** Repository-relative paths the change touches. */
  changedPaths: readonly string[];
  /** Problems in the changed files (already limited to them), generated files included. */
  diagnostics: readonly Diagnostic[];
  /** GitHub login of the pull request's author. */
  author: string;
  /** True when the author may merge anyway (write access or more): they are not flagged. */
  authorCanWrite: boolean;
  config: CommunityConfig;
  today: string;
  repository?: RepositoryRef;
}

export interface ReviewFlag {
  project: string;
  /** Leads to ask for a review. */
  leads: string[];
}

export interface ChangeReview {
  events: ProjectEvent[];
  /** describeEvent of each event. */
  changes: string[];
  /** What the sync will do once merged (describePlan of a dry run). */
  plan: string[];
  /** Projects the author changed without being a lead or member of them. */
  flags: ReviewFlag[];
  errors: number;
  warnings: number;
}

function projectOf(path: string): string | undefined {
  return /^projects\/([^/]+)\//.exec(path)?.[1];
}

/** What a pull request does, in words: its events, what the sync will do, and who should review it. */
export function reviewChange(input: ChangeReviewInput): ChangeReview {
  const events = diffRegistries(input.before, input.after, { date: input.today });
  const { lines } = previewSync({
    ...(input.before ? { before: input.before } : {}),
    after: input.after,
    events,
    config: input.config,
    today: input.today,
    ...(input.repository ? { repository: input.repository } : {}),
  });
  const flags: ReviewFlag[] = [];
  const author = input.author.toLowerCase();
  const touched = [...new Set(input.changedPaths.map(projectOf).filter((s): s is string => s !== undefined))].sort();
  for (const slug of touched) {
    // The base version decides who belongs; a new project is judged by its own people.
    const project = (
      input.before?.projects.find((p) => p.slug === slug) ?? input.after.projects.find((p) => p.slug === slug)
    )?.project;
    if (!project || input.authorCanWrite) continue;
    const people = [...project.leads, ...(project.members ?? [])].map((p) => p.github.toLowerCase());
    if (!people.includes(author)) flags.push({ project: slug, leads: project.leads.map((p) => p.github) });
  }
  const errors = input.diagnostics.filter((d) => d.severity === 'error').length;
  return {
    events,
    changes: events.map(describeEvent),
    plan: lines,
    flags,
    errors,
    warnings: input.diagnostics.length - errors,
  };
}

/**
 * The pull request comment (also the job summary): plain words, every name from people in a code span so nothing
 * pings, and the marker that finds the comment again.
 */
export function renderPullRequestSummary(review: ChangeReview, options: { files: number; author: string }): string {
  const lines = [PR_SUMMARY_MARKER, '### Circuitboard', ''];
  if (review.changes.length > 0) {
    lines.push('**What this pull request does**', '');
    for (const change of review.changes.slice(0, 100)) lines.push(`- ${change}`);
    if (review.changes.length > 100) lines.push(`- … and ${review.changes.length - 100} more`);
  } else {
    lines.push('This pull request changes no project in a way the sync announces.');
  }
  lines.push('');
  if (review.errors > 0) {
    lines.push(
      `**Checks:** ✗ ${review.errors} error${review.errors === 1 ? '' : 's'}${review.warnings ? ` and ${review.warnings} warning${review.warnings === 1 ? '' : 's'}` : ''} — each is shown on its line in **Files changed**; fix them and push again.`,
    );
  } else {
    lines.push(
      `**Checks:** ✓ ${options.files} changed file${options.files === 1 ? '' : 's'} valid${review.warnings ? `, ${review.warnings} warning${review.warnings === 1 ? '' : 's'}` : ''}.`,
    );
  }
  for (const flag of review.flags) {
    lines.push(
      '',
      `**Review:** ⚠️ ${codeSpan(`@${options.author}`)} is not a lead or member of *${flag.project}*; a lead (${flag.leads.map((l) => codeSpan(`@${l}`)).join(', ')}) should review this before it is merged.`,
    );
  }
  lines.push('', '**Once merged, the sync will**', '');
  for (const line of review.plan.slice(0, 100)) lines.push(`- ${line}`);
  if (review.plan.length > 100) lines.push(`- … and ${review.plan.length - 100} more`);
  lines.push('', '<sub>Updated on every push. Run `pnpm circuitboard sync --dry-run` to see this locally.</sub>', '');
  return lines.join('\n');
}
