// help_wanted, research, outputs and hackathon in project.yml: what loads, and what each mistake is told.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/diagnostics.ts';
import { parseProjectYaml } from '../src/load.ts';
import { TODAY } from './fixtures.ts';

const FILE = 'projects/induction-heads/project.yml';
const HEAD = 'title: T\nstatus: active\nsummary: S\nleads:\n  - github: alice\n';

function parse(tail: string) {
  return parseProjectYaml(`${HEAD}${tail}`, FILE, { today: TODAY });
}

const FULL = `help_wanted:
  - role: Run activation-patching sweeps
    skills: [python, transformerlens]
    hours_per_week: 3
    newcomer_friendly: true
  - role: Review the plotting notebook
    hours_per_week: 1.5
research:
  papers: [arxiv:2211.00593, doi:10.48550/arXiv.2301.05217, arxiv:hep-th/9901001v2]
  models: [pythia-160m, EleutherAI/pythia-410m]
  datasets: [openwebtext]
  compute: 1×A100 for about 20 hours
outputs:
  - kind: post
    title: Induction heads form in a phase change
    url: https://www.lesswrong.com/posts/abc/induction-heads
    date: 2026-11-20
  - kind: code
    title: Sweep scripts
    url: https://github.com/example/induction-pythia
    date: 2026-11-24
hackathon: winter-2027
`;

describe('the wave-2 fields of project.yml', () => {
  it('load as written', () => {
    const { project, diagnostics } = parse(FULL);
    expect(diagnostics).toEqual([]);
    expect(project?.help_wanted).toEqual([
      {
        role: 'Run activation-patching sweeps',
        skills: ['python', 'transformerlens'],
        hours_per_week: 3,
        newcomer_friendly: true,
      },
      { role: 'Review the plotting notebook', hours_per_week: 1.5 },
    ]);
    expect(project?.research?.papers).toEqual([
      'arxiv:2211.00593',
      'doi:10.48550/arXiv.2301.05217',
      'arxiv:hep-th/9901001v2',
    ]);
    expect(project?.research?.compute).toBe('1×A100 for about 20 hours');
    expect(project?.outputs?.map((o) => [o.kind, o.date])).toEqual([
      ['post', '2026-11-20'],
      ['code', '2026-11-24'],
    ]);
    expect(project?.hackathon).toBe('winter-2027');
  });

  const L = 6; // the first line after HEAD
  const cases: { name: string; tail: string; rule: string; line: number; column: number; message: RegExp }[] = [
    {
      name: 'a role without a role',
      tail: 'help_wanted:\n  - skills: [python]\n',
      rule: 'missing-key',
      line: L + 1,
      column: 5,
      message: /^role is required: add it, e\.g\.\n {2}role: Run activation-patching sweeps$/,
    },
    {
      name: 'an empty role',
      tail: 'help_wanted:\n  - role: ""\n',
      rule: 'schema',
      line: L + 1,
      column: 11,
      message: /role is empty; write some text/,
    },
    {
      name: 'a role that is too long',
      tail: `help_wanted:\n  - role: ${'r'.repeat(121)}\n`,
      rule: 'schema',
      line: L + 1,
      column: 11,
      message: /role is 121 characters long; shorten it to at most 120/,
    },
    {
      name: 'skills as one string',
      tail: 'help_wanted:\n  - role: R\n    skills: python, pytorch\n',
      rule: 'schema',
      line: L + 2,
      column: 13,
      message:
        /skills must be a list, one "- " line per entry; got "python, pytorch", e\.g\.\n {2}skills: \[python, transformerlens\]/,
    },
    {
      name: 'hours per week as text',
      tail: 'help_wanted:\n  - role: R\n    hours_per_week: "3"\n',
      rule: 'schema',
      line: L + 2,
      column: 21,
      message: /hours_per_week must be a number; remove the quotes: hours_per_week: 3/,
    },
    {
      name: 'zero hours per week',
      tail: 'help_wanted:\n  - role: R\n    hours_per_week: 0\n',
      rule: 'schema',
      line: L + 2,
      column: 21,
      message: /hours_per_week must be a positive number; got 0/,
    },
    {
      name: 'more hours than a role can ask for',
      tail: 'help_wanted:\n  - role: R\n    hours_per_week: 60\n',
      rule: 'schema',
      line: L + 2,
      column: 21,
      message: /hours_per_week must be at most 40; got 60/,
    },
    {
      name: 'newcomer_friendly: yes',
      tail: 'help_wanted:\n  - role: R\n    newcomer_friendly: yes\n',
      rule: 'schema',
      line: L + 2,
      column: 24,
      message: /write newcomer_friendly: true/,
    },
    {
      name: 'a misspelt key in a role',
      tail: 'help_wanted:\n  - role: R\n    hours: 3\n',
      rule: 'unknown-key',
      line: L + 2,
      column: 5,
      message: /unknown key "hours"; did you mean "hours_per_week"\?/,
    },
    {
      name: 'a role listed twice',
      tail: 'help_wanted:\n  - role: Review the notebook\n  - role: review  the Notebook\n',
      rule: 'duplicate-entry',
      line: L + 2,
      column: 11,
      message:
        /role "review {2}the Notebook" is already listed on line 7 \("Review the notebook"\); list each role once/,
    },
    {
      name: 'a skill listed twice',
      tail: 'help_wanted:\n  - role: R\n    skills: [python, Python]\n',
      rule: 'duplicate-entry',
      line: L + 2,
      column: 22,
      message: /skill "Python" is already listed/,
    },
    {
      name: 'too many roles',
      tail: `help_wanted:\n${Array.from({ length: 21 }, (_, i) => `  - role: R${i}\n`).join('')}`,
      rule: 'schema',
      line: L + 1,
      column: 3,
      message: /help_wanted has 21 entries; keep at most 20/,
    },
    {
      name: 'an arXiv id with a digit missing',
      tail: 'research:\n  papers: [arxiv:2211.0059]\n',
      rule: 'paper-id',
      line: L + 1,
      column: 12,
      message:
        /^arxiv:2211\.0059 has 4 digits after the dot, but ids from January 2015 on have 5; new-style arXiv ids look like arxiv:2211\.00593$/,
    },
    {
      name: 'a DOI without its suffix',
      tail: 'research:\n  papers:\n    - arxiv:2211.00593\n    - doi:10.1038\n',
      rule: 'paper-id',
      line: L + 3,
      column: 7,
      message: /^doi:10\.1038 has no "\/" between the registrant/,
    },
    {
      name: 'a bare arXiv id, which YAML reads as a number',
      tail: 'research:\n  papers:\n    - 2211.00593\n',
      rule: 'paper-id',
      line: L + 2,
      column: 7,
      message: /YAML reads as a number; write the paper with its prefix: - arxiv:2211\.00593/,
    },
    {
      name: 'a paper written with a space after the colon',
      tail: 'research:\n  papers:\n    - arxiv: 2211.00593\n',
      rule: 'paper-id',
      line: L + 2,
      column: 7,
      message: /has a space after the colon, so YAML reads it as a mapping; write it in one piece: - arxiv:2211\.00593/,
    },
    {
      name: 'a paper given as a link',
      tail: 'research:\n  papers: [https://arxiv.org/abs/2211.00593]\n',
      rule: 'paper-id',
      line: L + 1,
      column: 12,
      message: /is a link; write the identifier instead: arxiv:2211\.00593/,
    },
    {
      name: 'an arXiv id from a month that has not come yet',
      tail: 'research:\n  papers: [arxiv:2612.00001]\n',
      rule: 'paper-id',
      line: L + 1,
      column: 12,
      message: /arxiv:2612\.00001 would be submitted in 2026-12, after this month \(2026-11\)/,
    },
    {
      name: 'the same paper as a versioned id',
      tail: 'research:\n  papers: [arxiv:2211.00593, arxiv:2211.00593v2]\n',
      rule: 'duplicate-entry',
      line: L + 1,
      column: 30,
      message: /paper "arxiv:2211\.00593v2" is already listed on line 7 \("arxiv:2211\.00593"\)/,
    },
    {
      name: 'the same paper as its arXiv DOI',
      tail: 'research:\n  papers:\n    - doi:10.48550/arXiv.2211.00593\n    - arxiv:2211.00593\n',
      rule: 'duplicate-entry',
      line: L + 3,
      column: 7,
      message: /already listed on line 8/,
    },
    {
      name: 'a model listed twice',
      tail: 'research:\n  models: [pythia-160m, Pythia-160M]\n',
      rule: 'duplicate-entry',
      line: L + 1,
      column: 25,
      message: /model "Pythia-160M" is already listed/,
    },
    {
      name: 'papers at the top level',
      tail: 'papers: [arxiv:2211.00593]\n',
      rule: 'unknown-key',
      line: L,
      column: 1,
      message: /^unknown key "papers"; papers goes under research:, e\.g\.\n {2}research:\n {4}papers: /,
    },
    {
      name: 'a compute request that is a list',
      tail: 'research:\n  compute:\n    - 1×A100\n',
      rule: 'schema',
      line: L + 2,
      column: 5,
      message: /compute must be text; got a list, e\.g\.\n {2}compute: 1×A100 for about 20 hours/,
    },
    {
      name: 'a compute request that is too long',
      tail: `research:\n  compute: ${'c'.repeat(501)}\n`,
      rule: 'schema',
      line: L + 1,
      column: 12,
      message: /compute is 501 characters long; shorten it to at most 500/,
    },
    {
      name: 'an output of an unknown kind',
      tail: 'outputs:\n  - kind: Post\n    title: T\n    url: https://example.org/p\n    date: 2026-11-01\n',
      rule: 'schema',
      line: L + 1,
      column: 11,
      message: /kind must be one of paper, post, code, dataset, video, talk; got "Post" — did you mean "post"\?/,
    },
    {
      name: 'an output with an http link',
      tail: 'outputs:\n  - kind: post\n    title: T\n    url: http://example.org/p\n    date: 2026-11-01\n',
      rule: 'link-scheme',
      line: L + 3,
      column: 10,
      message:
        /url must be an https link, like https:\/\/www\.lesswrong\.com\/posts\/…; got "http:\/\/example\.org\/p"/,
    },
    {
      name: 'an output without a date',
      tail: 'outputs:\n  - kind: post\n    title: T\n    url: https://example.org/p\n',
      rule: 'missing-key',
      line: L + 1,
      column: 5,
      message: /date is required: add it, e\.g\.\n {2}date: 2026-11-20/,
    },
    {
      name: 'an output dated in the future',
      tail: 'outputs:\n  - kind: talk\n    title: T\n    url: https://example.org/p\n    date: 2026-12-01\n',
      rule: 'output-in-future',
      line: L + 4,
      column: 11,
      message: /date is 2026-12-01, which is after today \(2026-11-24\); add an output once it is out/,
    },
    {
      name: 'an output date that does not exist',
      tail: 'outputs:\n  - kind: talk\n    title: T\n    url: https://example.org/p\n    date: 2026-02-30\n',
      rule: 'invalid-date',
      line: L + 4,
      column: 11,
      message: /not a real calendar date/,
    },
    {
      name: 'the same output link twice',
      tail: 'outputs:\n  - kind: post\n    title: A\n    url: https://example.org/p\n    date: 2026-11-01\n  - kind: video\n    title: B\n    url: https://example.org/p/\n    date: 2026-11-02\n',
      rule: 'duplicate-entry',
      line: L + 7,
      column: 10,
      message: /output link "https:\/\/example\.org\/p\/" is already listed on line 9/,
    },
    {
      name: 'a link key in an output',
      tail: 'outputs:\n  - kind: post\n    title: A\n    link: https://example.org/p\n    date: 2026-11-01\n',
      rule: 'unknown-key',
      line: L + 3,
      column: 5,
      message: /unknown key "link"; did you mean "url"\?/,
    },
    {
      name: 'a hackathon that is not a slug',
      tail: 'hackathon: Winter 2027\n',
      rule: 'schema',
      line: L,
      column: 12,
      message:
        /hackathon must be the hackathon's slug: lowercase letters and digits joined by single hyphens, like winter-2027; got "Winter 2027"/,
    },
    {
      name: 'a bidi control in a role',
      tail: 'help_wanted:\n  - role: "Review \\u202Ethe notebook"\n',
      rule: 'bidi-control',
      line: L + 1,
      column: 11,
      message: /U\+202E/,
    },
  ];

  it.each(cases)('$name → $rule at $line:$column', ({ tail, rule, line, column, message }) => {
    const { project, diagnostics } = parse(tail);
    expect(project).toBeUndefined();
    const found = diagnostics.find((d) => d.rule === rule);
    expect(found, diagnostics.map(formatDiagnostic).join('\n')).toBeDefined();
    expect(found?.message).toMatch(message);
    expect({ line: found?.line, column: found?.column }).toEqual({ line, column });
  });

  it('reports every bad paper in the list, each at its own place', () => {
    const { diagnostics } = parse('research:\n  papers: [arxiv:2211.0059, doi:11.1/x, arxiv:2211.00593]\n');
    expect(diagnostics.map((d) => [d.rule, d.column, d.message.split(' ')[0]])).toEqual([
      ['paper-id', 12, 'arxiv:2211.0059'],
      ['paper-id', 29, 'doi:11.1/x'],
    ]);
  });

  it('accepts an output dated today', () => {
    const { diagnostics } = parse(
      `outputs:\n  - kind: talk\n    title: T\n    url: https://example.org/p\n    date: ${TODAY}\n`,
    );
    expect(diagnostics).toEqual([]);
  });
});
