import { describe, expect, it } from 'vitest';
import { aggregate, candidates, measure } from '../../src/sections/get-involved.ts';
import { activityWith, context, project } from './helpers.ts';

const ctx = context(
  activityWith({
    repositoryUrl: 'https://github.com/o/r',
    projects: [
      {
        slug: 'zeta',
        project: project({
          title: 'Zeta',
          help_wanted: [
            { role: 'Write it up', hours_per_week: 2 },
            { role: 'Label features', skills: ['reading activations'], newcomer_friendly: true },
          ],
        }),
      },
      {
        slug: 'alpha',
        project: project({ title: 'Alpha', status: 'paused', help_wanted: [{ role: 'Restart the sweeps' }] }),
      },
      {
        slug: 'beta',
        project: project({
          title: 'Beta',
          status: 'proposed',
          help_wanted: [{ role: 'Train probes', newcomer_friendly: true }],
        }),
      },
      { slug: 'done', project: project({ title: 'Done', status: 'completed', help_wanted: [{ role: 'Nobody' }] }) },
      { slug: 'quiet', project: project({ title: 'Quiet' }) },
    ],
  }),
);

describe('get involved', () => {
  it('takes the roles of proposed, active and paused projects only', () => {
    expect(candidates(ctx).map((s) => s.slug)).toEqual(['zeta', 'alpha', 'beta']);
  });

  it("measures a project's roles in its own order, newcomer-friendly first, with a link to the project", () => {
    const zeta = candidates(ctx)[0]!;
    expect(measure(zeta, ctx)).toEqual([
      {
        project: { slug: 'zeta', title: 'Zeta', url: 'https://github.com/o/r/tree/HEAD/projects/zeta' },
        role: 'Label features',
        skills: ['reading activations'],
        hoursPerWeek: null,
        newcomerFriendly: true,
      },
      {
        project: { slug: 'zeta', title: 'Zeta', url: 'https://github.com/o/r/tree/HEAD/projects/zeta' },
        role: 'Write it up',
        skills: [],
        hoursPerWeek: 2,
        newcomerFriendly: false,
      },
    ]);
  });

  it('lists every newcomer-friendly role before the others, then by project title', () => {
    const { roles } = aggregate(candidates(ctx).map((s) => measure(s, ctx)));
    expect(roles.map((r) => [r.newcomerFriendly, r.project.title, r.role])).toEqual([
      [true, 'Beta', 'Train probes'],
      [true, 'Zeta', 'Label features'],
      [false, 'Alpha', 'Restart the sweeps'],
      [false, 'Zeta', 'Write it up'],
    ]);
  });

  it('is empty when no project is looking for anyone', () => {
    expect(aggregate([])).toEqual({ roles: [] });
  });
});
