import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/diagnostics.ts';
import { loadRegistry, MAX_TREE_FILE_BYTES, ProjectCache } from '../src/registry.ts';
import { load, TODAY, tree, VALID_YAML } from './fixtures.ts';

const rules = (files: Record<string, string>, extra = {}) =>
  load(files, extra).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);

describe('loadRegistry', () => {
  it('loads valid projects by slug with their updates, oldest first', () => {
    const registry = load({
      'projects/README.md': '# Projects\n',
      'projects/beta/project.yml': VALID_YAML,
      'projects/beta/README.md': 'Long text',
      'projects/beta/updates/2026-11-19-scan-done.md': '# Scan done\n\nAll 154 checkpoints.\n',
      'projects/alpha/project.yml': VALID_YAML,
      'projects/alpha/updates/2026-10-18-replicated.md': 'No heading here.\n',
    });
    expect(registry.diagnostics).toEqual([]);
    expect(registry.projects.map((p) => [p.slug, p.path])).toEqual([
      ['alpha', 'projects/alpha/project.yml'],
      ['beta', 'projects/beta/project.yml'],
    ]);
    expect(registry.updates).toEqual([
      {
        project: 'alpha',
        path: 'projects/alpha/updates/2026-10-18-replicated.md',
        date: '2026-10-18',
        topic: 'replicated',
        body: 'No heading here.',
      },
      {
        project: 'beta',
        path: 'projects/beta/updates/2026-11-19-scan-done.md',
        date: '2026-11-19',
        topic: 'scan-done',
        heading: 'Scan done',
        body: 'All 154 checkpoints.',
      },
    ]);
  });

  const slugCases: [string, string][] = [
    ['Induction_Heads', 'rename the folder to induction-heads'],
    ['\u0456nduction', 'U+0456'],
    ['a'.repeat(49), 'the limit is 48'],
    ['double--hyphen', 'single hyphens'],
    ['-leading', 'single hyphens'],
    ['caf\u00e9', 'U+00E9'],
    ['projects', 'rename the folder to projects-project'],
    ['events', 'a name Circuitboard gives its own folders'],
    ['updates', 'paths like projects/updates/ would be ambiguous'],
    ['con', 'rename the folder to con-project'],
    ['nul', 'a device name on Windows'],
    ['aux', 'cannot be checked out there'],
    ['prn', 'a device name on Windows'],
    ['com1', 'rename the folder to com1-project'],
    ['lpt9', 'a device name on Windows'],
  ];
  it.each(slugCases)('refuses the folder name %j (slug-folder)', (folder, hint) => {
    const registry = load({ [`projects/${folder}/project.yml`]: VALID_YAML });
    expect(registry.projects).toEqual([]);
    expect(registry.diagnostics).toHaveLength(1);
    expect(registry.diagnostics[0]).toMatchObject({
      file: `projects/${folder}/project.yml`,
      rule: 'slug-folder',
      line: 1,
      column: 1,
    });
    expect(registry.diagnostics[0]?.message).toContain(hint);
  });

  it('keeps names that only start like a reserved one (con-tools, com10, projects-map, lpt) and update topics named con', () => {
    const registry = load({
      'projects/con-tools/project.yml': VALID_YAML,
      'projects/com10/project.yml': VALID_YAML,
      'projects/projects-map/project.yml': VALID_YAML,
      'projects/lpt/project.yml': VALID_YAML,
      'projects/lpt/updates/2026-11-19-con.md': '# Con\n\nText.\n',
    });
    expect(registry.diagnostics).toEqual([]);
    expect(registry.projects.map((p) => p.slug)).toEqual(['com10', 'con-tools', 'lpt', 'projects-map']);
  });

  it('refuses paths that climb out of projects/ (../../etc)', () => {
    const registry = load({ 'projects/../../etc/project.yml': VALID_YAML, 'projects/./x/project.yml': VALID_YAML });
    expect(registry.projects).toEqual([]);
    expect(registry.diagnostics.map((d) => d.rule)).toEqual(['slug-folder', 'slug-folder']);
  });

  it('refuses files that do not belong in a project folder', () => {
    expect(
      rules({
        'projects/alpha/project.yml': VALID_YAML,
        'projects/alpha/notes.txt': 'x',
        'projects/alpha/data/table.csv': 'x',
        'projects/stray.md': 'x',
      }),
    ).toEqual([
      'projects/alpha/data/table.csv:1:1 unexpected-file',
      'projects/alpha/notes.txt:1:1 unexpected-file',
      'projects/stray.md:1:1 unexpected-file',
    ]);
  });

  it.each([
    ['2026-11-19.md', 'not a valid update name'],
    ['2026-02-30-scan.md', 'not a real calendar date'],
    ['2026-11-19-Scan_Done.md', 'the topic "Scan_Done"'],
    ['scan-done.md', 'not a valid update name'],
    ['2026-11-19-scan.txt', 'not a valid update name'],
  ])('refuses the update name %s (update-name)', (name, hint) => {
    const registry = load({ 'projects/alpha/project.yml': VALID_YAML, [`projects/alpha/updates/${name}`]: '# x' });
    expect(registry.diagnostics.map((d) => d.rule)).toEqual(['update-name']);
    expect(registry.diagnostics[0]?.message).toContain(hint);
    expect(registry.updates).toEqual([]);
  });

  it('asks for a project.yml in every project folder', () => {
    expect(rules({ 'projects/alpha/README.md': '# Alpha' })).toEqual([
      'projects/alpha/README.md:1:1 missing-project-file',
    ]);
  });

  it('refuses symlinks and other non-regular entries without following them', () => {
    const registry = load(
      { 'projects/alpha/project.yml': VALID_YAML },
      { symlinks: ['projects/alpha/README.md', 'projects/beta'], other: ['projects/alpha/sub'] },
    );
    expect(registry.diagnostics.map((d) => `${d.file} ${d.rule}`)).toEqual([
      'projects/alpha/README.md symlink',
      'projects/alpha/sub unexpected-file',
      'projects/beta symlink',
    ]);
    expect(registry.projects.map((p) => p.slug)).toEqual(['alpha']);
  });

  it('does not also ask for project.yml when it is a symlink', () => {
    expect(rules({}, { symlinks: ['projects/alpha/project.yml'] })).toEqual(['projects/alpha/project.yml:1:1 symlink']);
  });

  it('reports files too large to read', () => {
    const registry = load(
      { 'projects/alpha/project.yml': VALID_YAML },
      { tooLarge: new Map([['projects/alpha/README.md', MAX_TREE_FILE_BYTES + 1]]) },
    );
    expect(registry.diagnostics.map((d) => d.rule)).toEqual(['file-too-large']);
  });

  it('keeps going after a broken project and lists it as invalid', () => {
    const registry = load({ 'projects/alpha/project.yml': 'title: [', 'projects/beta/project.yml': VALID_YAML });
    expect(registry.projects.map((p) => p.slug)).toEqual(['beta']);
    expect(registry.invalid).toEqual(['alpha']);
    expect(registry.diagnostics.every((d) => d.file === 'projects/alpha/project.yml')).toBe(true);
  });

  it('limits diagnostics to `only` but still loads every project', () => {
    const files = {
      'projects/alpha/project.yml': 'title: [',
      'projects/beta/project.yml': VALID_YAML.replace('status: active', 'status: actve'),
      'projects/gamma/project.yml': VALID_YAML,
    };
    const registry = loadRegistry(tree(files), { today: TODAY, only: ['projects/beta/'] });
    expect(registry.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^projects\/beta\/project\.yml:3:9: error: status must be one of/),
    ]);
    expect(registry.projects.map((p) => p.slug)).toEqual(['gamma']);
    const byFile = loadRegistry(tree(files), { today: TODAY, only: ['projects/alpha/project.yml'] });
    expect(new Set(byFile.diagnostics.map((d) => d.file))).toEqual(new Set(['projects/alpha/project.yml']));
  });

  it('refuses bidi control characters in an update heading, with the position', () => {
    const registry = load({
      'projects/alpha/project.yml': VALID_YAML,
      'projects/alpha/updates/2026-11-01-news.md': '\n# Good \u202Enews\n',
    });
    expect(registry.diagnostics).toEqual([
      expect.objectContaining({
        file: 'projects/alpha/updates/2026-11-01-news.md',
        line: 2,
        column: 8,
        rule: 'bidi-control',
      }),
    ]);
  });

  it('ignores headings inside code fences', () => {
    const registry = load({
      'projects/alpha/project.yml': VALID_YAML,
      'projects/alpha/updates/2026-11-01-news.md': 'Intro\n```sh\n# not a heading\n```\n## Real heading ##\n',
    });
    expect(registry.updates[0]?.heading).toBe('Real heading');
    expect(registry.updates[0]?.body).toContain('Intro');
  });

  it('parses each project.yml version once when given a cache', () => {
    const cache = new ProjectCache();
    const files = tree({ 'projects/alpha/project.yml': VALID_YAML });
    const first = loadRegistry(files, { today: TODAY, cache });
    const second = loadRegistry(files, { today: TODAY, cache });
    expect(second.projects[0]?.project).toBe(first.projects[0]?.project);
  });
});
