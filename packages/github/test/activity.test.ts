// The report's GitHub queries against the testkit's fake GitHub (real HTTP, requests checked against GitHub's
// OpenAPI description): the fewest list requests, pagination edges, ETags.
import { type FakeGitHub, startFakeGitHub } from '@circuitboard/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRequests, EtagCache, fetchRepositoryActivity, minimumRequests, useEtagCache } from '../src/activity.ts';
import { createOctokit } from '../src/octokit.ts';

const SINCE = '2026-11-16T00:00:00Z';
const UNTIL = '2026-11-23T00:00:00Z';
const at = (day: number, hour = 12) =>
  new Date(Date.parse(SINCE) + day * 86_400_000 + hour * 3_600_000).toISOString().replace(/\.000Z$/, 'Z');

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ now: () => new Date('2026-11-24T08:00:00Z') });
});
afterAll(async () => {
  await gh?.close();
});

function client() {
  const octokit = createOctokit({ token: 'test-token', baseUrl: gh.url, graphqlUrl: gh.graphqlUrl, retries: 0 });
  return { octokit, counter: countRequests(octokit) };
}

let repoCount = 0;
/** A repository with `updated` issues updated in the window, others before and after it, commits and milestones. */
function seedRepository(updated: number, commits = 3, milestones = 2): { owner: string; repo: string } {
  const name = `r${++repoCount}`;
  const full = gh.createRepo('o', name);
  gh.seedIssue(full, { title: 'Old', created_at: at(-30), updated_at: at(-10) });
  for (let i = 0; i < updated; i++) {
    gh.seedIssue(full, {
      title: `Issue ${i}`,
      created_at: at(-20),
      updated_at: new Date(Date.parse(SINCE) + i * 1000).toISOString().replace(/\.000Z$/, 'Z'),
    });
  }
  gh.seedIssue(full, { title: 'After the window', created_at: at(-2), updated_at: at(7, 1) });
  for (let i = 0; i < commits; i++)
    gh.seedCommit(full, { message: `Commit ${i}`, files: { [`f${i}.txt`]: String(i) }, date: at(i % 7) });
  for (let i = 0; i < milestones; i++) gh.seedMilestone(full, { title: `Milestone ${i}` });
  return { owner: 'o', repo: name };
}

describe('fetchRepositoryActivity', () => {
  it.each([0, 99, 100, 101])(
    'with %i issues updated in the window it makes exactly the minimum of list requests',
    async (updated) => {
      const repository = seedRepository(updated);
      const { octokit, counter } = client();
      gh.resetRecord();
      const activity = await fetchRepositoryActivity(octokit, { ...repository, since: SINCE, until: UNTIL });
      expect(activity.issues).toHaveLength(updated);
      expect(activity.issues.every((i) => i.updatedAt >= SINCE && i.updatedAt < UNTIL)).toBe(true);
      expect(activity.commits).toHaveLength(3);
      expect(activity.milestones).toHaveLength(2);
      const minimum = minimumRequests({ issuesUpdated: updated, commits: 3, milestones: 2 });
      // The item updated after the window shares the last page when it fits; a full page needs one more look.
      const extra = updated > 0 && updated % 100 === 0 ? 1 : 0;
      expect(counter.total).toBe(minimum + extra);
      expect(gh.requests).toHaveLength(counter.total);
      expect(new Set(gh.requests.map((r) => `${r.method} ${r.path}`))).toEqual(
        new Set([`GET /repos/o/${repository.repo}/issues`, `GET /repos/o/${repository.repo}/commits`, 'POST /graphql']),
      );
      gh.assertNoViolations();
    },
  );

  it('pages milestones and proposals together when there are more than 100', async () => {
    const full = gh.createRepo('o', 'many');
    for (let i = 0; i < 150; i++) gh.seedMilestone(full, { title: `M${i}` });
    for (let i = 0; i < 30; i++)
      gh.seedIssue(full, { title: `P${i}`, created_at: at(-60), updated_at: at(-50), labels: ['proposal'] });
    gh.seedCommit(full, { message: 'x', files: { a: 'a' }, date: at(-40) });
    const { octokit } = client();
    gh.resetRecord();
    const activity = await fetchRepositoryActivity(octokit, {
      owner: 'o',
      repo: 'many',
      since: SINCE,
      until: UNTIL,
      proposalLabel: 'proposal',
    });
    expect(activity.milestones).toHaveLength(150);
    expect(activity.openProposals).toHaveLength(30);
    expect(gh.requests.filter((r) => r.path === '/graphql')).toHaveLength(2);
    gh.assertNoViolations();
  });

  it('asks for 100 per page, sorted by update, since the window start — never the search API, never one item', async () => {
    const repository = seedRepository(150, 120, 1);
    const { octokit } = client();
    gh.resetRecord();
    await fetchRepositoryActivity(octokit, { ...repository, since: SINCE, until: UNTIL });
    const issues = gh.requests.filter((r) => r.path.includes('/issues'));
    expect(issues).toHaveLength(2);
    expect(issues[0]?.query).toMatchObject({
      state: 'all',
      since: SINCE,
      sort: 'updated',
      direction: 'asc',
      per_page: '100',
    });
    const commits = gh.requests.filter((r) => r.path.includes('/commits'));
    expect(commits).toHaveLength(2);
    expect(commits[0]?.query).toMatchObject({ since: SINCE, until: '2026-11-22T23:59:59Z', per_page: '100' });
    expect(gh.requests.some((r) => r.path.includes('/search/') || /\/issues\/\d+/.test(r.path))).toBe(false);
  });

  it('keeps pull requests apart from issues, with merged_at from the issues list', async () => {
    const full = gh.createRepo('o', 'pulls');
    gh.seedIssue(full, {
      title: 'A pull',
      created_at: at(1),
      updated_at: at(2),
      state: 'closed',
      closed_at: at(2),
      pull: { head: 'feature', merged_at: at(2) },
      labels: ['project:probe'],
    });
    gh.seedIssue(full, { title: 'An issue', created_at: at(3), updated_at: at(3), user: 'newbie' });
    const { octokit } = client();
    const activity = await fetchRepositoryActivity(octokit, { owner: 'o', repo: 'pulls', since: SINCE, until: UNTIL });
    expect(activity.issues.map((i) => [i.kind, i.title, i.mergedAt, i.labels])).toEqual([
      ['pull', 'A pull', at(2), ['project:probe']],
      ['issue', 'An issue', null, []],
    ]);
    expect(activity.issues[1]?.author).toBe('newbie');
  });

  it('fetches the open proposals in the same request as the milestones', async () => {
    const full = gh.createRepo('o', 'proposals');
    gh.seedIssue(full, { title: 'Old proposal', created_at: at(-60), updated_at: at(-50), labels: ['proposal'] });
    gh.seedIssue(full, {
      title: 'Closed proposal',
      created_at: at(-60),
      updated_at: at(-50),
      labels: ['proposal'],
      state: 'closed',
      closed_at: at(-50),
    });
    gh.seedCommit(full, { message: 'x', files: { a: 'a' }, date: at(-40) });
    const { octokit, counter } = client();
    const activity = await fetchRepositoryActivity(octokit, {
      owner: 'o',
      repo: 'proposals',
      since: SINCE,
      until: UNTIL,
      proposalLabel: 'proposal',
    });
    expect(activity.openProposals.map((p) => p.title)).toEqual(['Old proposal']);
    expect(counter.total).toBe(minimumRequests({ issuesUpdated: 0, commits: 0, milestones: 0 }));
  });

  it('asks again with If-None-Match, and a 304 reuses the page it had', async () => {
    const repository = seedRepository(120, 5, 1);
    const cache = new EtagCache();
    const first = client();
    useEtagCache(first.octokit, cache);
    const before = await fetchRepositoryActivity(first.octokit, { ...repository, since: SINCE, until: UNTIL });
    expect(cache.size).toBe(3);

    const second = client();
    useEtagCache(second.octokit, cache);
    gh.resetRecord();
    const again = await fetchRepositoryActivity(second.octokit, { ...repository, since: SINCE, until: UNTIL });
    expect(again).toEqual(before);
    // The REST pages come back 304; the GraphQL query (a POST) has no ETag.
    expect(gh.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 304', 'GET 304', 'GET 304', 'POST 200']);
    expect(cache.hits).toBe(3);
    expect(second.counter.notModified).toBe(3);
  });

  it('a cache written to a file is read back', async () => {
    const { mkdtempSync } = await import('node:fs');
    const path = await import('node:path');
    const os = await import('node:os');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cb-etag-')), 'etags.json');
    const cache = new EtagCache();
    cache.set('https://api.github.com/x', 'W/"1"', [{ a: 1 }], null);
    await cache.save(file);
    const loaded = await EtagCache.load(file);
    expect(loaded.get('https://api.github.com/x')).toEqual({ etag: 'W/"1"', data: [{ a: 1 }], link: null });
    expect((await EtagCache.load(`${file}.missing`)).size).toBe(0);
  });
});
