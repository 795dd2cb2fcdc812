import {
  type Document,
  type DocumentOptions,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  type ParseOptions,
  parseDocument,
  type Scalar,
  type SchemaOptions,
  type YAMLError,
} from 'yaml';
import type { Diagnostic } from './diagnostics.ts';
import { codePoint, findSuspiciousCharacter, quote } from './text.ts';

export type FieldPath = readonly (string | number)[];

export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Deeper than any real project.yml; stops hostile nesting before it costs anything. */
const MAX_DEPTH = 32;
/** A broken file (or an alias bomb) can produce hundreds of errors; the first few of each kind say enough. */
const MAX_PER_RULE = 5;

/** YAML 1.2 core schema (no yes/no booleans, no timestamps), keys always strings, no merge keys. */
const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  merge: false,
  uniqueKeys: true,
  stringKeys: true,
  strict: true,
  prettyErrors: false,
  intAsBigInt: false,
};

/** A YAML file read into plain data, with the parsed document kept for positions. */
export class YamlSource {
  /** Plain data: null-prototype objects, arrays, strings, numbers, booleans and null; undefined for an empty file. */
  value: unknown = undefined;
  private readonly found: Diagnostic[] = [];
  private readonly perRule = new Map<string, number>();
  /** True when the data cannot be trusted for schema checks (syntax errors, aliases, excessive nesting). */
  fatal = false;
  /** Numbers written as 0o17, 0x1F, .inf or .nan; reported after the schema has had its say. */
  readonly oddNumbers: { path: FieldPath; node: Scalar }[] = [];
  readonly text: string;
  readonly file: string;
  private readonly lines = new LineCounter();
  private readonly doc: Document.Parsed;

  constructor(text: string, file: string) {
    this.text = text;
    this.file = file;
    this.doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter: this.lines });
    this.readErrors();
    if (!this.fatal) this.value = this.toPlain(this.doc.contents, [], 0);
  }

  /** Position of a byte offset range. */
  rangeAt(start: number, end = start): SourceRange {
    const from = this.lines.linePos(start);
    const to = this.lines.linePos(end);
    return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
  }

  /** Position of a node; 1:1 when there is none (empty document). */
  rangeOf(node: Node | null | undefined): SourceRange {
    if (!node?.range) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
    return this.rangeAt(node.range[0], node.range[1]);
  }

  /**
   * Finds the node at `path`. When the path goes further than the document (a missing key),
   * `node` is the deepest ancestor that exists, so errors point at the map that lacks the key.
   */
  find(path: FieldPath): { node: Node | null; pair?: Pair<Node, Node | null>; complete: boolean } {
    let node = this.doc.contents as Node | null;
    let pair: Pair<Node, Node | null> | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const found = (node.items as Pair<Node, Node | null>[]).find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (!found) return { node, complete: false };
        pair = found;
        node = found.value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        pair = undefined;
        node = node.items[segment] as Node | null;
      } else {
        return pair ? { node, pair, complete: false } : { node, complete: false };
      }
    }
    return pair ? { node, pair, complete: true } : { node, complete: true };
  }

  /** Position of the value (or key) at `path`, falling back to the nearest existing ancestor. */
  positionOf(path: FieldPath, part: 'value' | 'key' = 'value'): SourceRange {
    const { node, pair, complete } = this.find(path);
    if (part === 'key' && complete && pair) return this.rangeOf(pair.key);
    if (node) return this.rangeOf(node);
    // `key:` with nothing after it: point at the key.
    if (pair) return this.rangeOf(pair.key);
    return this.rangeOf(this.doc.contents);
  }

  /** The scalar at `path`, with its source text, when there is one. */
  scalarAt(path: FieldPath): { value: unknown; source: string; plain: boolean } | undefined {
    const { node, complete } = this.find(path);
    if (!complete || !isScalar(node) || !node.range) return undefined;
    return {
      value: node.value,
      source: this.text.slice(node.range[0], node.range[1]),
      plain: node.type === 'PLAIN',
    };
  }

  diagnostic(
    range: SourceRange,
    rule: string,
    message: string,
    field?: FieldPath,
    severity: Diagnostic['severity'] = 'error',
  ): Diagnostic {
    const d: Diagnostic = { file: this.file, ...range, severity, rule, message };
    if (field && field.length > 0) d.field = field.join('.');
    return d;
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.found;
  }

  private report(d: Diagnostic): void {
    const count = this.perRule.get(d.rule) ?? 0;
    this.perRule.set(d.rule, count + 1);
    if (count >= MAX_PER_RULE) return;
    if (this.found.some((f) => f.line === d.line && f.message === d.message)) return;
    this.found.push(d);
  }

  private readErrors(): void {
    for (const error of this.doc.errors) {
      this.report(this.fromYamlError(error, 'error'));
      // With a duplicate key the rest of the file is still readable, so later checks can run too.
      if (error.code !== 'DUPLICATE_KEY') this.fatal = true;
    }
    for (const warning of this.doc.warnings) {
      // Explicit tags are reported by toPlain with a better message.
      if (warning.code === 'TAG_RESOLVE_FAILED') continue;
      this.report(this.fromYamlError(warning, 'warning'));
    }
  }

  private fromYamlError(error: YAMLError, severity: Diagnostic['severity']): Diagnostic {
    const [start, end] = error.pos;
    const range = this.rangeAt(start, end);
    switch (error.code) {
      case 'DUPLICATE_KEY':
        return this.diagnostic(
          range,
          'duplicate-key',
          `key ${quote(keyAt(this.text, start))} appears more than once in this mapping; keep one of them`,
          undefined,
          severity,
        );
      case 'MULTIPLE_DOCS':
        return this.diagnostic(
          range,
          'yaml-syntax',
          'a file holds one YAML document; remove the `---` line and merge what follows into the first document',
          undefined,
          severity,
        );
      case 'BAD_ALIAS':
      case 'ALIAS_PROPS':
        return this.diagnostic(range, 'no-alias', ALIAS_MESSAGE, undefined, severity);
      case 'NON_STRING_KEY':
        return this.diagnostic(
          range,
          'schema',
          'keys must be plain words like title; a list or mapping cannot be used as a key',
          undefined,
          severity,
        );
      case 'RESOURCE_EXHAUSTION':
        return this.diagnostic(
          range,
          'yaml-syntax',
          'the file nests lists or mappings too deeply to read; write the values out flat',
          undefined,
          severity,
        );
      default:
        return this.diagnostic(
          range,
          'yaml-syntax',
          `${lowerFirst(error.message)}; ${SYNTAX_HINTS[error.code] ?? 'check the indentation, colons and quotes here'}`,
          undefined,
          severity,
        );
    }
  }

  private toPlain(node: Node | null, path: FieldPath, depth: number): unknown {
    if (node === null) return null;
    if (depth > MAX_DEPTH) {
      this.fatal = true;
      this.report(
        this.diagnostic(
          this.rangeOf(node),
          'yaml-syntax',
          `lists and mappings nest more than ${MAX_DEPTH} levels deep here; write the values out flat`,
          path,
        ),
      );
      return null;
    }
    if (isAlias(node)) {
      this.fatal = true;
      this.report(this.diagnostic(this.rangeOf(node), 'no-alias', ALIAS_MESSAGE, path));
      return null;
    }
    if ('anchor' in node && typeof node.anchor === 'string' && node.anchor !== '') {
      this.report(this.diagnostic(this.propertyRange(node, `&${node.anchor}`), 'no-alias', ANCHOR_MESSAGE, path));
    }
    if ('tag' in node && typeof node.tag === 'string') {
      this.report(
        this.diagnostic(
          this.propertyRange(node, '!'),
          'yaml-tag',
          `explicit YAML tags like ${shortTag(node.tag)} are not used here; remove the tag and put text in quotes instead`,
          path,
        ),
      );
    }
    if (isScalar(node)) return this.scalarToPlain(node, path);
    if (isSeq(node)) return node.items.map((item, i) => this.toPlain(item as Node | null, [...path, i], depth + 1));
    if (isMap(node)) {
      // A null prototype means a `__proto__` key is only ever an own property, never a prototype.
      const object: Record<string, unknown> = Object.create(null);
      for (const pair of node.items as Pair<Node, Node | null>[]) {
        if (!isScalar(pair.key)) continue; // stringKeys already reported it
        const key = String(pair.key.value);
        if (key === '__proto__') {
          // Kept out of the data entirely: zod's records drop it silently, and it is never a valid key.
          this.report(
            this.diagnostic(this.rangeOf(pair.key), 'unknown-key', 'unknown key "__proto__"; remove it', [
              ...path,
              key,
            ]),
          );
          continue;
        }
        if (key === '<<' && pair.key.type === 'PLAIN') {
          this.fatal = true;
          this.report(this.diagnostic(this.rangeOf(pair.key), 'no-alias', MERGE_MESSAGE, path));
          continue;
        }
        object[key] = this.toPlain(pair.value, [...path, key], depth + 1);
      }
      return object;
    }
    return null;
  }

  /** Where an anchor (`&name`) or tag (`!…`) written before the node starts; the node itself if not found. */
  private propertyRange(node: Node, marker: string): SourceRange {
    const start = node.range?.[0] ?? 0;
    const lineStart = this.text.lastIndexOf('\n', start - 1) + 1;
    let at = this.text.slice(lineStart, start).lastIndexOf(marker);
    if (at < 0) return this.rangeOf(node);
    at += lineStart;
    // `!!str`: step back to the first `!` of the tag.
    while (marker === '!' && at > lineStart && this.text[at - 1] === '!') at--;
    return this.rangeAt(at, start);
  }

  private scalarToPlain(node: Scalar, path: FieldPath): unknown {
    const value = node.value;
    if (typeof value === 'string') {
      const found = findSuspiciousCharacter(value);
      if (found) this.report(this.suspiciousCharacter(node, found.char, found.rule, path));
      return value;
    }
    if (typeof value === 'number') {
      const source = node.range ? this.text.slice(node.range[0], node.range[1]) : '';
      if (!Number.isFinite(value) || /^[-+]?0[box]/i.test(source)) this.oddNumbers.push({ path, node });
      return value;
    }
    if (typeof value === 'boolean' || value === null) return value;
    // Only explicit tags (already reported) produce anything else, e.g. !!binary.
    return null;
  }

  private suspiciousCharacter(node: Scalar, char: string, rule: string, path: FieldPath): Diagnostic {
    const [start = 0, end = start] = node.range ?? [];
    // The character as written in the file; escaped forms like "\u202E" point at the value instead.
    const raw = this.text.slice(start, end).indexOf(char);
    const range = raw >= 0 ? this.rangeAt(start + raw, start + raw + char.length) : this.rangeAt(start, end);
    const what = rule === 'bidi-control' ? 'a bidirectional control character' : 'an invisible or control character';
    return this.diagnostic(
      range,
      rule,
      `${fieldLabel(path)} contains ${what} (${codePoint(char)}), which can make text display differently from what it says; delete it and retype the text around it`,
      path,
    );
  }
}

/** What to do about the YAML mistakes people make most. */
const SYNTAX_HINTS: Partial<Record<string, string>> = {
  TAB_AS_INDENT: 'indent with spaces instead of tabs',
  BAD_INDENT: 'line up the keys of one mapping, or the "- " of one list, at the same column using spaces',
  BLOCK_AS_IMPLICIT_KEY: 'put text that contains ": " in quotes, like title: "Heads: a study"',
  MULTILINE_IMPLICIT_KEY: 'put text that contains ": " in quotes, like title: "Heads: a study"',
  MISSING_CHAR: 'close the quote or bracket opened before this point, or add what is missing here',
  BAD_DQ_ESCAPE:
    'inside "double quotes" a backslash starts an escape; write \\\\ for a backslash, or use single quotes',
  BAD_SCALAR_START: 'put text that starts with a special character (@, `, %, |, >) in quotes',
  KEY_OVER_1024_CHARS: 'keys are short words like title',
};

const ALIAS_MESSAGE = 'aliases (*name) are not allowed; write the value out in full where it is needed';
const ANCHOR_MESSAGE = 'anchors (&name) are not allowed; remove the &name and write values out in full';
const MERGE_MESSAGE = 'merge keys (<<) are not allowed; write the keys out in full in this mapping';

/** The key written at `offset`, quoted or plain, for messages. */
function keyAt(text: string, offset: number): string {
  const rest = text.slice(offset, offset + 200);
  const quoted = /^(["'])(.*?)\1/.exec(rest);
  if (quoted) return quoted[2] ?? '';
  return (/^[^:\n]*/.exec(rest)?.[0] ?? '').trim();
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** How a field is named in messages: its key, or `milestones entry 2` for list items. */
export function fieldLabel(path: FieldPath): string {
  if (path.length === 0) return 'the file';
  const last = path[path.length - 1];
  if (typeof last === 'string') return last;
  const parent = path[path.length - 2];
  return `${typeof parent === 'string' ? parent : 'list'} entry ${(last ?? 0) + 1}`;
}
