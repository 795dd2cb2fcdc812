import type { ProjectEvent } from '@circuitboard/core';
import { describe, expect, it } from 'vitest';
import type { CommitEntry, IssueEntry } from '../../src/activity.ts';
import { aggregate, MAX_HAPPENINGS, measure, projectInputs } from '../../src/sections/projects.ts';
import { activityWith, context, project } from './helpers.ts';

const alice = { key: 'github:alice', name: 'Alice', login: 'alice' };

function commit(date: string, projects: string[]): CommitEntry {
  return { sha: date, date, author: alice, subject: 's', projects, url: null };
}

function reportOf(partial: Parameters<typeof activityWith>[0]) {
  const ctx = context(activityWith({ repositoryUrl: 'https://github.com/o/r', ...partial }));
  return aggregate(projectInputs(ctx).map((input) => measure(input, ctx)));
}

describe('projects.measure', () => {
  it('lists what happened in the window, in date order, and nothing outside it', () => {
    const [report] = reportOf({
      projects: [
        { slug: 'p', project: project({}, [{ id: 'm', title: 'Milestone', due: '2026-11-18', done: '2026-11-20' }]) },
      ],
      updates: [
        {
          project: 'p',
          path: 'projects/p/updates/2026-11-17-notes.md',
          date: '2026-11-17',
          topic: 'notes',
          heading: 'Notes',
        },
        { project: 'p', path: 'projects/p/updates/2026-11-09-old.md', date: '2026-11-09', topic: 'old' },
      ],
      commits: [
        commit('2026-11-18T10:00:00Z', ['p']),
        commit('2026-11-19T10:00:00Z', ['p']),
        commit('2026-11-23T00:00:00Z', ['p']),
      ],
    });
    expect(report?.happened.map((h) => [h.date, h.kind, h.subject, h.detail])).toEqual([
      ['2026-11-17', 'update-posted', 'Notes', null],
      ['2026-11-19', 'commits', '2 commits', 'by alice'],
      ['2026-11-20', 'milestone-done', 'Milestone', '2 days late'],
    ]);
    expect(report?.happened[0]?.url).toBe('https://github.com/o/r/blob/HEAD/projects/p/updates/2026-11-17-notes.md');
    expect(report?.url).toBe('https://github.com/o/r/tree/HEAD/projects/p');
  });

  it('describes a new project once, not each member and milestone of the commit that added it', () => {
    const base = { project: 'p', revision: 'c1', date: '2026-11-18' };
    const events: ProjectEvent[] = [
      { id: '1', type: 'project.created', title: 'A project', status: 'active', ...base },
      { id: '2', type: 'project.member-joined', github: 'lead', role: 'lead', ...base },
      { id: '3', type: 'milestone.added', milestone: 'm', title: 'M', ...base },
      {
        id: '4',
        type: 'project.member-joined',
        github: 'newbie',
        role: 'member',
        project: 'p',
        revision: 'c2',
        date: '2026-11-20',
      },
    ];
    const [report] = reportOf({ projects: [{ slug: 'p', project: project() }], events });
    expect(report?.happened.map((h) => [h.kind, h.subject])).toEqual([
      ['project-created', 'A project'],
      ['member-joined', 'newbie'],
    ]);
  });

  it('says when a milestone done earlier was recorded this week', () => {
    const events: ProjectEvent[] = [
      {
        id: '1',
        type: 'milestone.completed',
        project: 'p',
        milestone: 'm',
        title: 'M',
        done: '2026-11-10',
        date: '2026-11-10',
        revision: 'c',
      },
    ];
    const [report] = reportOf({
      projects: [{ slug: 'p', project: project({}, [{ id: 'm', title: 'M', done: '2026-11-10' }]) }],
      events,
    });
    expect(report?.happened).toMatchObject([{ kind: 'milestone-done', detail: 'recorded this week, done 2026-11-10' }]);
  });

  it('links merged pull requests and issues to projects by their project: label', () => {
    const pr: IssueEntry = {
      number: 7,
      kind: 'pull',
      title: 'Add results',
      url: 'https://github.com/o/r/pull/7',
      author: alice,
      authorAssociation: null,
      state: 'closed',
      createdAt: '2026-11-10T00:00:00Z',
      updatedAt: '2026-11-18T00:00:00Z',
      closedAt: '2026-11-18T00:00:00Z',
      mergedAt: '2026-11-18T00:00:00Z',
      labels: ['project:p'],
      milestone: null,
    };
    const [report] = reportOf({
      projects: [{ slug: 'p', project: project() }],
      issues: [pr, { ...pr, number: 8, labels: ['project:other'] }],
    });
    expect(report?.happened).toMatchObject([{ kind: 'pull-merged', subject: 'Add results', detail: '#7 by alice' }]);
    expect(report?.contributors.map((c) => c.login)).toEqual(['alice']);
  });

  it(`keeps at most ${MAX_HAPPENINGS} happenings, the most telling, and counts the rest`, () => {
    const updates = Array.from({ length: 20 }, (_, i) => ({
      project: 'p',
      path: `projects/p/updates/2026-11-1${i % 7}-u${i}.md`,
      date: `2026-11-1${6 + (i % 7) > 19 ? 9 : 6 + (i % 4)}`,
      topic: `u${i}`,
    }));
    const [report] = reportOf({
      projects: [{ slug: 'p', project: project({}, [{ id: 'm', title: 'M', done: '2026-11-22' }]) }],
      updates,
    });
    expect(report?.happened).toHaveLength(MAX_HAPPENINGS);
    expect(report?.happenedOmitted).toBe(21 - MAX_HAPPENINGS);
    expect(report?.happened.some((h) => h.kind === 'milestone-done')).toBe(true);
  });
});

describe('projects.aggregate', () => {
  it('keeps running projects and finished ones with news; active first, news first, then by title', () => {
    const reports = reportOf({
      projects: [
        { slug: 'z-quiet', project: project({ title: 'Zeta' }) },
        { slug: 'a-busy', project: project({ title: 'Alpha busy' }) },
        { slug: 'done-long-ago', project: project({ title: 'Old', status: 'completed' }) },
        {
          slug: 'done-now',
          project: project({ title: 'Finished', status: 'completed' }, [{ id: 'm', title: 'M', done: '2026-11-20' }]),
        },
        { slug: 'idea', project: project({ title: 'Idea', status: 'proposed' }) },
        { slug: 'b-busy', project: project({ title: 'Beta busy' }) },
      ],
      commits: [commit('2026-11-18T10:00:00Z', ['b-busy', 'a-busy'])],
    });
    expect(reports.map((r) => r.slug)).toEqual(['a-busy', 'b-busy', 'z-quiet', 'idea', 'done-now']);
  });
});
