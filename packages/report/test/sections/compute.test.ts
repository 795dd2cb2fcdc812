import { describe, expect, it } from 'vitest';
import { aggregate, candidates, measure } from '../../src/sections/compute.ts';
import { activityWith, context, project } from './helpers.ts';

const ctx = context(
  activityWith({
    repositoryUrl: 'https://github.com/o/r',
    projects: [
      {
        slug: 'proposed',
        project: project({ title: 'A proposal', status: 'proposed', research: { compute: '8 GPU-hours' } }),
      },
      {
        slug: 'active',
        project: project({
          title: 'Zeta',
          leads: [{ github: 'dana' }],
          research: { compute: '  1×A100 for about 20 hours ', papers: ['arxiv:2211.00593'] },
        }),
      },
      { slug: 'paused', project: project({ title: 'Paused', status: 'paused', research: { compute: 'lots' } }) },
      { slug: 'completed', project: project({ title: 'Done', status: 'completed', research: { compute: 'lots' } }) },
      { slug: 'none', project: project({ title: 'No request', research: { models: ['gpt2-small'] } }) },
    ],
  }),
);

describe('compute requests', () => {
  it('come from proposed and active projects that ask for compute', () => {
    expect(candidates(ctx).map((s) => s.slug)).toEqual(['proposed', 'active']);
  });

  it('carry the request in the words of the project and its leads to talk to', () => {
    expect(measure(candidates(ctx)[1]!, ctx)).toEqual({
      project: { slug: 'active', title: 'Zeta', url: 'https://github.com/o/r/tree/HEAD/projects/active' },
      status: 'active',
      request: '1×A100 for about 20 hours',
      leads: [{ name: 'dana', login: 'dana', url: 'https://github.com/dana' }],
    });
  });

  it('are not measured for a paused project, even when handed one', () => {
    const paused = { slug: 'paused', project: project({ status: 'paused', research: { compute: 'lots' } }) };
    expect(measure(paused, ctx)).toBeUndefined();
  });

  it('list active projects first, then proposed ones, by title', () => {
    const { requests } = aggregate(candidates(ctx).map((s) => measure(s, ctx)));
    expect(requests.map((r) => [r.status, r.project.title])).toEqual([
      ['active', 'Zeta'],
      ['proposed', 'A proposal'],
    ]);
  });
});
