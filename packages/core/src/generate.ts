import { hoursPerWeek, openRolesAcross, outputsNewestFirst } from './help-wanted.ts';
import { PROJECTS_INDEX } from './layout.ts';
import { escapeMarkdownCell, markdownLinkTarget } from './markdown.ts';
import { type Milestone, PROJECT_STATUSES, type Project } from './model.ts';
import type { LoadedProject, Registry } from './registry.ts';

export const CODEOWNERS_PATH = '.github/CODEOWNERS';
export const INDEX_BEGIN = '<!-- BEGIN GENERATED: projects-index -->';
export const INDEX_END = '<!-- END GENERATED: projects-index -->';
export const CODEOWNERS_BEGIN = '# BEGIN circuitboard';
export const CODEOWNERS_END = '# END circuitboard';

const INDEX_INTRO = `# Projects

Every research project of the community has a folder here with its \`project.yml\`, a README and
its updates. To start one, open an issue with the proposal form; to change one, edit its files in a
pull request. See [docs/projects.md](../docs/projects.md).
`;

const CODEOWNERS_INTRO = `# Code owners: the people asked to review changes to each path (the last matching line wins).
# Lines outside the circuitboard block are kept as they are.
`;

export interface GeneratedFile {
  /** Repository-relative path. */
  path: string;
  /** What the file should contain. */
  expected: string;
  /** What it contains now, when it exists. */
  actual?: string;
  upToDate: boolean;
}

/**
 * Replaces the text between `begin` and `end` (markers included) with `block`, keeping the rest
 * verbatim. Without markers the block is appended; with a begin marker but no end, it runs to the end.
 */
export function spliceBlock(existing: string, begin: string, end: string, block: string): string {
  const start = existing.indexOf(begin);
  if (start < 0) return `${existing.trimEnd()}\n\n${block}\n`;
  const stop = existing.indexOf(end, start + begin.length);
  if (stop < 0) return `${existing.slice(0, start)}${block}\n`;
  return `${existing.slice(0, start)}${block}${existing.slice(stop + end.length)}`;
}

const STATUS_RANK = new Map<string, number>(
  ['active', 'proposed', 'paused', 'completed', 'archived'].map((status, i) => [status, i]),
);

function byStatusThenSlug(a: LoadedProject, b: LoadedProject): number {
  const rank = (STATUS_RANK.get(a.project.status) ?? 9) - (STATUS_RANK.get(b.project.status) ?? 9);
  return rank || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** The open milestone to show next: the earliest due date, then file order; undated ones last. */
export function nextMilestone(project: Project): Milestone | undefined {
  const open = (project.milestones ?? []).filter((m) => m.done === undefined && m.dropped !== true);
  const dated = open
    .filter((m) => m.due !== undefined)
    .sort((a, b) => ((a.due ?? '') < (b.due ?? '') ? -1 : (a.due ?? '') > (b.due ?? '') ? 1 : 0));
  return dated[0] ?? open[0];
}

/** Milestones done, and milestones that count (dropped ones do not). */
export function progress(project: Project): { done: number; total: number } {
  const counted = (project.milestones ?? []).filter((m) => m.dropped !== true);
  return { done: counted.filter((m) => m.done !== undefined).length, total: counted.length };
}

function indexBlock(registry: Registry): string {
  const rows = [...registry.projects].sort(byStatusThenSlug).map(({ slug, project }) => {
    const leads = project.leads.map((p) => `[&#64;${p.github}](https://github.com/${p.github})`).join(', ');
    const { done, total } = progress(project);
    const next = nextMilestone(project);
    const nextCell = next ? `${escapeMarkdownCell(next.title)}${next.due ? ` (due ${next.due})` : ''}` : '—';
    return `| [${escapeMarkdownCell(project.title)}](./${slug}/) | ${project.status} | ${leads} | ${total > 0 ? `${done}/${total}` : '—'} | ${nextCell} |`;
  });
  const table =
    rows.length > 0
      ? ['| Project | Status | Leads | Progress | Next milestone |', '| --- | --- | --- | --- | --- |', ...rows].join(
          '\n',
        )
      : '_No projects yet._';
  return [
    INDEX_BEGIN,
    '<!-- Generated from projects/*/project.yml by `pnpm circuitboard generate`; edits between these markers are replaced. -->',
    '',
    table,
    '',
    ...helpWantedBlock(registry),
    ...outputsBlock(registry),
    INDEX_END,
  ].join('\n');
}

function projectCell(slug: string, project: Project): string {
  return `[${escapeMarkdownCell(project.title)}](./${slug}/)`;
}

/** Open roles of proposed, active and paused projects, newcomer-friendly first; nothing when there are none. */
function helpWantedBlock(registry: Registry): string[] {
  const roles = openRolesAcross([...registry.projects].sort(byStatusThenSlug));
  if (roles.length === 0) return [];
  const rows = roles.map(({ entry, role }) => {
    const name = `${role.newcomer_friendly ? '🌱 ' : ''}${escapeMarkdownCell(role.role)}`;
    const skills = (role.skills ?? []).map(escapeMarkdownCell).join(', ') || '—';
    return `| ${name} | ${projectCell(entry.slug, entry.project)} | ${skills} | ${hoursPerWeek(role) ?? '—'} |`;
  });
  return [
    '## Help wanted',
    '',
    "Roles the projects are looking for someone to take; 🌱 marks the ones where newcomers are welcome. Say hello in the project's Discord thread, or to its leads.",
    '',
    '| Role | Project | Skills | Time |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}

/** Every project's outputs, newest first; nothing when there are none. */
function outputsBlock(registry: Registry): string[] {
  const all = [...registry.projects]
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .flatMap(({ slug, project }) => outputsNewestFirst(project).map((output) => ({ slug, project, output })));
  if (all.length === 0) return [];
  // Newest first across projects; a stable sort keeps slug order, then file order, within a day.
  all.sort((a, b) => (a.output.date < b.output.date ? 1 : a.output.date > b.output.date ? -1 : 0));
  const rows = all.map(({ slug, project, output }) => {
    const target = markdownLinkTarget(output.url);
    const title = escapeMarkdownCell(output.title);
    return `| ${output.date} | ${target ? `[${title}](${target})` : title} | ${output.kind} | ${projectCell(slug, project)} |`;
  });
  return ['## Outputs', '', '| Date | Output | Kind | Project |', '| --- | --- | --- | --- |', ...rows, ''];
}

/** `projects/README.md`: the index of projects between markers; text outside them is kept verbatim. */
export function renderProjectsIndex(registry: Registry, existing?: string): string {
  return spliceBlock(existing ?? INDEX_INTRO, INDEX_BEGIN, INDEX_END, indexBlock(registry));
}

/** `.github/CODEOWNERS`: each project's leads own `/projects/<slug>/`, inside the circuitboard block. */
export function renderCodeowners(registry: Registry, existing?: string): string {
  const lines = [...registry.projects]
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .map(({ slug, project }) => `/projects/${slug}/ ${project.leads.map((p) => `@${p.github}`).join(' ')}`);
  const block = [
    CODEOWNERS_BEGIN,
    "# Generated from projects/*/project.yml by `pnpm circuitboard generate`: each project's leads own its folder.",
    ...lines,
    CODEOWNERS_END,
  ].join('\n');
  return spliceBlock(existing ?? CODEOWNERS_INTRO, CODEOWNERS_BEGIN, CODEOWNERS_END, block);
}

/** The generated files and whether the checkout has them up to date; `read` returns undefined for a missing file. */
export function planGeneratedFiles(registry: Registry, read: (path: string) => string | undefined): GeneratedFile[] {
  const plans: [string, (existing?: string) => string][] = [
    [PROJECTS_INDEX, (existing) => renderProjectsIndex(registry, existing)],
    [CODEOWNERS_PATH, (existing) => renderCodeowners(registry, existing)],
  ];
  return plans.map(([path, render]) => {
    const actual = read(path);
    const expected = render(actual);
    const file: GeneratedFile = { path, expected, upToDate: actual === expected };
    if (actual !== undefined) file.actual = actual;
    return file;
  });
}

/** Statuses in the order the index shows them (exported for renderers that group the same way). */
export const STATUS_ORDER = [...PROJECT_STATUSES].sort((a, b) => (STATUS_RANK.get(a) ?? 9) - (STATUS_RANK.get(b) ?? 9));
