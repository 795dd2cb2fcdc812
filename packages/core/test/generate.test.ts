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

  it('lists open roles, newcomer-friendly first, and outputs, newest first (snapshot: the product)', () => {
    const withFields = registry({
      ...Object.fromEntries(REGISTRY.projects.map((p) => [p.slug, p.project])),
      'induction-heads': project({
        title: 'Induction heads across Pythia checkpoints',
        help_wanted: [
          { role: 'Review the plotting notebook', hours_per_week: 1 },
          { role: 'Run activation-patching sweeps', skills: ['python', 'transformerlens'], newcomer_friendly: true },
        ],
        outputs: [
          { kind: 'code', title: 'Sweep scripts', url: 'https://github.com/example/sweeps', date: '2026-10-01' },
          {
            kind: 'post',
            title: 'Induction heads form in a phase change',
            url: 'https://www.lesswrong.com/posts/abc/a_(b)|c',
            date: '2026-11-20',
          },
        ],
      }),
      othello: project({
        title: 'Othello probes',
        status: 'proposed',
        help_wanted: [{ role: 'Train probes', newcomer_friendly: true, hours_per_week: 2.5 }],
      }),
      grokking: project({
        title: 'Grokking',
        status: 'completed',
        help_wanted: [{ role: 'Nobody is needed any more' }],
        outputs: [
          { kind: 'paper', title: 'Grokking paper', url: 'https://arxiv.org/abs/2301.05217', date: '2026-11-20' },
        ],
      }),
    });
    const index = renderProjectsIndex(withFields);
    expect(index).toMatchSnapshot();
    const section = index.slice(index.indexOf('## Help wanted'), index.indexOf('## Outputs'));
    const roles = section.split('\n').filter((line) => line.startsWith('| ') && line.includes('./'));
    expect(roles.map((line) => line.split(' | ')[0])).toEqual([
      '| 🌱 Run activation-patching sweeps',
      '| 🌱 Train probes',
      '| Review the plotting notebook',
    ]);
    expect(index).not.toContain('Nobody is needed');
    expect(index).toContain(
      '[Induction heads form in a phase change](https://www.lesswrong.com/posts/abc/a_%28b%29%7Cc)',
    );
    expect(index.indexOf('Grokking paper')).toBeLessThan(index.indexOf('Sweep scripts'));
  });

  it('leaves the roles and outputs sections out when no project has any', () => {
    const index = renderProjectsIndex(REGISTRY);
    expect(index).not.toContain('## Help wanted');
    expect(index).not.toContain('## Outputs');
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
