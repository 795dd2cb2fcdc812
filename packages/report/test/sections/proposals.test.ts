import { describe, expect, it } from 'vitest';
import type { IssueEntry } from '../../src/activity.ts';
import { aggregate, candidates, measure } from '../../src/sections/proposals.ts';
import { activityWith, context, project } from './helpers.ts';

function proposal(number: number, createdAt: string, labels: string[] = ['proposal']): IssueEntry {
  return {
    number,
    kind: 'issue',
    title: `Proposal ${number}`,
    url: `https://github.com/o/r/issues/${number}`,
    author: { key: 'github:p', name: 'p', login: 'p' },
    authorAssociation: null,
    state: 'open',
    createdAt,
    updatedAt: createdAt,
    closedAt: null,
    mergedAt: null,
    labels,
    milestone: null,
  };
}

describe('proposals', () => {
  const ctx = context(
    activityWith({
      repositoryUrl: 'https://github.com/o/r',
      projects: [
        {
          slug: 'probe',
          project: project({ title: 'Probe', status: 'proposed', proposal: 21 }),
          addedOn: '2026-11-02',
        },
        { slug: 'running', project: project({ title: 'Running' }) },
      ],
      openProposals: [
        proposal(21, '2026-10-20T00:00:00Z'),
        proposal(30, '2026-11-20T00:00:00Z', ['proposal', 'proposal: ready for review']),
        proposal(25, '2026-10-01T00:00:00Z', ['proposal', 'proposal: needs changes']),
        proposal(26, '2026-10-01T00:00:00Z', ['proposal', 'proposal: declined']),
        proposal(40, '2026-11-25T00:00:00Z'),
      ],
    }),
  );

  it('measures how long each has waited at the window end, by stage', () => {
    const measured = candidates(ctx).map((c) => measure(c, ctx));
    expect(measured.filter(Boolean).map((m) => [m?.number, m?.stage, m?.waitingDays])).toEqual([
      [21, 'in-repository', 21],
      [30, 'ready', 3],
      [25, 'needs-changes', 53],
    ]);
  });

  it('lists the longest wait first and gives the median', () => {
    const section = aggregate(candidates(ctx).map((c) => measure(c, ctx)));
    expect(section.waiting.map((w) => w.number)).toEqual([25, 21, 30]);
    expect(section.medianWaitDays).toBe(21);
    expect(section.waiting[1]?.url).toBe('https://github.com/o/r/issues/21');
  });

  it('has no median when nothing waits', () => {
    expect(aggregate([])).toEqual({ waiting: [], medianWaitDays: null });
  });
});
