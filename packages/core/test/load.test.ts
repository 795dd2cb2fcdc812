import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/diagnostics.ts';
import { MAX_FILE_BYTES, parseConfigYaml, parseProjectYaml } from '../src/load.ts';
import { TODAY, VALID_YAML } from './fixtures.ts';

const FILE = 'projects/induction-heads/project.yml';

function parse(text: string) {
  return parseProjectYaml(text, FILE, { today: TODAY });
}

/** VALID_YAML with one line replaced (matched by its start) or appended. */
function edit(find: string, replace: string): string {
  const lines = VALID_YAML.split('\n');
  const index = lines.findIndex((line) => line.startsWith(find));
  if (index < 0) throw new Error(`no line starts with ${find}`);
  lines.splice(index, 1, ...(replace === '' ? [] : [replace]));
  return lines.join('\n');
}

const MINIMAL = 'title: T\nstatus: active\nsummary: S\nleads:\n  - github: alice\n';

describe('parseProjectYaml', () => {
  it('loads a valid project with dates kept as YYYY-MM-DD strings', () => {
    const { project, diagnostics } = parse(VALID_YAML);
    expect(diagnostics).toEqual([]);
    expect(project?.started).toBe('2026-10-01');
    expect(project?.milestones?.[0]?.done).toBe('2026-11-12');
    expect(project?.leads[0]?.discord).toBe('123456789012345678');
    expect(JSON.stringify(project)).not.toContain('T00:00');
  });

  it('loads every sample project in the repository without a diagnostic', () => {
    for (const slug of ['induction-heads-pythia', 'sae-feature-splitting', 'ioi-circuit-replication']) {
      const path = `projects/${slug}/project.yml`;
      const text = readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
      expect(parseProjectYaml(text, path, { today: TODAY }).diagnostics).toEqual([]);
    }
  });

  const cases: { name: string; text: string; rule: string; line: number; column: number; message?: RegExp }[] = [
    {
      name: 'unclosed flow sequence',
      text: 'title: [unclosed\nstatus: active\n',
      rule: 'yaml-syntax',
      line: 2,
      column: 1,
    },
    {
      name: 'a second document',
      text: `${MINIMAL}---\ntitle: again\n`,
      rule: 'yaml-syntax',
      line: 6,
      column: 1,
      message: /one YAML document/,
    },
    {
      name: 'duplicate key',
      text: edit('status:', 'status: active\nstatus: paused'),
      rule: 'duplicate-key',
      line: 4,
      column: 1,
      message: /key "status" appears more than once/,
    },
    { name: 'anchor', text: edit('title:', 'title: &t Induction'), rule: 'no-alias', line: 2, column: 8 },
    {
      name: 'alias',
      text: `${MINIMAL}members:\n  - &p {github: bob}\n  - *p\n`,
      rule: 'no-alias',
      line: 8,
      column: 5,
      message: /aliases \(\*name\) are not allowed/,
    },
    {
      name: 'merge key',
      text: `${MINIMAL}<<: {tags: [a]}\n`,
      rule: 'no-alias',
      line: 6,
      column: 1,
      message: /merge keys/,
    },
    { name: 'explicit tag', text: edit('title:', 'title: !!str 1984'), rule: 'yaml-tag', line: 2, column: 8 },
    {
      name: 'misspelt key',
      text: edit('milestones:', 'milstones:'),
      rule: 'unknown-key',
      line: 16,
      column: 1,
      message: /unknown key "milstones"; did you mean "milestones"\?/,
    },
    {
      name: 'a synonym of a key',
      text: edit('summary:', 'description: >-'),
      rule: 'unknown-key',
      line: 4,
      column: 1,
      message: /did you mean "summary"\?/,
    },
    {
      name: 'unknown key in a milestone',
      text: edit('    due: 2026-11-15', '    deadline: 2026-11-15'),
      rule: 'unknown-key',
      line: 19,
      column: 5,
      message: /did you mean "due"\?/,
    },
    {
      name: '__proto__ key',
      text: `${MINIMAL}__proto__: {polluted: true}\n`,
      rule: 'unknown-key',
      line: 6,
      column: 1,
      message: /unknown key "__proto__"/,
    },
    { name: 'constructor key', text: `${MINIMAL}constructor: 1\n`, rule: 'unknown-key', line: 6, column: 1 },
    {
      name: 'status typo',
      text: edit('status:', 'status: actve'),
      rule: 'schema',
      line: 3,
      column: 9,
      message:
        /status must be one of proposed, active, paused, completed, archived; got "actve" — did you mean "active"\?/,
    },
    {
      name: 'missing title',
      text: edit('title:', ''),
      rule: 'missing-key',
      line: 2,
      column: 1,
      message: /title is required: add it, e\.g\.\n {2}title: /,
    },
    {
      name: 'missing leads',
      text: 'title: T\nstatus: active\nsummary: S\n',
      rule: 'lead-required',
      line: 1,
      column: 1,
      message: /^leads is required: add at least one lead, e\.g\.\n {2}leads:\n {4}- github: your-username$/,
    },
    {
      name: 'empty leads',
      text: 'title: T\nstatus: active\nsummary: S\nleads: []\n',
      rule: 'lead-required',
      line: 4,
      column: 8,
    },
    {
      name: 'missing milestone id',
      text: `${MINIMAL}milestones:\n  - title: Replicate\n`,
      rule: 'missing-key',
      line: 7,
      column: 5,
      message: /id is required/,
    },
    {
      name: 'dropped: yes',
      text: `${MINIMAL}milestones:\n  - id: a\n    title: A\n    dropped: yes\n`,
      rule: 'schema',
      line: 9,
      column: 14,
      message: /dropped must be true or false; "yes" is text in YAML 1\.2, so write dropped: true/,
    },
    {
      name: 'dropped: NO',
      text: `${MINIMAL}milestones:\n  - id: a\n    title: A\n    dropped: NO\n`,
      rule: 'schema',
      line: 9,
      column: 14,
      message: /write dropped: false/,
    },
    {
      name: 'title read as a number',
      text: edit('title:', 'title: 1984'),
      rule: 'schema',
      line: 2,
      column: 8,
      message: /put it in quotes: title: "1984"/,
    },
    {
      name: 'octal proposal number',
      text: edit('proposal:', 'proposal: 0o17'),
      rule: 'number-format',
      line: 15,
      column: 11,
      message: /write it in decimal: 15/,
    },
    {
      name: 'hex proposal number',
      text: edit('proposal:', 'proposal: 0x2A'),
      rule: 'number-format',
      line: 15,
      column: 11,
    },
    {
      name: 'a date that does not exist',
      text: edit('    due: 2026-11-15', '    due: 2026-02-30'),
      rule: 'invalid-date',
      line: 19,
      column: 10,
      message: /due is not a real calendar date; write an existing day as YYYY-MM-DD; got "2026-02-30"/,
    },
    {
      name: 'a date without padding',
      text: edit('started:', 'started: 2026-1-5'),
      rule: 'invalid-date',
      line: 14,
      column: 10,
    },
    {
      name: 'a date written as a number',
      text: edit('started:', 'started: 20261001'),
      rule: 'invalid-date',
      line: 14,
      column: 10,
      message: /must be a date written as YYYY-MM-DD/,
    },
    {
      name: 'a person listed twice (case-insensitive)',
      text: edit('  - github: bob', '  - github: ALICE'),
      rule: 'duplicate-person',
      line: 10,
      column: 13,
      message: /ALICE is already listed as a lead on line 7/,
    },
    {
      name: 'a milestone id used twice',
      text: edit('  - id: scan-checkpoints', '  - id: replicate'),
      rule: 'duplicate-milestone',
      line: 21,
      column: 9,
      message: /milestone id "replicate" is already used on line 17/,
    },
    {
      name: 'done and dropped',
      text: `${VALID_YAML.replace('    done: 2026-11-12\n', '    done: 2026-11-12\n    dropped: true\n')}`,
      rule: 'done-and-dropped',
      line: 21,
      column: 14,
    },
    {
      name: 'done in the future',
      text: edit('    done:', '    done: 2026-11-25'),
      rule: 'done-in-future',
      line: 20,
      column: 11,
      message: /after today \(2026-11-24\)/,
    },
    {
      name: 'discord id as a bare number',
      text: edit('    discord:', '    discord: 123456789012345678'),
      rule: 'snowflake',
      line: 8,
      column: 14,
      message:
        /must be in quotes: YAML reads 123456789012345678 as a number and loses digits .*write discord: "123456789012345678"/,
    },
    {
      name: 'discord id too short',
      text: edit('    discord:', '    discord: "12345"'),
      rule: 'snowflake',
      line: 8,
      column: 14,
    },
    {
      name: 'javascript: link',
      text: edit('  repo:', '  repo: javascript:alert(1)'),
      rule: 'link-scheme',
      line: 13,
      column: 9,
      message: /must be an http\(s\) link/,
    },
    {
      name: 'GitHub login with @',
      text: edit('  - github: bob', '  - github: "@bob"'),
      rule: 'schema',
      line: 10,
      column: 13,
      message: /write github: bob/,
    },
    {
      name: 'bidi override written raw in a title',
      text: edit('title:', 'title: Induction \u202Eheads'),
      rule: 'bidi-control',
      line: 2,
      column: 18,
      message: /U\+202E/,
    },
    {
      name: 'bidi isolate written as an escape in a summary',
      text: edit('summary:', 'summary: "Heads \\u2066here\\u2069"').replace(
        '  When do induction heads form during training?\n',
        '',
      ),
      rule: 'bidi-control',
      line: 4,
      column: 10,
    },
    {
      name: 'zero-width space in a milestone title',
      text: edit('    title: Scan', '    title: Scan\u200b all checkpoints'),
      rule: 'invisible-character',
      line: 22,
      column: 16,
    },
    {
      name: 'control character in a title',
      text: edit('title:', 'title: "bell \\a"'),
      rule: 'invisible-character',
      line: 2,
      column: 8,
    },
  ];

  it.each(cases)('$name → $rule at $line:$column', ({ text, rule, line, column, message }) => {
    const { project, diagnostics } = parse(text);
    expect(project).toBeUndefined();
    const found = diagnostics.find((d) => d.rule === rule && (!message || message.test(d.message)));
    expect(found, diagnostics.map(formatDiagnostic).join('\n')).toBeDefined();
    expect({ line: found?.line, column: found?.column }).toEqual({ line, column });
    if (message) expect(found?.message).toMatch(message);
  });

  it('never lets a __proto__ key reach any prototype', () => {
    parse(`${MINIMAL}__proto__: {polluted: true}\nlinks:\n  __proto__: https://example.org\n`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const { diagnostics } = parse(`${MINIMAL}links:\n  __proto__: https://example.org\n`);
    expect(diagnostics.map((d) => [d.rule, d.line])).toEqual([['unknown-key', 7]]);
  });

  it('names the field path of each problem', () => {
    const { diagnostics } = parse(edit('    due: 2026-11-15', '    due: 2026-02-30'));
    expect(diagnostics[0]?.field).toBe('milestones.0.due');
  });

  it('refuses a file over 64 KiB at 1:1, saying its size and the cap', () => {
    const text = `${VALID_YAML}# ${'x'.repeat(MAX_FILE_BYTES)}\n`;
    const { diagnostics } = parse(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ rule: 'file-too-large', line: 1, column: 1 });
    expect(diagnostics[0]?.message).toContain(`${Buffer.byteLength(text).toLocaleString('en')} bytes`);
    expect(diagnostics[0]?.message).toContain('65,536 bytes (64 KiB)');
  });

  it('stops a billion-laughs alias bomb without expanding it', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { project, diagnostics } = parse(`${lines.join('\n')}\n`);
    expect(project).toBeUndefined();
    expect(diagnostics.some((d) => d.rule === 'no-alias')).toBe(true);
    expect(diagnostics.length).toBeLessThanOrEqual(10);
  });

  it('reports 10 KB of nested brackets as a syntax error with a position', () => {
    const { diagnostics } = parse('['.repeat(10_000));
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.rule === 'yaml-syntax' && d.line >= 1 && d.column >= 1)).toBe(true);
  });

  it('reports deep but well-formed nesting', () => {
    const { diagnostics } = parse(`title: ${'['.repeat(200)}${']'.repeat(200)}\n`);
    expect(diagnostics.some((d) => d.rule === 'yaml-syntax')).toBe(true);
  });

  it('explains an empty file with the keys it needs', () => {
    const { diagnostics } = parse('# only a comment\n');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ rule: 'missing-key', line: 1, column: 1 });
    expect(diagnostics[0]?.message).toMatch(/needs at least title, status, summary, leads/);
  });

  it('refuses a list where a mapping is expected', () => {
    expect(parse('- title: T\n').diagnostics[0]).toMatchObject({ rule: 'schema', line: 1, column: 1 });
  });

  it('reports every independent problem at once', () => {
    const text = edit('status:', 'status: actve').replace('  - github: bob', '  - github: alice');
    expect(parse(text).diagnostics.map((d) => d.rule)).toEqual(['schema', 'duplicate-person']);
  });

  it('formats diagnostics like a compiler', () => {
    const [first] = parse(edit('status:', 'status: actve')).diagnostics;
    expect(first && formatDiagnostic(first)).toBe(
      `${FILE}:3:9: error: status must be one of proposed, active, paused, completed, archived; got "actve" — did you mean "active"? (schema)`,
    );
  });

  it('uses today in UTC when no date is given', () => {
    const text = edit('    done:', '    done: 2999-01-01');
    expect(parseProjectYaml(text, FILE).diagnostics.map((d) => d.rule)).toEqual(['done-in-future']);
  });
});

describe('parseConfigYaml', () => {
  const CONFIG = 'version: 1\ncommunity:\n  name: Test community\n';

  it('fills in defaults', () => {
    const { config, diagnostics } = parseConfigYaml(CONFIG, '.github/circuitboard.yml');
    expect(diagnostics).toEqual([]);
    expect(config?.labels.color).toBe('5319e7');
    expect(config?.proposals.commands.approve).toBe('/approve');
    expect(config?.discord.mention_leads).toBe(false);
  });

  it('tells to quote a colour YAML reads as a number', () => {
    const { config, diagnostics } = parseConfigYaml(`${CONFIG}labels:\n  color: 5319e7\n`, '.github/circuitboard.yml');
    expect(config).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ rule: 'schema', line: 5, column: 10 });
    expect(diagnostics[0]?.message).toContain('put it in quotes: color: "5319e7"');
  });

  it('refuses an unquoted channel id with the snowflake rule', () => {
    const { diagnostics } = parseConfigYaml(`${CONFIG}discord:\n  forum_channel: 1100000000000000001\n`, 'c.yml');
    expect(diagnostics[0]).toMatchObject({ rule: 'snowflake', line: 5, column: 18 });
  });

  it('suggests the key meant', () => {
    const { diagnostics } = parseConfigYaml(`${CONFIG}reprot:\n  trend_weeks: 8\n`, 'c.yml');
    expect(diagnostics[0]?.message).toBe('unknown key "reprot"; did you mean "report"?');
  });

  it('asks for the version', () => {
    const { diagnostics } = parseConfigYaml('community:\n  name: X\n', 'c.yml');
    expect(diagnostics[0]).toMatchObject({ rule: 'missing-key', line: 1, column: 1 });
    expect(diagnostics[0]?.message).toContain('version: 1');
  });
});
