import { parseIssue } from '@github/issue-parser';
import { normaliseLabel, type ProposalForm } from './form.ts';

/** Stands in for `#` inside answers while @github/issue-parser splits the body; removed from input first. */
const HASH_STAND_IN = '\u0000';

export interface Sections {
  /** Field id → the answer, undefined when empty or `_No response_`. */
  values: Map<string, string | undefined>;
  /** Field ids whose heading appears in the body. */
  present: Set<string>;
  /** Field ids whose `### Label` heading appears more than once. */
  duplicated: Set<string>;
  /** `### Something` lines that are not a question of the form, with the field they ended up in. */
  unknownHeadings: { heading: string; field: string | undefined }[];
}

/**
 * Splits an issue-form body into answers with @github/issue-parser. The body is first rewritten
 * line by line so that only the first `### <label>` line of each form question stays a heading:
 * every other `#` is swapped for a stand-in and restored afterwards. That keeps `###` typed inside
 * an answer in that answer, and keeps the parser's regular expression linear on any input.
 */
export function splitSections(body: string, form: ProposalForm): Sections {
  const lines = body.replaceAll(HASH_STAND_IN, '').split(/\r\n?|\n/);
  const present = new Set<string>();
  const duplicated = new Set<string>();
  const unknownHeadings: Sections['unknownHeadings'] = [];
  let current: string | undefined;
  const canonical: string[] = [];
  for (const line of lines) {
    const heading = headingText(line);
    if (heading !== undefined) {
      const id = form.byLabel.get(normaliseLabel(heading));
      if (id !== undefined && !present.has(id)) {
        present.add(id);
        current = id;
        canonical.push(`### ${form.fields.get(id)!.label}`);
        continue;
      }
      if (id !== undefined) duplicated.add(id);
      else if (heading !== '') unknownHeadings.push({ heading, field: current });
    }
    canonical.push(line.replaceAll('#', HASH_STAND_IN));
  }
  const parsed = parseIssue(canonical.join('\n'), form.template);
  const values = new Map<string, string | undefined>();
  for (const id of form.fields.keys()) {
    const value = parsed[id];
    if (typeof value === 'string') values.set(id, value.replaceAll(HASH_STAND_IN, '#'));
    else if (Array.isArray(value)) values.set(id, value.join(', ').replaceAll(HASH_STAND_IN, '#'));
    else values.set(id, undefined);
  }
  return { values, present, duplicated, unknownHeadings };
}

/** The text of a level-3 ATX heading line (`### Summary`), without regular expressions that could backtrack. */
function headingText(line: string): string | undefined {
  const trimmed = line.trimStart();
  if (line.length - trimmed.length > 3 || !trimmed.startsWith('###') || trimmed[3] === '#') return undefined;
  const rest = trimmed.slice(3);
  if (rest !== '' && rest[0] !== ' ' && rest[0] !== '\t') return undefined;
  return rest.trim();
}
