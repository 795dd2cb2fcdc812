import { describe, expect, it } from 'vitest';
import { diffRegistries, eventId, overdueEvents } from '../src/diff.ts';
import type { Milestone } from '../src/model.ts';
import { project, registry } from './fixtures.ts';

const m = (id: string, extra: Partial<Milestone> = {}): Milestone => ({ id, title: `Milestone ${id}`, ...extra });
const ids = (events: { id: string }[]) => events.map((e) => e.id);

describe('diffRegistries', () => {
  it('creates a new project with its people and milestones, in a stable order', () => {
    const after = registry({
      beta: project({
        members: [{ github: 'bob' }],
        milestones: [m('one', { due: '2026-12-01' }), m('two', { done: '2026-11-01' })],
      }),
      alpha: project({ milestones: [m('gone', { dropped: true })] }),
    });
    const events = diffRegistries(undefined, after, { revision: 'c1', date: '2026-11-02' });
    expect(ids(events)).toEqual([
      'project.created:alpha',
      'project.member-joined:alpha:lead:alice@c1',
      'milestone.added:alpha/gone',
      'milestone.dropped:alpha/gone',
      'project.created:beta',
      'project.member-joined:beta:lead:alice@c1',
      'project.member-joined:beta:member:bob@c1',
      'milestone.added:beta/one',
      'milestone.added:beta/two',
      'milestone.completed:beta/two:2026-11-01',
    ]);
    expect(events[0]).toEqual({
      id: 'project.created:alpha',
      type: 'project.created',
      project: 'alpha',
      title: 'Induction heads',
      status: 'active',
      revision: 'c1',
      date: '2026-11-02',
    });
    expect(events.find((e) => e.type === 'milestone.added' && e.milestone === 'one')).toMatchObject({
      due: '2026-12-01',
    });
    expect(events.find((e) => e.type === 'milestone.completed')).toMatchObject({
      done: '2026-11-01',
      date: '2026-11-01',
    });
    expect(diffRegistries(undefined, after, { revision: 'c1', date: '2026-11-02' })).toEqual(events);
  });

  it('announces an output once, when its link first appears; editing or removing one says nothing', () => {
    const post = {
      kind: 'post' as const,
      title: 'Induction heads form in a phase change',
      url: 'https://www.lesswrong.com/posts/abc',
      date: '2026-11-20',
    };
    const video = { kind: 'video' as const, title: 'Talk', url: 'https://youtu.be/xyz', date: '2026-11-21' };
    const none = registry({ alpha: project({ milestones: [m('a')] }) });
    const one = registry({ alpha: project({ milestones: [m('a')], outputs: [post] }) });
    const events = diffRegistries(none, one, { revision: 'c5', date: '2026-11-22' });
    expect(events).toEqual([
      {
        id: 'output.added:alpha:https://www.lesswrong.com/posts/abc',
        type: 'output.added',
        project: 'alpha',
        kind: 'post',
        title: 'Induction heads form in a phase change',
        url: 'https://www.lesswrong.com/posts/abc',
        published: '2026-11-20',
        revision: 'c5',
        date: '2026-11-22',
      },
    ]);
    const renamed = registry({
      alpha: project({ milestones: [m('a')], outputs: [{ ...post, title: 'New title' }, video] }),
    });
    expect(ids(diffRegistries(one, renamed, { revision: 'c6' }))).toEqual(['output.added:alpha:https://youtu.be/xyz']);
    expect(diffRegistries(renamed, none, { revision: 'c7' })).toEqual([]);
    // A new project lists its outputs after its milestones, so consumers can rebuild it from events alone.
    expect(ids(diffRegistries(undefined, one, { revision: 'c5' })).slice(-2)).toEqual([
      'milestone.added:alpha/a',
      'output.added:alpha:https://www.lesswrong.com/posts/abc',
    ]);
  });

  it('gives a repeated status change a new id per revision, and the same id without one', () => {
    const active = registry({ alpha: project({ status: 'active' }) });
    const paused = registry({ alpha: project({ status: 'paused' }) });
    const first = diffRegistries(active, paused, { revision: 'c2' });
    const again = diffRegistries(active, paused, { revision: 'c4' });
    expect(ids(first)).toEqual(['project.status-changed:alpha:active:paused@c2']);
    expect(ids(again)).toEqual(['project.status-changed:alpha:active:paused@c4']);
    expect(first[0]).toMatchObject({ from: 'active', to: 'paused', revision: 'c2' });
    expect(ids(diffRegistries(active, paused))).toEqual(['project.status-changed:alpha:active:paused']);
    expect(ids(diffRegistries(active, paused, { date: '2026-11-03' }))).toEqual([
      'project.status-changed:alpha:active:paused@2026-11-03',
    ]);
  });

  it('reports milestone changes: completed, dropped, due moved, added', () => {
    const before = registry({
      alpha: project({ milestones: [m('a', { due: '2026-11-01' }), m('b'), m('c', { due: '2026-12-01' })] }),
    });
    const after = registry({
      alpha: project({
        milestones: [
          m('a', { due: '2026-11-01', done: '2026-10-30' }),
          m('b', { dropped: true }),
          m('c'),
          m('d', { due: '2027-01-01' }),
        ],
      }),
    });
    const events = diffRegistries(before, after, { revision: 'c3', date: '2026-11-05' });
    expect(ids(events)).toEqual([
      'milestone.completed:alpha/a:2026-10-30',
      'milestone.dropped:alpha/b',
      'milestone.due-changed:alpha/c:2026-12-01:none@c3',
      'milestone.added:alpha/d',
    ]);
    expect(events[0]).toMatchObject({
      type: 'milestone.completed',
      done: '2026-10-30',
      due: '2026-11-01',
      title: 'Milestone a',
    });
    expect(events[2]).toMatchObject({ type: 'milestone.due-changed', from: '2026-12-01' });
    expect(events[2]).not.toHaveProperty('to');
  });

  it('says nothing when a done date is corrected, a milestone reopened or removed, or a title changed', () => {
    const before = registry({
      alpha: project({ milestones: [m('a', { done: '2026-10-30' }), m('b', { done: '2026-10-01' }), m('c')] }),
    });
    const after = registry({
      alpha: project({ title: 'New title', milestones: [m('a', { done: '2026-10-29' }), m('b')] }),
    });
    expect(diffRegistries(before, after)).toEqual([]);
  });

  it('reports people joining and leaving, a promotion as leaving one role and joining the other', () => {
    const before = registry({
      alpha: project({ leads: [{ github: 'alice' }], members: [{ github: 'Bob' }, { github: 'carol' }] }),
    });
    const after = registry({
      alpha: project({ leads: [{ github: 'alice' }, { github: 'bob' }], members: [{ github: 'dan' }] }),
    });
    expect(ids(diffRegistries(before, after, { revision: 'c5' }))).toEqual([
      'project.member-joined:alpha:lead:bob@c5',
      'project.member-joined:alpha:member:dan@c5',
      'project.member-left:alpha:member:bob@c5',
      'project.member-left:alpha:member:carol@c5',
    ]);
  });

  it('emits nothing when a project disappears or fails to load', () => {
    const before = registry({ alpha: project(), beta: project() });
    const after = { ...registry({}), invalid: ['alpha'] };
    expect(diffRegistries(before, after)).toEqual([]);
  });

  it('posts each new update once, keyed by path', () => {
    const update = (path: string, date: string) => ({
      project: 'alpha',
      path,
      date,
      topic: 'news',
      heading: 'News',
      body: 'Body',
    });
    const one = update('projects/alpha/updates/2026-11-01-news.md', '2026-11-01');
    const two = update('projects/alpha/updates/2026-11-08-news.md', '2026-11-08');
    const before = registry({ alpha: project() }, [one]);
    const after = registry({ alpha: project() }, [one, two]);
    const events = diffRegistries(before, after, { revision: 'c6', date: '2026-11-09' });
    expect(events).toEqual([
      {
        id: 'update.posted:projects/alpha/updates/2026-11-08-news.md',
        type: 'update.posted',
        project: 'alpha',
        path: two.path,
        topic: 'news',
        heading: 'News',
        revision: 'c6',
        date: '2026-11-08',
      },
    ]);
  });

  it('gives every event in a diff a distinct id', () => {
    const after = registry({
      alpha: project({
        members: [{ github: 'b' }],
        milestones: [m('x', { done: '2026-01-01' }), m('y', { dropped: true })],
      }),
      beta: project({ leads: [{ github: 'alice' }] }),
    });
    const events = diffRegistries(undefined, after, { revision: 'r' });
    expect(new Set(ids(events)).size).toBe(events.length);
  });
});

describe('overdueEvents', () => {
  it('lists open milestones of active projects past their due date', () => {
    const reg = registry({
      alpha: project({
        milestones: [
          m('late', { due: '2026-11-20' }),
          m('today', { due: '2026-11-24' }),
          m('finished', { due: '2026-11-01', done: '2026-11-02' }),
          m('given-up', { due: '2026-11-01', dropped: true }),
          m('undated'),
        ],
      }),
      beta: project({ status: 'paused', milestones: [m('late', { due: '2026-01-01' })] }),
    });
    expect(overdueEvents(reg, '2026-11-24')).toEqual([
      {
        id: 'milestone.overdue:alpha/late:2026-11-20',
        type: 'milestone.overdue',
        project: 'alpha',
        milestone: 'late',
        title: 'Milestone late',
        due: '2026-11-20',
        date: '2026-11-21',
      },
    ]);
  });
});

describe('eventId', () => {
  it('keys a proposal by its issue number', () => {
    expect(eventId({ type: 'project.proposed', project: 'alpha', issue: 12, title: 'T', author: 'alice' })).toBe(
      'project.proposed:12',
    );
  });

  it('lowercases logins so a case change is not a new person', () => {
    const event = {
      type: 'project.member-joined',
      project: 'a',
      github: 'Alice',
      role: 'lead',
      revision: 'r',
    } as const;
    expect(eventId(event)).toBe('project.member-joined:a:lead:alice@r');
  });
});
