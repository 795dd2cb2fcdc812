import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Project } from '../src/model.ts';
import {
  loadProposalForm,
  PROPOSAL_BODY_MAX,
  PROPOSAL_FIELDS,
  type ProposalResult,
  parseProposal,
  renderProposalComment,
} from '../src/proposal/index.ts';

const { form } = loadProposalForm();
const labels = PROPOSAL_FIELDS.map((id) => form!.fields.get(id)!.label);
const OPTIONS = { author: 'alice', issue: 7, today: '2026-11-01' };
const COMMENT = { labels: { approved: 'proposal: approved' }, commands: { approve: '/approve', reject: '/reject' } };

/** Pieces people (and attackers) put in issue bodies: headings, markers, mentions, odd characters. */
const fragment = fc.oneof(
  fc.constantFrom(
    ...labels.map((l) => `\n### ${l}\n\n`),
    '###',
    '\n### ',
    '\n### Budget\n',
    '_No response_',
    'None',
    '\n',
    '\r\n',
    '   ',
    '\u202E',
    '\u200B',
    '\u0000',
    '\uD800',
    '@everyone',
    '<@&123>',
    '<script>alert(1)</script>',
    'javascript:alert(1)',
    '2026-02-30 Replicate',
    '2026-11-15 Replicate the phase change',
    '../../etc',
    'іnduction',
    '𝔸',
    '🧠',
    '`',
    '```',
    '- ',
    '@alice-nguyen',
    'repo: https://github.com/example/x',
  ),
  fc.string({ maxLength: 30, unit: 'grapheme' }),
  fc.string({ maxLength: 12, unit: 'binary' }),
);

function checkResult(result: ProposalResult): void {
  expect(result.proposal === undefined).toBe(result.errors.length > 0);
  for (const problem of [...result.errors, ...result.warnings]) {
    expect(typeof problem.field).toBe('string');
    expect(problem.field.length).toBeGreaterThan(0);
    expect(problem.message.length).toBeGreaterThan(0);
  }
  if (result.proposal) {
    const yaml = Object.entries(result.proposal.files).find(([path]) => path.endsWith('/project.yml'))![1];
    expect(Project.parse(parseYaml(yaml))).toEqual(result.proposal.project);
  }
  const state = result.proposal ? 'ready' : 'needs-changes';
  expect(renderProposalComment(result, { ...COMMENT, state }).length).toBeLessThanOrEqual(65_536);
}

describe('parseProposal on any text', () => {
  it('yields a proposal or errors for any body up to 1 MB', () => {
    const body = fc
      .tuple(fc.array(fragment, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 1_000_000 }))
      .map(([parts, size]) => {
        const unit = parts.join('') || '#';
        return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
      });
    fc.assert(
      fc.property(body, (text) => checkResult(parseProposal(text, OPTIONS))),
      { numRuns: 50 },
    );
  });

  it('yields a proposal or errors for bodies just under the length cap', () => {
    const body = fc.array(fragment, { minLength: 1, maxLength: 80 }).map((parts) => {
      const unit = parts.join('') || '#';
      return unit.repeat(Math.ceil(PROPOSAL_BODY_MAX / unit.length)).slice(0, PROPOSAL_BODY_MAX);
    });
    fc.assert(
      fc.property(body, (text) => checkResult(parseProposal(text, OPTIONS))),
      { numRuns: 30 },
    );
  });

  it('yields a valid project folder or errors when good answers are disturbed', () => {
    const GOOD: Record<string, string[]> = {
      title: ['Induction heads across Pythia checkpoints', 'SAE feature splitting', 'Grokking: modular addition'],
      summary: ['When do induction heads form during training?', 'Do SAE features split as the dictionary grows?'],
      question: ['Olsson et al. saw a phase change.', '### Approach\nWe sweep.'],
      leads: ['@alice', '@alice\n@bob', 'alice, bob'],
      milestones: ['2026-11-15 Replicate', '2026-11-15 Replicate\n2026-12-20 Scan checkpoints'],
      tags: ['induction-heads, pythia', 'sae'],
      links: ['repo: https://github.com/example/x', 'https://arxiv.org/abs/2209.11895'],
      papers: ['arxiv:2211.00593', 'https://arxiv.org/abs/2301.05217\ndoi:10.1038/nature14539'],
      models: ['pythia-70m, gpt2-small'],
      datasets: ['openwebtext'],
      compute: ['1×A100 for about 20 hours'],
      help_wanted: ['- TransformerLens hooks', 'Run sweeps | python | 3 h/week | newcomer-friendly'],
      time_commitment: ['2 hours a week'],
      discord: ['412345678901234567'],
      slug: ['induction-pythia', 'sae-splitting'],
    };
    const answer = (id: string) =>
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...GOOD[id]!) },
        { weight: 2, arbitrary: fc.constant(undefined) },
        {
          weight: 2,
          arbitrary: fc.tuple(fc.constantFrom(...GOOD[id]!), fragment).map(([good, extra]) => good + extra),
        },
      );
    const filled = fc
      .tuple(...PROPOSAL_FIELDS.map((id) => answer(id)))
      .map((answers) => labels.map((label, i) => `### ${label}\n\n${answers[i] ?? '_No response_'}`).join('\n\n'));
    let proposals = 0;
    fc.assert(
      fc.property(filled, (text) => {
        const result = parseProposal(text, OPTIONS);
        if (result.proposal) proposals += 1;
        checkResult(result);
      }),
      { numRuns: 400 },
    );
    expect(proposals, 'the generator reaches valid proposals too').toBeGreaterThan(10);
  });

  it('yields a proposal or errors for a form filled in with anything', () => {
    const answer = fc.oneof(
      fc.constant(undefined),
      fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join('')),
    );
    const filled = fc
      .array(answer, { minLength: labels.length, maxLength: labels.length })
      .map((answers) => labels.map((label, i) => `### ${label}\n\n${answers[i] ?? '_No response_'}`).join('\n\n'));
    fc.assert(
      fc.property(filled, (text) => checkResult(parseProposal(text, OPTIONS))),
      { numRuns: 400 },
    );
  });
});
