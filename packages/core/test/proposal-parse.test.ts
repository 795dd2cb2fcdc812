import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Project } from '../src/model.ts';
import {
  loadProposalForm,
  PROPOSAL_FIELDS,
  type ProposalFieldId,
  parseProposal,
  proposalSlug,
} from '../src/proposal/index.ts';

const { form } = loadProposalForm();
const label = (id: ProposalFieldId) => form!.fields.get(id)!.label;

const FILLED: Record<ProposalFieldId, string | undefined> = {
  title: 'Induction heads across Pythia checkpoints',
  summary: 'When do induction heads form during training, and does the phase change look the same at every model size?',
  question: 'Olsson et al. (2022) saw a sudden phase change. Does it happen at the same point for every size?',
  leads: '@alice-nguyen\n@bbaker',
  milestones: '2026-11-15 Replicate the phase change on Pythia-70m\n2026-12-20 Scan all checkpoints of Pythia-410m',
  tags: 'induction-heads, pythia, training-dynamics',
  links: 'repo: https://github.com/example/induction-pythia\npaper: https://arxiv.org/abs/2209.11895',
  papers: 'arxiv:2211.00593',
  models: 'pythia-70m, pythia-410m',
  datasets: undefined,
  compute: '1×A100 for about 20 hours',
  help_wanted: 'Run activation-patching sweeps | python, transformerlens | 3 h/week | newcomer-friendly',
  time_commitment: '2–4 hours a week for two months',
  discord: '412345678901234567',
  slug: undefined,
};

/** An issue body as GitHub writes it for the form: `### Label`, a blank line, the answer or `_No response_`. */
function body(
  answers: Partial<Record<ProposalFieldId, string | undefined>> = {},
  options: { omit?: ProposalFieldId[] } = {},
): string {
  const merged = { ...FILLED, ...answers };
  return PROPOSAL_FIELDS.filter((id) => !options.omit?.includes(id))
    .map((id) => `### ${label(id)}\n\n${merged[id] ?? '_No response_'}`)
    .join('\n\n');
}

const OPTIONS = {
  author: 'alice-nguyen',
  issue: 42,
  today: '2026-11-01',
  issueUrl: 'https://github.com/o/r/issues/42',
};

function errorsOf(text: string, extra: Partial<Parameters<typeof parseProposal>[1]> = {}) {
  const result = parseProposal(text, { ...OPTIONS, ...extra });
  expect(result.proposal, 'a proposal with errors has no files').toBeUndefined();
  return result.errors;
}

describe('parseProposal on a filled-in form', () => {
  const result = parseProposal(body(), OPTIONS);

  it('yields a project folder with no errors', () => {
    expect(result.errors).toEqual([]);
    expect(result.proposal?.slug).toBe('induction-heads-across-pythia-checkpoints');
    expect(Object.keys(result.proposal!.files)).toEqual([
      'projects/induction-heads-across-pythia-checkpoints/project.yml',
      'projects/induction-heads-across-pythia-checkpoints/README.md',
      'projects/induction-heads-across-pythia-checkpoints/updates/2026-11-01-proposal.md',
    ]);
  });

  it('writes a project.yml that starts with the schema comment and reads back as the same project', () => {
    const yaml = result.proposal!.files['projects/induction-heads-across-pythia-checkpoints/project.yml']!;
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../../packages/core/schemas/project.schema.json');
    expect(Project.parse(parseYaml(yaml))).toEqual(result.proposal!.project);
    expect(result.proposal!.project).toMatchObject({
      status: 'active',
      proposal: 42,
      leads: [{ github: 'alice-nguyen', discord: '412345678901234567' }, { github: 'bbaker' }],
      tags: ['induction-heads', 'pythia', 'training-dynamics'],
      links: { repo: 'https://github.com/example/induction-pythia', paper: 'https://arxiv.org/abs/2209.11895' },
      milestones: [
        { id: 'replicate-phase-change-pythia', title: 'Replicate the phase change on Pythia-70m', due: '2026-11-15' },
        { id: 'scan-all-checkpoints-pythia', title: 'Scan all checkpoints of Pythia-410m', due: '2026-12-20' },
      ],
    });
  });

  it('puts the question, the help wanted and a link back to the issue in README.md', () => {
    expect(result.proposal!.readme).toContain('## Research question\n\nOlsson et al.');
    expect(result.proposal!.readme).toContain(
      '## Help wanted\n\n- **Run activation-patching sweeps** (python, transformerlens; about 3 h/week; newcomer-friendly)',
    );
    expect(result.proposal!.readme).toContain('[#42](https://github.com/o/r/issues/42)');
  });

  it('names the first update after the day the issue was opened', () => {
    const files = parseProposal(body(), { ...OPTIONS, proposedOn: '2026-10-30' }).proposal!.files;
    expect(Object.keys(files)[2]).toBe(
      'projects/induction-heads-across-pythia-checkpoints/updates/2026-10-30-proposal.md',
    );
  });

  it('lets the author lead alone when Leads is empty, and uses a given folder name', () => {
    const proposal = parseProposal(body({ leads: undefined, slug: 'induction-pythia' }), OPTIONS).proposal!;
    expect(proposal.project.leads).toEqual([{ github: 'alice-nguyen', discord: '412345678901234567' }]);
    expect(proposal.slug).toBe('induction-pythia');
  });

  it('reads Windows line endings, bullets and loosely written lines', () => {
    const text = body({
      leads: '- Alice Nguyen (@alice-nguyen)\n* https://github.com/bbaker',
      milestones: '- [ ] 2026-11-15: Replicate the phase change\n1. 2026-12-20 — Scan checkpoints',
      tags: 'Induction Heads; #pythia',
      links: '[repo](https://github.com/example/x)\nhttps://arxiv.org/abs/2209.11895',
    }).replace(/\n/g, '\r\n');
    const result = parseProposal(text, OPTIONS);
    expect(result.errors).toEqual([]);
    expect(result.proposal!.project.leads.map((p) => p.github)).toEqual(['alice-nguyen', 'bbaker']);
    expect(result.proposal!.project.milestones!.map((m) => [m.due, m.title])).toEqual([
      ['2026-11-15', 'Replicate the phase change'],
      ['2026-12-20', 'Scan checkpoints'],
    ]);
    expect(result.proposal!.project.tags).toEqual(['induction-heads', 'pythia']);
    expect(result.proposal!.project.links).toEqual({
      repo: 'https://github.com/example/x',
      paper: 'https://arxiv.org/abs/2209.11895',
    });
  });

  it('quotes any title YAML would misread', () => {
    for (const title of ['yes', '- [x]: "#1"', "it's 100% {true}", '@@ no', '0x1F']) {
      const result = parseProposal(body({ title: title.replace('@@', 'Why') }), OPTIONS);
      expect(result.errors).toEqual([]);
      expect(Project.parse(parseYaml(Object.values(result.proposal!.files)[0]!)).title).toBe(
        title.replace('@@', 'Why'),
      );
    }
  });
});

/** Every bad input the issue lists, each answered with an error that names the form field. */
const BAD_INPUT: {
  name: string;
  body: () => string;
  options?: Partial<Parameters<typeof parseProposal>[1]>;
  field: string;
  message: RegExp;
}[] = [
  {
    name: 'a form heading typed again inside a textarea',
    body: () => body({ question: 'Why?\n\n### Summary\n\nbecause' }),
    field: 'Summary',
    message: /heading `### Summary` appears more than once/,
  },
  {
    name: 'a required field left as _No response_',
    body: () => body({ title: undefined }),
    field: 'Project title',
    message: /is empty; it is required/,
  },
  {
    name: 'a required section removed',
    body: () => body({}, { omit: ['summary'] }),
    field: 'Summary',
    message: /is missing; it is required/,
  },
  {
    name: 'an unknown section after a one-line answer',
    body: () => `${body()}\n\n### Budget\n\n$500 of compute`,
    field: 'Folder name (optional)',
    message: /section `### Budget` that is not part of the form/,
  },
  {
    name: 'a 64 KiB title of 4-byte characters',
    body: () => body({ title: '𝔸'.repeat(16_384) }),
    field: 'Project title',
    message: /characters long; keep it to 120/,
  },
  {
    name: 'a 64 KiB summary of 4-byte characters',
    body: () => body({ summary: '🧠'.repeat(16_384) }),
    field: 'Summary',
    message: /keep it to 1,000/,
  },
  {
    name: '@everyone in the title',
    body: () => body({ title: 'Ping @everyone about SAEs' }),
    field: 'Project title',
    message: /`@everyone`/,
  },
  {
    name: 'a Discord role mention in the title',
    body: () => body({ title: 'SAEs <@&123>' }),
    field: 'Project title',
    message: /Discord mention syntax/,
  },
  {
    name: '<script> in the title',
    body: () => body({ title: 'SAEs <script>alert(1)</script>' }),
    field: 'Project title',
    message: /HTML \(`<script>`\)/,
  },
  {
    name: 'a javascript: link in the title',
    body: () => body({ title: 'javascript:alert(1)' }),
    field: 'Project title',
    message: /`javascript:` link/,
  },
  {
    name: 'a javascript: link in Links',
    body: () => body({ links: 'repo: javascript:alert(1)' }),
    field: 'Links',
    message: /only http\(s\) links/,
  },
  {
    name: 'a bidi control in the title',
    body: () => body({ title: 'SAE \u202Efeatures' }),
    field: 'Project title',
    message: /U\+202E RIGHT-TO-LEFT OVERRIDE/,
  },
  {
    name: 'a zero-width space in the title',
    body: () => body({ title: 'SAE\u200Bfeatures' }),
    field: 'Project title',
    message: /U\+200B ZERO WIDTH SPACE/,
  },
  {
    name: 'a path as the folder name',
    body: () => body({ slug: '../../etc' }),
    field: 'Folder name (optional)',
    message: /is a path/,
  },
  {
    name: 'Cyrillic look-alike letters in the folder name',
    body: () => body({ slug: 'induсtion-heads' }),
    field: 'Folder name (optional)',
    message: /U\+0441, a Cyrillic letter/,
  },
  {
    name: 'a folder name already used on the default branch',
    body: () => body({ slug: 'induction-heads-pythia' }),
    options: { taken: [{ slug: 'induction-heads-pythia', by: 'projects/induction-heads-pythia on main' }] },
    field: 'Folder name (optional)',
    message:
      /already used by projects\/induction-heads-pythia on main; write another folder name here, for example `induction-heads-pythia-2`/,
  },
  {
    name: 'a derived folder name already used by another open proposal',
    body: () => body(),
    options: { taken: [{ slug: 'induction-heads-across-pythia-checkpoints', by: 'proposal #12' }] },
    field: 'Folder name (optional)',
    message: /\(made from the Project title\) is already used by proposal #12/,
  },
  {
    name: 'a date that does not exist',
    body: () => body({ milestones: '2026-02-30 Replicate' }),
    field: 'Milestones',
    message: /line 1: 2026-02-30 is not a real calendar date/,
  },
  {
    name: 'a milestone line without a date',
    body: () => body({ milestones: '2026-11-15 Replicate\nScan all checkpoints' }),
    field: 'Milestones',
    message:
      /line 2: `Scan all checkpoints` has no date; start the line with the day it is planned for, like `2026-11-15 Scan all checkpoints`/,
  },
  {
    name: 'a milestone with the date last',
    body: () => body({ milestones: 'Replicate 2026-11-15' }),
    field: 'Milestones',
    message: /put the date first, as `2026-11-15 Replicate`/,
  },
  {
    name: 'a milestone date written another way',
    body: () => body({ milestones: '15/11/2026 Replicate' }),
    field: 'Milestones',
    message: /written another way; write it as YYYY-MM-DD/,
  },
  {
    name: 'a lead that is not a username',
    body: () => body({ leads: 'Alice Nguyen' }),
    field: 'Leads',
    message: /line 1: `Alice Nguyen` looks like a name; write one GitHub login per line, like `@alice`/,
  },
  {
    name: 'a lead with characters GitHub does not allow',
    body: () => body({ leads: '@al_ice' }),
    field: 'Leads',
    message: /`@al_ice` is not a GitHub login; write one GitHub login per line, like `@alice`/,
  },
  {
    name: 'a login followed by another word',
    body: () => body({ leads: '@alice-nguyen bbaker' }),
    field: 'Leads',
    message:
      /line 1: `@alice-nguyen bbaker` has a login and other words; write one GitHub login per line, like `@alice`/,
  },
  {
    name: 'a word, then a login',
    body: () => body({ leads: '@bbaker\nlead: @alice-nguyen' }),
    field: 'Leads',
    message: /line 2: `lead: @alice-nguyen` has a login and other words/,
  },
  {
    name: 'a pasted Discord mention',
    body: () => body({ leads: '<@412345678901234567>' }),
    field: 'Leads',
    message:
      /line 1: `<@412345678901234567>` is a Discord mention; write the lead's GitHub login instead, like `@alice`/,
  },
  {
    name: 'a Discord nickname mention among logins',
    body: () => body({ leads: '@alice-nguyen, <@!412345678901234567>' }),
    field: 'Leads',
    message: /`<@!412345678901234567>` is a Discord mention/,
  },
  {
    name: 'a Discord id as a lead',
    body: () => body({ leads: '@412345678901234567' }),
    field: 'Leads',
    message: /`@412345678901234567` looks like a Discord user id, not a GitHub login/,
  },
  {
    name: 'a folder name Circuitboard uses itself',
    body: () => body({ slug: 'projects' }),
    field: 'Folder name (optional)',
    message:
      /`projects` is a name Circuitboard gives its own folders .*; write another folder name, like `projects-project`/,
  },
  {
    name: 'a Windows device name as the folder name',
    body: () => body({ slug: 'nul' }),
    field: 'Folder name (optional)',
    message: /`nul` is a device name on Windows .*; write another folder name, like `nul-project`/,
  },
  {
    name: 'a title that makes a reserved folder name',
    body: () => body({ title: 'AUX' }),
    field: 'Folder name (optional)',
    message:
      /`aux` \(made from the title\) is a device name on Windows .*; write a folder name here, like `aux-project`/,
  },
  {
    name: 'a Discord username instead of an id',
    body: () => body({ discord: 'alice#1234' }),
    field: 'Your Discord user id (optional)',
    message: /not a Discord user id/,
  },
  {
    name: 'a tag in another script',
    body: () => body({ tags: 'индукция' }),
    field: 'Tags',
    message: /Cyrillic letter/,
  },
  {
    name: 'a title with no Latin letters and no folder name',
    body: () => body({ title: '归纳头' }),
    field: 'Folder name (optional)',
    message: /could not be made from the title/,
  },
  {
    name: 'a body that is not the form at all',
    body: () => 'I would like to study SAEs.\n\nThanks!',
    field: 'Issue body',
    message: /does not use the proposal form/,
  },
  {
    name: 'a body longer than GitHub allows',
    body: () => 'x'.repeat(200_000),
    field: 'Issue body',
    message: /more than GitHub allows/,
  },
];

describe('parseProposal answers bad input with the field to fix', () => {
  it.each(BAD_INPUT)('$name', ({ body: make, options, field, message }) => {
    const errors = errorsOf(make(), options);
    expect(errors.filter((e) => e.field === field).map((e) => e.message)).toContainEqual(
      expect.stringMatching(message),
    );
  });

  it('keeps ### typed inside a textarea as part of that answer, with a note', () => {
    const result = parseProposal(body({ question: 'Why?\n### Approach\nWe sweep ### checkpoints.' }), OPTIONS);
    expect(result.errors).toEqual([]);
    expect(result.proposal!.extras.question).toBe('Why?\n### Approach\nWe sweep ### checkpoints.');
    expect(result.warnings).toEqual([
      {
        field: label('question'),
        id: 'question',
        message: 'the section `### Approach` is not part of the form; it was kept as part of this answer',
      },
    ]);
  });

  it('lists the problems in the order of the form', () => {
    const errors = errorsOf(body({ slug: 'Bad Slug', title: 'x @everyone', milestones: 'soon' }));
    expect(errors.map((e) => e.field)).toEqual([label('title'), label('milestones'), label('slug')]);
  });

  it('does not let a lead be listed twice or count a Discord id that is not the author’s', () => {
    const result = parseProposal(body({ leads: '@bbaker\n@BBaker' }), OPTIONS);
    expect(result.proposal!.project.leads).toEqual([{ github: 'bbaker' }]);
    expect(result.warnings.map((w) => w.field)).toContain(label('discord'));
  });
});

describe('proposalSlug', () => {
  it('reads the folder name a body asks for without checking the rest', () => {
    expect(proposalSlug(body({ summary: undefined }))).toBe('induction-heads-across-pythia-checkpoints');
    expect(proposalSlug(body({ slug: 'sae-splitting' }))).toBe('sae-splitting');
    expect(proposalSlug('not a form')).toBeUndefined();
  });
});
