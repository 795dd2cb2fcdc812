import { describe, expect, it } from 'vitest';
import { activeKeys, aggregate, candidates, measure } from '../../src/sections/contributors.ts';
import { activityWith, context } from './helpers.ts';

describe('contributors', () => {
  const alice = { key: 'git:alice@example.org', name: 'Alice', login: null };
  const bob = { key: 'github:bob', name: 'bob', login: 'bob' };
  const carol = { key: 'github:carol', name: 'carol', login: 'carol' };
  const ctx = context(
    activityWith({
      commits: [
        { sha: '1', date: '2026-11-17T10:00:00Z', author: alice, subject: 's', projects: [], url: null },
        { sha: '2', date: '2026-11-18T10:00:00Z', author: bob, subject: 's', projects: [], url: null },
      ],
      contributors: [
        { contributor: alice, firstSeen: '2026-01-01' },
        { contributor: bob, firstSeen: '2026-11-18' },
        { contributor: carol, firstSeen: '2026-11-23' },
      ],
    }),
  );

  it('someone is new when their first contribution falls in the window', () => {
    const measured = candidates(ctx).map((c) => measure(c, activeKeys(ctx), ctx));
    expect(measured.map((m) => [m.key, m.isNew, m.active])).toEqual([
      ['git:alice@example.org', false, true],
      ['github:bob', true, true],
      ['github:carol', false, false],
    ]);
  });

  it('lists people by name, with a profile link when the login is known', () => {
    const people = aggregate(candidates(ctx).map((c) => measure(c, activeKeys(ctx), ctx)));
    expect(people.new).toEqual([{ name: 'bob', login: 'bob', url: 'https://github.com/bob' }]);
    expect(people.active.map((p) => p.name)).toEqual(['Alice', 'bob']);
  });
});
