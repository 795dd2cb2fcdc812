/** A small parser for GraphQL query documents (no schema language): enough for the queries the fake answers. */

export type Value =
  | { kind: 'variable'; name: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'enum'; value: string }
  | { kind: 'list'; values: Value[] }
  | { kind: 'object'; fields: Record<string, Value> };

export interface Location {
  line: number;
  column: number;
}

export interface Directive {
  name: string;
  args: Record<string, Value>;
  loc: Location;
}

export interface Field {
  kind: 'field';
  alias?: string;
  name: string;
  args: Record<string, Value>;
  directives: Directive[];
  selections?: Selection[];
  loc: Location;
}

export interface InlineFragment {
  kind: 'inline';
  typeCondition?: string;
  directives: Directive[];
  selections: Selection[];
  loc: Location;
}

export interface FragmentSpread {
  kind: 'spread';
  name: string;
  directives: Directive[];
  loc: Location;
}

export type Selection = Field | InlineFragment | FragmentSpread;

export interface VariableDefinition {
  name: string;
  type: string;
  defaultValue?: Value;
}

export interface Operation {
  type: 'query' | 'mutation' | 'subscription';
  name?: string;
  variables: VariableDefinition[];
  selections: Selection[];
  loc: Location;
}

export interface Fragment {
  name: string;
  typeCondition: string;
  selections: Selection[];
}

export interface QueryDocument {
  operations: Operation[];
  fragments: Map<string, Fragment>;
}

export class GraphQLSyntaxError extends Error {
  readonly loc: Location;
  constructor(message: string, loc: Location) {
    super(`Syntax Error: ${message}`);
    this.loc = loc;
  }
}

type Token =
  | { kind: 'punct'; value: string; loc: Location }
  | { kind: 'name'; value: string; loc: Location }
  | { kind: 'int' | 'float'; value: string; loc: Location }
  | { kind: 'string'; value: string; loc: Location }
  | { kind: 'eof'; value: ''; loc: Location };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const loc = (): Location => ({ line, column: i - lineStart + 1 });
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === ',' || ch === '\uFEFF') {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    const start = loc();
    if (source.startsWith('...', i)) {
      tokens.push({ kind: 'punct', value: '...', loc: start });
      i += 3;
      continue;
    }
    if ('!$()[]{}:=@|&'.includes(ch)) {
      tokens.push({ kind: 'punct', value: ch, loc: start });
      i++;
      continue;
    }
    const name = /^[_A-Za-z][_0-9A-Za-z]*/.exec(source.slice(i, i + 256))?.[0];
    if (name) {
      tokens.push({ kind: 'name', value: name, loc: start });
      i += name.length;
      continue;
    }
    const number = /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(source.slice(i, i + 64));
    if (number) {
      tokens.push({ kind: number[1] || number[2] ? 'float' : 'int', value: number[0], loc: start });
      i += number[0].length;
      continue;
    }
    if (source.startsWith('"""', i)) {
      const end = source.indexOf('"""', i + 3);
      if (end === -1) throw new GraphQLSyntaxError('Unterminated string.', start);
      const raw = source.slice(i + 3, end);
      tokens.push({ kind: 'string', value: blockString(raw), loc: start });
      for (const c of raw) if (c === '\n') line++;
      i = end + 3;
      if (raw.includes('\n')) lineStart = source.lastIndexOf('\n', end) + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let value = '';
      while (j < source.length && source[j] !== '"') {
        if (source[j] === '\n') throw new GraphQLSyntaxError('Unterminated string.', start);
        if (source[j] === '\\') {
          const esc = source[j + 1];
          const map: Record<string, string> = {
            n: '\n',
            t: '\t',
            r: '\r',
            b: '\b',
            f: '\f',
            '"': '"',
            '\\': '\\',
            '/': '/',
          };
          if (esc === 'u') {
            value += String.fromCharCode(Number.parseInt(source.slice(j + 2, j + 6), 16));
            j += 6;
            continue;
          }
          if (esc === undefined || map[esc] === undefined)
            throw new GraphQLSyntaxError(`Invalid character escape sequence: \\${esc}.`, start);
          value += map[esc];
          j += 2;
          continue;
        }
        value += source[j];
        j++;
      }
      if (j >= source.length) throw new GraphQLSyntaxError('Unterminated string.', start);
      tokens.push({ kind: 'string', value, loc: start });
      i = j + 1;
      continue;
    }
    throw new GraphQLSyntaxError(`Unexpected character: ${JSON.stringify(ch)}.`, start);
  }
  tokens.push({ kind: 'eof', value: '', loc: loc() });
  return tokens;
}

function blockString(raw: string): string {
  const lines = raw.replace(/\\"""/g, '"""').split(/\r\n|\n|\r/);
  const indents = lines
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  const out = lines.map((l, index) => (index === 0 ? l : l.slice(common)));
  while (out.length > 0 && (out[0] ?? '').trim() === '') out.shift();
  while (out.length > 0 && (out[out.length - 1] ?? '').trim() === '') out.pop();
  return out.join('\n');
}

class Parser {
  readonly #tokens: Token[];
  #at = 0;

  constructor(source: string) {
    this.#tokens = tokenize(source);
  }

  get #peek(): Token {
    return this.#tokens[this.#at] as Token;
  }

  #next(): Token {
    const token = this.#peek;
    if (token.kind !== 'eof') this.#at++;
    return token;
  }

  #is(value: string): boolean {
    const token = this.#peek;
    return (token.kind === 'punct' || token.kind === 'name') && token.value === value;
  }

  #expect(value: string): Token {
    const token = this.#next();
    if ((token.kind === 'punct' || token.kind === 'name') && token.value === value) return token;
    throw new GraphQLSyntaxError(`Expected "${value}", found ${describe(token)}.`, token.loc);
  }

  #name(): Token & { kind: 'name' } {
    const token = this.#next();
    if (token.kind !== 'name') throw new GraphQLSyntaxError(`Expected Name, found ${describe(token)}.`, token.loc);
    return token;
  }

  document(): QueryDocument {
    const operations: Operation[] = [];
    const fragments = new Map<string, Fragment>();
    while (this.#peek.kind !== 'eof') {
      if (this.#is('{')) {
        operations.push({ type: 'query', variables: [], selections: this.#selectionSet(), loc: this.#peek.loc });
      } else if (this.#is('fragment')) {
        this.#next();
        const name = this.#name().value;
        this.#expect('on');
        const typeCondition = this.#name().value;
        this.#directives();
        fragments.set(name, { name, typeCondition, selections: this.#selectionSet() });
      } else {
        const token = this.#name();
        if (token.value !== 'query' && token.value !== 'mutation' && token.value !== 'subscription') {
          throw new GraphQLSyntaxError(`Unexpected Name "${token.value}".`, token.loc);
        }
        const operation: Operation = { type: token.value, variables: [], selections: [], loc: token.loc };
        if (this.#peek.kind === 'name') operation.name = this.#name().value;
        if (this.#is('(')) operation.variables = this.#variableDefinitions();
        this.#directives();
        operation.selections = this.#selectionSet();
        operations.push(operation);
      }
    }
    return { operations, fragments };
  }

  #variableDefinitions(): VariableDefinition[] {
    this.#expect('(');
    const out: VariableDefinition[] = [];
    while (!this.#is(')')) {
      this.#expect('$');
      const name = this.#name().value;
      this.#expect(':');
      const type = this.#type();
      const definition: VariableDefinition = { name, type };
      if (this.#is('=')) {
        this.#next();
        definition.defaultValue = this.#value(true);
      }
      this.#directives();
      out.push(definition);
    }
    this.#expect(')');
    return out;
  }

  #type(): string {
    let type: string;
    if (this.#is('[')) {
      this.#next();
      type = `[${this.#type()}]`;
      this.#expect(']');
    } else {
      type = this.#name().value;
    }
    if (this.#is('!')) {
      this.#next();
      type += '!';
    }
    return type;
  }

  #selectionSet(): Selection[] {
    this.#expect('{');
    const selections: Selection[] = [];
    while (!this.#is('}')) {
      if (this.#peek.kind === 'eof') throw new GraphQLSyntaxError('Expected Name, found <EOF>.', this.#peek.loc);
      selections.push(this.#selection());
    }
    this.#expect('}');
    if (selections.length === 0) throw new GraphQLSyntaxError('Expected Name, found "}".', this.#peek.loc);
    return selections;
  }

  #selection(): Selection {
    const loc = this.#peek.loc;
    if (this.#is('...')) {
      this.#next();
      if (this.#is('on')) {
        this.#next();
        const typeCondition = this.#name().value;
        const directives = this.#directives();
        return { kind: 'inline', typeCondition, directives, selections: this.#selectionSet(), loc };
      }
      if (this.#is('{') || this.#is('@')) {
        const directives = this.#directives();
        return { kind: 'inline', directives, selections: this.#selectionSet(), loc };
      }
      const name = this.#name().value;
      return { kind: 'spread', name, directives: this.#directives(), loc };
    }
    let name = this.#name().value;
    let alias: string | undefined;
    if (this.#is(':')) {
      this.#next();
      alias = name;
      name = this.#name().value;
    }
    const args = this.#is('(') ? this.#arguments() : {};
    const directives = this.#directives();
    const field: Field = { kind: 'field', name, args, directives, loc };
    if (alias !== undefined) field.alias = alias;
    if (this.#is('{')) field.selections = this.#selectionSet();
    return field;
  }

  #arguments(): Record<string, Value> {
    this.#expect('(');
    const args: Record<string, Value> = {};
    while (!this.#is(')')) {
      const name = this.#name();
      if (name.value in args)
        throw new GraphQLSyntaxError(`There can be only one argument named "${name.value}".`, name.loc);
      this.#expect(':');
      args[name.value] = this.#value(false);
    }
    this.#expect(')');
    return args;
  }

  #directives(): Directive[] {
    const out: Directive[] = [];
    while (this.#is('@')) {
      const loc = this.#next().loc;
      const name = this.#name().value;
      out.push({ name, args: this.#is('(') ? this.#arguments() : {}, loc });
    }
    return out;
  }

  #value(constant: boolean): Value {
    const token = this.#next();
    switch (token.kind) {
      case 'int':
        return { kind: 'int', value: Number(token.value) };
      case 'float':
        return { kind: 'float', value: Number(token.value) };
      case 'string':
        return { kind: 'string', value: token.value };
      case 'name':
        if (token.value === 'true' || token.value === 'false')
          return { kind: 'boolean', value: token.value === 'true' };
        if (token.value === 'null') return { kind: 'null' };
        return { kind: 'enum', value: token.value };
      case 'punct':
        if (token.value === '$' && !constant) return { kind: 'variable', name: this.#name().value };
        if (token.value === '[') {
          const values: Value[] = [];
          while (!this.#is(']')) values.push(this.#value(constant));
          this.#expect(']');
          return { kind: 'list', values };
        }
        if (token.value === '{') {
          const fields: Record<string, Value> = {};
          while (!this.#is('}')) {
            const name = this.#name().value;
            this.#expect(':');
            fields[name] = this.#value(constant);
          }
          this.#expect('}');
          return { kind: 'object', fields };
        }
        break;
      default:
        break;
    }
    throw new GraphQLSyntaxError(`Unexpected ${describe(token)}.`, token.loc);
  }
}

function describe(token: Token): string {
  if (token.kind === 'eof') return '<EOF>';
  if (token.kind === 'name') return `Name "${token.value}"`;
  return `"${token.value}"`;
}

export function parseQuery(source: string): QueryDocument {
  return new Parser(source).document();
}
