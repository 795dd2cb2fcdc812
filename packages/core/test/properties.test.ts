import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type Diagnostic, RULES } from '../src/diagnostics.ts';
import { parseConfigYaml, parseProjectYaml } from '../src/load.ts';
import { escapeMarkdownCell } from '../src/markdown.ts';
import { PROJECT_STATUSES, Project } from '../src/model.ts';
import { loadRegistry } from '../src/registry.ts';
import { findSuspiciousCharacter } from '../src/text.ts';
import { TODAY, VALID_YAML } from './fixtures.ts';

const FILE = 'projects/x/project.yml';

function wellFormed(diagnostics: Diagnostic[], file?: string): void {
  for (const d of diagnostics) {
    if (file) expect(d.file).toBe(file);
    expect(Number.isInteger(d.line) && d.line >= 1).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1).toBe(true);
    expect(Object.keys(RULES)).toContain(d.rule);
    expect(d.message.length).toBeGreaterThan(0);
    // The loader catches its own bugs to keep runs going; here they must not happen at all.
    expect(d.message).not.toContain('Circuitboard bug');
  }
}

/** Loading never throws, every diagnostic has a position, and a project comes back only when valid. */
function checkProject(text: string): void {
  const { project, diagnostics } = parseProjectYaml(text, FILE, { today: TODAY });
  wellFormed(diagnostics, FILE);
  if (project) {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(Project.safeParse(project).success).toBe(true);
    expect(JSON.stringify(project)).toBe(JSON.stringify(JSON.parse(JSON.stringify(project))));
  } else {
    expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
  }
}

function yamlOf(value: unknown): string | undefined {
  try {
    return stringify(value);
  } catch {
    return undefined;
  }
}

/** Values shaped like a project.yml, with plausible and implausible field values. */
const projectLike = fc.record(
  {
    title: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    status: fc.oneof(fc.constantFrom('proposed', 'active', 'paused', 'actve', 'yes'), fc.string()),
    summary: fc.string(),
    leads: fc.array(
      fc.record(
        {
          github: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.string()),
          discord: fc.oneof(fc.string(), fc.bigInt()),
        },
        { requiredKeys: ['github'] },
      ),
    ),
    members: fc.anything(),
    tags: fc.array(fc.string()),
    links: fc.dictionary(fc.string(), fc.oneof(fc.webUrl(), fc.string())),
    started: fc.oneof(
      fc.string(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    ),
    proposal: fc.oneof(fc.integer(), fc.double(), fc.string()),
    milestones: fc.array(
      fc.record(
        {
          id: fc.string(),
          title: fc.string(),
          due: fc.string(),
          done: fc.string(),
          dropped: fc.oneof(fc.boolean(), fc.string()),
        },
        { requiredKeys: [] },
      ),
    ),
    __proto__: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('loading text from people', () => {
  it('never throws on arbitrary text, and every diagnostic has a position', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 400 }), checkProject), { numRuns: 400 });
  });

  it('never throws on arbitrary YAML-shaped values', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (value) => {
        const text = yamlOf(value);
        if (text !== undefined) checkProject(text);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = yamlOf(value);
        if (text !== undefined) checkProject(text);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on project-shaped values', () => {
    fc.assert(
      fc.property(projectLike, (value) => {
        const text = yamlOf(value);
        if (text !== undefined) checkProject(text);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on a valid file with random damage', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(VALID_YAML.length), fc.nat(8), fc.string({ maxLength: 6 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (edits) => {
          let text = VALID_YAML;
          for (const [at, remove, insert] of edits) text = text.slice(0, at) + insert + text.slice(at + remove);
          checkProject(text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary config text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.anything().map((v) => yamlOf(v) ?? ''),
        ),
        (text) => {
          wellFormed(parseConfigYaml(text, '.github/circuitboard.yml').diagnostics, '.github/circuitboard.yml');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary trees', () => {
    const path = fc
      .array(
        fc.oneof(
          fc.constantFrom('projects', 'alpha', '..', '.', '', 'project.yml', 'updates', 'README.md', '2026-11-01-x.md'),
          fc.string(),
        ),
        {
          minLength: 1,
          maxLength: 5,
        },
      )
      .map((parts) => parts.join('/'));
    fc.assert(
      fc.property(
        fc.dictionary(path, fc.oneof(fc.constant(VALID_YAML), fc.string())),
        fc.array(path),
        (files, symlinks) => {
          const registry = loadRegistry({ files: new Map(Object.entries(files)), symlinks }, { today: TODAY });
          wellFormed(registry.diagnostics);
        },
      ),
      { numRuns: 200 },
    );
  });
});

const text = (maxLength: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength })
    .filter((t) => findSuspiciousCharacter(t) === undefined && t.length <= maxLength);
const login = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
const date = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2026-11-24'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const validProject = fc
  .record({
    title: text(120),
    status: fc.constantFrom(...PROJECT_STATUSES),
    summary: text(1000),
    people: fc.uniqueArray(login, { minLength: 1, maxLength: 5 }),
    leadCount: fc.integer({ min: 1, max: 5 }),
    tags: fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8})?$/), { maxLength: 4 }),
    started: date,
    proposal: fc.integer({ min: 1, max: 100_000 }),
    milestones: fc.uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[a-z0-9]{1,10}$/),
        title: text(200),
        due: date,
        done: fc.option(date, { nil: undefined }),
      }),
      { selector: (m) => m.id, maxLength: 4 },
    ),
  })
  .map(({ people, leadCount, milestones, ...rest }): Project => {
    const leads = people.slice(0, leadCount).map((github) => ({ github }));
    const members = people.slice(leadCount).map((github) => ({ github }));
    return {
      ...rest,
      leads,
      ...(members.length > 0 ? { members } : {}),
      milestones: milestones.map(({ done, ...m }) => (done ? { ...m, done } : m)),
    };
  });

describe('valid projects', () => {
  it('load back exactly as written by a YAML 1.2 writer', () => {
    fc.assert(
      fc.property(validProject, (value) => {
        const { project, diagnostics } = parseProjectYaml(stringify(value), FILE, { today: TODAY });
        expect(diagnostics).toEqual([]);
        expect(project).toEqual(value);
      }),
      { numRuns: 200 },
    );
  });
});

describe('escapeMarkdownCell', () => {
  it('never lets a pipe, tag, mention or line break through', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), (text) => {
        const cell = escapeMarkdownCell(text);
        expect(cell).not.toMatch(/[|<>@\n\r]/);
        expect(cell).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/);
      }),
    );
  });
});
