import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGitHubResponse, type FakeGitHub, startFakeGitHub } from '../src/index.ts';
import { call } from './http.ts';

let gh: FakeGitHub;
const repo = '/repos/octo/projects';

beforeAll(async () => {
  gh = await startFakeGitHub({ now: () => new Date('2026-11-02T10:00:00Z') });
  gh.createRepo('octo', 'projects');
});
afterAll(() => gh.close());

describe('fake GitHub checks requests against the OpenAPI description', () => {
  it('accepts a valid milestone and answers with a body that matches the schema', async () => {
    const res = await call(gh.url, 'POST', `${repo}/milestones`, {
      body: { title: 'Replicate', due_on: '2026-11-15T12:00:00Z', description: 'phase change' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${gh.url}${repo}/milestones/${res.body.number}`);
    expect(checkGitHubResponse('POST', `${repo}/milestones`, 201, res.body)).toBeUndefined();
    expect(res.body).toMatchObject({ title: 'Replicate', state: 'open', created_at: '2026-11-02T10:00:00Z' });
  });

  it('stores due_on the way GitHub does: midnight Pacific time of that day', async () => {
    const november = await call(gh.url, 'POST', `${repo}/milestones`, {
      body: { title: 'PST', due_on: '2026-11-15T12:00:00Z' },
    });
    const july = await call(gh.url, 'POST', `${repo}/milestones`, {
      body: { title: 'PDT', due_on: '2026-07-15T12:00:00Z' },
    });
    const early = await call(gh.url, 'POST', `${repo}/milestones`, {
      body: { title: 'Early', due_on: '2026-11-15T05:00:00Z' },
    });
    expect(november.body.due_on).toBe('2026-11-15T08:00:00Z');
    expect(july.body.due_on).toBe('2026-07-15T07:00:00Z');
    // 05:00Z is still the previous day in California.
    expect(early.body.due_on).toBe('2026-11-14T08:00:00Z');
  });

  it.each([
    [{ title: 'M', due_on: '2026-11-15' }, 'due_on', `For 'properties/due_on', "2026-11-15" is not a date-time.`],
    [{ title: 'M', state: 'done' }, 'state', `For 'properties/state', "done" is not one of ["open", "closed"].`],
    [{ description: 'no title' }, 'title', `"title" wasn't supplied.`],
    [{ title: 42 }, 'title', `For 'properties/title', 42 is not a string.`],
  ])('refuses the milestone %j with a 422 naming %s', async (body, field, words) => {
    const before = gh.violations.length;
    const res = await call(gh.url, 'POST', `${repo}/milestones`, { body });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(`Invalid request.\n\n${words}`);
    expect(res.body.errors).toEqual([expect.objectContaining({ resource: 'Milestone', field })]);
    expect(res.body.documentation_url).toMatch(/^https:\/\/docs\.github\.com\//);
    expect(gh.violations.slice(before)).toEqual([expect.objectContaining({ kind: 'invalid-body' })]);
  });

  it('refuses a key the schema forbids (additionalProperties: false) and names it', async () => {
    const res = await call(gh.url, 'POST', `${repo}/issues`, {
      body: { title: 'x', issue_field_values: [{ field_id: 1, value: 'a', colour: 'red' }] },
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toContain('"issue_field_values/0/colour" is not a permitted key.');
  });

  it('answers like GitHub for a key the schema does not declare, but records it as a likely typo', async () => {
    const before = gh.violations.length;
    const res = await call(gh.url, 'POST', `${repo}/issues`, { body: { title: 'x', label: ['bug'] } });
    expect(res.status).toBe(201);
    expect(gh.violations.slice(before)).toEqual([
      expect.objectContaining({ kind: 'unknown-body-field', message: expect.stringContaining('"label"') }),
    ]);
  });

  it('refuses undeclared keys when asked to', async () => {
    const strict = await startFakeGitHub({ unknownBodyFields: 'reject' });
    try {
      strict.createRepo('octo', 'projects');
      const res = await call(strict.url, 'POST', `${repo}/issues`, { body: { title: 'x', label: ['bug'] } });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe('label');
    } finally {
      await strict.close();
    }
  });

  it('refuses unknown query parameters and bad enum values with 422', async () => {
    const unknown = await call(gh.url, 'GET', `${repo}/issues?bogus=1`);
    const wrongEnum = await call(gh.url, 'GET', `${repo}/issues?state=done`);
    const wrongType = await call(gh.url, 'GET', `${repo}/issues?per_page=many`);
    expect([unknown.status, wrongEnum.status, wrongType.status]).toEqual([422, 422, 422]);
    expect(unknown.body.message).toContain('"bogus" is not a permitted query parameter.');
    expect(wrongEnum.body.message).toContain(`For 'state', "done" is not one of ["open", "closed", "all"].`);
    expect(wrongType.body.message).toContain(`For 'per_page', "many" is not an integer.`);
  });

  it('answers 404 for a route GitHub does not have and records it', async () => {
    const before = gh.violations.length;
    const res = await call(gh.url, 'GET', `${repo}/no-such-thing`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ message: 'Not Found', status: '404' });
    expect(gh.violations.slice(before)).toEqual([expect.objectContaining({ kind: 'unknown-route' })]);
  });

  it('answers 404 for a real GitHub route the fake does not implement, saying so', async () => {
    const before = gh.violations.length;
    const res = await call(gh.url, 'GET', `${repo}/branches/main`);
    expect(res.status).toBe(404);
    expect(gh.violations.slice(before)).toEqual([
      expect.objectContaining({ kind: 'not-implemented', message: expect.stringContaining('repos/get-branch') }),
    ]);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await fetch(`${gh.url}${repo}/issues`, {
      method: 'POST',
      headers: { authorization: 'token t', 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: 'Problems parsing JSON' });
  });

  it('refuses a request without a token with 401 Bad credentials', async () => {
    const res = await call(gh.url, 'GET', repo, { token: null });
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Bad credentials');
  });

  it('accepts "Bearer" as well as "token" and maps configured tokens to users', async () => {
    const named = await startFakeGitHub({ tokens: { 'alice-token': 'alice' } });
    try {
      named.createRepo('octo', 'projects');
      const bearer = await fetch(`${named.url}${repo}/issues`, {
        method: 'POST',
        headers: { authorization: 'Bearer alice-token', 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'from alice' }),
      });
      expect(((await bearer.json()) as { user: { login: string } }).user.login).toBe('alice');
      expect((await call(named.url, 'GET', repo, { token: 'someone-else' })).status).toBe(401);
    } finally {
      await named.close();
    }
  });

  it('puts rate-limit headers on every response and counts requests', async () => {
    const first = await call(gh.url, 'GET', repo);
    const second = await call(gh.url, 'GET', repo);
    expect(first.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(first.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(second.headers.get('x-ratelimit-used'))).toBe(Number(first.headers.get('x-ratelimit-used')) + 1);
    expect(Number(second.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const overview = await call(gh.url, 'GET', '/rate_limit');
    expect(overview.body.resources.core.used).toBe(Number(second.headers.get('x-ratelimit-used')));
  });

  it('answers 403 with remaining 0 once the hourly limit is used up', async () => {
    const small = await startFakeGitHub({ rateLimit: { core: 2 } });
    try {
      small.createRepo('octo', 'projects');
      expect((await call(small.url, 'GET', repo)).status).toBe(200);
      expect((await call(small.url, 'GET', repo)).status).toBe(200);
      const refused = await call(small.url, 'GET', repo);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(refused.body.message).toMatch(/API rate limit exceeded/);
    } finally {
      await small.close();
    }
  });

  it('the fake refuses to send a response that breaks the schema', () => {
    expect(checkGitHubResponse('GET', `${repo}/milestones/1`, 200, { title: 'no other fields' })).toMatch(
      /response breaks the OpenAPI schema/,
    );
  });

  it('checks each timeline entry against the shapes it could be, and refuses one that fits none of them', async () => {
    const { number } = gh.seedIssue('octo/projects', { title: 'p', labels: ['proposal'] });
    gh.seedComment('octo/projects', number, { body: 'hi', user: 'bob' });
    const path = `${repo}/issues/${number}/timeline`;
    const timeline = await call(gh.url, 'GET', path);
    expect(timeline.body.map((e: { event: string }) => e.event)).toEqual(['labeled', 'commented']);
    expect(checkGitHubResponse('GET', path, 200, timeline.body)).toBeUndefined();
    // Two of GitHub's 33 shapes require no key at all, so only a wrong type makes an entry fit none of them.
    expect(checkGitHubResponse('GET', path, 200, [timeline.body[0], { event: 42 }])).toMatch(
      /response breaks the OpenAPI schema: \/1\/event must be string/,
    );
    expect(checkGitHubResponse('GET', path, 200, ['commented'])).toMatch(/\/0 /);
  });
});
