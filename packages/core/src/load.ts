import { utcToday } from './dates.ts';
import { compareDiagnostics, type Diagnostic } from './diagnostics.ts';
import { CommunityConfig, Project } from './model.ts';
import { projectRules } from './project-rules.ts';
import { type SchemaGuide, schemaDiagnostics, valueAt } from './schema-issues.ts';
import { fieldLabel, YamlSource } from './source.ts';

/** Largest project.yml or config file read; anything bigger is refused before parsing. */
export const MAX_FILE_BYTES = 64 * 1024;

/** The first line of every generated project.yml, so editors complete and check fields. */
export const PROJECT_SCHEMA_COMMENT = '# yaml-language-server: $schema=../../packages/core/schemas/project.schema.json';
export const CONFIG_SCHEMA_COMMENT = '# yaml-language-server: $schema=../packages/core/schemas/config.schema.json';

const PERSON = '- github: your-username';
const HELP_WANTED_EXAMPLE =
  '- role: Run activation-patching sweeps\n  skills: [python, transformerlens]\n  hours_per_week: 3\n  newcomer_friendly: true';
const OUTPUT_EXAMPLE =
  '- kind: post\n  title: Induction heads form in a phase change\n  url: https://www.lesswrong.com/posts/…\n  date: 2026-11-20';

const PROJECT_GUIDE: SchemaGuide & { name: string; tooLarge: string } = {
  name: 'project.yml',
  tooLarge: 'move long text into the README.md or an update next to it',
  schema: Project,
  examples: {
    title: 'title: Induction heads across Pythia checkpoints',
    status: 'status: proposed',
    summary: 'summary: >-\n  One paragraph: the question and why it matters.',
    leads: `leads:\n  ${PERSON}`,
    members: 'members:\n  - github: their-username',
    'leads.*': PERSON,
    'members.*': '- github: their-username',
    'leads.*.github': 'github: your-username',
    'members.*.github': 'github: their-username',
    tags: 'tags: [induction-heads, pythia]',
    links: 'links:\n  repo: https://github.com/example/repo',
    proposal: 'proposal: 42',
    milestones: 'milestones:\n  - id: replicate\n    title: Replicate the result\n    due: 2026-11-15',
    'milestones.*': '- id: replicate\n  title: Replicate the result',
    'milestones.*.id': 'id: replicate',
    'milestones.*.title': 'title: Replicate the phase change on Pythia-70m',
    help_wanted: `help_wanted:\n${indent(HELP_WANTED_EXAMPLE)}`,
    'help_wanted.*': HELP_WANTED_EXAMPLE,
    'help_wanted.*.role': 'role: Run activation-patching sweeps',
    'help_wanted.*.skills': 'skills: [python, transformerlens]',
    'help_wanted.*.hours_per_week': 'hours_per_week: 3',
    research: 'research:\n  papers: [arxiv:2211.00593]\n  compute: 1×A100 for about 20 hours',
    'research.papers': 'papers: [arxiv:2211.00593, doi:10.48550/arXiv.2301.05217]',
    'research.models': 'models: [pythia-160m]',
    'research.datasets': 'datasets: [openwebtext]',
    'research.compute': 'compute: 1×A100 for about 20 hours',
    outputs: `outputs:\n${indent(OUTPUT_EXAMPLE)}`,
    'outputs.*': OUTPUT_EXAMPLE,
    'outputs.*.title': 'title: Induction heads form in a phase change',
    'outputs.*.url': 'url: https://www.lesswrong.com/posts/…',
    'outputs.*.date': 'date: 2026-11-20',
    hackathon: 'hackathon: winter-2027',
  },
  missing: { leads: 'add at least one lead' },
  belongsUnder: { papers: 'research', models: 'research', datasets: 'research', compute: 'research' },
  rules: { leads: 'lead-required' },
  synonyms: {
    description: 'summary',
    name: ['title', 'role'],
    lead: 'leads',
    owner: 'leads',
    owners: 'leads',
    member: 'members',
    contributors: 'members',
    deadline: 'due',
    completed: 'done',
    finished: 'done',
    tag: 'tags',
    url: 'links',
    issue: 'proposal',
    start: 'started',
    help: 'help_wanted',
    helpwanted: 'help_wanted',
    'help-wanted': 'help_wanted',
    roles: 'help_wanted',
    wanted: 'help_wanted',
    references: 'research',
    results: 'outputs',
    output: 'outputs',
    publications: 'outputs',
    event: 'hackathon',
    title: 'role',
    skill: 'skills',
    hours: 'hours_per_week',
    hours_a_week: 'hours_per_week',
    newcomers: 'newcomer_friendly',
    beginner_friendly: 'newcomer_friendly',
    newcomer: 'newcomer_friendly',
    paper: 'papers',
    model: 'models',
    dataset: 'datasets',
    type: 'kind',
    link: ['links', 'url'],
    published: 'date',
  },
};

const CONFIG_GUIDE: SchemaGuide & { name: string; tooLarge: string } = {
  name: 'the config',
  tooLarge: 'remove what is not configuration',
  schema: CommunityConfig,
  examples: {
    version: 'version: 1',
    community: 'community:\n  name: Your community',
    'community.name': 'name: Mechanistic Interpretability Discord',
  },
};

interface Parsed<T> {
  value?: T;
  diagnostics: Diagnostic[];
}

function parseWith<T>(
  text: string,
  file: string,
  guide: SchemaGuide & { name: string; tooLarge: string },
  rules?: (data: unknown, source: YamlSource) => Diagnostic[],
): Parsed<T> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_FILE_BYTES) {
    return {
      diagnostics: [
        {
          file,
          line: 1,
          column: 1,
          severity: 'error',
          rule: 'file-too-large',
          message: `${guide.name} is ${bytes.toLocaleString('en')} bytes, over the limit of ${MAX_FILE_BYTES.toLocaleString('en')} bytes (64 KiB); ${guide.tooLarge}`,
        },
      ],
    };
  }
  const source = new YamlSource(text, file);
  const diagnostics = [...source.diagnostics];
  if (source.fatal) return { diagnostics: diagnostics.sort(compareDiagnostics) };
  if (source.value === undefined || source.value === null) {
    diagnostics.push(source.diagnostic(source.rangeAt(0), 'missing-key', emptyFileMessage(guide)));
    return { diagnostics: diagnostics.sort(compareDiagnostics) };
  }
  const result = guide.schema.safeParse(source.value);
  if (!result.success) diagnostics.push(...schemaDiagnostics(result.error.issues, source.value, source, guide));
  const reported = new Set(diagnostics.map((d) => d.field));
  for (const { path, node } of source.oddNumbers) {
    if (reported.has(path.join('.'))) continue;
    const written = text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
    const value = valueAt(source.value, path);
    const fix = Number.isFinite(value) ? `write it in decimal: ${String(value)}` : 'write a decimal number';
    diagnostics.push(
      source.diagnostic(
        source.rangeOf(node),
        'number-format',
        `${fieldLabel(path)} is written as ${written}; ${fix}`,
        path,
      ),
    );
  }
  if (rules) diagnostics.push(...rules(source.value, source));
  diagnostics.sort(compareDiagnostics);
  const ok = result.success && !diagnostics.some((d) => d.severity === 'error');
  return ok ? { value: result.data as T, diagnostics } : { diagnostics };
}

function emptyFileMessage(guide: SchemaGuide & { name: string }): string {
  const required = Object.entries(guide.examples).filter(([key]) => !key.includes('.') && isRequired(guide, key));
  const keys = required.map(([key]) => key).join(', ');
  return `${guide.name} is empty; it needs at least ${keys}, e.g.\n${required.map(([, example]) => indent(example)).join('\n')}`;
}

function isRequired(guide: SchemaGuide, key: string): boolean {
  const shape = (guide.schema._zod.def as unknown as { shape?: Record<string, { _zod: { optin?: string } }> }).shape;
  return shape?.[key]?._zod.optin !== 'optional';
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/**
 * Reads a project.yml: YAML 1.2 core schema, no aliases, no duplicate keys, 64 KiB cap, then the
 * schema and the project rules. Never throws; `project` is set only when there is no error.
 */
export function parseProjectYaml(
  text: string,
  file: string,
  options: { today?: string } = {},
): { project?: Project; diagnostics: Diagnostic[] } {
  try {
    const today = options.today ?? utcToday();
    const { value, diagnostics } = parseWith<Project>(text, file, PROJECT_GUIDE, (data, source) =>
      projectRules(data, source, today),
    );
    return value ? { project: value, diagnostics } : { diagnostics };
  } catch (error) {
    return { diagnostics: [internalError(file, error)] };
  }
}

/** Reads `.github/circuitboard.yml` with the same guarantees; defaults are filled in. Never throws. */
export function parseConfigYaml(text: string, file: string): { config?: CommunityConfig; diagnostics: Diagnostic[] } {
  try {
    const { value, diagnostics } = parseWith<CommunityConfig>(text, file, CONFIG_GUIDE);
    return value ? { config: value, diagnostics } : { diagnostics };
  } catch (error) {
    return { diagnostics: [internalError(file, error)] };
  }
}

/** A bug in the loader must still name the file rather than crash the run. */
function internalError(file: string, error: unknown): Diagnostic {
  return {
    file,
    line: 1,
    column: 1,
    severity: 'error',
    rule: 'yaml-syntax',
    message: `could not read this file (${error instanceof Error ? error.message : String(error)}); simplify it and report this as a Circuitboard bug`,
  };
}
