import type { ProjectEvent } from '@circuitboard/core';
import { eventMarker, type StatusBoardModel } from '@circuitboard/core/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DISCORD_LIMITS,
  embedsLength,
  hasMarker,
  projectPostMarker,
  renderNewsMessage,
  renderProjectPost,
  renderProposal,
  renderStatusBoard,
} from '../src/index.ts';
import { makeProject } from './fixtures.ts';
import { expectValidBodies } from './schemas.ts';

const repository = { url: 'https://github.com/example/community', branch: 'main' };

const events: ProjectEvent[] = [
  {
    id: 'e1',
    type: 'milestone.completed',
    project: 'induction-heads',
    milestone: 'replicate',
    title: 'Replicate the phase change',
    done: '2026-11-12',
    due: '2026-11-15',
  },
  { id: 'e2', type: 'project.status-changed', project: 'induction-heads', from: 'active', to: 'paused' },
  { id: 'e3', type: 'project.member-joined', project: 'induction-heads', github: 'bob', role: 'member' },
  {
    id: 'e4',
    type: 'update.posted',
    project: 'induction-heads',
    path: 'projects/induction-heads/updates/2026-11-19-scan.md',
    topic: 'scan',
    heading: 'The 410m scan is done',
    date: '2026-11-19',
  },
  {
    id: 'e5',
    type: 'milestone.due-changed',
    project: 'induction-heads',
    milestone: 'scan',
    title: 'Scan',
    from: '2026-11-15',
    to: '2026-12-01',
  },
  {
    id: 'e6',
    type: 'milestone.added',
    project: 'induction-heads',
    milestone: 'writeup',
    title: 'Write it up',
    due: '2027-01-15',
  },
  { id: 'e7', type: 'milestone.dropped', project: 'induction-heads', milestone: 'old', title: 'Old idea' },
  {
    id: 'e8',
    type: 'output.added',
    project: 'induction-heads',
    kind: 'post',
    title: 'Induction heads form in a phase change',
    url: 'https://www.lesswrong.com/posts/abc',
    published: '2026-11-20',
  },
];

describe('project post', () => {
  it('renders the starter message of a forum post', () => {
    const post = renderProjectPost({
      slug: 'induction-heads',
      project: makeProject(),
      url: `${repository.url}/tree/main/projects/induction-heads`,
      tags: ['1200000000000000001'],
    });
    expect(post).toMatchSnapshot();
    expectValidBodies(post.message, post.threadName);
    expect(hasMarker(post.message.embeds, projectPostMarker('induction-heads'))).toBe(true);
  });

  it('says who the project is looking for, newcomer-friendly roles first, and lists its outputs newest first', () => {
    const post = renderProjectPost({
      slug: 'induction-heads',
      project: makeProject({
        help_wanted: [
          { role: 'Review the plotting notebook', skills: ['matplotlib'], hours_per_week: 1 },
          {
            role: 'Run activation-patching sweeps',
            skills: ['python', 'transformerlens'],
            hours_per_week: 3,
            newcomer_friendly: true,
          },
        ],
        outputs: [
          { kind: 'code', title: 'Sweep scripts', url: 'https://github.com/example/sweeps', date: '2026-10-01' },
          {
            kind: 'post',
            title: 'Induction heads form in a phase change',
            url: 'https://www.lesswrong.com/posts/abc/induction_(heads)',
            date: '2026-11-20',
          },
        ],
      }),
    });
    expectValidBodies(post.message, post.threadName);
    const fields = post.message.embeds[0]?.fields ?? [];
    const lookingFor = fields.find((f) => f.name === 'Looking for');
    const outputs = fields.find((f) => f.name === 'Outputs');
    expect({ lookingFor, outputs }).toMatchSnapshot();
    expect(lookingFor?.value.split('\n').map((line) => line.slice(0, 2))).toEqual(['🌱', '• ']);
    expect(outputs?.value).toContain('(https://www.lesswrong.com/posts/abc/induction_%28heads%29)');
  });

  it('shows no roles for a completed project', () => {
    const post = renderProjectPost({
      slug: 'x',
      project: makeProject({ status: 'completed', help_wanted: [{ role: 'Anyone' }] }),
    });
    expect(post.message.embeds[0]?.fields?.map((f) => f.name)).not.toContain('Looking for');
  });

  it('a project title of `@everyone <@&1>` pings nobody', () => {
    const post = renderProjectPost({
      slug: 'x',
      project: makeProject({ title: '@everyone <@&1>', summary: '@here <@123456789012345678>' }),
    });
    expect(post.message.allowed_mentions).toEqual({ parse: [] });
    expect(post.message.content).toBeUndefined();
    const text = JSON.stringify(post);
    expect(text).not.toMatch(/@everyone|@here|<@&1>|<@1234/);
    expect(post.threadName).toBe('@\u200beveryone <@\u200b&1>');
  });

  it('fits a project with everything at its maximum', () => {
    const long = makeProject({
      title: 'T'.repeat(120),
      summary: 'S'.repeat(1000),
      leads: Array.from({ length: 60 }, (_, i) => ({ github: `lead-number-${i}` })),
      members: Array.from({ length: 200 }, (_, i) => ({ github: `member-number-${i}` })),
      tags: Array.from({ length: 20 }, (_, i) => `tag-${'x'.repeat(20)}-${i}`),
      links: Object.fromEntries(
        Array.from({ length: 40 }, (_, i) => [`link-${i}`, `https://example.org/${'p'.repeat(200)}/${i}`]),
      ),
      milestones: Array.from({ length: 80 }, (_, i) => ({ id: `m-${i}`, title: 'M'.repeat(200), due: '2026-12-01' })),
      help_wanted: Array.from({ length: 20 }, (_, i) => ({
        role: `${'R'.repeat(117)} ${i}`,
        skills: Array.from({ length: 10 }, (_, j) => `${'s'.repeat(38)}${j}`),
        hours_per_week: 40,
        newcomer_friendly: i % 2 === 0,
      })),
      outputs: Array.from({ length: 100 }, (_, i) => ({
        kind: 'paper' as const,
        title: `${'O'.repeat(195)} ${i}`,
        url: `https://example.org/${'p'.repeat(1900)}/${i}`,
        date: '2026-11-01',
      })),
    });
    const post = renderProjectPost({
      slug: 'a'.repeat(48),
      project: long,
      tags: ['1', '2', '3', '4', '5', '6'].map((d) => d.repeat(18)),
    });
    expectValidBodies(post.message, post.threadName);
    expect(post.appliedTags).toHaveLength(DISCORD_LIMITS.appliedTags);
  });
});

describe('milestone news', () => {
  it('renders one embed per event, each with the marker of its event', () => {
    const message = renderNewsMessage({ slug: 'induction-heads', events, repository });
    expect(message).toMatchSnapshot();
    expectValidBodies(message);
    expect(message.embeds.map((e, i) => hasMarker([e], eventMarker(events[i]!.id)))).toEqual(events.map(() => true));
  });

  it('mentions opted-in leads only, and allows exactly them', () => {
    const message = renderNewsMessage({ slug: 'x', events: events.slice(0, 1), mentions: ['412345678901234567'] });
    expect(message.content).toBe('<@412345678901234567>');
    expect(message.allowed_mentions).toEqual({ parse: [], users: ['412345678901234567'] });
  });

  it('refuses more than 10 events in one message', () => {
    expect(() => renderNewsMessage({ slug: 'x', events: [...events, ...events] })).toThrow(RangeError);
  });

  it('ten events with the longest titles fit one message', () => {
    const long = Array.from(
      { length: 10 },
      (_, i): ProjectEvent => ({
        id: `e${i}`,
        type: 'milestone.completed',
        project: 'x',
        milestone: 'm',
        title: '@everyone '.repeat(30),
        done: '2026-01-01',
      }),
    );
    const message = renderNewsMessage({ slug: 'x', events: long });
    expectValidBodies(message);
    expect(embedsLength(message.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(JSON.stringify(message)).not.toMatch(/@everyone/);
  });
});

describe('status board', () => {
  const model: StatusBoardModel = {
    community: 'Mechanistic Interpretability Discord',
    indexUrl: `${repository.url}/blob/main/projects/README.md`,
    rows: [
      {
        slug: 'induction-heads',
        title: 'Induction heads',
        status: 'active',
        done: 2,
        total: 4,
        next: { title: 'Cross-size', due: '2026-12-08' },
        overdue: 0,
      },
      { slug: 'ioi', title: 'IOI replication', status: 'paused', done: 1, total: 3, overdue: 1 },
      { slug: 'grokking', title: 'Grokking', status: 'completed', done: 3, total: 3, overdue: 0 },
    ],
  };

  it('renders a section per status', () => {
    const message = renderStatusBoard(model);
    expect(message).toMatchSnapshot();
    expectValidBodies(message);
  });

  it('fits 1,000 projects with long titles in one message', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      slug: `p-${i}`,
      title: `<@&1> ${'W'.repeat(110)} ${i}`,
      status: (['active', 'paused', 'proposed', 'completed', 'archived'] as const)[i % 5]!,
      done: i % 4,
      total: 4,
      next: { title: 'N'.repeat(200), due: '2026-12-01' },
      overdue: i % 3 === 0 ? 1 : 0,
    }));
    const message = renderStatusBoard({ ...model, rows });
    expectValidBodies(message);
    expect(message.embeds.slice(1).every((e) => /and \d+ more/.test(e.description ?? ''))).toBe(true);
  });

  it('any board stays within limits (property)', () => {
    const row = fc.record({
      slug: fc.constantFrom('a', 'b-c'),
      title: fc.string({ minLength: 1, maxLength: 120 }),
      status: fc.constantFrom('proposed', 'active', 'paused', 'completed', 'archived'),
      done: fc.nat(20),
      total: fc.nat(20),
      overdue: fc.nat(3),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 300 }), fc.string({ minLength: 1, maxLength: 100 }), (rows, community) => {
        const message = renderStatusBoard({ community, rows });
        expectValidBodies(message);
      }),
      { numRuns: 100 },
    );
  });
});

describe('proposal', () => {
  it('renders a forum post that links the issue', () => {
    const post = renderProposal({
      event: {
        id: 'p1',
        type: 'project.proposed',
        project: 'sae',
        issue: 42,
        title: 'SAE features @everyone',
        author: 'carol',
      },
      url: `${repository.url}/issues/42`,
      marker: 'cb:proposal:42',
    });
    expect(post).toMatchSnapshot();
    expectValidBodies(post.message, post.threadName);
  });
});

describe('any project renders within limits and pings nobody (property)', () => {
  it('holds for random titles, summaries and milestones', () => {
    const text = (max: number) => fc.string({ unit: 'grapheme', minLength: 1, maxLength: max });
    fc.assert(
      fc.property(text(120), text(1000), fc.array(text(200), { maxLength: 30 }), (title, summary, titles) => {
        const post = renderProjectPost({
          slug: 'p',
          project: makeProject({
            title,
            summary,
            milestones: titles.map((t, i) => ({ id: `m${i}`, title: t })),
            help_wanted: titles
              .slice(0, 20)
              .map((t, i) => ({ role: t, skills: [t.slice(0, 40)], newcomer_friendly: i % 2 === 0 })),
            outputs: titles.map((t, i) => ({
              kind: 'talk' as const,
              title: t,
              url: `https://example.org/${i}`,
              date: '2026-01-01',
            })),
          }),
        });
        expectValidBodies(post.message, post.threadName);
        expect(post.message.allowed_mentions).toEqual({ parse: [] });
        expect(JSON.stringify(post)).not.toMatch(/@(everyone|here)|<@[!&]?\d/);
      }),
      { numRuns: 200 },
    );
  });
});
