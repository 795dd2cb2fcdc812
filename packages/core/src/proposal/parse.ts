import { type Person, PROJECT_SUMMARY_MAX, PROJECT_TITLE_MAX, type Project, type Research } from '../model.ts';
import {
  PROPOSAL_LIMITS,
  parseCompute,
  parseDiscordId,
  parseHelpWanted,
  parseLeads,
  parseLinks,
  parseMilestones,
  parseNames,
  parsePapers,
  parseSlug,
  parseTags,
  titleProblem,
} from './fields.ts';
import { fieldLabel, loadProposalForm, type ProposalFieldId, type ProposalForm } from './form.ts';
import { type ProposalExtras, renderProjectYaml, renderProposalUpdate, renderReadme } from './render.ts';
import { splitSections } from './sections.ts';
import { describeHiddenCharacter, findHiddenCharacter, inlineCode, plainTextProblem, truncate } from './text.ts';
import { checkProposalFiles } from './validate.ts';

/**
 * The longest body read, in UTF-16 code units: GitHub caps issue bodies at 65,536 characters, which is
 * twice that in code units when every character is an emoji. Anything longer did not come from GitHub.
 */
export const PROPOSAL_BODY_MAX = 131_072;

/** Where `issue`-less problems are filed: the body as a whole. */
export const BODY_FIELD = 'Issue body';

export interface ProposalProblem {
  /** The form field label as the member sees it, e.g. "Milestones", or "Issue body". */
  field: string;
  /** The field id in the template (`milestones`), when the problem belongs to one field. */
  id?: string;
  message: string;
}

/** A slug already in use, and by what, in words: "projects/induction-heads on main", "proposal #12". */
export interface TakenSlug {
  slug: string;
  by: string;
}

export interface ParseProposalOptions {
  /** GitHub login of the issue's author: the lead when Leads is empty. */
  author: string;
  issue: number;
  /** Today, YYYY-MM-DD (UTC): the reference for date rules. */
  today: string;
  /** The issue form template (YAML); the one shipped with Circuitboard when absent. */
  template?: string;
  /** The day the issue was opened, YYYY-MM-DD: names the first update. Defaults to `today`. */
  proposedOn?: string;
  /** Link to the issue, written into README.md and the first update. */
  issueUrl?: string;
  /** Slugs that are not free (folders on the default branch, other open proposals). */
  taken?: readonly TakenSlug[];
}

export interface Proposal {
  slug: string;
  project: Project;
  /** Repository-relative path → content: project.yml, README.md and updates/<date>-proposal.md under projects/<slug>/. */
  files: Record<string, string>;
  readme: string;
  extras: ProposalExtras;
}

export interface ProposalResult {
  /** Present exactly when `errors` is empty. */
  proposal?: Proposal;
  errors: ProposalProblem[];
  /** Things that did not stop the proposal but that the author may want to know. */
  warnings: ProposalProblem[];
  /** The folder name, when one could be worked out, even if other fields have errors. */
  slug?: string;
  /** The project title as written, when there is one. */
  title?: string;
}

/**
 * Reads a proposal issue body into a project folder, or says field by field what to change. Pure
 * and total: any string yields a result, never an exception.
 */
export function parseProposal(body: string, options: ParseProposalOptions): ProposalResult {
  try {
    return parse(typeof body === 'string' ? body : '', options);
  } catch (error) {
    // Every path above is meant to be total; if one is not, the member still gets an answer.
    return {
      errors: [
        {
          field: BODY_FIELD,
          message: `could not be read (${(error as Error)?.message ?? 'unknown error'}); this is a bug in Circuitboard, please tell a maintainer`,
        },
      ],
      warnings: [],
    };
  }
}

class Problems {
  readonly errors: ProposalProblem[] = [];
  readonly warnings: ProposalProblem[] = [];
  private readonly form: ProposalForm | undefined;
  constructor(form: ProposalForm | undefined) {
    this.form = form;
  }
  private entry(id: string | undefined, message: string): ProposalProblem {
    return id === undefined ? { field: BODY_FIELD, message } : { field: fieldLabel(this.form, id), id, message };
  }
  error(id: string | undefined, message: string): void {
    this.errors.push(this.entry(id, message));
  }
  warn(id: string | undefined, message: string): void {
    this.warnings.push(this.entry(id, message));
  }
}

/** Fields that hold one line or a list: text that spills into them from an unknown heading breaks them. */
const STRUCTURED_FIELDS: ReadonlySet<string> = new Set([
  'title',
  'leads',
  'milestones',
  'tags',
  'links',
  'papers',
  'models',
  'datasets',
  'compute',
  'help_wanted',
  'time_commitment',
  'discord',
  'slug',
]);

function parse(body: string, options: ParseProposalOptions): ProposalResult {
  const loaded = loadProposalForm(options.template);
  if (!loaded.form) {
    return {
      errors: [{ field: 'Issue form', message: `${loaded.error}; a maintainer needs to fix .github/ISSUE_TEMPLATE` }],
      warnings: [],
    };
  }
  const form = loaded.form;
  const problems = new Problems(form);
  if (body.length > PROPOSAL_BODY_MAX) {
    problems.error(
      undefined,
      `is ${body.length.toLocaleString('en')} characters long, more than GitHub allows; shorten the answers (put long text in a linked document)`,
    );
    return { errors: problems.errors, warnings: [] };
  }
  const sections = splitSections(body, form);
  if (sections.present.size === 0) {
    problems.error(
      undefined,
      `does not use the proposal form: its answers start with headings like ${inlineCode(`### ${fieldLabel(form, 'title')}`)}. Open a new issue with the “Propose a research project” form, or copy its headings into this one`,
    );
    return { errors: problems.errors, warnings: [] };
  }
  for (const id of sections.duplicated) {
    const heading = inlineCode(`### ${fieldLabel(form, id)}`);
    problems.error(
      id,
      `the heading ${heading} appears more than once. GitHub separates the form's answers with these headings, so inside an answer use ${inlineCode('#### …')} or **bold** instead`,
    );
  }
  const UNKNOWN_SHOWN = 5;
  if (sections.unknownHeadings.length > UNKNOWN_SHOWN) {
    problems.warn(
      undefined,
      `has ${sections.unknownHeadings.length - UNKNOWN_SHOWN} more \`###\` headings that are not questions of the form`,
    );
  }
  for (const { heading, field } of sections.unknownHeadings.slice(0, UNKNOWN_SHOWN)) {
    const shown = inlineCode(`### ${truncate(heading, 60)}`);
    if (field === undefined) {
      problems.warn(undefined, `the section ${shown} before the form's first question was ignored`);
    } else if (STRUCTURED_FIELDS.has(field)) {
      problems.error(
        field,
        `is followed by a section ${shown} that is not part of the form, so its text ran into this answer; remove that heading, or move its text under “${fieldLabel(form, 'question')}”`,
      );
    } else {
      problems.warn(field, `the section ${shown} is not part of the form; it was kept as part of this answer`);
    }
  }
  const value = (id: ProposalFieldId) => sections.values.get(id);
  const has = (id: ProposalFieldId) => form.fields.has(id);
  for (const [id, field] of form.fields) {
    if (field.required && value(id as ProposalFieldId) === undefined) {
      const missing = sections.present.has(id) ? 'is empty' : 'is missing';
      problems.error(id, `${missing}; it is required.${field.description ? ` ${field.description}` : ''}`);
    }
  }

  const title = value('title');
  if (title !== undefined) {
    const problem = titleProblem(title, PROJECT_TITLE_MAX);
    if (problem) problems.error('title', problem);
  }

  let summary = value('summary');
  if (summary !== undefined) {
    const hidden = findHiddenCharacter(summary, { multiline: true, allowInvisible: false });
    const plain = plainTextProblem(summary, { allowMentions: true });
    if (hidden) problems.error('summary', describeHiddenCharacter(hidden));
    else if (plain) problems.error('summary', plain);
    if (/\n\s*\n/.test(summary)) {
      problems.warn(
        'summary',
        `is one paragraph in project.yml, so its paragraphs were joined; put longer text under “${fieldLabel(form, 'question')}”`,
      );
    }
    summary = summary.replace(/\s+/g, ' ').trim();
    if (summary.length > PROJECT_SUMMARY_MAX) {
      problems.error(
        'summary',
        `is ${summary.length.toLocaleString('en')} characters long; keep it to ${PROJECT_SUMMARY_MAX.toLocaleString('en')} and put the rest under “${fieldLabel(form, 'question')}”`,
      );
    }
  }

  const extras: ProposalExtras = {};
  const markdownField = (id: ProposalFieldId, max: number): string | undefined => {
    const text = value(id);
    if (text === undefined) return undefined;
    const hidden = findHiddenCharacter(text, { multiline: true, allowInvisible: true });
    if (hidden) problems.error(id, describeHiddenCharacter(hidden));
    if (text.length > max)
      problems.error(
        id,
        `is ${text.length.toLocaleString('en')} characters long; keep it to ${max.toLocaleString('en')} (link to a document for more)`,
      );
    return text;
  };
  const question = markdownField('question', PROPOSAL_LIMITS.question);
  if (question !== undefined) extras.question = question;
  const time = value('time_commitment');
  if (time !== undefined) {
    const problem = titleProblem(time, PROPOSAL_LIMITS.timeCommitment);
    if (problem) problems.error('time_commitment', problem);
    else extras.timeCommitment = time;
  }

  const report = <T>(id: ProposalFieldId, outcome: { value: T; errors: string[]; warnings: string[] }): T => {
    for (const message of outcome.errors) problems.error(id, message);
    for (const message of outcome.warnings) problems.warn(id, message);
    return outcome.value;
  };
  const leads = report('leads', parseLeads(has('leads') ? value('leads') : undefined, options.author));
  const milestones = report('milestones', parseMilestones(value('milestones')));
  const tags = report('tags', parseTags(value('tags')));
  const links = report('links', parseLinks(value('links')));
  const helpWanted = report('help_wanted', parseHelpWanted(value('help_wanted')));
  const research: Research = {};
  const papers = report('papers', parsePapers(value('papers')));
  if (papers.length > 0) research.papers = papers;
  const models = report('models', parseNames(value('models'), 'models'));
  if (models.length > 0) research.models = models;
  const datasets = report('datasets', parseNames(value('datasets'), 'datasets'));
  if (datasets.length > 0) research.datasets = datasets;
  const compute = report('compute', parseCompute(value('compute')));
  if (compute !== undefined) research.compute = compute;
  const discord = report('discord', parseDiscordId(value('discord')));
  if (discord !== undefined) attachDiscord(leads, discord, options.author, problems);

  const slugOutcome = parseSlug(value('slug'), title);
  const slug = report('slug', slugOutcome);
  if (slug !== undefined) {
    const taken = options.taken?.find((t) => t.slug === slug);
    if (taken) {
      const made = slugOutcome.derived ? ` (made from the ${fieldLabel(form, 'title')})` : '';
      problems.error(
        'slug',
        `${inlineCode(slug)}${made} is already used by ${taken.by}; write another folder name here, for example ${inlineCode(alternative(slug, options.taken ?? []))}`,
      );
    }
  }

  const result: ProposalResult = { errors: problems.errors, warnings: problems.warnings };
  if (slug !== undefined) result.slug = slug;
  if (title !== undefined) result.title = title;
  // The project checks below are a backstop for rules the form checks above do not cover; running them
  // on a proposal that already has errors would only say the same things again in YAML terms.
  if (problems.errors.length > 0 || title === undefined || summary === undefined || slug === undefined) {
    return order(result, form);
  }

  const project: Project = {
    title,
    status: 'active',
    summary,
    leads,
    ...(tags.length > 0 ? { tags } : {}),
    ...(Object.keys(links).length > 0 ? { links } : {}),
    proposal: options.issue,
    ...(milestones.length > 0 ? { milestones } : {}),
    ...(helpWanted.length > 0 ? { help_wanted: helpWanted } : {}),
    ...(Object.keys(research).length > 0 ? { research } : {}),
  };
  const context = {
    author: options.author,
    issue: options.issue,
    ...(options.issueUrl ? { issueUrl: options.issueUrl } : {}),
  };
  const folder = `projects/${slug}`;
  const readme = renderReadme(project, extras, context);
  const date = options.proposedOn ?? options.today;
  const files = {
    [`${folder}/project.yml`]: renderProjectYaml(project),
    [`${folder}/README.md`]: readme,
    [`${folder}/updates/${date}-proposal.md`]: renderProposalUpdate(project, { ...context, date }),
  };
  for (const check of checkProposalFiles(files, options.today)) {
    if (check.severity === 'error') problems.error(check.field, check.message);
    else problems.warn(check.field, check.message);
  }
  if (problems.errors.length > 0) return order(result, form);
  result.proposal = { slug, project, readme, extras, files };
  return order(result, form);
}

/** The Discord id field is the author's own: it goes on their lead entry. */
function attachDiscord(leads: Person[], discord: string, author: string, problems: Problems): void {
  const lead = leads.find((p) => p.github.toLowerCase() === author.toLowerCase());
  if (lead) lead.discord = discord;
  else
    problems.warn(
      'discord',
      `was not used: it is yours (${inlineCode(author)}), and you are not among the leads; leads can add their own id to project.yml later`,
    );
}

function alternative(slug: string, taken: readonly TakenSlug[]): string {
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${slug.slice(0, 48 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.some((t) => t.slug === candidate)) return candidate;
  }
}

/** Problems in the order of the form's questions, the body's own first. */
function order(result: ProposalResult, form: ProposalForm): ProposalResult {
  const rank = new Map([...form.fields.keys()].map((id, i) => [id, i]));
  const key = (p: ProposalProblem) => (p.id === undefined ? -1 : (rank.get(p.id) ?? rank.size));
  const sort = (list: ProposalProblem[]) =>
    list
      .map((p, i) => ({ p, i }))
      .sort((a, b) => key(a.p) - key(b.p) || a.i - b.i)
      .map(({ p }) => p);
  result.errors = sort(result.errors);
  result.warnings = sort(result.warnings);
  return result;
}

/** The folder name a proposal body asks for (given, or made from its title), without checking anything else. */
export function proposalSlug(body: string, template?: string): string | undefined {
  try {
    const { form } = loadProposalForm(template);
    if (!form || typeof body !== 'string' || body.length > PROPOSAL_BODY_MAX) return undefined;
    const sections = splitSections(body, form);
    return parseSlug(sections.values.get('slug'), sections.values.get('title')).value;
  } catch {
    return undefined;
  }
}

/** Whether a body answers the proposal form at all (has at least one of its `### ` questions). */
export function usesProposalForm(body: string, template?: string): boolean {
  try {
    const { form } = loadProposalForm(template);
    if (!form || typeof body !== 'string' || body.length > PROPOSAL_BODY_MAX) return false;
    return splitSections(body, form).present.size > 0;
  } catch {
    return false;
  }
}
