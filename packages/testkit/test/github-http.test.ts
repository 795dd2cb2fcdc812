import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../src/index.ts';
import { call, links } from './http.ts';

let gh: FakeGitHub;

function repoWith(count: number): string {
  const name = `r${count}`;
  const full = gh.createRepo('octo', name);
  for (let i = 0; i < count; i++) gh.seedLabel(full, { name: `label-${String(i).padStart(3, '0')}` });
  return `/repos/octo/${name}/labels`;
}

beforeAll(async () => {
  gh = await startFakeGitHub();
});
afterAll(() => gh.close());

describe('pagination Link headers like GitHub', () => {
  it.each([0, 99, 100])('sends no Link header when %i items fit on one page of 100', async (count) => {
    const res = await call(gh.url, 'GET', `${repoWith(count)}?per_page=100`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(count);
    expect(res.headers.get('link')).toBeNull();
  });

  it('links page 1 of 101 items to next and last, and page 2 back to prev and first', async () => {
    const path = repoWith(101);
    const first = await call(gh.url, 'GET', `${path}?per_page=100`);
    expect(first.body).toHaveLength(100);
    expect(first.headers.get('link')).toBe(
      `<${gh.url}${path}?per_page=100&page=2>; rel="next", <${gh.url}${path}?per_page=100&page=2>; rel="last"`,
    );
    const second = await call(gh.url, 'GET', `${path}?per_page=100&page=2`);
    expect(second.body).toHaveLength(1);
    expect(second.headers.get('link')).toBe(
      `<${gh.url}${path}?per_page=100&page=1>; rel="prev", <${gh.url}${path}?per_page=100&page=1>; rel="first"`,
    );
  });

  it('gives a middle page all four relations in GitHub order and keeps other parameters', async () => {
    const path = repoWith(7);
    const res = await call(gh.url, 'GET', `${path}?page=2&per_page=2`);
    expect(Object.keys(links(res.headers.get('link')))).toEqual(['prev', 'next', 'last', 'first']);
    expect(links(res.headers.get('link')).last).toBe(`${gh.url}${path}?page=4&per_page=2`);
  });

  it('defaults to 30 per page and caps per_page at 100', async () => {
    const path = repoWith(130);
    expect((await call(gh.url, 'GET', path)).body).toHaveLength(30);
    expect((await call(gh.url, 'GET', `${path}?per_page=500`)).body).toHaveLength(100);
  });
});

describe('conditional requests', () => {
  it('answers 304 to a matching If-None-Match, records it, and does not count it against the rate limit', async () => {
    gh.createRepo('octo', 'etag');
    const first = await call(gh.url, 'GET', '/repos/octo/etag');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    const used = Number(first.headers.get('x-ratelimit-used'));
    const again = await fetch(`${gh.url}/repos/octo/etag`, {
      headers: { authorization: 'token t', 'if-none-match': etag ?? '' },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(Number(again.headers.get('x-ratelimit-used'))).toBe(used);
    expect(gh.count({ method: 'GET', path: '/repos/octo/etag', status: 304 })).toBe(1);
  });

  it('sends a new ETag once the resource changed', async () => {
    gh.createRepo('octo', 'etag2');
    const issue = gh.seedIssue('octo/etag2', { title: 'one' });
    const before = await call(gh.url, 'GET', `/repos/octo/etag2/issues/${issue.number}`);
    await call(gh.url, 'PATCH', `/repos/octo/etag2/issues/${issue.number}`, { body: { title: 'two' } });
    const after = await call(gh.url, 'GET', `/repos/octo/etag2/issues/${issue.number}`, {
      headers: { 'if-none-match': before.headers.get('etag') ?? '' },
    });
    expect(after.status).toBe(200);
    expect(after.body.title).toBe('two');
  });
});

describe('faults on purpose', () => {
  it('answers 5xx for the next matching request only', async () => {
    gh.createRepo('octo', 'faulty');
    gh.faults.next({ method: 'GET', path: '/repos/{owner}/{repo}', kind: '5xx', status: 502 });
    expect((await call(gh.url, 'GET', '/repos/octo/faulty')).status).toBe(502);
    expect((await call(gh.url, 'GET', '/repos/octo/faulty')).status).toBe(200);
    expect(gh.faults.pending).toEqual([]);
  });

  it('answers a primary rate limit like GitHub (remaining 0, reset, retry-after)', async () => {
    gh.faults.next({ path: /\/faulty$/, kind: '429', status: 403, retryAfter: 2 });
    const res = await call(gh.url, 'GET', '/repos/octo/faulty');
    expect(res.status).toBe(403);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(res.headers.get('retry-after')).toBe('2');
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 1);
    expect(res.body.message).toMatch(/rate limit exceeded/);
  });

  it('answers a secondary rate limit with the words Octokit looks for', async () => {
    gh.faults.next({ path: '/repos/octo/faulty', kind: 'secondary-rate-limit', retryAfter: 3 });
    const res = await call(gh.url, 'GET', '/repos/octo/faulty');
    expect(res.status).toBe(403);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.body.message).toMatch(/\bsecondary rate limit\b/);
  });

  it('hangs on a timeout fault until the client gives up, and still closes cleanly', async () => {
    const slow = await startFakeGitHub();
    slow.createRepo('octo', 'slow');
    slow.faults.next({ kind: 'timeout' });
    await expect(
      fetch(`${slow.url}/repos/octo/slow`, { headers: { authorization: 'token t' }, signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    slow.faults.next({ kind: 'timeout' });
    const hanging = fetch(`${slow.url}/repos/octo/slow`, { headers: { authorization: 'token t' } }).catch(
      (e: unknown) => e,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await slow.close();
    expect(await hanging).toBeInstanceOf(Error);
    expect(slow.requests.map((r) => [r.status, r.fault])).toEqual([
      [0, 'timeout'],
      [0, 'timeout'],
    ]);
  });

  it('drop-after-write makes the change but the client only sees a broken connection', async () => {
    gh.createRepo('octo', 'dropped');
    gh.faults.next({ method: 'POST', path: '/repos/{owner}/{repo}/issues', kind: 'drop-after-write' });
    await expect(
      call(gh.url, 'POST', '/repos/octo/dropped/issues', { body: { title: 'lost answer' } }),
    ).rejects.toThrow();
    expect(gh.state('octo/dropped').issues.map((i) => i.title)).toEqual(['lost answer']);
    const record = gh.requests.find((r) => r.path === '/repos/octo/dropped/issues');
    expect(record).toMatchObject({ status: 0, fault: 'drop-after-write', body: { title: 'lost answer' } });
  });

  it('repeats a fault `times` times', async () => {
    gh.faults.next({ path: '/repos/octo/faulty', kind: '5xx', times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(gh.url, 'GET', '/repos/octo/faulty')).status);
    expect(statuses).toEqual([500, 500, 200]);
  });
});

describe('recording', () => {
  it('records method, path, route, query, body and status, and counts by route template', async () => {
    const rec = await startFakeGitHub();
    try {
      rec.createRepo('octo', 'rec');
      await call(rec.url, 'POST', '/repos/octo/rec/issues', { body: { title: 'a' } });
      await call(rec.url, 'GET', '/repos/octo/rec/issues?state=all');
      expect(rec.requests[1]).toMatchObject({
        method: 'GET',
        path: '/repos/octo/rec/issues',
        route: '/repos/{owner}/{repo}/issues',
        query: { state: 'all' },
        status: 200,
      });
      expect(rec.count({ path: '/repos/{owner}/{repo}/issues' })).toBe(2);
      expect(rec.count({ method: 'POST' })).toBe(1);
      rec.assertNoViolations();
      rec.resetRecord();
      expect(rec.requests).toEqual([]);
    } finally {
      await rec.close();
    }
  });
});
