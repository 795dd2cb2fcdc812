// The proposal form's help wanted and research plan: what people write, what project.yml gets, and what is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HelpWanted } from '../src/model.ts';
import { parseCompute, parseHelpWanted, parseNames, parsePapers } from '../src/proposal/fields.ts';
import { loadProposalForm, PROPOSAL_FIELDS, type ProposalFieldId, parseProposal } from '../src/proposal/index.ts';

const { form } = loadProposalForm();
const label = (id: ProposalFieldId) => form!.fields.get(id)!.label;

function body(answers: Partial<Record<ProposalFieldId, string>>): string {
  const base: Partial<Record<ProposalFieldId, string>> = {
    title: 'Induction heads across Pythia checkpoints',
    summary: 'When do induction heads form during training?',
    question: 'Does the phase change happen at the same point for every size?',
    ...answers,
  };
  return PROPOSAL_FIELDS.map((id) => `### ${label(id)}\n\n${base[id] ?? '_No response_'}`).join('\n\n');
}

const OPTIONS = { author: 'alice', issue: 7, today: '2026-11-01' };

describe('Help wanted: one role a line', () => {
  it.each<[string, HelpWanted[]]>([
    [
      'Run activation-patching sweeps | python, transformerlens | 3 h/week | newcomer-friendly',
      [
        {
          role: 'Run activation-patching sweeps',
          skills: ['python', 'transformerlens'],
          hours_per_week: 3,
          newcomer_friendly: true,
        },
      ],
    ],
    ['- Review the plotting notebook', [{ role: 'Review the plotting notebook' }]],
    [
      '* Write up | newcomers welcome | 2.5 hours a week',
      [{ role: 'Write up', hours_per_week: 2.5, newcomer_friendly: true }],
    ],
    [
      'Train SAEs | 4h | PyTorch | pytorch, SAELens',
      [{ role: 'Train SAEs', skills: ['PyTorch', 'SAELens'], hours_per_week: 4 }],
    ],
    ['**Label features** | 1,5 h per week', [{ role: 'Label features', hours_per_week: 1.5 }]],
    ['Sweeps | | python |', [{ role: 'Sweeps', skills: ['python'] }]],
  ])('%j', (text, roles) => {
    expect(parseHelpWanted(text)).toEqual({ value: roles, errors: [], warnings: [] });
  });

  it.each<[string, RegExp]>([
    ['| python', /line 1: has no role before the first \|/],
    [
      'Sweeps | 3-5 h/week',
      /line 1: `3-5 h\/week` is not one number of hours a week; write one rough number, like 3 h\/week/,
    ],
    ['Sweeps | 60 h/week', /line 1: `60 h\/week` hours a week is not between 0 and 40/],
    ['Sweeps | 0 h', /is not between 0 and 40/],
    ['Sweeps\nsweeps', /line 2: `sweeps` is already on line 1; list each role once/],
    [`${'r'.repeat(121)}`, /line 1: the role is 121 characters long; keep it to 120/],
    ['Ping @everyone', /line 1: the role contains `@everyone`/],
    ['Sweeps | <script>', /line 1: the skill `<script>` contains HTML/],
    [`Sweeps | ${Array.from({ length: 11 }, (_, i) => `s${i}`).join(', ')}`, /names 11 skills; keep the 10/],
    [Array.from({ length: 21 }, (_, i) => `Role ${i}`).join('\n'), /has 21 lines; list at most 20 roles/],
  ])('%j is refused', (text, message) => {
    const outcome = parseHelpWanted(text);
    expect(outcome.errors).toContainEqual(expect.stringMatching(message));
  });

  it('gives roles project.yml accepts for any line of plain words (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,12}$/);
    const line = fc
      .tuple(
        fc.array(word, { minLength: 1, maxLength: 6 }),
        fc.array(word, { maxLength: 4 }),
        fc.option(fc.integer({ min: 1, max: 40 })),
        fc.boolean(),
      )
      .map(([role, skills, hours, newcomer]) =>
        [
          role.join(' '),
          skills.join(', '),
          hours === null ? '' : `${hours} h/week`,
          newcomer ? 'newcomer-friendly' : '',
        ].join(' | '),
      );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const outcome = parseHelpWanted(lines.join('\n'));
        for (const role of outcome.value) expect(HelpWanted.safeParse(role).success).toBe(true);
        expect(outcome.value.length + outcome.errors.length).toBe(lines.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('Papers: one a line', () => {
  it('reads identifiers, links, bare ids and lines with more words, each written as project.yml keeps it', () => {
    const outcome = parsePapers(
      [
        'arxiv:2211.00593',
        '- https://arxiv.org/abs/2301.05217v2',
        'Olsson et al. 2022, arXiv:2209.11895',
        '[Towards monosemanticity](https://doi.org/10.48550/arXiv.2309.08600)',
        '10.1038/nature14539',
        'https://arxiv.org/pdf/2211.00593',
      ].join('\n'),
    );
    expect(outcome.errors).toEqual([]);
    expect(outcome.value).toEqual([
      'arxiv:2211.00593',
      'arxiv:2301.05217v2',
      'arxiv:2209.11895',
      'doi:10.48550/arXiv.2309.08600',
      'doi:10.1038/nature14539',
    ]);
    expect(outcome.warnings).toEqual([
      'line 6: `arxiv:2211.00593` is the same paper as an earlier line; it is listed once',
    ]);
  });

  it.each<[string, RegExp]>([
    ['arxiv:2211.0059', /^line 1: arxiv:2211\.0059 has 4 digits after the dot, but ids from January 2015 on have 5/],
    ['arxiv:2211.00593\ndoi:10.1038', /^line 2: doi:10\.1038 has no "\/" between the registrant/],
    ['Attention is all you need', /^line 1: "Attention is all you need" is not a paper identifier; write arxiv:<id>/],
    [
      'arxiv:2211.00593 and arxiv:2301.05217',
      /^line 1: names 2 papers \(`arxiv:2211\.00593`, `arxiv:2301\.05217`\); write one paper per line$/,
    ],
  ])('%j is refused with the identifier and the reason', (text, message) => {
    expect(parsePapers(text).errors).toContainEqual(expect.stringMatching(message));
  });
});

describe('Models, datasets and compute', () => {
  it('reads comma-separated names once each, and one line of compute', () => {
    expect(parseNames('pythia-70m, Pythia-70M; gpt2-small\n- EleutherAI/pythia-410m', 'models').value).toEqual([
      'pythia-70m',
      'gpt2-small',
      'EleutherAI/pythia-410m',
    ]);
    expect(parseCompute('  1×A100   for about 20 hours ')).toEqual({
      value: '1×A100 for about 20 hours',
      errors: [],
      warnings: [],
    });
  });

  it('refuses too many names, HTML and overlong text', () => {
    expect(parseNames(Array.from({ length: 21 }, (_, i) => `d${i}`).join(','), 'datasets').errors).toEqual([
      'names 21 datasets; list at most 20, separated by commas',
    ]);
    expect(parseNames('<img src=x>', 'models').errors[0]).toMatch(/contains HTML/);
    expect(parseCompute('c'.repeat(501)).errors[0]).toMatch(/is 501 characters long; keep it to 500/);
  });
});

describe('parseProposal with the research plan and help wanted', () => {
  it('puts them in project.yml, in the preview, and the roles in README.md', () => {
    const result = parseProposal(
      body({
        papers: 'arxiv:2211.00593\nhttps://doi.org/10.48550/arXiv.2301.05217',
        models: 'pythia-70m, pythia-410m',
        datasets: 'openwebtext',
        compute: '1×A100 for about 20 hours',
        help_wanted:
          'Review the plotting notebook | matplotlib | 1 h/week\nRun activation-patching sweeps | python, transformerlens | 3 h/week | newcomer-friendly',
      }),
      OPTIONS,
    );
    expect(result.errors).toEqual([]);
    const yaml = result.proposal!.files['projects/induction-heads-across-pythia-checkpoints/project.yml']!;
    expect(yaml).toContain(
      [
        'help_wanted:',
        '  - role: Review the plotting notebook',
        '    skills: [matplotlib]',
        '    hours_per_week: 1',
        '  - role: Run activation-patching sweeps',
        '    skills: [python, transformerlens]',
        '    hours_per_week: 3',
        '    newcomer_friendly: true',
        'research:',
        '  papers: [arxiv:2211.00593, doi:10.48550/arXiv.2301.05217]',
        '  models: [pythia-70m, pythia-410m]',
        '  datasets: [openwebtext]',
        '  compute: 1×A100 for about 20 hours',
        '',
      ].join('\n'),
    );
    expect(result.proposal!.readme).toContain('- **Review the plotting notebook** (matplotlib; about 1 h/week)');
  });

  it('names the form field of each problem, including the ones only project.yml rules catch', () => {
    const result = parseProposal(
      body({
        papers: 'arxiv:2211.0059',
        help_wanted: 'Sweeps | 3-5 h/week',
        models: 'pythia, <img src=x>',
        compute: 'Ping @here',
      }),
      OPTIONS,
    );
    expect(result.proposal).toBeUndefined();
    expect(result.errors.map((e) => [e.field, e.id])).toEqual([
      ['Papers', 'papers'],
      ['Models', 'models'],
      ['Compute request', 'compute'],
      ['Help wanted', 'help_wanted'],
    ]);
    // An arXiv id from a month that has not come yet is caught by the project rules, and still names Papers.
    const future = parseProposal(body({ papers: 'arxiv:2612.00001' }), OPTIONS);
    expect(future.errors).toEqual([
      {
        field: 'Papers',
        id: 'papers',
        message: expect.stringMatching(/arxiv:2612\.00001 would be submitted in 2026-12, after this month \(2026-11\)/),
      },
    ]);
  });
});
