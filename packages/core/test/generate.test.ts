import { describe, expect, it } from 'vitest';
import {
  CODEOWNERS_BEGIN,
  CODEOWNERS_END,
  INDEX_BEGIN,
  INDEX_END,
  planGeneratedFiles,
  renderCodeowners,
  renderProjectsIndex,
} from '../src/generate.ts';
import { escapeMarkdownCell } from '../src/markdown.ts';
import { project, registry } from './fixtures.ts';

const REGISTRY = registry({
  'induction-heads': project({
    title: 'Induction heads across Pythia checkpoints',
    leads: [{ github: 'alice' }, { github: 'bob' }],
    milestones: [
      { id: 'replicate', title: 'Replicate', due: '2026-10-20', done: '2026-10-18' },
      { id: 'writeup', title: 'Write up', due: '2027-01-15' },
      { id: 'scan', title: 'Scan checkpoints', due: '2026-12-08' },
      { id: 'dropped', title: 'Dropped one', dropped: true },
    ],
  }),
  grokking: project({ title: 'Grokking', status: 'completed', leads: [{ github: 'ivan' }] }),
  othello: project({
    title: 'Othello probes',
    status: 'proposed',
    leads: [{ github: 'lena' }],
    milestones: [{ id: 'a', title: 'Undated' }],
  }),
});

describe('renderProjectsIndex', () => {
  it('renders the index table (the product, so snapshot it)', () => {
    expect(renderProjectsIndex(REGISTRY)).toMatchSnapshot();
  });

  it('keeps hand-written text outside the markers verbatim and is idempotent', () => {
    const existing = `# Our projects\n\nHand-written intro | with pipes.\n\n${INDEX_BEGIN}\nstale\n${INDEX_END}\n\n## Footer\n\nKeep me.\n`;
    const rendered = renderProjectsIndex(REGISTRY, existing);
    expect(rendered.startsWith('# Our projects\n\nHand-written intro | with pipes.\n\n<!-- BEGIN GENERATED')).toBe(
      true,
    );
    expect(rendered.endsWith(`${INDEX_END}\n\n## Footer\n\nKeep me.\n`)).toBe(true);
    expect(rendered).not.toContain('stale');
    expect(renderProjectsIndex(REGISTRY, rendered)).toBe(rendered);
  });

  it('appends the block to a file without markers', () => {
    const rendered = renderProjectsIndex(REGISTRY, '# Mine\n');
    expect(rendered.startsWith('# Mine\n\n<!-- BEGIN GENERATED')).toBe(true);
  });

  it('makes text from people inert in the table', () => {
    const hostile = registry({
      x: project({
        title: 'A | B <script>alert(1)</script> @everyone [link](https://evil.example) `code` *bold*\nnext',
      }),
    });
    const row = renderProjectsIndex(hostile)
      .split('\n')
      .find((line) => line.startsWith('| [A'));
    expect(row).toBeDefined();
    expect(row?.split('|').length).toBe(7);
    expect(row).not.toMatch(/<script|@everyone|\[link\]|`code`|\*bold\*/);
    expect(row).toContain('&lt;script&gt;');
    expect(row).toContain('&#64;everyone');
  });

  it('says when there are no projects', () => {
    expect(renderProjectsIndex(registry({}))).toContain('_No projects yet._');
  });
});

describe('renderCodeowners', () => {
  it('makes the leads of each project the owners of its folder, keeping other lines', () => {
    const existing = `* @org/maintainers\n\n${CODEOWNERS_BEGIN}\n/projects/old/ @someone\n${CODEOWNERS_END}\n\n/docs/ @org/docs\n`;
    const rendered = renderCodeowners(REGISTRY, existing);
    expect(rendered).toBe(
      [
        '* @org/maintainers',
        '',
        CODEOWNERS_BEGIN,
        "# Generated from projects/*/project.yml by `pnpm circuitboard generate`: each project's leads own its folder.",
        '/projects/grokking/ @ivan',
        '/projects/induction-heads/ @alice @bob',
        '/projects/othello/ @lena',
        CODEOWNERS_END,
        '',
        '/docs/ @org/docs',
        '',
      ].join('\n'),
    );
    expect(renderCodeowners(REGISTRY, rendered)).toBe(rendered);
  });

  it('starts a new file with a short header', () => {
    expect(renderCodeowners(REGISTRY).startsWith('# Code owners')).toBe(true);
  });
});

describe('planGeneratedFiles', () => {
  it('compares what should be with what is', () => {
    const index = renderProjectsIndex(REGISTRY);
    const files = planGeneratedFiles(REGISTRY, (path) => (path === 'projects/README.md' ? index : undefined));
    expect(files.map((f) => [f.path, f.upToDate, f.actual !== undefined])).toEqual([
      ['projects/README.md', true, true],
      ['.github/CODEOWNERS', false, false],
    ]);
    expect(files[1]).not.toHaveProperty('actual');
  });
});

describe('escapeMarkdownCell', () => {
  it.each([
    ['a|b', 'a&#124;b'],
    ['<b>', '&lt;b&gt;'],
    ['@alice', '&#64;alice'],
    ['[x](y)', '\\[x\\]\\(y\\)'],
    ['line\nbreak', 'line break'],
    ['zero\u200bwidth\u202E', 'zerowidth'],
    ['a & b', 'a &amp; b'],
  ])('%j → %j', (input, output) => {
    expect(escapeMarkdownCell(input)).toBe(output);
  });
});
