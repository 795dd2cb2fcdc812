import { afterAll, describe, expect, it } from 'vitest';
import { compileReport } from '../src/compile.ts';
import { collectGitActivity } from '../src/sources/git.ts';
import { isoWeekWindow } from '../src/window.ts';
import { config } from './fixture.ts';
import { makeRepository, projectYaml } from './git-repo.ts';

const milestones = (done?: string) => `  - id: first
    title: First result
    due: 2026-11-20${done ? `\n    done: ${done}` : ''}
  - id: second
    title: Second result
    due: 2027-01-10`;

describe('the git source on a real repository', () => {
  const repo = makeRepository([
    {
      date: '2026-09-01T10:00:00Z',
      files: {
        'projects/probe/project.yml': projectYaml({ title: 'Probe', started: '2026-09-01', milestones: milestones() }),
      },
    },
    {
      date: '2026-10-05T10:00:00Z',
      author: { name: 'Bob', email: '1234+bob@users.noreply.github.com' },
      files: {
        'projects/probe/project.yml': projectYaml({
          title: 'Probe',
          started: '2026-09-01',
          members: ['bob'],
          milestones: milestones(),
        }),
      },
    },
    // Week 47 (16–22 November 2026): a milestone done, an update, a newcomer, a new proposal.
    {
      date: '2026-11-18T09:00:00Z',
      author: { name: 'Dana', email: 'dana@example.org' },
      files: {
        'projects/probe/project.yml': projectYaml({
          title: 'Probe',
          started: '2026-09-01',
          members: ['bob', 'dana'],
          milestones: milestones('2026-11-17'),
        }),
        'projects/probe/updates/2026-11-18-first-result.md': '# The first result is in\n\nIt works.\n',
      },
    },
    {
      date: '2026-11-20T09:00:00Z',
      files: { 'projects/idea/project.yml': projectYaml({ title: 'An idea', status: 'proposed', leads: ['erin'] }) },
    },
    { date: '2026-11-21T09:00:00Z', message: 'Not about projects', files: { 'README.md': 'hello\n' } },
    // After the window: must not count.
    { date: '2026-11-23T00:00:00Z', files: { 'projects/probe/updates/2026-11-23-later.md': '# Later\n' } },
  ]);
  afterAll(() => repo.cleanup());
  const window = isoWeekWindow('2026-W47');
  const activityPromise = collectGitActivity({
    repoDir: repo.dir,
    window,
    trendWeeks: 12,
    today: '2026-11-24',
    repositoryUrl: 'https://github.com/o/r',
  });

  it('reads commits touching projects/ over the trend range, with authors and the projects they touched', async () => {
    const activity = await activityPromise;
    expect(activity.commits.map((c) => [c.date.slice(0, 10), c.author.key, c.projects])).toEqual([
      ['2026-09-01', 'github:alice-nguyen', ['probe']],
      ['2026-10-05', 'github:bob', ['probe']],
      ['2026-11-18', 'github:dana', ['probe']],
      ['2026-11-20', 'github:alice-nguyen', ['idea']],
    ]);
    expect(activity.commits[0]?.url).toMatch(/^https:\/\/github\.com\/o\/r\/commit\/[0-9a-f]{40}$/);
  });

  it('diffs the window’s commits into events and knows when each project appeared', async () => {
    const activity = await activityPromise;
    expect(activity.events.map((e) => `${e.type} ${e.project}`)).toEqual(
      expect.arrayContaining(['project.member-joined probe', 'milestone.completed probe', 'project.created idea']),
    );
    expect(activity.projects.map((p) => [p.slug, p.addedOn])).toEqual([
      ['idea', '2026-11-20'],
      ['probe', '2026-09-01'],
    ]);
    expect(activity.projectsAtStart?.map((p) => p.slug)).toEqual(['probe']);
  });

  it('compiles into a report of the week', async () => {
    const model = compileReport(await activityPromise, { window, config: config() });
    expect(model.highlights.map((h) => [h.kind, h.title])).toEqual([
      ['milestone-done', 'First result'],
      ['proposal-new', 'An idea'],
      ['contributors-new', '2 new contributors'],
    ]);
    expect(model.contributors.new.map((p) => p.name)).toEqual(['dana', 'erin']);
    expect(model.numbers.find((n) => n.id === 'commits')).toMatchObject({ value: 2, previous: 0 });
    expect(model.numbers.find((n) => n.id === 'updates-posted')).toMatchObject({ value: 1 });
    const probe = model.projects.find((p) => p.slug === 'probe');
    expect(probe?.happened.map((h) => h.kind)).toEqual(['milestone-done', 'update-posted', 'member-joined', 'commits']);
    expect(model.source.revision).toMatch(/^[0-9a-f]{40}$/);
  });

  it('works without git history, from the files alone, and says so', async () => {
    const plain = makeRepository([]);
    try {
      const activity = await collectGitActivity({ repoDir: plain.dir, window, trendWeeks: 12, today: '2026-11-24' });
      expect(activity.commits).toEqual([]);
      expect(activity.coverage.commits).toBeNull();
      expect(activity.notes[0]).toMatch(/^No git history was read/);
    } finally {
      plain.cleanup();
    }
  });
});
