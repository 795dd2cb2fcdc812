import { describe, expect, it } from 'vitest';
import {
  inertMarkdown,
  loadProposalForm,
  PROPOSAL_FIELDS,
  type ProposalFieldId,
  parseProposal,
  proposalMarker,
  readProposalMarker,
  readReplyMarker,
  renderProposalComment,
  renderRefusal,
} from '../src/proposal/index.ts';

const { form } = loadProposalForm();
const OPTIONS = {
  author: 'alice-nguyen',
  issue: 42,
  today: '2026-11-01',
  issueUrl: 'https://github.com/o/r/issues/42',
};
const COMMENT = { labels: { approved: 'proposal: approved' }, commands: { approve: '/approve', reject: '/reject' } };

function body(answers: Partial<Record<ProposalFieldId, string>>): string {
  const filled: Partial<Record<ProposalFieldId, string>> = {
    title: 'Induction heads across Pythia checkpoints',
    summary: 'When do induction heads form during training?',
    question: 'Does the phase change happen at the same point for every size?',
    milestones: '2026-11-15 Replicate the phase change on Pythia-70m',
    ...answers,
  };
  return PROPOSAL_FIELDS.map((id) => `### ${form!.fields.get(id)!.label}\n\n${filled[id] ?? '_No response_'}`).join(
    '\n\n',
  );
}

describe('the proposal comment', () => {
  it('previews the project folder when the proposal is ready', () => {
    const comment = renderProposalComment(parseProposal(body({}), OPTIONS), { ...COMMENT, state: 'ready' });
    expect(comment).toMatchSnapshot();
  });

  it('lists what to change, field by field, when it is not', () => {
    const result = parseProposal(body({ title: 'Ping @everyone', milestones: 'Replicate' }), OPTIONS);
    const comment = renderProposalComment(result, { ...COMMENT, state: 'needs-changes' });
    expect(comment).toMatchSnapshot();
    expect(comment).toContain('- **Project title** contains `@everyone`');
    expect(comment).toContain('- **Milestones** line 1: `Replicate` has no date');
  });

  it('carries its slug and state in the hidden marker it is found by', () => {
    const comment = renderProposalComment(parseProposal(body({ slug: 'induction-pythia' }), OPTIONS), {
      ...COMMENT,
      state: 'ready',
    });
    expect(comment.split('\n')[0]).toBe('<!-- circuitboard:proposal slug=induction-pythia state=ready -->');
    expect(readProposalMarker(comment)).toEqual({ slug: 'induction-pythia', state: 'ready' });
    expect(readProposalMarker('Thanks! <!-- circuitboard:proposal slug=x -->')).toBeUndefined();
    expect(readProposalMarker(proposalMarker({ slug: '../etc' }))).toEqual({});
  });

  it('never mentions or links anyone from text people wrote', () => {
    const result = parseProposal(
      body({ leads: '@everyone @octo-org/team', title: '<img src=x onerror=alert(1)> [x](javascript:alert(1))' }),
      OPTIONS,
    );
    const comment = renderProposalComment(result, { ...COMMENT, state: 'needs-changes' });
    const outsideCode = comment.replace(/```[\s\S]*?```/g, '').replace(/(`+)[\s\S]*?\1/g, '');
    expect(outsideCode).not.toMatch(/@\w/);
    expect(outsideCode).not.toMatch(/<img|\]\(javascript/);
  });

  it('makes mentions, HTML and links inert outside code spans only', () => {
    expect(inertMarkdown('hi @alice <b>x</b> [a](b) `@kept <b>`')).toBe(
      'hi &#64;alice &lt;b&gt;x&lt;/b&gt; &#91;a&#93;(b) `@kept <b>`',
    );
    expect(inertMarkdown('a `` `@x` `` b ` @y')).toBe('a `` `@x` `` b ` &#64;y');
  });

  it('stays within GitHub’s comment limit however long the answers are', () => {
    const links = Array.from({ length: 20 }, (_, i) => `l${i}: https://example.org/${'a'.repeat(2000)}`).join('\n');
    const roles = Array.from({ length: 20 }, (_, i) => `Role ${i} ${'r'.repeat(100)} | python, pytorch | 3 h/week`);
    const result = parseProposal(body({ links, question: 'q'.repeat(8000), help_wanted: roles.join('\n') }), OPTIONS);
    expect(result.errors).toEqual([]);
    const comment = renderProposalComment(result, { ...COMMENT, state: 'ready', maxLength: 20_000 });
    expect(comment.length).toBeLessThanOrEqual(20_000);
    expect(comment).toContain('The preview is too long to show here');
  });

  it('says who approved it and links the pull request and the Discord post', () => {
    const comment = renderProposalComment(parseProposal(body({}), OPTIONS), {
      ...COMMENT,
      state: 'approved',
      approvedBy: 'maintainer',
      pullRequest: { number: 7, url: 'https://github.com/o/r/pull/7' },
      discordPost: { url: 'https://discord.com/channels/1/2' },
    });
    expect(comment).toContain(
      'This proposal was approved by `maintainer`. Pull request #7 adds `projects/induction-heads-across-pythia-checkpoints/`',
    );
    expect(comment).toContain('https://discord.com/channels/1/2');
  });

  it('closes politely with the reason, made inert', () => {
    const comment = renderProposalComment(parseProposal(body({}), OPTIONS), {
      ...COMMENT,
      state: 'rejected',
      rejectedBy: 'maintainer',
      rejectReason: 'Overlaps with @bob’s project\n<script>',
    });
    expect(comment).toContain('> Overlaps with &#64;bob’s project\n> &lt;script&gt;');
    expect(comment).toContain('Thank you for taking the time');
  });

  it('answers a refused command briefly, marked with the comment it answers', () => {
    const reply = renderRefusal('comment-123', 'bob', '/approve', 'write');
    expect(readReplyMarker(reply)).toBe('comment-123');
    expect(reply).toContain(
      '`/approve` needs write permission on this repository, which `bob` does not have, so nothing changed.',
    );
  });
});
