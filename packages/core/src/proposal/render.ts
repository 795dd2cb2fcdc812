import { Document, isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { PROJECT_SCHEMA_COMMENT } from '../load.ts';
import type { Project } from '../model.ts';

/** The text of a proposal not kept in project.yml; it goes into README.md. */
export interface ProposalExtras {
  question?: string;
  timeCommitment?: string;
}

/** project.yml rendered with the yaml library, so any title or summary is quoted as YAML needs. */
export function renderProjectYaml(project: Project): string {
  const ordered: Record<string, unknown> = {};
  for (const key of [
    'title',
    'status',
    'summary',
    'leads',
    'members',
    'tags',
    'links',
    'started',
    'proposal',
    'milestones',
    'help_wanted',
    'research',
    'outputs',
    'hackathon',
  ] as const) {
    if (project[key] !== undefined) ordered[key] = project[key];
  }
  const doc = new Document(ordered, { version: '1.2' });
  if (isMap(doc.contents)) {
    const summary = doc.contents.get('summary', true);
    if (isScalar(summary)) (summary as Scalar).type = 'BLOCK_FOLDED';
    const tags = doc.contents.get('tags', true);
    if (isSeq(tags)) tags.flow = true;
    // Short lists read best on one line, as in the examples: skills: [python, transformerlens].
    const roles = doc.contents.get('help_wanted', true);
    if (isSeq(roles)) {
      for (const role of roles.items) {
        const skills = isMap(role) ? role.get('skills', true) : undefined;
        if (isSeq(skills)) skills.flow = true;
      }
    }
    const research = doc.contents.get('research', true);
    if (isMap(research)) {
      for (const key of ['papers', 'models', 'datasets'] as const) {
        const list = research.get(key, true);
        if (isSeq(list)) list.flow = true;
      }
    }
  }
  // The schema comment is the file's first line, as in every project.yml; the yaml library would add a blank line after it.
  return `${PROJECT_SCHEMA_COMMENT}\n${doc.toString({ lineWidth: 100, minContentWidth: 40, flowCollectionPadding: false })}`;
}

export interface ReadmeContext {
  author: string;
  issue: number;
  issueUrl?: string;
}

function issueLink(context: ReadmeContext): string {
  return context.issueUrl ? `[#${context.issue}](${context.issueUrl})` : `issue #${context.issue}`;
}

/** README.md of the new project folder: the question, the help wanted and a link back to the issue. */
export function renderReadme(project: Project, extras: ProposalExtras, context: ReadmeContext): string {
  const parts = [`# ${project.title}`, project.summary];
  if (extras.question) parts.push('## Research question', extras.question);
  const welcome =
    "Everyone is welcome: say hello in the project's thread in the Discord forum, or comment on the proposal issue.";
  const roles = project.help_wanted ?? [];
  parts.push(
    '## Help wanted',
    roles.length > 0
      ? `${roles.map(roleItem).join('\n')}\n\n${welcome} The roles are kept in \`help_wanted\` in project.yml.`
      : welcome,
  );
  if (extras.timeCommitment) parts.push('## Time commitment', extras.timeCommitment);
  parts.push(
    `Proposed by @${context.author} in ${issueLink(context)}. Chat in the project's thread in the Discord forum.`,
  );
  return `${parts.join('\n\n')}\n`;
}

/** The first update: when and where the project was proposed. */
export function renderProposalUpdate(project: Project, context: ReadmeContext & { date: string }): string {
  const leads = project.leads.map((p) => `@${p.github}`).join(', ');
  return [
    '# Project proposed',
    '',
    `@${context.author} proposed *${escapeInlineMarkdown(project.title)}* in ${issueLink(context)} on ${context.date}. Led by ${leads}.`,
    '',
  ].join('\n');
}

/** "- **Run activation-patching sweeps** (python, transformerlens; about 3 h/week; newcomer-friendly)" */
function roleItem(role: NonNullable<Project['help_wanted']>[number]): string {
  const notes = [
    role.skills && role.skills.length > 0 ? role.skills.map(escapeInlineMarkdown).join(', ') : undefined,
    role.hours_per_week === undefined ? undefined : `about ${role.hours_per_week} h/week`,
    role.newcomer_friendly ? 'newcomer-friendly' : undefined,
  ].filter((note) => note !== undefined);
  return `- **${escapeInlineMarkdown(role.role)}**${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}

function escapeInlineMarkdown(text: string): string {
  return text.replace(/[\\*_`[\]<>]/g, (c) => `\\${c}`);
}
