import type { ProjectEvent } from '@circuitboard/core';
import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../src/model.ts';
import { aggregate, candidates, MAX_HIGHLIGHTS, measure } from '../../src/sections/highlights.ts';
import * as projects from '../../src/sections/projects.ts';
import * as proposals from '../../src/sections/proposals.ts';
import { activityWith, context, project } from './helpers.ts';

function highlightsOf(partial: Parameters<typeof activityWith>[0], people: Highlight['people'] = []) {
  const ctx = context(activityWith(partial));
  const reports = projects.aggregate(projects.projectInputs(ctx).map((i) => projects.measure(i, ctx)));
  const waiting = proposals.aggregate(proposals.candidates(ctx).map((c) => proposals.measure(c, ctx))).waiting;
  return aggregate(candidates(ctx, reports, waiting, people).map(measure));
}

describe('highlights', () => {
  it('milestones done, projects completed and started, new proposals, new contributors — in that order', () => {
    const events: ProjectEvent[] = [
      { id: '1', type: 'project.status-changed', project: 'done', from: 'active', to: 'completed', date: '2026-11-19' },
      { id: '2', type: 'project.status-changed', project: 'go', from: 'proposed', to: 'active', date: '2026-11-17' },
    ];
    const { highlights } = highlightsOf(
      {
        projects: [
          {
            slug: 'done',
            project: project({ title: 'Done', status: 'completed' }, [
              { id: 'm', title: 'Final milestone', due: '2026-11-20', done: '2026-11-18' },
            ]),
          },
          { slug: 'go', project: project({ title: 'Go', started: '2026-11-17' }) },
          { slug: 'idea', project: project({ title: 'Idea', status: 'proposed' }), addedOn: '2026-11-20' },
          { slug: 'old-idea', project: project({ title: 'Old idea', status: 'proposed' }), addedOn: '2026-10-01' },
        ],
        events,
      },
      [{ name: 'newbie', login: 'newbie', url: null }],
    );
    expect(highlights.map((h) => [h.kind, h.title, h.detail])).toEqual([
      ['milestone-done', 'Final milestone', '2 days early'],
      ['project-completed', 'Done', null],
      ['project-started', 'Go', null],
      ['proposal-new', 'Idea', null],
      ['contributors-new', '1 new contributor', null],
    ]);
  });

  it('a start date in the window counts as started even without history', () => {
    const { highlights } = highlightsOf({
      projects: [{ slug: 'p', project: project({ title: 'P', started: '2026-11-20' }) }],
    });
    expect(highlights.map((h) => h.kind)).toEqual(['project-started']);
  });

  it('a GitHub milestone closed in the window counts once, not again when a project file reports it', () => {
    const { highlights } = highlightsOf({
      projects: [{ slug: 'p', project: project({}, [{ id: 'm', title: 'Train probes', done: '2026-11-18' }]) }],
      milestones: [
        {
          number: 1,
          title: 'P: Train probes',
          state: 'closed',
          dueOn: null,
          closedAt: '2026-11-18T10:00:00Z',
          url: 'https://github.com/o/r/milestone/1',
        },
        {
          number: 2,
          title: 'Release 1.0',
          state: 'closed',
          dueOn: null,
          closedAt: '2026-11-19T10:00:00Z',
          url: 'https://github.com/o/r/milestone/2',
        },
        { number: 3, title: 'Old', state: 'closed', dueOn: null, closedAt: '2026-10-19T10:00:00Z', url: null },
      ],
    });
    expect(highlights.map((h) => [h.title, h.detail])).toEqual([
      ['Train probes', null],
      ['Release 1.0', 'closed on GitHub'],
    ]);
  });

  it(`keeps ${MAX_HIGHLIGHTS} highlights and the new contributors, and counts the rest`, () => {
    const milestones = Array.from({ length: 40 }, (_, i) => ({
      id: `m${i}`,
      title: `M${String(i).padStart(2, '0')}`,
      done: '2026-11-18',
    }));
    const result = highlightsOf({ projects: [{ slug: 'p', project: project({}, milestones) }] }, [
      { name: 'n', login: 'n', url: null },
    ]);
    expect(result.highlights).toHaveLength(MAX_HIGHLIGHTS);
    expect(result.highlights.at(-1)?.kind).toBe('contributors-new');
    expect(result.omitted).toBe(41 - MAX_HIGHLIGHTS);
  });
});
