import { closest, distance } from 'fastest-levenshtein';
import type * as z from 'zod';
import type { Diagnostic } from './diagnostics.ts';
import { HttpsUrl, HttpUrl, IsoDate, PaperIdentifier, Snowflake } from './model.ts';
import { readPaperId } from './paper-id.ts';
import { type FieldPath, fieldLabel, type YamlSource } from './source.ts';
import { quote } from './text.ts';

type Schema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;

/** What a file kind adds to the schema for friendly messages; paths use `*` for list indexes. */
export interface SchemaGuide {
  schema: z.ZodType;
  /** Example YAML for a field, shown when it is missing, empty or the wrong shape. */
  examples: Readonly<Record<string, string>>;
  /** Rule ids for specific fields, overriding `missing-key`/`schema` (e.g. `leads` → `lead-required`). */
  rules?: Readonly<Record<string, string>>;
  /** How to fix a missing field when "add it" is not enough (`leads` → `add at least one lead`). */
  missing?: Readonly<Record<string, string>>;
  /** Top-level keys that belong inside another one (`papers` → `research`); the hint shows where. */
  belongsUnder?: Readonly<Record<string, string>>;
  /** Keys people often write for another key (`description` → `summary`); the first one known where it is written wins. */
  synonyms?: Readonly<Record<string, string | readonly string[]>>;
}

/** Leaf schemas whose failures have their own rule id; matched by definition since `.meta()` clones share it. */
const LEAF_RULES = new Map<unknown, string>([
  [IsoDate._zod.def, 'invalid-date'],
  [Snowflake._zod.def, 'snowflake'],
  [HttpUrl._zod.def, 'link-scheme'],
  [HttpsUrl._zod.def, 'link-scheme'],
  [PaperIdentifier._zod.def, 'paper-id'],
]);

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  valueType?: Schema;
}

function defOf(schema: Schema): Def {
  return schema._zod.def as unknown as Def;
}

function unwrap(schema: Schema): Schema {
  let current = schema;
  for (let i = 0; i < 16; i++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

/** The schema that describes the value at `path`, if the path exists in the schema. */
export function schemaAt(root: Schema, path: FieldPath): Schema | undefined {
  let current: Schema | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    const def = defOf(unwrap(current));
    if (def.type === 'object' && typeof segment === 'string') {
      current = Object.hasOwn(def.shape ?? {}, segment) ? def.shape?.[segment] : undefined;
    } else if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else return undefined;
  }
  return current;
}

function knownKeys(root: Schema, path: FieldPath): string[] {
  const schema = schemaAt(root, path);
  const def = schema ? defOf(unwrap(schema)) : undefined;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

function leafRule(root: Schema, path: FieldPath): string | undefined {
  const schema = schemaAt(root, path);
  return schema ? LEAF_RULES.get(unwrap(schema)._zod.def) : undefined;
}

/** `milestones.3.due` → `milestones.*.due`, the form used in guide tables. */
function pattern(path: FieldPath): string {
  return path.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('.');
}

export function valueAt(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** A suggestion among `candidates` for a misspelt `input`, or undefined when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || input.length === 0) return undefined;
  const lower = input.toLowerCase();
  const best = closest(lower, candidates as string[]);
  const limit = Math.max(2, Math.floor(lower.length / 3));
  return distance(lower, best) <= limit ? best : undefined;
}

/** Turns zod issues into positioned diagnostics that say what to write instead; one per field. */
export function schemaDiagnostics(
  issues: readonly Issue[],
  data: unknown,
  source: YamlSource,
  guide: SchemaGuide,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (d: Diagnostic) => {
    // zod may report a field twice (a date that is both malformed and not a real day); the first says enough.
    if (seen.has(d.field ?? '')) return;
    seen.add(d.field ?? '');
    out.push(d);
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(unknownKey([...issue.path] as FieldPath, key, source, guide));
      continue;
    }
    add(describeIssue(issue, data, source, guide));
  }
  return out;
}

function unknownKey(parent: FieldPath, key: string, source: YamlSource, guide: SchemaGuide): Diagnostic {
  const path = [...parent, key];
  const known = knownKeys(guide.schema, parent);
  const home = parent.length === 0 ? guide.belongsUnder?.[key] : undefined;
  if (home && known.includes(home)) {
    const example = guide.examples[`${home}.${key}`];
    const shown = example ? `, e.g.\n${indent(`${home}:\n${indent(example)}`)}` : '';
    return source.diagnostic(
      source.positionOf(path, 'key'),
      'unknown-key',
      `unknown key ${quote(key)}; ${key} goes under ${home}:${shown}`,
      path,
    );
  }
  const synonyms = guide.synonyms?.[key.toLowerCase()];
  const synonym = [synonyms ?? []].flat().find((candidate) => known.includes(candidate));
  const suggestion = synonym ?? didYouMean(key, known);
  const hint = suggestion
    ? `did you mean "${suggestion}"?`
    : known.length > 0
      ? `the keys allowed ${parent.length === 0 ? 'at the top level' : `in ${fieldLabel(parent)}`} are ${known.join(', ')}`
      : 'remove it';
  return source.diagnostic(source.positionOf(path, 'key'), 'unknown-key', `unknown key ${quote(key)}; ${hint}`, path);
}

function describeIssue(issue: Issue, data: unknown, source: YamlSource, guide: SchemaGuide): Diagnostic {
  const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const label = fieldLabel(path);
  const actual = valueAt(data, path);
  const example = guide.examples[pattern(path)];
  const withExample = example ? `, e.g.\n${indent(example)}` : '';
  const fieldRule = guide.rules?.[pattern(path)];
  const rule = leafRule(guide.schema, path) ?? fieldRule ?? 'schema';
  const at = (message: string, ruleId = rule, part: 'key' | 'value' = 'value') =>
    source.diagnostic(source.positionOf(path, part), ruleId, message, path);

  if (actual === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return source.diagnostic(
      source.positionOf(path.slice(0, -1)),
      fieldRule ?? 'missing-key',
      `${label} is required: ${guide.missing?.[pattern(path)] ?? 'add it'}${withExample || ` to ${fieldLabel(path.slice(0, -1))}`}`,
      path,
    );
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (actual === null) return at(`${label} is empty; write ${expectedName(issue.expected)}${withExample}`);
      return at(wrongType(issue.expected, path, actual, source, rule, withExample));
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      if (values.length === 1) return at(`${label} must be ${values[0]}; got ${describe(actual)}`);
      const suggestion = typeof actual === 'string' ? didYouMean(actual, values) : undefined;
      return at(
        `${label} must be one of ${values.join(', ')}; got ${describe(actual)}${suggestion ? ` — did you mean "${suggestion}"?` : ''}`,
      );
    }
    case 'invalid_key': {
      const inner = issue.issues[0]?.message ?? 'is not allowed here';
      const key = String(path[path.length - 1]);
      return at(`key ${quote(key)} is not allowed: ${inner}`, rule === 'link-scheme' ? 'schema' : rule, 'key');
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        return at(
          min <= 1 ? `${label} is empty; write some text${withExample}` : `${label} must be at least ${min} characters`,
        );
      }
      if (issue.origin === 'array') {
        return at(`${label} needs at least ${min} ${min === 1 ? 'entry' : 'entries'}${withExample}`);
      }
      if (!issue.inclusive && min === 0) return at(`${label} must be a positive number; got ${describe(actual)}`);
      return at(`${label} must be at least ${min}; got ${describe(actual)}`);
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string' && typeof actual === 'string') {
        return at(`${label} is ${actual.length} characters long; shorten it to at most ${max}`);
      }
      if (issue.origin === 'array' && Array.isArray(actual)) {
        return at(`${label} has ${actual.length} entries; keep at most ${max}`);
      }
      if ((issue.origin === 'number' || issue.origin === 'int') && max >= Number.MAX_SAFE_INTEGER) {
        return at(`${label} is too large to be kept exactly; check the number`);
      }
      return at(`${label} must be at most ${max}; got ${describe(actual)}`);
    }
    case 'invalid_format': {
      if (pattern(path).endsWith('.github') && typeof actual === 'string' && actual.startsWith('@')) {
        return at(`${label} is a GitHub username without the @; write github: ${actual.slice(1)}`);
      }
      return at(`${label} ${issue.message}; got ${describe(actual)}`);
    }
    case 'custom':
      // A check whose message already quotes the value and says what to write (paper identifiers).
      if ((issue.params as { standalone?: boolean } | undefined)?.standalone) return at(issue.message);
      return at(`${label} ${issue.message}; got ${describe(actual)}`);
    default:
      return at(`${label}: ${issue.message}`);
  }
}

function wrongType(
  expected: string,
  path: FieldPath,
  actual: unknown,
  source: YamlSource,
  rule: string,
  withExample: string,
): string {
  const label = fieldLabel(path);
  const key = path[path.length - 1];
  const write = (text: string) => (typeof key === 'string' ? `${key}: ${text}` : `- ${text}`);
  const scalar = source.scalarAt(path);
  if (rule === 'paper-id' && actual !== null && typeof actual === 'object' && !Array.isArray(actual)) {
    // `- arxiv: 2211.00593` (a space after the colon) is a mapping in YAML.
    const [prefix, rest] = Object.entries(actual)[0] ?? [];
    const id = prefix === undefined ? undefined : readPaperId(`${prefix}:${String(rest)}`).id;
    if (id && Object.keys(actual).length === 1) {
      return `${label} has a space after the colon, so YAML reads it as a mapping; write it in one piece: ${write(id)}`;
    }
  }
  if (expected === 'string') {
    if (scalar?.plain && (typeof actual === 'number' || typeof actual === 'boolean')) {
      if (rule === 'snowflake') {
        return `${label} must be in quotes: YAML reads ${scalar.source} as a number and loses digits (it becomes ${String(actual)}); write ${write(`"${scalar.source}"`)}`;
      }
      if (rule === 'invalid-date')
        return `${label} must be a date written as YYYY-MM-DD, like 2026-11-15; got ${scalar.source}`;
      if (rule === 'paper-id') {
        // YAML reads a bare arXiv id such as 2211.00593 as a number; the prefix makes it text and says what it is.
        const id = readPaperId(scalar.source).id;
        return id
          ? `${label} is ${scalar.source}, which YAML reads as a number; write the paper with its prefix: ${write(id)}`
          : `${label} must be a paper identifier, like arxiv:2211.00593 or doi:10.48550/arXiv.2301.05217; got ${scalar.source}`;
      }
      return `${label} must be text, but YAML reads ${scalar.source} as a ${typeof actual}; put it in quotes: ${write(`"${scalar.source}"`)}`;
    }
    if (rule === 'invalid-date')
      return `${label} must be a date written as YYYY-MM-DD, like 2026-11-15; got ${describe(actual)}`;
    return `${label} must be text; got ${describe(actual)}${withExample}`;
  }
  if (expected === 'boolean' && typeof actual === 'string') {
    if (/^(y|yes|on|true)$/i.test(actual)) {
      return `${label} must be true or false; ${quote(actual)} is text in YAML 1.2, so write ${write('true')}`;
    }
    if (/^(n|no|off|false)$/i.test(actual)) {
      return `${label} must be true or false; ${quote(actual)} is text in YAML 1.2, so write ${write('false')}`;
    }
  }
  if ((expected === 'number' || expected === 'int') && typeof actual === 'string' && /^[0-9]+$/.test(actual)) {
    return `${label} must be a number; remove the quotes: ${write(actual)}`;
  }
  if (expected === 'int' && typeof actual === 'number') return `${label} must be a whole number; got ${String(actual)}`;
  return `${label} must be ${expectedName(expected)}; got ${describe(actual)}${withExample}`;
}

function expectedName(expected: string): string {
  switch (expected) {
    case 'string':
      return 'some text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list, one "- " line per entry';
    case 'object':
    case 'record':
      return 'a mapping of "key: value" lines';
    default:
      return expected;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function indent(example: string): string {
  return example
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
