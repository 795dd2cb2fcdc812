/** One problem found in a file, positioned like a compiler error (1-based line and column). */
export interface Diagnostic {
  /** Repository-relative POSIX path, e.g. `projects/induction-heads/project.yml`. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: 'error' | 'warning';
  /** Short rule id from {@link RULES}, e.g. `unknown-key`. */
  rule: string;
  /** What is wrong and what to write instead. */
  message: string;
  /** Dotted field path when known, e.g. `milestones.1.due`. */
  field?: string;
}

/** Every rule id a diagnostic can carry, with what it checks (for docs and `--format json` consumers). */
export const RULES = {
  'yaml-syntax': 'The file is well-formed YAML 1.2 with one document.',
  'duplicate-key': 'A key appears at most once in a mapping.',
  'no-alias': 'No anchors (&a), aliases (*a) or merge keys (<<).',
  'yaml-tag': 'No explicit tags (!!str, !custom); quote text instead.',
  'file-too-large': 'Files stay under their size cap.',
  schema: 'Values have the type and shape the schema asks for.',
  'unknown-key': 'Only known keys are used.',
  'missing-key': 'Required keys are present.',
  'number-format': 'Numbers are written in decimal.',
  'invalid-date': 'Dates are real calendar days written YYYY-MM-DD.',
  'slug-folder':
    'A project folder is named with a slug: lowercase ASCII words joined by hyphens, at most 48 characters.',
  'lead-required': 'A project has at least one lead.',
  'duplicate-person': 'A GitHub user is listed once across leads and members.',
  'duplicate-milestone': 'Milestone ids are unique in a project.',
  'done-and-dropped': 'A milestone is not both done and dropped.',
  'done-in-future': 'A milestone is not marked done on a day that has not come yet.',
  snowflake: 'Discord ids are quoted strings of 17–20 digits.',
  'link-scheme': 'Links are http(s) URLs; output links are https.',
  'paper-id': 'Papers are arxiv:<id> or doi:<doi> identifiers that can exist.',
  'duplicate-entry': 'A role, skill, paper, model, dataset or output link is listed once.',
  'output-in-future': 'An output is not dated on a day that has not come yet.',
  'unexpected-file': 'A project folder holds only project.yml, README.md and updates/*.md.',
  'update-name': 'Updates are named updates/YYYY-MM-DD-<topic>.md with a real date.',
  'missing-project-file': 'Every project folder has a project.yml.',
  symlink: 'No symbolic links under projects/.',
  'bidi-control': 'No bidirectional control characters, which make text display differently from what it says.',
  'invisible-character': 'No zero-width or control characters in text.',
  'not-utf8': 'Files are UTF-8 text.',
} as const satisfies Record<string, string>;
export type RuleId = keyof typeof RULES;

/** `projects/x/project.yml:12:5: error: <message> (<rule>)`, the format editors and CI annotations understand. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} (${d.rule})`;
}

/** Orders diagnostics by file, then position, then rule, so output is stable. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}
